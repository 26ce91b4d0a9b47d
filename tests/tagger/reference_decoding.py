"""The tagger's postprocessing as it was before it was vectorised: one sentence at a time, in plain loops.

Kept only as the oracle of ``test_decoding``: the batch decoder must find exactly the spans this finds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from extractors.tagger.decoding import _EMPTY, _attach, _tight
from extractors.tagger.heads import EventHeads
from extractors.tagger.labels import ROLES, LabelScheme, _allowed, _glued, bio_runs
from extractors.tagger.spans import SentenceEvent, Span


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
        glued = np.array([_glued(sentence, int(b))
                          for a, b in zip(offsets[1:, 0], offsets[:-1, 1], strict=True)], bool)
        touching = (offsets[1:, 0] == offsets[:-1, 1]) & (w[1:] >= 0) & (w[:-1] >= 0)
        new[1:] &= ~(touching & glued)
    first = np.maximum.accumulate(np.where(new, idx, 0))
    end = np.ones(n, bool)
    end[:-1] = new[1:]
    last = np.minimum.accumulate(np.where(end, idx, n - 1)[::-1])[::-1]
    return first, last


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def decode_sentence(sentence: str, offsets: np.ndarray, word_first: np.ndarray, word_last: np.ndarray,
                    logits: np.ndarray, states: np.ndarray, cls_state: np.ndarray, scheme: LabelScheme,
                    heads: EventHeads) -> list[SentenceEvent]:
    """Events of one sentence from its real tokens' outputs (no [CLS]/[SEP]/padding rows).

    ``offsets`` are the tokens' char offsets ``(T, 2)``; ``word_first``/``word_last`` give, per token, the
    first/last token of its word, so that spans never end inside a word; ``logits`` ``(T, width)``,
    ``states`` ``(T, D)``, ``cls_state`` ``(D,)``.
    """
    sl = scheme.slices()
    types, firsts, lasts = bio_runs(viterbi(logits[:, sl["tags"]]))
    is_trigger = types == 0
    if not is_trigger.any():
        return []

    def snap(first: int, last: int) -> tuple[int, int, Span]:
        f, la = int(word_first[first]), int(word_last[last])
        s, e = int(offsets[f, 0]), int(offsets[la, 1])
        return f, la, Span(s, e, sentence[s:e])

    triggers = [snap(f, la) for f, la in zip(firsts[is_trigger], lasts[is_trigger], strict=True)]
    args = [(int(t) - 1, *snap(f, la)) for t, f, la in zip(types[~is_trigger], firsts[~is_trigger],
                                                          lasts[~is_trigger], strict=True)]
    _, nf, nl = bio_runs(viterbi(logits[:, sl["name_tags"]]))
    args += [(ROLES.index("event_name"), *snap(f, la)) for f, la in zip(nf, nl, strict=True)]
    args = [(role, f, la, _tight(span) if role == ROLES.index("participant") else span)
            for role, f, la, span in args]  # a participant ends in no "," or "and"
    args = [a for a in args if not _EMPTY.fullmatch(a[3].text)]  # "the" or "-" alone names nothing

    trig_tokens = np.array([(f, la) for f, la, _ in triggers], np.int64)
    head = heads.event_logits(states, cls_state, trig_tokens)
    n_status = len(scheme.statuses)
    status_p, kind_p = _softmax(head[:, :n_status]), _softmax(head[:, n_status:])
    tag_p = _softmax(logits[:, sl["tags"]])
    events = []
    for i, (f, la, sp) in enumerate(triggers):
        p_trigger = float(tag_p[f:la + 1, 1:3].sum(-1).mean())
        events.append(SentenceEvent(trigger=sp, kind=scheme.kinds[int(kind_p[i].argmax())],
                                    status=scheme.statuses[int(status_p[i].argmax())],
                                    confidence=round((p_trigger + float(status_p[i].max())) / 2, 4)))
    if args:
        rows = np.array([(role, f, la) for role, f, la, _ in args], np.int64)
        link_p = _sigmoid(heads.link_logits(states, trig_tokens, rows))
        _attach(events, [(role, sp) for role, _, _, sp in args], link_p)
    return events
