"""The tagger's label scheme, and the conversion between character spans and token labels.

Shared by training (``extractors.training``) and inference (``extractors.tagger.runtime``); numpy only.

The network has three outputs (``extractors.tagger.heads`` reads the last two):

- per token, ``LabelScheme.width`` logits: BIO over the span types TRIGGER, PARTICIPANT, TIME, PLACE, and
  BIO for EVENT_NAME on a layer of its own (a name usually contains its trigger: "G20 summit");
- per token, a state vector from which the *event head* reads each trigger's status and kind (from the
  trigger's tokens and the whole sentence) and the *link head* scores every (trigger, argument) pair;
- word shapes go in beside the token ids (``token_shapes``): the encoders are uncased, names are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from extractors.tagger.spans import KINDS, STATUSES

SPAN_TYPES = ("TRIGGER", "PARTICIPANT", "TIME", "PLACE")
ROLES = ("participant", "time", "place", "event_name")  # argument roles, in link-head order
NAME_TYPE = "EVENT_NAME"
TAGS = ("O", *(f"{p}-{t}" for t in SPAN_TYPES for p in ("B", "I")))
NAME_TAGS = ("O", f"B-{NAME_TYPE}", f"I-{NAME_TYPE}")
IGNORE = -100  # label of tokens that carry no loss (special tokens, padding)
# Word shapes: 0 special or padding, then lower, Capitalised, Capitalised opening the sentence, ALL CAPS,
# digits, other (punctuation).
SHAPES = ("special", "lower", "capital", "capital-initial", "upper", "digit", "other")

# Later types win where gold spans of different types overlap (rare: "board" / "board meeting").
_PRIORITY = ("participant", "place", "time", "trigger")
_FIELD_TYPE = {"trigger": 0, "participant": 1, "time": 2, "place": 3}


@dataclass(frozen=True, slots=True)
class LabelScheme:
    """Names and logit layout of the token head, statuses and kinds; serialised into ``labels.json``."""

    tags: tuple[str, ...] = TAGS
    name_tags: tuple[str, ...] = NAME_TAGS
    statuses: tuple[str, ...] = STATUSES
    kinds: tuple[str, ...] = KINDS

    @property
    def width(self) -> int:
        return len(self.tags) + len(self.name_tags)

    def slices(self) -> dict[str, slice]:
        """Where each group of token logits lies in the last axis."""
        return {"tags": slice(0, len(self.tags)), "name_tags": slice(len(self.tags), self.width)}

    def label_names(self) -> list[str]:
        return [f"tags:{t}" for t in self.tags] + [f"name_tags:{t}" for t in self.name_tags]

    def to_json(self) -> dict:
        return {"tags": list(self.tags), "name_tags": list(self.name_tags), "statuses": list(self.statuses),
                "kinds": list(self.kinds), "roles": list(ROLES), "shapes": list(SHAPES),
                "layout": {k: [s.start, s.stop] for k, s in self.slices().items()}}

    @classmethod
    def from_json(cls, data: dict) -> LabelScheme:
        scheme = cls(tuple(data["tags"]), tuple(data["name_tags"]), tuple(data["statuses"]), tuple(data["kinds"]))
        if scheme.tags != TAGS or scheme.name_tags != NAME_TAGS or tuple(data.get("roles", ROLES)) != ROLES:
            raise ValueError("labels.json: unsupported tag set for this decoder")
        return scheme


# --------------------------------------------------------------------------- word shapes


def token_shapes(sentence: str, offsets: np.ndarray, word_ids: Sequence[int | None]) -> np.ndarray:
    """One ``SHAPES`` index per token, from the word the token belongs to (all its pieces share it)."""
    n = len(offsets)
    out = np.zeros(n, np.int64)
    first_word = next((w for w in word_ids if w is not None), None)
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for i, w in enumerate(word_ids):
        if w is not None:
            starts.setdefault(w, int(offsets[i, 0]))
            ends[w] = int(offsets[i, 1])
    shape: dict[int, int] = {}
    for w, s in starts.items():
        word = sentence[s:ends[w]]
        c = word[:1]
        if c.isupper():
            letters = [ch for ch in word if ch.isalpha()]
            if len(letters) > 1 and all(ch.isupper() for ch in letters):
                shape[w] = 4
            else:
                shape[w] = 3 if w == first_word else 2
        elif c.isdigit():
            shape[w] = 5
        elif c.isalpha():
            shape[w] = 1
        else:
            shape[w] = 6
    for i, w in enumerate(word_ids):
        if w is not None:
            out[i] = shape[w]
    return out


# --------------------------------------------------------------------------- encoding (training)


@dataclass(slots=True)
class SentenceTargets:
    """Training targets of one sentence: token tags, and per gold event its trigger, status, kind and links.

    ``spans`` rows are ``(role, first, last)`` token ranges (inclusive) of the distinct arguments
    (``role`` indexes ``ROLES``); ``links[e, a]`` is 1 when argument ``a`` belongs to event ``e``.
    """

    tags: np.ndarray
    name_tags: np.ndarray
    triggers: np.ndarray  # (E, 2) first, last token
    status: np.ndarray  # (E,) index into the scheme's statuses
    kind: np.ndarray  # (E,)
    spans: np.ndarray  # (A, 3)
    links: np.ndarray  # (E, A) 0/1
    weight: float = 1.0


def _token_range(offsets: np.ndarray, real: np.ndarray, start: int, end: int) -> np.ndarray:
    """Indices of the real tokens that overlap the character span ``[start, end)``."""
    return np.flatnonzero(real & (offsets[:, 0] < end) & (offsets[:, 1] > start))


def _event_args(ev: dict) -> list[tuple[str, dict]]:
    out = [("participant", p) for p in ev.get("participants") or []]
    return out + [(f, ev[f]) for f in ("time", "place", "event_name") if ev.get(f)]


def encode_events(offsets: np.ndarray, special: np.ndarray, events: Sequence[dict],
                  scheme: LabelScheme = LabelScheme()) -> SentenceTargets:
    """Targets for a sentence's gold events (``sentences.jsonl`` dicts with char spans).

    ``offsets`` is the tokenizer's ``(T, 2)`` char offsets, ``special`` marks [CLS]/[SEP]/padding. Events
    whose trigger was truncated away are dropped; so are arguments with no token left.
    """
    real = ~special
    tags = np.where(real, 0, IGNORE).astype(np.int64)
    name_tags = tags.copy()

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

    args: dict[tuple[int, int, int], int] = {}
    triggers, status, kind, links = [], [], [], []
    for ev in events:
        idx = _token_range(offsets, real, ev["trigger"]["start"], ev["trigger"]["end"])
        if not len(idx):
            continue
        triggers.append((idx[0], idx[-1]))
        status.append(scheme.statuses.index(ev["status"]))
        kind.append(scheme.kinds.index(ev["kind"]))
        mine = []
        for role, sp in _event_args(ev):
            tok = _token_range(offsets, real, sp["start"], sp["end"])
            if len(tok):
                mine.append(args.setdefault((ROLES.index(role), int(tok[0]), int(tok[-1])), len(args)))
        links.append(mine)
    link = np.zeros((len(triggers), len(args)), np.float32)
    for e, mine in enumerate(links):
        link[e, mine] = 1.0
    return SentenceTargets(
        tags, name_tags, np.asarray(triggers, np.int64).reshape(-1, 2), np.asarray(status, np.int64),
        np.asarray(kind, np.int64), np.asarray(list(args), np.int64).reshape(-1, 3), link)


# --------------------------------------------------------------------------- decoding (inference)


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


def _allowed(n_tags: int) -> np.ndarray:
    """``(n, n)`` transitions a BIO sequence allows (0 = O, odd = B-x, even = I-x): I-x only after B-x or I-x."""
    typ = np.where(np.arange(n_tags) > 0, (np.arange(n_tags) - 1) // 2, -1)
    inside = (np.arange(n_tags) > 0) & (np.arange(n_tags) % 2 == 0)
    ok = np.ones((n_tags, n_tags), bool)
    ok[:, inside] = typ[:, None] == typ[None, inside]
    return ok


def viterbi(logits: np.ndarray) -> np.ndarray:
    """The best well-formed BIO sequence for ``(T, n)`` tag logits: no I-x that does not continue an x."""
    n = logits.shape[-1]
    logp = logits - np.log(np.exp(logits - logits.max(-1, keepdims=True)).sum(-1, keepdims=True)) - logits.max(
        -1, keepdims=True)
    penalty = np.where(_allowed(n), 0.0, -1e9)
    start = np.where(np.isin(np.arange(n), np.arange(2, n, 2)), -1e9, 0.0)  # no I- first
    score = logp[0] + start
    back = np.zeros((len(logits), n), np.int64)
    for t in range(1, len(logits)):
        cand = score[:, None] + penalty
        back[t] = cand.argmax(0)
        score = cand.max(0) + logp[t]
    path = np.empty(len(logits), np.int64)
    path[-1] = int(score.argmax())
    for t in range(len(logits) - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _glued(text: str, at: int, _: int = 0) -> bool:
    """Do the pieces meeting at ``text[at]`` form one word: a hyphen, slash or ampersand between two word
    characters, a dot inside an abbreviation ("U.S", "U.S." after a single capital)?"""
    left, right = text[at - 1:at], text[at:at + 1]
    before, after = text[at - 2:at - 1], text[at + 1:at + 2]
    if right in "-/&" and right:
        return left.isalnum() and after.isalnum()
    if left in "-/&" and left:
        return before.isalnum() and right.isalnum()
    if right == ".":  # "U|." : the dot of an abbreviation letter
        return left.isupper() and not before.isalpha() and (after.isalnum() or text[at - 2:at - 1] == ".")
    if left == ".":  # ".|S"
        return right.isupper() and before.isupper() and not text[at - 3:at - 2].isalpha()
    return False


def word_bounds(word_ids: Sequence[int | None], offsets: np.ndarray | None = None, sentence: str = ""
                ) -> tuple[np.ndarray, np.ndarray]:
    """Per token, the index of the first and last token of its word (special tokens are their own word).

    With ``offsets`` and ``sentence``, pieces glued by a hyphen, slash, ampersand or inner dot with no space
    ("closed-door", "IMF/World", "AT&T", "U.S.") count as one word, so a span never starts or ends inside
    such a compound.
    """
    w = np.array([-1 if x is None else x for x in word_ids], dtype=np.int64)
    n = len(w)
    idx = np.arange(n)
    new = np.ones(n, bool)
    new[1:] = (w[1:] != w[:-1]) | (w[1:] < 0)
    if offsets is not None and n > 1:
        glued = np.array([_glued(sentence, int(b), int(a))
                          for a, b in zip(offsets[1:, 0], offsets[:-1, 1], strict=True)], bool)
        touching = (offsets[1:, 0] == offsets[:-1, 1]) & (w[1:] >= 0) & (w[:-1] >= 0)
        new[1:] &= ~(touching & glued)
    first = np.maximum.accumulate(np.where(new, idx, 0))
    end = np.ones(n, bool)
    end[:-1] = new[1:]
    last = np.minimum.accumulate(np.where(end, idx, n - 1)[::-1])[::-1]
    return first, last
