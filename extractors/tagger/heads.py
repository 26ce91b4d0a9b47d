"""The event head and the link head, in numpy (their weights: the model dir's ``heads.npz``).

Both read the per-token *states* the network outputs beside its tag logits:

- event head: ``[mean state of the trigger's tokens; state of [CLS]]`` -> status and kind. The trigger's
  tokens have attended to the whole sentence and [CLS] sums it up, so "the March 3 meeting", "are in
  talks" and "called for talks" are told apart by what surrounds the trigger, not by the trigger word.
- link head: for every (trigger, argument) pair, ``[trigger; argument; trigger * argument]`` with
  embeddings of the argument's role, the signed token distance between the two (bucketed) and how many
  other triggers stand between them -> the probability that the argument belongs to that event.

``extractors.training.network`` trains the same computation in torch and writes ``heads.npz``; a test
checks that the two agree.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

DISTANCE_BUCKETS = 11  # signed: ..., -2..-3, -1, 0 (touching or overlapping), 1, 2..3, ...
BETWEEN_BUCKETS = 4  # 0, 1, 2, 3+ other triggers between trigger and argument
_EDGES = np.array([1, 2, 4, 8, 16])  # |gap| thresholds of the buckets


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh approximation (what the torch heads use)."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)))


def span_means(states: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """Mean state over each inclusive token range ``spans[:, 0]..spans[:, 1]`` of ``states`` (T, D)."""
    if not len(spans):
        return np.zeros((0, states.shape[-1]), states.dtype)
    cum = np.concatenate([np.zeros((1, states.shape[-1]), np.float64), np.cumsum(states, 0, dtype=np.float64)])
    first, last = spans[:, 0], spans[:, 1]
    return ((cum[last + 1] - cum[first]) / (last - first + 1)[:, None]).astype(np.float32)


def pair_geometry(triggers: np.ndarray, args: np.ndarray, others: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Distance and between-trigger bucket indices of trigger ranges and argument ranges (token indices,
    inclusive, last axis 2), broadcast against each other: ``(E, 1, 2)`` with ``(1, A, 2)`` gives ``(E, A)``.

    ``others`` ``(..., K, 2)`` are the sentence's triggers counted when they stand between the two
    (default: ``triggers`` itself, for the ``(E, 2)`` / ``(A, 2)`` form of one sentence, which gives ``(E, A)``).
    """
    if others is None:
        triggers, args, others = triggers[:, None], args[None], triggers[None, None]
    t0, t1 = triggers[..., 0], triggers[..., 1]
    a0, a1 = args[..., 0], args[..., 1]
    gap = np.where(a0 > t1, a0 - t1, np.where(a1 < t0, a1 - t0, 0))
    size = np.searchsorted(_EDGES, np.abs(gap), side="right")
    distance = DISTANCE_BUCKETS // 2 + np.sign(gap) * size
    lo, hi = np.minimum(t1, a1), np.maximum(t0, a0)  # the tokens strictly between the two lie in (lo, hi)
    inside = (others[..., 0] > lo[..., None]) & (others[..., 1] < hi[..., None])
    between = np.minimum(inside.sum(-1), BETWEEN_BUCKETS - 1)
    return distance.astype(np.int64), between.astype(np.int64)


class EventHeads:
    """The two heads with their weights (``heads.npz``: see ``extractors.training.network.EventHeads``)."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.w = {k: np.asarray(v, np.float32) for k, v in weights.items()}
        for prefix in ("event", "link"):  # (in, out), contiguous: one BLAS call per layer
            for layer in (0, 2):
                self.w[f"{prefix}.{layer}.in_out"] = np.ascontiguousarray(self.w[f"{prefix}.{layer}.weight"].T)

    @classmethod
    def load(cls, path: Path) -> EventHeads:
        with np.load(path) as data:
            return cls({k: data[k] for k in data.files})

    def _mlp(self, prefix: str, x: np.ndarray) -> np.ndarray:
        w = self.w
        flat = np.ascontiguousarray(x, np.float32).reshape(-1, x.shape[-1])
        hidden = gelu(flat @ w[f"{prefix}.0.in_out"] + w[f"{prefix}.0.bias"])
        return (hidden @ w[f"{prefix}.2.in_out"] + w[f"{prefix}.2.bias"]).reshape(*x.shape[:-1], -1)

    def event_logits(self, states: np.ndarray, cls_state: np.ndarray, triggers: np.ndarray) -> np.ndarray:
        """``(E, statuses + kinds)`` logits for the trigger ranges of one sentence."""
        trig = span_means(states, triggers)
        return self.event_scores(trig, np.broadcast_to(cls_state, trig.shape))

    def event_scores(self, trigger_states: np.ndarray, cls_states: np.ndarray) -> np.ndarray:
        """``(E, statuses + kinds)`` logits from each trigger's mean state and its sentence's [CLS] state."""
        return self._mlp("event", np.concatenate([trigger_states, cls_states], -1))

    def link_logits(self, states: np.ndarray, triggers: np.ndarray, args: np.ndarray) -> np.ndarray:
        """``(E, A)`` logits that argument ``a`` (rows ``(role, first, last)``) belongs to trigger ``e``."""
        if not len(triggers) or not len(args):
            return np.zeros((len(triggers), len(args)), np.float32)
        t, a = span_means(states, triggers), span_means(states, args[:, 1:])
        distance, between = pair_geometry(triggers, args[:, 1:])
        e, n = len(t), len(a)
        pair_t, pair_a = np.repeat(np.arange(e), n), np.tile(np.arange(n), e)
        return self.link_scores(t[pair_t], a[pair_a], args[pair_a, 0], distance.ravel(),
                                between.ravel()).reshape(e, n)

    def link_scores(self, trigger_states: np.ndarray, arg_states: np.ndarray, roles: np.ndarray,
                    distance: np.ndarray, between: np.ndarray) -> np.ndarray:
        """``(P,)`` logits for ``P`` (trigger, argument) pairs given row by row: their mean states, the
        argument's role and the pair's distance and between-trigger buckets."""
        w = self.w
        x = np.concatenate([trigger_states, arg_states, trigger_states * arg_states, w["role"][roles],
                            w["distance"][distance], w["between"][between]], -1)
        return self._mlp("link", x)[..., 0]
