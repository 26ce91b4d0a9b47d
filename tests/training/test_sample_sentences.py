"""The sentence sampler of ``data/train``: never an evaluation article; what its status, trip, destination and
past-report strata take."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _sampler():
    """``data/train/sample_sentences.py`` (a script, not a package module), loaded as a module."""
    spec = importlib.util.spec_from_file_location("sample_sentences", ROOT / "data" / "train" / "sample_sentences.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_evaluation_set_is_excluded() -> None:
    module = _sampler()
    ids, _ = module._excluded()
    for path in sorted((ROOT / "data" / "eval").glob("dev[0-9]*.jsonl")):
        held = {json.loads(line)["id"] for line in path.read_text().splitlines() if line.strip()}
        assert held and held <= ids, path.name


def test_the_status_stratum_takes_sentences_where_a_compared_model_calls_scheduled_otherwise() -> None:
    from extractors.tagger.spans import SentenceEvent, Span

    module = _sampler()

    def event(status: str) -> SentenceEvent:
        return SentenceEvent(Span(0, 4, "meet"), "meeting", status)

    shipped = [[event("scheduled")], [event("past")], [], [event("unclear"), event("scheduled")]]
    student = [[event("scheduled")], [event("scheduled")], [], [event("scheduled")]]
    other = [[event("past")], [event("past")], [], [event("scheduled")]]
    assert module.status_disagreements(shipped, [student]) == [1]
    assert module.status_disagreements(shipped, [student, other]) == [0, 1]
    assert module.status_disagreements(shipped, []) == []


def test_the_trip_stratum_takes_trips_made_on_the_way_to_a_gathering() -> None:
    module = _sampler()
    trips = ("The minister will fly to Oslo on Monday on her way to Helsinki for a Nordic summit.",
             "He stops in Lima before heading on to Santiago for talks with Chilean officials.",
             "Manila is the last leg of a tour that has taken her to Hanoi and Jakarta.")
    others = ("The two leaders will meet in Oslo on Monday.",
              "She was on her way to work when the storm hit.",
              "The summit ended on Friday.")
    assert all(module.TRIPS.search(t) for t in trips)
    assert not any(module.TRIPS.search(t) for t in others)


def test_the_destination_stratum_takes_gatherings_placed_at_the_end_of_a_trip() -> None:
    module = _sampler()
    destinations = ("The minister flies to Tokyo next week for talks with his Japanese counterpart.",
                    "Merkel will be in Brussels on Thursday for an EU summit.",
                    "Leaders are heading to Lima for the Asia-Pacific Economic Cooperation forum.",
                    "The delegation will travel to Geneva to attend a meeting of the Human Rights Council.")
    others = ("The two leaders will meet in Oslo on Monday.",
              "He flew to Paris for a holiday in August.",
              "Shares rose in Tokyo for a third day ahead of the central bank meeting.",
              "The summit in Brussels ended on Friday.")
    assert all(module.DESTINATIONS.search(t) for t in destinations)
    assert not any(module.DESTINATIONS.search(t) for t in others)


def test_the_past_report_stratum_takes_meetings_that_a_past_tense_verb_reports() -> None:
    module = _sampler()
    reports = ("The Paris meeting on Tuesday calmed bond markets and the euro rose.",
               "Wednesday's summit of Nordic leaders ended without a joint statement.",
               "The talks between the two unions broke down late on Sunday.",
               "This hearing of the House panel drew a crowd of protesters.")
    others = ("The meeting scheduled for Monday will focus on trade.",
              "The ministers will meet on Friday in Brussels.",
              "The summit is expected to produce a climate pledge.",
              "Talks resume next week in Geneva.")
    assert all(module.PAST_REPORTS.search(t) for t in reports)
    assert not any(module.PAST_REPORTS.search(t) for t in others)


def test_the_multi_event_stratum_takes_sentences_naming_two_gatherings() -> None:
    module = _sampler()
    several = ("Obama will attend the NATO summit in Lisbon and hold talks with Karzai on its sidelines.",
               "The minister will visit Tokyo on Monday before a conference in Seoul on Thursday.",
               "After the hearing on Tuesday, the senators meet the president at the White House.",
               "Leaders gather for a dinner on Friday ahead of the SUMMIT on Saturday.")
    single = ("The two leaders will meet in Oslo on Monday.",
              "The summit, the first since 2009, ends on Friday.",
              "Talks resume next week; talks in May failed.",
              "The meeting is on Monday. A summit follows in June.")
    assert all(module.MULTI_EVENTS.search(t) for t in several)
    assert not any(module.MULTI_EVENTS.search(t) for t in single)
