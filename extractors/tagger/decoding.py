"""Postprocessing: a batch's network outputs -> each sentence's events (spans, status, kind, linked arguments).

Tag runs become spans snapped to whole words (a participant without a trailing comma or joining "and"); the event
head gives each trigger its status and kind (a trigger is ``scheduled`` only when the head gives that status at least
``SCHEDULED_MIN_P``, else the runner-up status: precision is the weak side of detection on unseen news); the link
head decides which arguments belong to which trigger:

- a participant goes to every trigger whose link probability is at least ``LINK_THRESHOLD`` (one person
  can attend a trip and the summit it leads to), else to its most likely trigger;
- a time, place or event name is single-valued: each trigger takes its most likely one above the
  threshold, and one that no trigger took goes to its most likely trigger if that has none yet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from extractors.tagger.heads import EventHeads, pair_geometry
from extractors.tagger.labels import ROLES, LabelScheme, bio_runs, viterbi
from extractors.tagger.spans import SentenceEvent, Span

LINK_THRESHOLD = 0.5
# Chosen on the validation split (the training data's held-out 15%; never on an article set): with agenda-tagger-v3,
# scheduled-event F1 76.4 (argmax) -> 77.5 at 0.8, 78.0 from 0.9 to 0.95, 77.7 at 0.98; status accuracy 84.5 -> 87.1.
SCHEDULED_MIN_P = 0.9
_EMPTY = re.compile(r"\W*(?:(?:the|a|an|of|and|or)\W*)?", re.IGNORECASE)
# What a participant never ends with: a comma or semicolon, or the "and"/"or" that joins it to the next one
# ("BP," "ConocoPhillips and" of "BP, Total, ConocoPhillips and Exxon"): the guidelines give each party its own span.
_LOOSE_END = re.compile(r"(?:[\s,;]|\s(?:and|or))+$")


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _runs_by_row(paths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The BIO runs of every row of ``(B, T)`` paths at once: ``(type, row, first, last)``, ordered by
    row, then position. A column of O between rows keeps runs from crossing rows."""
    width = paths.shape[1] + 1
    flat = np.zeros((len(paths), width), np.int64)
    flat[:, :-1] = paths
    types, starts, ends = bio_runs(flat.ravel())
    return types, starts // width, starts % width, ends % width


def _range_means(values: np.ndarray, rows: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Mean of ``values[row, first..last]`` (inclusive) for each range, over a ``(B, T, D)`` batch."""
    b, t, d = values.shape
    if not len(rows):
        return np.zeros((0, d), np.float32)
    flat = values.reshape(b * t, d)
    cuts = np.empty(2 * len(rows) + 1, np.int64)
    cuts[0:-1:2], cuts[1:-1:2], cuts[-1] = rows * t + first, rows * t + last + 1, b * t - 1
    sums = np.add.reduceat(flat, cuts, axis=0, dtype=np.float64)[0:-1:2]
    return (sums / (last - first + 1)[:, None]).astype(np.float32)


def decode_batch(texts: Sequence[str], offsets: np.ndarray, word_first: np.ndarray, word_last: np.ndarray,
                 logits: np.ndarray, states: np.ndarray, lengths: np.ndarray, scheme: LabelScheme,
                 heads: EventHeads, scheduled_min_p: float = SCHEDULED_MIN_P) -> list[list[SentenceEvent]]:
    """Events of each sentence of a padded batch, decoded with array operations over the whole batch.

    Rows are token rows as the network saw them: [CLS] at 0, ``lengths`` tokens with [SEP], then padding.
    ``offsets`` ``(B, T, 2)`` are char offsets; ``word_first``/``word_last`` give, per token, the first/last
    token of its word, so that spans never end inside a word; ``logits`` ``(B, T, width)``, ``states``
    ``(B, T, D)``. Python runs once per event and argument found (to build them), never per token.
    ``scheduled_min_p``: the status threshold (0: status by argmax).
    """
    out: list[list[SentenceEvent]] = [[] for _ in texts]
    sl = scheme.slices()
    inner = np.maximum(np.asarray(lengths) - 2, 0)  # real tokens sit at 1..length-2
    body = logits[:, 1:]
    types, rows, firsts, lasts = _runs_by_row(viterbi(body[..., sl["tags"]], inner))
    _, name_rows, name_firsts, name_lasts = _runs_by_row(viterbi(body[..., sl["name_tags"]], inner))
    firsts, lasts, name_firsts, name_lasts = firsts + 1, lasts + 1, name_firsts + 1, name_lasts + 1
    is_trigger = types == 0
    if not is_trigger.any():
        return out
    has_trigger = np.zeros(len(texts), bool)
    has_trigger[rows[is_trigger]] = True

    def snapped(r: np.ndarray, f: np.ndarray, la: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[Span]]:
        f, la = word_first[r, f], word_last[r, la]
        starts, ends = offsets[r, f, 0].tolist(), offsets[r, la, 1].tolist()
        return f, la, [Span(s, e, texts[i][s:e]) for i, s, e in zip(r.tolist(), starts, ends, strict=True)]

    t_rows = rows[is_trigger]
    t_first, t_last, t_spans = snapped(t_rows, firsts[is_trigger], lasts[is_trigger])
    # Arguments: each row's tagged arguments in order, then its event names (the order _attach reads).
    keep = ~is_trigger & has_trigger[rows]
    keep_names = has_trigger[name_rows]
    a_rows = np.concatenate([rows[keep], name_rows[keep_names]])
    a_roles = np.concatenate([types[keep] - 1, np.full(int(keep_names.sum()), ROLES.index("event_name"))])
    order = np.lexsort((np.arange(len(a_rows)), a_rows))
    a_first, a_last, a_spans = snapped(a_rows, np.concatenate([firsts[keep], name_firsts[keep_names]]),
                                       np.concatenate([lasts[keep], name_lasts[keep_names]]))
    party = ROLES.index("participant")
    a_spans = [_tight(span) if role == party else span for span, role in zip(a_spans, a_roles.tolist(), strict=True)]
    real = [k for k in order.tolist() if not _EMPTY.fullmatch(a_spans[k].text)]  # "the" or "-" alone
    a_rows, a_roles, a_first, a_last = a_rows[real], a_roles[real], a_first[real], a_last[real]
    a_spans = [a_spans[k] for k in real]

    n_status = len(scheme.statuses)
    t_means = _range_means(states, t_rows, t_first, t_last)
    head = heads.event_scores(t_means, states[t_rows, 0])
    status_p, kind_p = _softmax(head[:, :n_status]), _softmax(head[:, n_status:])
    trigger_p = _softmax(logits[..., sl["tags"]])[..., 1:3].sum(-1)
    if scheduled_min_p and "scheduled" in scheme.statuses:
        k = scheme.statuses.index("scheduled")
        unsure = (status_p.argmax(-1) == k) & (status_p[:, k] < scheduled_min_p)
        status_p = status_p.copy()
        status_p[unsure, k] = -1.0  # the runner-up status instead (its probability is the confidence's)
    status_i, kind_i = status_p.argmax(-1).tolist(), kind_p.argmax(-1).tolist()
    for e, (r, f, la, span) in enumerate(zip(t_rows.tolist(), t_first.tolist(), t_last.tolist(), t_spans,
                                             strict=True)):
        p_trigger = float(trigger_p[r, f:la + 1].mean())
        out[r].append(SentenceEvent(trigger=span, kind=scheme.kinds[kind_i[e]], status=scheme.statuses[status_i[e]],
                                    confidence=round((p_trigger + float(status_p[e, status_i[e]])) / 2, 4)))
    if not len(a_rows):
        return out

    # Every (trigger, argument) pair of each sentence, argument by argument, scored in one call.
    t_start = np.searchsorted(t_rows, np.arange(len(texts)))
    t_count = np.bincount(t_rows, minlength=len(texts))
    per_arg = t_count[a_rows]
    p_start = np.cumsum(per_arg) - per_arg  # where each argument's pairs begin
    pair_a = np.repeat(np.arange(len(a_rows)), per_arg)
    pair_t = np.repeat(t_start[a_rows], per_arg) + np.arange(len(pair_a)) - np.repeat(p_start, per_arg)
    t_ranges, a_ranges = np.stack([t_first, t_last], -1), np.stack([a_first, a_last], -1)
    others = np.full((len(texts), int(t_count.max()), 2), -1, np.int64)  # each row's triggers, padded
    others[t_rows, np.arange(len(t_rows)) - t_start[t_rows]] = t_ranges
    distance, between = pair_geometry(t_ranges[pair_t], a_ranges[pair_a], others[a_rows[pair_a]])
    link_p = _sigmoid(heads.link_scores(t_means[pair_t],
                                        _range_means(states, a_rows, a_first, a_last)[pair_a], a_roles[pair_a],
                                        distance, between))
    a_start = np.searchsorted(a_rows, np.arange(len(texts)))
    a_count = np.bincount(a_rows, minlength=len(texts))
    for r in np.flatnonzero(a_count).tolist():
        lo, n = int(a_start[r]), int(a_count[r])
        block = link_p[p_start[lo]:p_start[lo] + n * t_count[r]].reshape(n, t_count[r]).T
        _attach(out[r], [(int(a_roles[k]), a_spans[k]) for k in range(lo, lo + n)], block)
    return out


def _tight(span: Span) -> Span:
    """The span without a trailing comma, semicolon or joining "and"/"or" (a participant's: a time's "and" may
    open a range the time layer reads on)."""
    loose = _LOOSE_END.search(span.text)
    if loose is None or not loose.start():
        return span
    return Span(span.start, span.start + loose.start(), span.text[:loose.start()])


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
