"""ONNX export of the tagger network, int8 quantization, and the fused-attention rewrite.

``export_onnx`` writes fp32 ONNX with dynamic batch and sequence axes; ``QUANTIZERS`` make int8 variants
(``int8-token`` is batch-invariant); ``fuse_attention`` swaps each eager BERT self-attention block for ONNX
Runtime's fused CPU kernel. Needs torch and onnx (training only).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

OPSET = 17


def export_onnx(network, path: Path, opset: int = OPSET) -> None:
    """fp32 ONNX: ``(input_ids, attention_mask[, shape_ids]) -> (logits, states)``, dynamic batch and length."""
    import torch

    inputs = ["input_ids", "attention_mask"] + (["shape_ids"] if network.uses_shapes else [])
    dummy = tuple(torch.ones(2, 16, dtype=torch.long) for _ in inputs)
    axes = {name: {0: "batch", 1: "sequence"} for name in [*inputs, "logits", "states"]}
    with warnings.catch_warnings():  # the TorchScript exporter's deprecation and tracer notes
        warnings.simplefilter("ignore")
        torch.onnx.export(network.eval(), dummy, str(path), input_names=inputs, output_names=["logits", "states"],
                          dynamic_axes=axes, opset_version=opset, dynamo=False, do_constant_folding=True)


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
    mask, and computes the same products in the same order: on agenda-tagger-v2 (int8-token and fp32) the
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
