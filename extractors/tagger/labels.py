"""The model's label scheme and the conversion between character spans and token labels.

Shared by training (``extractors.training.train``) and inference (``extractors.tagger.runtime``); numpy only, no torch.

One token-classification head of ``LabelScheme.width`` logits per token, in four slices:

- ``tags``: BIO over the mutually exclusive span types TRIGGER, PARTICIPANT, TIME, PLACE;
- ``name_tags``: BIO for EVENT_NAME on a layer of its own, since a name usually contains its trigger
  ("G20 summit");
- ``status`` and ``kind``: per-token classes, trained and read only at trigger tokens.

Decoding turns tag runs into spans (snapped to whole words), reads status and kind as the mean
probability over each trigger's tokens, and links every argument to its nearest trigger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from extractors.tagger.spans import KINDS, STATUSES, SentenceEvent, Span

SPAN_TYPES = ("TRIGGER", "PARTICIPANT", "TIME", "PLACE")
NAME_TYPE = "EVENT_NAME"
TAGS = ("O", *(f"{p}-{t}" for t in SPAN_TYPES for p in ("B", "I")))
NAME_TAGS = ("O", f"B-{NAME_TYPE}", f"I-{NAME_TYPE}")
IGNORE = -100  # label of tokens that carry no loss (special tokens, padding, non-trigger status/kind)
LINKINGS = ("nearest", "share-participants")
DEICTIC_PLACES = frozenset({"here", "there"})  # a named place beats these when both fit one event

# Later types win where gold spans of different types overlap (rare: "board" / "board meeting").
_PRIORITY = ("participant", "place", "time", "trigger")
_FIELD_TYPE = {"trigger": 0, "participant": 1, "time": 2, "place": 3}


@dataclass(frozen=True, slots=True)
class LabelScheme:
    """Names and logit layout of the head; serialised into the model dir's ``labels.json``."""

    tags: tuple[str, ...] = TAGS
    name_tags: tuple[str, ...] = NAME_TAGS
    statuses: tuple[str, ...] = STATUSES
    kinds: tuple[str, ...] = KINDS

    @property
    def width(self) -> int:
        return len(self.tags) + len(self.name_tags) + len(self.statuses) + len(self.kinds)

    def slices(self) -> dict[str, slice]:
        """Where each group of logits lies in the last axis."""
        out: dict[str, slice] = {}
        i = 0
        for key in ("tags", "name_tags", "status", "kind"):
            n = len(self._group(key))
            out[key] = slice(i, i + n)
            i += n
        return out

    def label_names(self) -> list[str]:
        """One name per logit, e.g. for a transformers config's ``id2label``."""
        return [f"{key}:{name}" for key in ("tags", "name_tags", "status", "kind") for name in self._group(key)]

    def _group(self, key: str) -> tuple[str, ...]:
        return {"tags": self.tags, "name_tags": self.name_tags, "status": self.statuses, "kind": self.kinds}[key]

    def to_json(self) -> dict:
        return {
            "tags": list(self.tags),
            "name_tags": list(self.name_tags),
            "statuses": list(self.statuses),
            "kinds": list(self.kinds),
            "layout": {k: [s.start, s.stop] for k, s in self.slices().items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> LabelScheme:
        scheme = cls(tuple(data["tags"]), tuple(data["name_tags"]), tuple(data["statuses"]), tuple(data["kinds"]))
        if scheme.tags != TAGS or scheme.name_tags != NAME_TAGS:
            raise ValueError("labels.json: unsupported tag set for this decoder")
        return scheme


# --------------------------------------------------------------------------- encoding (training)


@dataclass(slots=True)
class TokenLabels:
    """Per-token training targets for one sentence (``IGNORE`` where no loss applies)."""

    tags: np.ndarray
    name_tags: np.ndarray
    status: np.ndarray
    kind: np.ndarray


def _token_range(offsets: np.ndarray, real: np.ndarray, start: int, end: int) -> np.ndarray:
    """Indices of the real tokens that overlap the character span ``[start, end)``."""
    return np.flatnonzero(real & (offsets[:, 0] < end) & (offsets[:, 1] > start))


def encode_events(offsets: np.ndarray, special: np.ndarray, events: Sequence[dict],
                  scheme: LabelScheme = LabelScheme()) -> TokenLabels:
    """Token labels for a sentence's gold events (``sentences.jsonl`` dicts with char spans).

    ``offsets`` is the tokenizer's ``(T, 2)`` char offsets, ``special`` marks [CLS]/[SEP]/padding.
    """
    n = len(offsets)
    real = ~special
    tags = np.where(real, 0, IGNORE).astype(np.int64)
    name_tags = tags.copy()
    status = np.full(n, IGNORE, np.int64)
    kind = np.full(n, IGNORE, np.int64)

    def mark(array: np.ndarray, idx: np.ndarray, b: int) -> None:
        if len(idx):
            array[idx] = b + 1
            array[idx[0]] = b

    spans: list[tuple[str, dict]] = []
    for ev in events:
        spans.append(("trigger", ev["trigger"]))
        spans.extend(("participant", p) for p in ev.get("participants") or [])
        spans.extend((f, ev[f]) for f in ("time", "place") if ev.get(f))
        if ev.get("event_name"):
            sp = ev["event_name"]
            mark(name_tags, _token_range(offsets, real, sp["start"], sp["end"]), 1)
    for field in _PRIORITY:
        for f, sp in spans:
            if f == field:
                mark(tags, _token_range(offsets, real, sp["start"], sp["end"]), 1 + 2 * _FIELD_TYPE[f])
    for ev in events:
        idx = _token_range(offsets, real, ev["trigger"]["start"], ev["trigger"]["end"])
        status[idx] = scheme.statuses.index(ev["status"])
        kind[idx] = scheme.kinds.index(ev["kind"])
    return TokenLabels(tags, name_tags, status, kind)


# --------------------------------------------------------------------------- decoding (inference)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def bio_runs(tags: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spans in a BIO id sequence (0 = O, odd = B-x, even = I-x): ``(type, first, last)`` token indices.

    An I- tag that does not continue a run of its type starts a new run (lenient decoding).
    """
    typ = np.where(tags > 0, (tags - 1) // 2, -1)
    is_b = (tags % 2) == 1
    prev = np.concatenate(([-1], typ[:-1]))
    nxt = np.concatenate((typ[1:], [-1]))
    nxt_b = np.concatenate((is_b[1:], [True]))
    starts = np.flatnonzero((typ >= 0) & (is_b | (prev != typ)))
    ends = np.flatnonzero((typ >= 0) & ((nxt != typ) | nxt_b))
    return typ[starts], starts, ends


@dataclass(slots=True)
class _Arg:
    role: str  # "participant", "time", "place", "event_name"
    first: int
    last: int
    span: Span


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    """Token distance between two inclusive token ranges (0 when they touch or overlap)."""
    return max(0, b0 - a1, a0 - b1)


def decode_sentence(sentence: str, offsets: np.ndarray, word_first: np.ndarray, word_last: np.ndarray,
                    logits: np.ndarray, scheme: LabelScheme = LabelScheme(),
                    linking: str = "nearest") -> list[SentenceEvent]:
    """Events of one sentence from its real tokens' logits ``(T, width)`` (no [CLS]/[SEP]/padding rows).

    ``offsets`` are the tokens' char offsets ``(T, 2)``; ``word_first``/``word_last`` give, per token,
    the first/last token of its word, so that spans never end inside a word.
    """
    sl = scheme.slices()
    tags = logits[:, sl["tags"]].argmax(-1)
    types, firsts, lasts = bio_runs(tags)
    trig = types == 0
    if not trig.any():
        return []

    def span(first: int, last: int) -> tuple[int, int, Span]:
        f, la = int(word_first[first]), int(word_last[last])
        s, e = int(offsets[f, 0]), int(offsets[la, 1])
        return f, la, Span(s, e, sentence[s:e])

    args: list[_Arg] = []
    roles = (None, "participant", "time", "place")
    for t, f, la in zip(types[~trig], firsts[~trig], lasts[~trig], strict=True):
        args.append(_Arg(roles[t], *span(f, la)))
    _, nf, nl = bio_runs(logits[:, sl["name_tags"]].argmax(-1))
    args.extend(_Arg("event_name", *span(f, la)) for f, la in zip(nf, nl, strict=True))

    triggers = [span(f, la) for f, la in zip(firsts[trig], lasts[trig], strict=True)]
    events: list[SentenceEvent] = []
    tag_probs = _softmax(logits[:, sl["tags"]])
    for f, la, sp in triggers:
        rows = slice(f, la + 1)
        st = _softmax(logits[rows, sl["status"]]).mean(0)
        kd = _softmax(logits[rows, sl["kind"]]).mean(0)
        p_trig = float(tag_probs[rows, 1:3].sum(-1).mean())
        events.append(SentenceEvent(
            trigger=sp, kind=scheme.kinds[int(kd.argmax())], status=scheme.statuses[int(st.argmax())],
            confidence=round((p_trig + float(st.max())) / 2, 4),
        ))
    _link(events, [(f, la) for f, la, _ in triggers], args, linking)
    return events


def _link(events: list[SentenceEvent], trig_pos: list[tuple[int, int]], args: list[_Arg],
          linking: str) -> None:
    """Attach arguments to triggers: each to its nearest trigger (ties go to the earlier one).

    ``share-participants`` gives every participant to every trigger instead. An event name goes
    to the trigger it contains when there is one; each event keeps its nearest time and place, a
    named place winning over "here"/"there" ("... to Peru for the APEC summit there").
    """
    best: dict[tuple[int, str], tuple[tuple[bool, int], Span]] = {}
    for a in args:
        dists = [_gap(a.first, a.last, f, la) for f, la in trig_pos]
        if a.role == "event_name":
            inside = [i for i, (f, la) in enumerate(trig_pos) if a.first <= f and la <= a.last]
            if inside:
                dists = [0 if i in inside else d + 1000 for i, d in enumerate(dists)]
        targets = [int(np.argmin(dists))]
        if a.role == "participant":
            if linking == "share-participants":
                targets = list(range(len(events)))
            for i in targets:
                events[i].participants.append(a.span)
            continue
        deictic = a.role == "place" and a.span.text.lower() in DEICTIC_PLACES
        for i in targets:
            key, rank = (i, a.role), (deictic, dists[i])
            if key not in best or rank < best[key][0]:
                best[key] = (rank, a.span)
    for (i, role), (_, sp) in best.items():
        setattr(events[i], role, sp)
    for ev in events:
        ev.participants = sorted(set(ev.participants), key=lambda s: (s.start, s.end))


def word_bounds(word_ids: Sequence[int | None]) -> tuple[np.ndarray, np.ndarray]:
    """Per token, the index of the first and last token of its word (special tokens are their own word)."""
    w = np.array([-1 if x is None else x for x in word_ids], dtype=np.int64)
    n = len(w)
    idx = np.arange(n)
    new = np.ones(n, bool)
    new[1:] = (w[1:] != w[:-1]) | (w[1:] < 0)
    first = np.maximum.accumulate(np.where(new, idx, 0))
    end = np.ones(n, bool)
    end[:-1] = new[1:]
    last = np.minimum.accumulate(np.where(end, idx, n - 1)[::-1])[::-1]
    return first, last
