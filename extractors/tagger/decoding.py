"""Postprocessing: one sentence's network outputs -> its events (spans, status, kind, linked arguments).

Tag runs become spans snapped to whole words; the event head gives each trigger its status and kind;
the link head decides which arguments belong to which trigger:

- a participant goes to every trigger whose link probability is at least ``LINK_THRESHOLD`` (one person
  can attend a trip and the summit it leads to), else to its most likely trigger;
- a time, place or event name is single-valued: each trigger takes its most likely one above the
  threshold, and one that no trigger took goes to its most likely trigger if that has none yet.
"""

from __future__ import annotations

import re

import numpy as np

from extractors.tagger.heads import EventHeads
from extractors.tagger.labels import ROLES, LabelScheme, bio_runs, viterbi
from extractors.tagger.spans import SentenceEvent, Span

LINK_THRESHOLD = 0.5
_EMPTY = re.compile(r"\W*(?:(?:the|a|an|of|and|or)\W*)?", re.IGNORECASE)


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


def _attach(events: list[SentenceEvent], args: list[tuple[int, Span]], p: np.ndarray) -> None:
    """Give each argument to its events by the link probabilities ``p`` ``(E, A)`` (see the module doc)."""
    single: dict[tuple[int, str], tuple[float, Span]] = {}
    taken: set[int] = set()
    for a, (role, span) in enumerate(args):
        name = ROLES[role]
        if name == "participant":
            targets = np.flatnonzero(p[:, a] >= LINK_THRESHOLD)
            for e in targets if len(targets) else [int(p[:, a].argmax())]:
                events[e].participants.append(span)
            continue
        for e in np.flatnonzero(p[:, a] >= LINK_THRESHOLD):
            if (e, name) not in single or p[e, a] > single[e, name][0]:
                single[e, name] = (float(p[e, a]), span)
    for _, span in single.values():
        taken.add(id(span))
    for a, (role, span) in enumerate(args):
        name = ROLES[role]
        if name != "participant" and id(span) not in taken:
            e = int(p[:, a].argmax())
            single.setdefault((e, name), (float(p[e, a]), span))
    for (e, name), (_, span) in single.items():
        setattr(events[e], name, span)
    for ev in events:
        ev.participants = sorted(set(ev.participants), key=lambda s: (s.start, s.end))
