"""The sentence sampler of ``data/train`` never draws from an evaluation article."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_evaluation_set_is_excluded() -> None:
    spec = importlib.util.spec_from_file_location("sample_sentences", ROOT / "data" / "train" / "sample_sentences.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ids, _ = module._excluded()
    for path in sorted((ROOT / "data" / "eval").glob("dev[0-9]*.jsonl")):
        held = {json.loads(line)["id"] for line in path.read_text().splitlines() if line.strip()}
        assert held and held <= ids, path.name

