"""The GPU path's code on CPU: one torch tagger process fed by worker processes (``--device``)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys

import pytest
from conftest import SAMPLE, SEED_FILE

from extractors.runs.pipeline import run_extract
from extractors.runs.tagging_service import DeviceUnavailable, TaggerService, check_device
from extractors.storage.query import connect

needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
EVENTS = ("SELECT article_id, evidence_start, trigger, start_date, end_date, participants, location, status "
          "FROM events ORDER BY ALL")


@needs_torch
def test_workers_fed_by_one_torch_tagger_agree_with_the_int8_path(tmp_path):
    day = dt.date(2013, 3, 18)
    service = run_extract([str(SAMPLE)], str(tmp_path / "service"), day, device="torch:cpu", workers=2)
    onnx = run_extract([str(SAMPLE)], str(tmp_path / "onnx"), day, workers=1)
    assert service.status == onnx.status == "success"
    assert service.articles_new == onnx.articles_new > 150
    got, want = (connect(str(tmp_path / w)).execute(EVENTS).fetchall() for w in ("service", "onnx"))
    same = sum(row in want for row in got)
    assert same >= 0.9 * max(len(got), len(want)), (same, len(got), len(want))  # fp32 vs int8 weights
    runs = connect(str(tmp_path / "service")).execute("SELECT extractor FROM runs").fetchall()
    assert runs == [(onnx.extractor,)]


@needs_torch
def test_the_seed_through_the_service_in_this_process(tmp_path):
    run_extract([str(SEED_FILE)], str(tmp_path), dt.date(2016, 11, 10), device="torch:cpu", workers=1)
    rows = connect(str(tmp_path)).execute(
        "SELECT start_date, end_date FROM events WHERE status = 'scheduled' ORDER BY start_date").fetchall()
    assert rows == [(dt.date(2016, 11, 14), dt.date(2016, 11, 20)), (dt.date(2016, 11, 17), dt.date(2016, 11, 17))]


@needs_torch
def test_a_model_that_cannot_load_fails_the_start_with_its_reason(tmp_path):
    with pytest.raises(RuntimeError, match="SHA256SUMS: missing"), TaggerService(1, "cpu", model_dir=tmp_path):
        pass


@needs_torch
@pytest.mark.skipif(importlib.util.find_spec("torch") and __import__("torch").cuda.is_available(),
                    reason="a GPU is present")
def test_no_gpu_is_a_clear_error_and_opens_no_run(tmp_path):
    with pytest.raises(DeviceUnavailable, match="sees no CUDA GPU"):
        check_device("cuda")
    with pytest.raises(DeviceUnavailable, match="sees no CUDA GPU"):
        run_extract([str(SEED_FILE)], str(tmp_path), dt.date(2016, 11, 10), device="cuda")
    assert not (tmp_path / "runs").exists()


def test_no_torch_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch -> ImportError
    with pytest.raises(DeviceUnavailable, match="needs PyTorch"):
        check_device("cuda")


def test_the_baseline_does_not_run_on_a_device(tmp_path):
    with pytest.raises(ValueError, match="model tagger"):
        run_extract([str(SEED_FILE)], str(tmp_path), dt.date(2016, 11, 10), extractor="baseline", device="cuda")
