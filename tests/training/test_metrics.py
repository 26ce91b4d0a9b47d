"""Validation metrics of the tagger on invented sentences: argument linking, exact and by span end, and the
argument errors sorted by cause."""

from __future__ import annotations

from extractors.tagger.spans import SentenceEvent, Span
from extractors.training.metrics import evaluate, format_metrics

SENTENCE = "President Obama will meet Merkel in Berlin on Friday before a summit with Putin."


def _span(text: str) -> Span:
    at = SENTENCE.index(text)
    return Span(at, at + len(text), text)


def _gold(trigger: str, participants: list[str], time: str | None = None, place: str | None = None) -> dict:
    def g(text: str) -> dict:
        s = _span(text)
        return {"text": text, "start": s.start, "end": s.end}

    return {"trigger": g(trigger), "kind": "meeting", "status": "scheduled",
            "participants": [g(p) for p in participants], "time": g(time) if time else None,
            "place": g(place) if place else None, "event_name": None}


ROW = {"sentence": SENTENCE, "events": [_gold("meet", ["Obama", "Merkel"], "Friday", "Berlin"),
                                        _gold("summit", ["Putin"])]}


def test_a_title_more_is_a_boundary_error_that_the_span_end_forgives() -> None:
    pred = SentenceEvent(_span("meet"), "meeting", "scheduled",
                         participants=[_span("President Obama"), _span("Merkel")], time=_span("Friday"),
                         place=_span("Berlin"))
    m = evaluate([ROW], [[pred]])
    assert m["argument_linking"]["p"] == 75.0  # 3 of 4 predicted arguments exact
    assert m["argument_linking_head"]["f1"] == 100.0  # "President Obama" ends where "Obama" does
    assert m["argument_errors"] == {"other_event": 0, "boundary": 2, "missed": 0, "spurious": 0}
    assert "same end as the gold span: 100.0" in format_metrics(m)


def test_an_argument_of_the_other_event_a_missed_one_and_a_spurious_one() -> None:
    pred = SentenceEvent(_span("meet"), "meeting", "scheduled", participants=[_span("Merkel"), _span("Putin"),
                                                                              _span("a summit")])
    m = evaluate([ROW], [[pred]])
    assert m["argument_errors"] == {"other_event": 1, "boundary": 0, "missed": 3, "spurious": 1}
    assert m["argument_linking"]["f1"] == m["argument_linking_head"]["f1"] == round(200 * 1 / 7, 2)
