"""Shared fixtures: the seed article and paths to ../shared (read by tests only, never at run time)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev.jsonl"
SCORE_PY = SHARED / "eval" / "score.py"
SAMPLE = ROOT / "samples" / "landing"
SEED_FILE = SAMPLE / "2016-11-10" / "breitbart.jsonl"

needs_shared = pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev.jsonl is not beside the repo")


@pytest.fixture
def seed() -> dict:
    return json.loads(SEED_FILE.read_text())


def load_script(relative: str) -> ModuleType:
    """A script of the repo that is no package module (``data/train/sample_sentences.py``), loaded as a module."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tagger():
    """The shipped tagger (one ONNX thread), loaded once per test module."""
    from extractors.tagger.runtime import OnnxTagger

    return OnnxTagger(threads=1)
