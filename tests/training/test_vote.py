"""The ensemble teacher's vote, on invented events: what a majority of taggers agrees on, and nothing else."""

from __future__ import annotations

import pytest

from extractors.tagger.spans import SentenceEvent, Span
from extractors.training.vote import VotingTagger, majority, span_groups, vote

SENTENCE = "Prime Minister Shinzo Abe will meet Donald Trump in New York on November 17 and visit Peru next week."


def at(text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = SENTENCE.index(text, start + 1)
    return Span.at(SENTENCE, start, start + len(text))


def meet(participants: list[str], time: str | None = "November 17", status: str = "scheduled",
         place: str | None = "New York", confidence: float = 0.9) -> SentenceEvent:
    return SentenceEvent(at("meet"), "meeting", status, [at(p) for p in participants], at(time) if time else None,
                         at(place) if place else None, None, confidence)


def visit() -> SentenceEvent:
    return SentenceEvent(at("visit"), "visit", "scheduled", [at("Shinzo Abe")], at("next week"), at("Peru"))


def test_majority_is_more_than_half() -> None:
    assert [majority(n) for n in (2, 3, 4, 7)] == [2, 2, 3, 4]


def test_an_event_found_by_a_minority_is_dropped() -> None:
    events = vote([[meet(["Shinzo Abe", "Donald Trump"]), visit()], [meet(["Shinzo Abe", "Donald Trump"])],
                   [meet(["Shinzo Abe", "Donald Trump"])]])
    assert [e.trigger.text for e in events] == ["meet"]


def test_status_and_kind_are_the_members_most_common() -> None:
    [event] = vote([[meet(["Donald Trump"])], [meet(["Donald Trump"], status="past")],
                    [meet(["Donald Trump"])]])
    assert (event.status, event.kind) == ("scheduled", "meeting")


def test_overlapping_participant_spans_count_as_one_and_keep_the_most_common_span() -> None:
    [event] = vote([[meet(["Prime Minister Shinzo Abe", "Donald Trump"])], [meet(["Shinzo Abe", "Donald Trump"])],
                    [meet(["Shinzo Abe"])]])
    assert [p.text for p in event.participants] == ["Shinzo Abe", "Donald Trump"]


def test_a_participant_given_by_a_minority_is_left_out() -> None:
    [event] = vote([[meet(["Shinzo Abe", "Donald Trump"])], [meet(["Donald Trump"])], [meet(["Donald Trump"])]])
    assert [p.text for p in event.participants] == ["Donald Trump"]


def test_a_time_or_place_needs_a_majority_too() -> None:
    [event] = vote([[meet(["Donald Trump"])], [meet(["Donald Trump"], time=None)],
                    [meet(["Donald Trump"], time="next week", place=None)]])
    assert event.time is None and event.place is not None and event.place.text == "New York"


def test_confidence_is_averaged_over_all_members() -> None:
    [event] = vote([[meet(["Donald Trump"], confidence=0.9)], [meet(["Donald Trump"], confidence=0.6)], []])
    assert event.confidence == pytest.approx(0.5)


def test_span_groups_are_in_sentence_order_with_their_support() -> None:
    groups = span_groups([[at("Donald Trump"), at("Shinzo Abe")], [at("Shinzo Abe")]])
    assert [(s.text, n) for s, n in groups] == [("Shinzo Abe", 2), ("Donald Trump", 1)]


class _Fixed:
    def __init__(self, events: list[SentenceEvent]) -> None:
        self.events = events

    def tag(self, sentences: list[str]) -> list[list[SentenceEvent]]:
        return [list(self.events) for _ in sentences]


def test_voting_tagger_votes_per_sentence_and_checks_its_members() -> None:
    tagger = VotingTagger([_Fixed([meet(["Donald Trump"]), visit()]), _Fixed([meet(["Donald Trump"])]),
                           _Fixed([visit()])], need=3)
    assert tagger.tag([SENTENCE, SENTENCE]) == [[], []]
    assert [e.trigger.text for e in VotingTagger(tagger.members).tag([SENTENCE])[0]] == ["meet", "visit"]
    with pytest.raises(ValueError):
        VotingTagger([_Fixed([])])
    with pytest.raises(ValueError):
        VotingTagger([_Fixed([]), _Fixed([])], need=3)
