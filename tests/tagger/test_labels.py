"""Token targets from character spans, and word shapes."""

from __future__ import annotations

import numpy as np

from extractors.tagger.labels import ROLES, SHAPES, LabelScheme, bio_runs, encode_events, token_shapes

SENTENCE = "Abe will meet Trump in New York on Friday and visit OPEC."


def _tokens(sentence: str) -> tuple[np.ndarray, list[int | None]]:
    """One token per whitespace word (punctuation attached), with [CLS] and [SEP] around them."""
    offsets, words, at = [(0, 0)], [None], 0
    for k, word in enumerate(sentence.split()):
        at = sentence.index(word, at)
        offsets.append((at, at + len(word)))
        words.append(k)
        at += len(word)
    return np.array([*offsets, (0, 0)]), [*words, None]


def _span(text: str, nth: int = 1) -> dict:
    at = -1
    for _ in range(nth):
        at = SENTENCE.index(text, at + 1)
    return {"text": text, "start": at, "end": at + len(text)}


def test_word_shapes_tell_names_from_words() -> None:
    offsets, words = _tokens(SENTENCE)
    shapes = [SHAPES[i] for i in token_shapes(SENTENCE, offsets, words)]
    assert shapes == ["special", "capital-initial", "lower", "lower", "capital", "lower", "capital", "capital",
                      "lower", "capital", "lower", "lower", "upper", "special"]


def test_each_event_links_its_own_arguments() -> None:
    offsets, words = _tokens(SENTENCE)
    special = np.array([w is None for w in words])
    events = [
        {"trigger": _span("meet"), "kind": "meeting", "status": "scheduled",
         "participants": [_span("Abe"), _span("Trump")], "time": _span("Friday"), "place": _span("New York"),
         "event_name": None},
        {"trigger": _span("visit"), "kind": "visit", "status": "ongoing", "participants": [_span("Abe")],
         "time": None, "place": _span("OPEC."), "event_name": None},
    ]
    scheme = LabelScheme()
    t = encode_events(offsets, special, events, scheme)
    assert t.triggers.tolist() == [[3, 3], [11, 11]]
    assert [scheme.statuses[s] for s in t.status] == ["scheduled", "ongoing"]
    args = [(ROLES[r], f, la) for r, f, la in t.spans.tolist()]
    assert args == [("participant", 1, 1), ("participant", 4, 4), ("time", 9, 9), ("place", 6, 7),
                    ("place", 12, 12)]
    assert t.links.tolist() == [[1, 1, 1, 1, 0], [1, 0, 0, 0, 1]]  # Abe takes part in both
    types, first, last = bio_runs(np.where(t.tags < 0, 0, t.tags))
    assert list(zip(types.tolist(), first.tolist(), last.tolist(), strict=True)) == [
        (1, 1, 1), (0, 3, 3), (1, 4, 4), (3, 6, 7), (2, 9, 9), (0, 11, 11), (3, 12, 12)]


def test_a_truncated_trigger_drops_its_event() -> None:
    offsets, words = _tokens(SENTENCE)
    offsets, words = offsets[:4], [*words[:3], None]  # "[CLS] Abe will [SEP]": "meet" cut away
    special = np.array([w is None for w in words])
    event = {"trigger": _span("meet"), "kind": "meeting", "status": "scheduled", "participants": [_span("Abe")],
             "time": None, "place": None, "event_name": None}
    t = encode_events(offsets, special, [event])
    assert t.triggers.shape == (0, 2) and t.links.shape == (0, 0)
