"""The sentence sampler of ``data/train``: never an evaluation article; what its status, parties,
unlinked-time, trip, destination and past-report strata take."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, load_script


def _sampler():
    """``data/train/sample_sentences.py`` (a script, not a package module), loaded as a module."""
    return load_script("data/train/sample_sentences.py")


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



def test_the_parties_stratum_takes_scheduled_events_whose_parties_differ() -> None:
    from extractors.tagger.spans import SentenceEvent, Span

    module = _sampler()
    abe, trump = Span(0, 3, "Abe"), Span(8, 13, "Trump")

    def event(status: str, *parties: Span) -> SentenceEvent:
        return SentenceEvent(Span(14, 18, "meet"), "meeting", status, participants=list(parties))

    shipped = [[event("scheduled", abe, trump)], [event("scheduled", abe)], [event("past", abe)], [],
               [event("scheduled", abe)]]
    student = [[event("scheduled", trump, abe)], [event("scheduled", abe, trump)], [event("past")], [],
               [event("past")]]
    # same parties in another order, a past event, no event, or no scheduled event on one side: not taken
    assert module.party_disagreements(shipped, [student]) == [1]
    assert module.party_disagreements(shipped, []) == []


def test_the_unlinked_time_stratum_takes_undated_events_beside_a_free_time() -> None:
    from extractors.tagger.spans import SentenceEvent, Span

    module = _sampler()
    texts = ["Stocks rose on Monday as leaders prepared to meet.",
             "Leaders will meet on Monday.",
             "Leaders will meet in Paris.",
             "Stocks rose on Monday after leaders met."]

    def event(text: str, status: str, time: str | None = None) -> SentenceEvent:
        at = text.index("me")
        span = Span(text.index(time), text.index(time) + len(time), time) if time else None
        return SentenceEvent(Span(at, at + 4, text[at:at + 4]), "meeting", status, time=span)

    model = [[event(texts[0], "scheduled")], [event(texts[1], "scheduled", "Monday")],
             [event(texts[2], "scheduled")], [event(texts[3], "past")]]
    # a free "Monday" beside an undated scheduled event; not a linked time, no time at all, or a past event
    assert module.unlinked_times(texts, model) == [0]

# Each lexical stratum: (its name in the sampler's LEXICAL_STRATA, invented sentences it takes, ones it leaves).
LEXICAL_STRATA = {
    "trip: trips made on the way to a gathering": (
        "trip",
        ("The minister will fly to Oslo on Monday on her way to Helsinki for a Nordic summit.",
         "He stops in Lima before heading on to Santiago for talks with Chilean officials.",
         "Manila is the last leg of a tour that has taken her to Hanoi and Jakarta."),
        ("The two leaders will meet in Oslo on Monday.",
         "She was on her way to work when the storm hit.",
         "The summit ended on Friday.")),
    "destination: gatherings placed at the end of a trip": (
        "destination",
        ("The minister flies to Tokyo next week for talks with his Japanese counterpart.",
         "Merkel will be in Brussels on Thursday for an EU summit.",
         "Leaders are heading to Lima for the Asia-Pacific Economic Cooperation forum.",
         "The delegation will travel to Geneva to attend a meeting of the Human Rights Council."),
        ("The two leaders will meet in Oslo on Monday.",
         "He flew to Paris for a holiday in August.",
         "Shares rose in Tokyo for a third day ahead of the central bank meeting.",
         "The summit in Brussels ended on Friday.")),
    "past_report: meetings that a past-tense verb reports": (
        "past_report",
        ("The Paris meeting on Tuesday calmed bond markets and the euro rose.",
         "Wednesday's summit of Nordic leaders ended without a joint statement.",
         "The talks between the two unions broke down late on Sunday.",
         "This hearing of the House panel drew a crowd of protesters."),
        ("The meeting scheduled for Monday will focus on trade.",
         "The ministers will meet on Friday in Brussels.",
         "The summit is expected to produce a climate pledge.",
         "Talks resume next week in Geneva.")),
    "multi_event: sentences naming two gatherings": (
        "multi_event",
        ("Obama will attend the NATO summit in Lisbon and hold talks with Karzai on its sidelines.",
         "The minister will visit Tokyo on Monday before a conference in Seoul on Thursday.",
         "After the hearing on Tuesday, the senators meet the president at the White House.",
         "Leaders gather for a dinner on Friday ahead of the SUMMIT on Saturday."),
        ("The two leaders will meet in Oslo on Monday.",
         "The summit, the first since 2009, ends on Friday.",
         "Talks resume next week; talks in May failed.",
         "The meeting is on Monday. A summit follows in June.")),
    "bystander: people named beside a meeting who may take no part": (
        "bystander",
        ("Corker said he had told President Donald Trump he would skip the meeting with Mitch McConnell.",
         "Ahead of the summit, Angela Merkel told reporters that Nicolas Sarkozy would attend.",
         "Spokesman Robin Sands said Tony Blair will meet Gordon Brown on Monday.",
         "Talks with Wen Jiabao are set for May, according to Hillary Clinton."),
        ("The two leaders will meet in Oslo on Monday.",
         "Angela Merkel said she would meet reporters.",
         "Barack Obama and Hu Jintao will meet on Tuesday.",
         "Angela Merkel told Nicolas Sarkozy the news on Friday.")),
    "other_time: a time right after another verb of a meeting's sentence": (
        "other_time",
        ("The minister said on Monday that talks with the unions would resume next month.",
         "The House voted on Friday, days before the summit in Lisbon.",
         "Officials confirmed late on Tuesday that the two leaders would meet in Geneva.",
         "The paper reported last week that a visit to Beijing was planned."),
        ("The two leaders will meet in Oslo on Monday.",
         "The minister said talks would resume on Monday.",
         "Shares fell on Friday after the company reported losses.",
         "The summit said nothing new.")),
}


@pytest.mark.parametrize("stratum", LEXICAL_STRATA)
def test_each_lexical_stratum_takes_its_construction_and_leaves_the_rest(stratum: str) -> None:
    name, taken, left = LEXICAL_STRATA[stratum]
    pattern = _sampler().LEXICAL_STRATA[name]
    assert [t for t in taken if not pattern.search(t)] == []
    assert [t for t in left if pattern.search(t)] == []


def test_every_lexical_stratum_of_the_sampler_has_its_sentences_here() -> None:
    assert {name for name, _, _ in LEXICAL_STRATA.values()} == set(_sampler().LEXICAL_STRATA)
