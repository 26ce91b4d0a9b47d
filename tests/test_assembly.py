import datetime as dt

from extractors.articles import Article
from extractors.assembly import assemble
from extractors.sentences import split_sentences
from extractors.spans import SentenceEvent, Span


def _span(sentence: str, text: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = sentence.index(text, start + 1)
    return Span(start, start + len(text), text)


def _event(sentence: str, trigger: str, kind: str = "meeting", status: str = "scheduled", participants=(),
           time=None, place=None, name=None, nth: int = 1) -> SentenceEvent:
    return SentenceEvent(
        trigger=_span(sentence, trigger, nth), kind=kind, status=status,
        participants=[_span(sentence, p) for p in participants],
        time=_span(sentence, time) if time else None, place=_span(sentence, place) if place else None,
        event_name=_span(sentence, name) if name else None, confidence=0.9)


def _article(text: str) -> Article:
    return Article("a1", text, dt.datetime(2016, 11, 10, 12, tzinfo=dt.UTC))


SEED = ("Prime Minister Shinzo Abe is the first foreign leader scheduled to meet American   Donald Trump. "
        "The two are expected to meet in person on November 17, an arrangement made today via teleconference. "
        "Abe is expected to travel to the United States next week on his way to Peru for   Economic Cooperation "
        "(APEC) summit there.")


def test_seed_mentions_become_two_events():
    s1, s2, s3 = split_sentences(SEED)
    found = [
        (s1, [_event(s1.text, "meet", participants=["Shinzo Abe", "Donald Trump"])]),
        (s2, [_event(s2.text, "meet", participants=["The two"], time="November 17")]),
        (s3, [_event(s3.text, "travel", "visit", participants=["Abe"], time="next week",
                     place="the United States"),
              _event(s3.text, "summit", "summit", participants=["Abe"], place="Peru",
                     name="Economic Cooperation (APEC) summit")]),
    ]
    rows = assemble(_article(SEED), found, extractor="test-1")
    assert len(rows) == 2
    meeting, summit = sorted(rows, key=lambda r: r["kind"])
    assert meeting["evidence"] == s2.text and SEED[meeting["evidence_start"]:meeting["evidence_end"]] == s2.text
    assert (meeting["start_date"], meeting["end_date"], meeting["granularity"]) == (
        dt.date(2016, 11, 17), dt.date(2016, 11, 17), "day")
    assert meeting["participants"] == ["Shinzo Abe", "Donald Trump"]
    assert (summit["start_date"], summit["end_date"], summit["granularity"]) == (
        dt.date(2016, 11, 14), dt.date(2016, 11, 20), "week")
    assert (summit["location"], summit["location_country"]) == ("Peru", "PE")
    assert summit["event_name"] == "Economic Cooperation (APEC) summit"
    assert summit["participants"] == ["Shinzo Abe"]


def test_distinct_events_in_one_sentence_stay_apart():
    text = "He will attend NATO meetings in Brussels on Tuesday and an OSCE meeting in Vienna on Thursday."
    [s] = split_sentences(text)
    found = [(s, [_event(s.text, "meetings", place="Brussels", time="Tuesday"),
                  _event(s.text, "meeting", place="Vienna", time="Thursday", nth=2)])]
    rows = assemble(_article(text), found, extractor="test-1")
    assert sorted(r["location"] for r in rows) == ["Brussels", "Vienna"]
    assert len({r["event_id"] for r in rows}) == 2


def test_tags_of_one_event_merge_and_statuses_do_not():
    text = "Obama met Boehner on Tuesday and the two will hold talks with Reid in Washington next week."
    [s] = split_sentences(text)
    found = [(s, [_event(s.text, "met", status="past", participants=["Obama", "Boehner"], time="Tuesday"),
                  _event(s.text, "talks", "talks", participants=["the two"], time="next week"),
                  _event(s.text, "hold", "talks", participants=["Reid"], place="Washington")])]
    rows = assemble(_article(text), found, extractor="test-1")
    assert sorted((r["status"], r["kind"]) for r in rows) == [("past", "meeting"), ("scheduled", "talks")]
    talks = next(r for r in rows if r["status"] == "scheduled")
    assert talks["location"] == "Washington" and talks["start_date"] == dt.date(2016, 11, 14)
    assert "Reid" in talks["participants"]
