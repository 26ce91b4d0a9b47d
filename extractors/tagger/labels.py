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


_ASCII = np.array([chr(c) for c in range(128)])
_ASCII_UPPER, _ASCII_ALPHA, _ASCII_DIGIT = (np.char.isupper(_ASCII), np.char.isalpha(_ASCII),
                                            np.char.isdigit(_ASCII))


def _char_classes(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``str.isupper``, ``isalpha`` and ``isdigit`` of every character of ``text``, as bool arrays."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32).astype(np.int64)
    ascii_ = codes < 128
    small = np.where(ascii_, codes, 0)
    upper, alpha, digit = _ASCII_UPPER[small], _ASCII_ALPHA[small], _ASCII_DIGIT[small]
    if not ascii_.all():  # the few other characters one by one (each distinct one once)
        wide, where = np.unique(codes[~ascii_], return_inverse=True)
        chars = [chr(c) for c in wide]
        for out, test in ((upper, str.isupper), (alpha, str.isalpha), (digit, str.isdigit)):
            out[~ascii_] = np.array([test(c) for c in chars], bool)[where]
    return upper, alpha, digit


def _word_starts(words: np.ndarray) -> np.ndarray:
    """Which tokens of ``(B, T)`` word ids (-1: special or padding) open a word (a special token is one)."""
    new = np.ones(words.shape, bool)
    new[:, 1:] = (words[:, 1:] != words[:, :-1]) | (words[:, 1:] < 0)
    return new


def _ranges(new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per token, the first and last token of its word, from the word-opening flags ``new`` ``(B, T)``."""
    n = new.shape[1]
    idx = np.broadcast_to(np.arange(n), new.shape)
    first = np.maximum.accumulate(np.where(new, idx, 0), axis=1)
    end = np.ones(new.shape, bool)
    end[:, :-1] = new[:, 1:]
    last = np.minimum.accumulate(np.where(end, idx, n - 1)[:, ::-1], axis=1)[:, ::-1]
    return first, last


def batch_shapes(texts: Sequence[str], offsets: np.ndarray, words: np.ndarray) -> np.ndarray:
    """``SHAPES`` indices ``(B, T)`` for a padded batch: token char ``offsets`` ``(B, T, 2)`` and ``words``
    ``(B, T)`` (the tokenizer's word ids, -1 for special tokens and padding). Every piece of a word shares
    the word's shape; the first word of a sentence is ``capital-initial`` when capitalised."""
    if not words.size:
        return np.zeros(words.shape, np.int64)
    base = np.cumsum([0, *(len(t) + 1 for t in texts)])[:-1]
    upper, alpha, digit = _char_classes("\n".join(texts) + "\n")
    cum_alpha = np.concatenate(([0], np.cumsum(alpha)))
    cum_upper = np.concatenate(([0], np.cumsum(upper & alpha)))
    first, last = _ranges(_word_starts(words))
    rows = np.arange(len(words))[:, None]
    start = base[:, None] + offsets[rows, first, 0]
    end = base[:, None] + offsets[rows, last, 1]
    letters = cum_alpha[end] - cum_alpha[start]
    capitals = np.where(letters > 1, cum_upper[end] - cum_upper[start], 0)
    real = words >= 0
    opening = words == np.where(real.any(1), words[rows[:, 0], real.argmax(1)], -2)[:, None]
    shape = np.select(
        [upper[start] & (letters > 1) & (capitals == letters), upper[start] & opening, upper[start],
         digit[start], alpha[start]], [4, 3, 2, 5, 1], 6)
    return np.where(real, shape, 0)


def token_shapes(sentence: str, offsets: np.ndarray, word_ids: Sequence[int | None]) -> np.ndarray:
    """One ``SHAPES`` index per token of one sentence (``batch_shapes`` for a batch of one)."""
    words = np.array([-1 if w is None else w for w in word_ids], np.int64)[None]
    return batch_shapes([sentence], np.asarray(offsets, np.int64).reshape(1, -1, 2), words)[0]


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


def viterbi(logits: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best well-formed BIO sequences (no I-x that does not continue an x) for a batch of ``(B, T, n)``
    tag logits whose rows hold ``lengths`` real positions; positions past a row's length are 0 (O).

    One step per position for the whole batch: the loop runs ``T`` times, not once per token.
    """
    b, t_max, n = logits.shape
    if not t_max:
        return np.zeros((b, 0), np.int64)
    top = logits.max(-1, keepdims=True)
    logp = logits - np.log(np.exp(logits - top).sum(-1, keepdims=True)) - top
    penalty = np.where(_allowed(n), 0.0, -1e9)
    start = np.where(np.isin(np.arange(n), np.arange(2, n, 2)), -1e9, 0.0)  # no I- first
    score = logp[:, 0] + start
    back = np.zeros((b, t_max, n), np.int64)
    for t in range(1, t_max):
        cand = score[:, :, None] + penalty
        back[:, t] = cand.argmax(1)
        score = np.where((t < lengths)[:, None], cand.max(1) + logp[:, t], score)
    rows = np.arange(b)
    state = score.argmax(-1)  # each row's last state (a row's score stops moving at its length)
    path = np.zeros((b, t_max), np.int64)
    for t in range(t_max - 1, -1, -1):
        live = t < lengths
        path[live, t] = state[live]
        if t:
            state = np.where(live, back[rows, t, state], state)
    return path


def _glued(text: str, at: int) -> bool:
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


def word_bounds(texts: Sequence[str], offsets: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per token of a padded batch (``offsets`` ``(B, T, 2)``, ``words`` ``(B, T)``, -1 for special tokens
    and padding), the index of the first and last token of its word (special tokens are their own word).

    Pieces glued by a hyphen, slash, ampersand or inner dot with no space ("closed-door", "IMF/World",
    "AT&T", "U.S.") count as one word, so a span never starts or ends inside such a compound.
    """
    new = _word_starts(words)
    touching = new[:, 1:] & (offsets[:, 1:, 0] == offsets[:, :-1, 1]) & (words[:, 1:] >= 0) & (words[:, :-1] >= 0)
    for row, t in zip(*np.nonzero(touching), strict=True):  # only where two words touch: a few per sentence
        if _glued(texts[row], int(offsets[row, t + 1, 0])):
            new[row, t + 1] = False
    return _ranges(new)
