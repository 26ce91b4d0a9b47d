"""The tagger network in torch: an encoder with word shapes, a token head, states, and the event heads.

``TaggerNetwork.forward(input_ids, attention_mask[, shape_ids]) -> (logits, states)`` is what ONNX
exports; ``EventHeads`` is the torch twin of ``extractors.tagger.heads`` (same parameters, same maths),
trained here and written to ``heads.npz`` for the runtime. ``loss`` computes the training objective of a
collated batch (``collate``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from torch import nn

from extractors.tagger.heads import BETWEEN_BUCKETS, DISTANCE_BUCKETS, pair_geometry
from extractors.tagger.labels import IGNORE, ROLES, SHAPES, LabelScheme, SentenceTargets

STATE_DIM = 256
ROLE_DIM, DISTANCE_DIM, BETWEEN_DIM = 16, 16, 8
NETWORK_FILE = "network.json"


class EventHeads(nn.Module):
    """Status and kind per trigger; a link probability per (trigger, argument) pair."""

    def __init__(self, dim: int, n_status: int, n_kind: int) -> None:
        super().__init__()
        self.event = nn.Sequential(nn.Linear(2 * dim, dim), nn.GELU(approximate="tanh"),
                                   nn.Linear(dim, n_status + n_kind))
        self.role = nn.Embedding(len(ROLES), ROLE_DIM)
        self.distance = nn.Embedding(DISTANCE_BUCKETS, DISTANCE_DIM)
        self.between = nn.Embedding(BETWEEN_BUCKETS, BETWEEN_DIM)
        self.link = nn.Sequential(nn.Linear(3 * dim + ROLE_DIM + DISTANCE_DIM + BETWEEN_DIM, dim),
                                  nn.GELU(approximate="tanh"), nn.Linear(dim, 1))

    def event_logits(self, trig: torch.Tensor, cls: torch.Tensor) -> torch.Tensor:
        return self.event(torch.cat([trig, cls], -1))

    def link_logits(self, trig: torch.Tensor, arg: torch.Tensor, role: torch.Tensor, distance: torch.Tensor,
                    between: torch.Tensor) -> torch.Tensor:
        x = torch.cat([trig, arg, trig * arg, self.role(role), self.distance(distance), self.between(between)], -1)
        return self.link(x)[..., 0]

    def to_numpy(self) -> dict[str, np.ndarray]:
        """The weights as ``extractors.tagger.heads.EventHeads`` reads them."""
        out = {k: v.detach().float().cpu().numpy() for k, v in self.state_dict().items()}
        for name in ("role", "distance", "between"):
            out[name] = out.pop(f"{name}.weight")
        return out


class TaggerNetwork(nn.Module):
    """Encoder (+ word-shape embeddings added to its token embeddings) -> token logits and states."""

    def __init__(self, encoder: nn.Module, scheme: LabelScheme, *, shapes: bool = True, state_dim: int = STATE_DIM,
                 dropout: float = 0.1) -> None:
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        self.scheme = scheme
        self.uses_shapes = shapes
        self.shape_embeddings = nn.Embedding(len(SHAPES), hidden) if shapes else None
        if self.shape_embeddings is not None:
            nn.init.zeros_(self.shape_embeddings.weight)  # starts as the plain encoder
        self.dropout = nn.Dropout(dropout)
        self.token_head = nn.Linear(hidden, scheme.width)
        self.state_head = nn.Linear(hidden, state_dim)
        self.heads = EventHeads(state_dim, len(scheme.statuses), len(scheme.kinds))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                shape_ids: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        embeds = self.encoder.get_input_embeddings()(input_ids)
        if self.shape_embeddings is not None and shape_ids is not None:
            embeds = embeds + self.shape_embeddings(shape_ids)
        hidden = self.dropout(self.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state)
        return self.token_head(hidden), self.state_head(hidden)

    def head_parameters(self) -> list[nn.Parameter]:
        """Everything but the encoder (trained at the heads' learning rate)."""
        enc = {id(p) for p in self.encoder.parameters()}
        return [p for p in self.parameters() if id(p) not in enc]

    # ----------------------------------------------------------------------------- saving and loading

    def save(self, out: Path, dtype: torch.dtype = torch.float16) -> None:
        """``model.safetensors`` (encoder and heads, ``dtype``), the encoder's ``config.json``, ``network.json``."""
        from safetensors.torch import save_file

        out = Path(out)
        state = {k: v.detach().to(dtype).contiguous() for k, v in self.state_dict().items()}
        save_file(state, str(out / "model.safetensors"))
        self.encoder.config.to_json_file(str(out / "config.json"))
        (out / NETWORK_FILE).write_text(json.dumps({"shapes": self.uses_shapes,
                                                    "state_dim": self.state_head.out_features}) + "\n")

    @classmethod
    def load(cls, model_dir: Path, scheme: LabelScheme, dtype: torch.dtype = torch.float32) -> TaggerNetwork:
        """The network saved by ``save`` (no download: the encoder is built from its config)."""
        from safetensors.torch import load_file
        from transformers import AutoConfig, AutoModel

        model_dir = Path(model_dir)
        config = AutoConfig.from_pretrained(model_dir, local_files_only=True)
        spec = json.loads((model_dir / NETWORK_FILE).read_text())
        net = cls(AutoModel.from_config(config, add_pooling_layer=False) if config.model_type == "bert"
                  else AutoModel.from_config(config), scheme, shapes=spec["shapes"], state_dim=spec["state_dim"])
        net.load_state_dict({k: v.float() for k, v in load_file(str(model_dir / "model.safetensors")).items()},
                            strict=False)
        return net.to(dtype).eval()


# --------------------------------------------------------------------------- batches and loss


def collate(items: list[dict]) -> dict[str, torch.Tensor]:
    """Pad a list of encoded sentences (``ids``, ``shapes``, ``targets``) into one training batch.

    Event and pair tensors are flat over the batch: ``trig`` rows ``(sentence, first, last)``, ``arg``
    rows likewise, and one row per (trigger, argument) pair of a sentence with its geometry and label.
    """
    width = max(len(it["ids"]) for it in items)
    n = len(items)
    batch = {"input_ids": np.zeros((n, width), np.int64), "attention_mask": np.zeros((n, width), np.int64),
             "shape_ids": np.zeros((n, width), np.int64), "tags": np.full((n, width), IGNORE, np.int64),
             "name_tags": np.full((n, width), IGNORE, np.int64), "token_weight": np.zeros(n, np.float32)}
    trig, status, kind, event_w, arg = [], [], [], [], []
    pairs, labels, pair_w = [], [], []
    for b, it in enumerate(items):
        t: SentenceTargets = it["targets"]
        k = len(it["ids"])
        batch["input_ids"][b, :k] = it["ids"]
        batch["attention_mask"][b, :k] = 1
        batch["shape_ids"][b, :k] = it["shapes"]
        batch["tags"][b, :k] = t.tags
        batch["name_tags"][b, :k] = t.name_tags
        batch["token_weight"][b] = t.weight
        t0, a0 = len(trig), len(arg)
        trig += [(b, f, la) for f, la in t.triggers]
        status += list(t.status)
        kind += list(t.kind)
        event_w += [t.weight] * len(t.triggers)
        arg += [(b, f, la) for _, f, la in t.spans]
        if len(t.triggers) and len(t.spans):
            distance, between = pair_geometry(t.triggers, t.spans[:, 1:])
            for e in range(len(t.triggers)):
                for a in range(len(t.spans)):
                    pairs.append((t0 + e, a0 + a, t.spans[a, 0], distance[e, a], between[e, a]))
                    labels.append(t.links[e, a])
                    pair_w.append(t.weight)
    batch["trig"] = np.asarray(trig, np.int64).reshape(-1, 3)
    batch["status"] = np.asarray(status, np.int64)
    batch["kind"] = np.asarray(kind, np.int64)
    batch["event_weight"] = np.asarray(event_w, np.float32)
    batch["arg"] = np.asarray(arg, np.int64).reshape(-1, 3)
    batch["pairs"] = np.asarray(pairs, np.int64).reshape(-1, 5)
    batch["link"] = np.asarray(labels, np.float32)
    batch["pair_weight"] = np.asarray(pair_w, np.float32)
    return {k: torch.from_numpy(v) for k, v in batch.items()}


def span_means(states: torch.Tensor, spans: torch.Tensor) -> torch.Tensor:
    """Mean state over inclusive token ranges; ``spans`` rows are ``(sentence, first, last)``."""
    cum = torch.cat([states.new_zeros(states.shape[0], 1, states.shape[-1]), states.cumsum(1)], 1)
    b, f, la = spans[:, 0], spans[:, 1], spans[:, 2]
    return (cum[b, la + 1] - cum[b, f]) / (la - f + 1).unsqueeze(-1).to(states.dtype)


def loss(net: TaggerNetwork, batch: dict[str, torch.Tensor], name_weight: float = 3.0,
         link_weight: float = 1.0) -> tuple[torch.Tensor, dict[str, float]]:
    """The training objective: tag and name-tag cross-entropy, status and kind cross-entropy at gold
    triggers, link binary cross-entropy over all (trigger, argument) pairs; each weighted per sentence."""
    ce = nn.functional.cross_entropy
    shapes = batch["shape_ids"] if net.uses_shapes else None
    logits, states = net(batch["input_ids"], batch["attention_mask"], shapes)
    sl = net.scheme.slices()
    parts: dict[str, torch.Tensor] = {}
    w_tok = batch["token_weight"].unsqueeze(1).expand_as(batch["tags"])
    for key, weight in (("tags", None), ("name_tags", torch.tensor([1.0, name_weight, name_weight]))):
        target = batch[key]
        mask = target != IGNORE
        part = logits[..., sl[key]]
        per = ce(part.reshape(-1, part.shape[-1]), target.reshape(-1).clamp(min=0), weight=weight, reduction="none")
        per = per.reshape(target.shape) * mask * w_tok
        parts[key] = per.sum() / mask.sum().clamp(min=1)
    if len(batch["trig"]):
        trig = span_means(states, batch["trig"])
        cls = states[batch["trig"][:, 0], 0]
        head = net.heads.event_logits(trig, cls)
        n_status = len(net.scheme.statuses)
        w = batch["event_weight"]
        parts["status"] = (ce(head[:, :n_status], batch["status"], reduction="none") * w).sum() / w.sum()
        parts["kind"] = (ce(head[:, n_status:], batch["kind"], reduction="none") * w).sum() / w.sum()
        if len(batch["pairs"]):
            arg = span_means(states, batch["arg"])
            p = batch["pairs"]
            link = net.heads.link_logits(trig[p[:, 0]], arg[p[:, 1]], p[:, 2], p[:, 3], p[:, 4])
            bce = nn.functional.binary_cross_entropy_with_logits(link, batch["link"], reduction="none")
            parts["link"] = link_weight * (bce * batch["pair_weight"]).sum() / batch["pair_weight"].sum()
    total = sum(parts.values())
    return total, {k: float(v.detach()) for k, v in parts.items()}
