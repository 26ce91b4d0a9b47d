import datetime as dt

from extractors.assembly import ALL, RuleSet, assemble
from extractors.ingest.articles import Article
from extractors.language.document import Document
from extractors.language.sentences import split_sentences
from extractors.tagger.spans import SentenceEvent, Span


def _span(sentence: str, text: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = sentence.index(text, start + 1)
    return Span(start, start + len(text), text)


def _event(sentence: str, trigger: str, kind: str = "meeting", status: str = "scheduled", participants=(),
           time=None, place=None, name=None, nth: int = 1, confidence: float = 0.9) -> SentenceEvent:
    return SentenceEvent(
        trigger=_span(sentence, trigger, nth), kind=kind, status=status,
        participants=[_span(sentence, p) for p in participants],
        time=_span(sentence, time) if time else None, place=_span(sentence, place) if place else None,
        event_name=_span(sentence, name) if name else None, confidence=confidence)


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
    rows = assemble(Document.build(_article(SEED)), found, extractor="test-1")
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
    text = "She will attend EU meetings in Luxembourg on Tuesday and a WTO meeting in Geneva on Thursday."
    [s] = split_sentences(text)
    found = [(s, [_event(s.text, "meetings", place="Luxembourg", time="Tuesday"),
                  _event(s.text, "meeting", place="Geneva", time="Thursday", nth=2)])]
    rows = assemble(Document.build(_article(text)), found, extractor="test-1")
    assert sorted(r["location"] for r in rows) == ["Geneva", "Luxembourg"]
    assert len({r["event_id"] for r in rows}) == 2


def test_two_events_of_one_trigger_get_their_own_ids():
    text = "He meets Finance Minister Wolfgang Schaeuble on Wednesday and President Francois Hollande on Friday."
    [s] = split_sentences(text)
    found = [(s, [_event(s.text, "meets", participants=["He", "Wolfgang Schaeuble"], time="Wednesday"),
                  _event(s.text, "meets", participants=["He", "Francois Hollande"], time="Friday")])]
    rows = assemble(Document.build(_article(text)), found, extractor="test-1")
    assert sorted(r["start_date"] for r in rows) == [dt.date(2016, 11, 16), dt.date(2016, 11, 18)]
    assert len({r["event_id"] for r in rows}) == 2
    again = assemble(Document.build(_article(text)), found, extractor="test-1")
    assert [r["event_id"] for r in again] == [r["event_id"] for r in rows]  # stable across reruns


def test_tags_of_one_event_merge_and_statuses_do_not():
    text = "Obama met Boehner on Tuesday and the two will hold talks with Reid in Washington next week."
    [s] = split_sentences(text)
    found = [(s, [_event(s.text, "met", status="past", participants=["Obama", "Boehner"], time="Tuesday"),
                  _event(s.text, "talks", "talks", participants=["the two"], time="next week"),
                  _event(s.text, "hold", "talks", participants=["Reid"], place="Washington")])]
    rows = assemble(Document.build(_article(text)), found, extractor="test-1")
    assert sorted((r["status"], r["kind"]) for r in rows) == [("past", "meeting"), ("scheduled", "talks")]
    talks = next(r for r in rows if r["status"] == "scheduled")
    assert talks["location"] == "Washington" and talks["start_date"] == dt.date(2016, 11, 14)
    assert "Reid" in talks["participants"]


def _rows(text: str, events_by_sentence: list[list[tuple]], published=dt.datetime(2016, 11, 10, 12, tzinfo=dt.UTC),
          rules: RuleSet = ALL):
    """Assemble ``text`` (one list of ``_event`` argument tuples per sentence) published at ``published``."""
    sents = list(split_sentences(text))
    found = [(s, [_event(s.text, *args[:-1], **args[-1]) for args in evs])
             for s, evs in zip(sents, events_by_sentence, strict=True)]
    return assemble(Document.build(Article("a1", text, published)), found, extractor="test-1", rules=rules)


def test_a_finer_date_refines_a_mention_of_the_same_kind():
    text = ("The Riksbank may move at its November meeting. "
            "Analysts see the Riksbank holding its rate when it meets next Thursday.")
    rows = _rows(text, [[("meeting", {"participants": ["Riksbank"], "time": "November"})],
                        [("meets", {"participants": ["the Riksbank"], "time": "next Thursday"})]])
    assert len(rows) == 1
    assert (rows[0]["start_date"], rows[0]["end_date"], rows[0]["date_text"]) == (
        dt.date(2016, 11, 17), dt.date(2016, 11, 17), "next Thursday")


def test_a_trip_next_week_and_a_meeting_that_week_stay_apart():
    text = "Abe will meet Trump on November 17. Abe will travel to Peru next week for the APEC summit."
    rows = _rows(text, [[("meet", {"participants": ["Abe", "Trump"], "time": "November 17"})],
                        [("summit", "summit", {"participants": ["Abe"], "time": "next week", "place": "Peru"})]])
    assert sorted(r["granularity"] for r in rows) == ["day", "week"]


def test_a_time_far_from_the_trigger_is_not_its_time():
    text = ("Lee told the governor in a phone call Friday that she would study the final text of the measure, "
            "which is expected to come out of a House-Senate conference.")
    [row] = _rows(text, [[("conference", "conference", {"participants": ["House-Senate"]})]])
    assert row["start_date"] is None


def test_a_trip_to_several_events_stays_an_entry_and_its_traveller_joins_each():
    text = ("Mogherini tours Asia next week to attend an ASEAN forum in Jakarta on Tuesday and talks with "
            "Japanese officials in Tokyo on Friday.")
    rows = _rows(text, [[("tours", "visit", {"participants": ["Mogherini"], "time": "next week", "place": "Asia"}),
                         ("forum", "conference", {"participants": ["ASEAN"], "time": "Tuesday", "place": "Jakarta"}),
                         ("talks", "talks", {"participants": ["Japanese officials"], "time": "Friday",
                                             "place": "Tokyo"})]])
    assert {r["location"]: r["participants"] for r in rows} == {
        "Asia": ["Mogherini"], "Jakarta": ["ASEAN", "Mogherini"], "Tokyo": ["Japanese officials", "Mogherini"]}


def test_a_trip_made_for_one_event_is_a_mention_of_it():
    text = "Mogherini will fly to Indonesia next week for an ASEAN forum."
    (row,) = _rows(text, [[("fly", "visit", {"participants": ["Mogherini"], "time": "next week",
                                              "place": "Indonesia"}),
                           ("forum", "conference", {"participants": ["ASEAN"]})]])
    assert (row["kind"], row["location"], row["participants"]) == ("conference", "Indonesia", ["ASEAN", "Mogherini"])
    assert row["start_date"] == dt.date(2016, 11, 14)

def test_a_known_place_tagged_as_a_participant_after_to_or_in_is_where_the_event_is_held():
    text = "Rutte will fly to Norway next week on his way to Finland for a Nordic summit there."
    (row,) = _rows(text, [[("fly", "visit", {"participants": ["Rutte"], "time": "next week", "place": "Norway"}),
                           ("summit", "summit", {"participants": ["Rutte", "Finland"], "place": "Norway"})]])
    assert (row["kind"], row["location"], row["participants"]) == ("summit", "Finland", ["Rutte"])
    text = "Rutte will host talks with Finland in Oslo on Monday."  # a party, not a place: no "in"/"to" before it
    (row,) = _rows(text, [[("talks", "talks", {"participants": ["Rutte", "Finland"], "time": "Monday",
                                                "place": "Oslo"})]])
    assert (row["location"], row["participants"]) == ("Oslo", ["Rutte", "Finland"])


def test_a_surname_of_someone_the_article_names_is_no_place_after_to():
    text = ("President-elect Barack Obama will stay away. "
            "The weekend meeting will hardly produce measures, aides to Obama said.")
    events = [[], [("meeting", {"participants": ["Obama"], "time": "weekend"})]]
    (row,) = _rows(text, events)
    assert (row["location"], row["participants"]) == (None, ["Barack Obama"])  # Obama is also a city in Japan
    (row,) = _rows("The weekend meeting will hardly produce measures, aides to Obama said.", events[1:])
    assert row["location"] == "Obama"  # with no one of that name in the article, the gazetteer's city
    text = "President-elect Barack Obama met aides. McCain will visit Obama in Chicago on Monday."
    events = [[], [("visit", "visit", {"participants": ["McCain"], "time": "Monday", "place": "Obama"})]]
    (row,) = _rows(text, events)
    assert (row["location"], row["participants"]) == (None, ["McCain", "Barack Obama"])


def test_this_afternoon_dates_the_event_on_the_publication_day():
    text = ("Rutte planned to go back to the Binnenhof this afternoon to meet with Labour lawmakers. "
            "Rutte's visit may be as tense as the one he made on Tuesday.")
    rows = _rows(text, [[("meet", {"participants": ["Rutte", "Labour lawmakers"], "time": "this afternoon",
                                   "place": "Binnenhof"})],
                        [("visit", "visit", {"participants": ["Rutte"], "time": "Tuesday"})]],
                 published=dt.datetime(2010, 12, 8, tzinfo=dt.UTC))
    (row,) = rows  # "the one he made on Tuesday" is another visit: Tuesday does not date this one
    assert (row["start_date"], row["location"]) == (dt.date(2010, 12, 8), "Binnenhof")


def test_the_dateline_places_an_event_the_text_puts_here():
    text = "VIENNA, May 4 - Spain's minister Ana Prieto will arrive here on Friday for talks with OPEC officials."
    [row] = _rows(text, [[("talks", "talks", {"participants": ["Ana Prieto", "OPEC officials"], "time": "Friday"})]],
                  published=dt.datetime(1987, 5, 4, tzinfo=dt.UTC))
    assert (row["location"], row["location_country"]) == ("Vienna", "AT")
    text = "VIENNA, May 4 - Ana Prieto will hold talks with OPEC officials in Madrid on Friday."
    [row] = _rows(text, [[("talks", "talks", {"participants": ["Ana Prieto"], "time": "Friday"})]],
                  published=dt.datetime(1987, 5, 4, tzinfo=dt.UTC))
    assert row["location"] is None


def test_a_place_the_sentence_only_describes_is_the_one_the_article_names():
    text = "BUSAN, South Korea - Finance chiefs will meet in this South Korean port city on Saturday."
    [row] = _rows(text, [[("meet", {"participants": ["Finance chiefs"], "time": "Saturday", "place":
                                    "this South Korean port city"})]])
    assert (row["location"], row["location_country"]) == ("Busan", "KR")
    [row] = _rows(text, [[("meet", {"participants": ["Finance chiefs"], "time": "Saturday", "place":
                                    "this South Korean port city"})]], rules=RuleSet.without(["described-place"]))
    assert row["location"] == "this South Korean port city"
    text = ("Ministers will meet in the Malaysian capital on Monday. "
            "Protesters gathered in Kuala Lumpur's main square last week.")
    [row] = _rows(text, [[("meet", {"participants": ["Ministers"], "time": "Monday", "place":
                                    "the Malaysian capital"})], []])
    assert (row["location"], row["location_country"]) == ("Kuala Lumpur", "MY")
    text = "TOKYO - Ministers will meet in the Swiss ski resort on Monday."  # names no place: kept as written
    [row] = _rows(text, [[("meet", {"participants": ["Ministers"], "time": "Monday", "place":
                                    "the Swiss ski resort"})]])
    assert row["location"] == "the Swiss ski resort"


def test_a_hyphenated_surname_named_in_two_mentions_is_listed_once():
    text = "Anne Smith-Jones will meet Putin on Friday. Smith-Jones said the meeting would be brief."
    rows = _rows(text, [[("meet", {"participants": ["Anne Smith-Jones", "Putin"], "time": "Friday"})],
                        [("meeting", {"participants": ["Smith-Jones"]})]])
    assert len(rows) == 1 and rows[0]["participants"] == ["Anne Smith-Jones", "Putin"]



def test_a_later_clause_subject_is_no_participant():
    text = ("Deputy Prime Minister Anna Berg planned to meet with Labour lawmakers as Prime Minister Jonas Gahr "
            "and his cabinet sought to calm the protests.")
    (row,) = _rows(text, [[("meet", {"participants": ["Deputy Prime Minister Anna Berg", "Labour lawmakers",
                                                       "Prime Minister Jonas Gahr", "his cabinet"]})]])
    assert row["participants"] == ["Anna Berg", "Labour lawmakers"]
    text = "Biden will meet House Democrats as well as Senator Harry Reid."
    (row,) = _rows(text, [[("meet", {"participants": ["Biden", "House Democrats", "Senator Harry Reid"]})]])
    assert row["participants"] == ["Biden", "House Democrats", "Harry Reid"]


def test_participants_are_resolved_where_the_tagger_found_them():
    text = ("Farm state lawmakers want the House version to prevail, said Ortiz, who will lead the "
            "House-Senate negotiations next week.")
    (sentence,) = split_sentences(text)
    event = _event(text, "negotiations", "talks", participants=["Ortiz"])
    event.participants.append(_span(text, "the House", 2))  # the tagger's span inside "the House-Senate"
    (row,) = assemble(Document.build(_article(text)), [(sentence, [event])], extractor="test-1")
    assert row["participants"] == ["Ortiz", "House", "Senate"]


def test_two_legs_of_a_tour_stay_apart():
    text = ("Chancellor Olaf Scholz will wrap up his visit to Tokyo on Friday and then fly to Beijing. "
            "Li Qiang will hold a grand banquet for Scholz's visit starting on Friday.")
    rows = _rows(text, [[("visit", "visit", {"participants": ["Olaf Scholz"], "place": "Tokyo", "time": "Friday"})],
                        [("visit", "visit", {"participants": ["Li Qiang", "Scholz"], "time": "Friday"})]])
    assert [(r["location"], r["start_date"], r["end_date"]) for r in rows] == [
        ("Tokyo", dt.date(2016, 11, 10), dt.date(2016, 11, 11)), (None, dt.date(2016, 11, 11), dt.date(2016, 11, 11))]


def test_a_news_conference_dates_the_report_not_the_event():
    text = "Previewing his Delhi visit, Macron told a news conference in Dhaka on Tuesday that India mattered."
    (row,) = _rows(text, [[("visit", "visit", {"participants": ["Macron"]})]])
    assert row["start_date"] is None


def test_an_unclear_mention_dated_in_the_past_does_not_join_a_scheduled_event():
    text = ("Maria Lopez will discuss her plans during the strategy meeting. "
            "During an analyst meeting earlier in the year, Maria Lopez spoke of her plans.")
    rows = _rows(text, [[("strategy meeting", "conference", {"participants": ["Maria Lopez"]})],
                        [("meeting", "conference", "unclear",
                          {"participants": ["Maria Lopez"], "time": "earlier in the year"})]])
    assert [(r["status"], r["start_date"]) for r in rows] == [("scheduled", None), ("unclear", dt.date(2016, 1, 1))]


def test_a_report_date_after_a_clause_break_is_not_moved_to_a_listed_event():
    text = ("Authorities would meet representatives of the drivers Monday for talks aimed at ending the strike, "
            "a policeman told the striking drivers Friday.")
    rows = _rows(text, [[("meet", {"participants": ["representatives of the drivers"]}),
                         ("talks", "talks", {"time": "Monday"})]])
    assert {r["start_date"] for r in rows} == {dt.date(2016, 11, 14)}


def test_an_event_in_progress_with_no_time_is_dated_the_publication_day():
    text = "The minister made the remarks during his three-nation trip to Asia, officials said."
    (row,) = _rows(text, [[("trip", "visit", {"participants": ["The minister"], "place": "Asia"})]])
    assert (row["start_date"], row["end_date"], row["granularity"]) == (dt.date(2016, 11, 10),) * 2 + ("day",)


def test_an_event_the_sentence_says_is_going_on_is_dated_the_publication_day():
    for text, trigger, kind in (("The cabinet is meeting to discuss emergency measures.", "meeting", "meeting"),
                                ("The minister is in Europe for talks with bankers.", "talks", "talks")):
        (row,) = _rows(text, [[(trigger, kind, {"participants": ["The cabinet" if "cabinet" in text else
                                                                  "The minister"]})]])
        assert row["start_date"] == row["end_date"] == dt.date(2016, 11, 10), text
    text = "The governor will tour Ohio, meeting with activists and voters."  # the plan's tense governs
    (row,) = _rows(text, [[("meeting", {"participants": ["The governor", "activists", "voters"]})]])
    assert row["start_date"] is None


def test_a_planned_event_with_no_time_stays_undated():
    text = "The minister will be on a trip to Asia to meet regional leaders."
    (row,) = _rows(text, [[("trip", "visit", {"participants": ["The minister"], "place": "Asia"})]])
    assert row["start_date"] is None and row["end_date"] is None


def test_the_ongoing_rule_can_be_switched_off():

    text = "Delegates gathered for a conference taking place in Nairobi."
    [s] = split_sentences(text)
    found = [(s, [_event(s.text, "conference", "conference", participants=["Delegates"], place="Nairobi")])]
    doc = Document.build(_article(text))
    assert assemble(doc, found, extractor="t")[0]["start_date"] == dt.date(2016, 11, 10)
    assert assemble(doc, found, extractor="t", rules=RuleSet.without(["ongoing-today"]))[0]["start_date"] is None


def test_an_event_with_no_time_in_the_city_the_report_is_filed_from_is_under_way():
    lead = "GENEVA (Reuters) - Prime Minister Jens Berg said he doubted the climate conference in Geneva could agree."
    (row,) = _rows(lead, [[("conference", "conference", {"place": "Geneva"})]])
    assert row["start_date"] == row["end_date"] == dt.date(2016, 11, 10)
    (row,) = _rows(lead, [[("conference", "conference", {"place": "Geneva"})]],
                   rules=RuleSet.without(["dateline-under-way"]))
    assert row["start_date"] is None
    for text in ("OSLO (Reuters) - Fishing ministers spoke ahead of a meeting of Nordic ministers in Oslo.",
                 "OSLO (Reuters) - When the envoys arrive in Oslo, talks can begin.",
                 "OSLO (Reuters) - The meetings in Oslo will be closed to the press.",
                 "BERGEN (Reuters) - Nordic ministers are discussing quotas at a meeting in Oslo."):
        trigger = "arrive" if "arrive" in text else "meeting" if "a meeting" in text else "meetings"
        (row,) = _rows(text, [[(trigger, {"place": "Oslo"})]], rules=RuleSet.without(["ongoing-today"]))
        assert row["start_date"] is None, text


def test_a_meeting_moved_to_a_new_time_is_dated_by_it():
    text = "The producer group has brought forward an emergency meeting to November 14 from November 28."
    events = [[("meeting", {"participants": ["The producer group"], "time": "November 28"})]]
    (row,) = _rows(text, events)
    assert row["start_date"] == row["end_date"] == dt.date(2016, 11, 14)
    (row,) = _rows(text, events, rules=RuleSet.without(["rescheduled"]))
    assert row["start_date"] == dt.date(2016, 11, 28)
    text = "The minister moved forward a meeting of bankers scheduled for Sunday to Saturday."
    (row,) = _rows(text, [[("meeting", {"participants": ["bankers"], "time": "Sunday"})]])
    assert row["start_date"] == dt.date(2016, 11, 12)
    text = ("Ministers backed the plan ahead of a meeting of euro zone leaders planned for the weekend. "
            "That meeting has now been pushed back to November 23.")  # the move refers back: one meeting, moved
    events = [[("meeting", {"participants": ["euro zone leaders"], "time": "the weekend"})],
              [("meeting", {"time": "November 23"})]]
    (row,) = _rows(text, events)
    assert row["start_date"] == dt.date(2016, 11, 23) and row["participants"] == ["euro zone leaders"]
    assert len(_rows(text, events, rules=RuleSet.without(["rescheduled"]))) == 2
    text = "The minister, who postponed a vote to December, will meet bankers on Monday."  # another clause's move
    (row,) = _rows(text, [[("meet", {"participants": ["bankers"], "time": "Monday"})]])
    assert row["start_date"] == dt.date(2016, 11, 14)


def test_a_stated_length_makes_the_date_a_span():
    text = "Xi will pay a three-day state visit to France starting on Monday."
    (row,) = _rows(text, [[("visit", "visit", {"participants": ["Xi"], "place": "France", "time": "Monday"})]])
    assert (row["start_date"], row["end_date"], row["granularity"]) == (dt.date(2016, 11, 14), dt.date(2016, 11, 16),
                                                                        "day")
    text = "The senator is on a 12-day Asian tour that ends on Nov. 14."
    (row,) = _rows(text, [[("tour", "visit", {"participants": ["The senator"], "time": "Nov. 14"})]])
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 3), dt.date(2016, 11, 14))
    text = "Ministers meet in Geneva on Monday for two days."
    (row,) = _rows(text, [[("meet", {"participants": ["Ministers"], "place": "Geneva", "time": "Monday"})]])
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 14), dt.date(2016, 11, 15))
    text = "The premier arrives in Kenya on Monday for a four-day state visit."  # the purpose names the length
    (row,) = _rows(text, [[("arrives", "visit", {"participants": ["The premier"], "place": "Kenya",
                                                 "time": "Monday"})]])
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 14), dt.date(2016, 11, 17))
    text = "The envoy will begin a week-long tour of the region on Monday."
    (row,) = _rows(text, [[("tour", "visit", {"participants": ["The envoy"], "time": "Monday"})]])
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 14), dt.date(2016, 11, 20))


def test_an_event_under_way_with_a_stated_length_spans_it_from_the_publication_day():
    text = "Bond prices rose just as the Fed began a two-day policy meeting."
    events = [[("meeting", {"participants": ["the Fed"]})]]
    (row,) = _rows(text, events)
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 10), dt.date(2016, 11, 11))
    (row,) = _rows(text, events, rules=RuleSet.without(["durations"]))
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 10), dt.date(2016, 11, 10))


def test_an_event_that_continues_to_a_later_day_runs_from_the_publication_day():
    text = "Energy prices were among the themes of the International Energy Forum, which continues until Tuesday."
    events = [[("International Energy Forum", "conference", {"time": "Tuesday"})]]
    (row,) = _rows(text, events)
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 10), dt.date(2016, 11, 15))
    (row,) = _rows(text, events, rules=RuleSet.without(["ongoing-today"]))
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 15), dt.date(2016, 11, 15))
    text = "The ministers will meet again on Tuesday."  # no word of going on: the day itself
    (row,) = _rows(text, [[("meet", {"participants": ["The ministers"], "time": "Tuesday"})]])
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 15), dt.date(2016, 11, 15))


def test_a_length_of_something_else_leaves_the_date_alone():
    text = "Ministers will meet on Monday after a three-day strike."
    (row,) = _rows(text, [[("meet", {"participants": ["Ministers"], "time": "Monday"})]])
    assert row["start_date"] == row["end_date"] == dt.date(2016, 11, 14)


def test_the_publication_weekday_is_the_publication_day():
    text = "Finance ministers were set to arrive in Rome on Thursday for the talks."
    (row,) = _rows(text, [[("talks", "talks", {"participants": ["Finance ministers"], "place": "Rome",
                                               "time": "Thursday"})]])
    assert row["start_date"] == dt.date(2016, 11, 10)  # published Thursday 2016-11-10


def test_a_weekday_falls_in_the_week_an_earlier_sentence_set():
    text = "The minister travels to Asia next week. He will meet Premier Li in Beijing on Thursday."
    rows = _rows(text, [[("travels", "visit", {"participants": ["The minister"], "place": "Asia",
                                                "time": "next week"})],
                        [("meet", {"participants": ["He", "Premier Li"], "place": "Beijing", "time": "Thursday"})]])
    meeting = next(r for r in rows if r["kind"] == "meeting")
    assert meeting["start_date"] == dt.date(2016, 11, 17)  # next week's Thursday, not the paper's own day


def test_a_time_right_after_the_trigger_dates_it_rather_than_a_linked_earlier_one():
    text = "The ruling on the bid will come next week after the ministers meet on Monday."
    (row,) = _rows(text, [[("meet", {"participants": ["the ministers"], "time": "next week"})]])
    assert (row["date_text"], row["start_date"]) == ("Monday", dt.date(2016, 11, 14))
    text = "The ministers meet next week, and a ruling will follow on Monday."  # Monday is not the meeting's
    (row,) = _rows(text, [[("meet", {"participants": ["The ministers"], "time": "next week"})]])
    assert row["date_text"] == "next week"
    text = "The bank may act at its December 13-14 meeting unless jobs data due on Friday disappoint."
    (row,) = _rows(text, [[("meeting", {"participants": ["The bank"], "time": "December 13-14"})]])
    assert (row["date_text"], row["start_date"]) == ("December 13-14", dt.date(2016, 12, 13))  # Friday: the data's


def test_a_time_beyond_a_clause_boundary_does_not_date_the_event():
    text = "The visit comes as lawmakers on Monday were planning to unveil an aid package."
    (row,) = _rows(text, [[("visit", "visit", {"time": "Monday"})]])  # the tagger linked Monday to the visit
    assert row["start_date"] is None


def test_a_subject_of_a_later_clause_is_dropped_even_when_alone():
    text = "The visit comes as Congress prepares to vote on the budget."
    (row,) = _rows(text, [[("visit", "visit", {"participants": ["Congress"]})]])
    assert row["participants"] == []


def test_a_description_does_not_keep_two_mentions_of_one_visit_apart():
    text = ("Two members of the cabinet are set to visit Puerto Rico on Tuesday. "
            "Interior Secretary Ana Ruiz and Energy Secretary Tom Lee will travel to Puerto Rico.")
    rows = _rows(text, [[("visit", "visit", {"participants": ["Two members of the cabinet"], "place": "Puerto Rico",
                                              "time": "Tuesday"})],
                        [("travel", "visit", {"participants": ["Ana Ruiz", "Tom Lee"], "place": "Puerto Rico"})]])
    assert len(rows) == 1 and {"Ana Ruiz", "Tom Lee"} <= set(rows[0]["participants"])


def test_mentions_of_one_summit_merge_whoever_each_names():
    text = ("Leaders of ten nations gather in Jakarta on Thursday for an ASEAN summit. "
            "All the claimants will be at the summit, except for Laos.")
    rows = _rows(text, [[("summit", "summit", {"participants": ["Leaders of ten nations"], "place": "Jakarta",
                                                "time": "Thursday"})],
                        [("summit", "summit", {"participants": ["claimants", "Laos"]})]])
    assert len(rows) == 1 and rows[0]["start_date"] == dt.date(2016, 11, 10)


def test_an_event_dated_before_publication_has_happened():
    text = "The bank held rates at its meeting earlier this month."
    (row,) = _rows(text, [[("meeting", {"participants": ["The bank"], "time": "earlier this month"})]])
    assert row["status"] == "past"  # the tagger said scheduled; the date says otherwise


def test_an_event_put_off_with_no_new_date_is_not_scheduled():
    text = "The minister has delayed a planned trip to Brazil because of the strike."
    (row,) = _rows(text, [[("trip", "visit", {"participants": ["The minister"], "place": "Brazil"})]])
    assert row["status"] == "unclear"
    text = "The minister has delayed a planned trip to Brazil until March 3."
    (row,) = _rows(text, [[("trip", "visit", {"participants": ["The minister"], "place": "Brazil",
                                               "time": "March 3"})]])
    assert row["status"] == "scheduled"  # put off to a new date: scheduled for it


def test_an_event_the_sentence_calls_off_after_naming_it_is_not_scheduled_whatever_its_date():
    for text in ("The minister had been due to visit Brazil next week, but canceled because of the strike.",
                 "The minister's visit to Brazil next week was called off because of the strike."):
        (row,) = _rows(text, [[("visit", "visit", {"participants": ["minister"], "place": "Brazil",
                                                    "time": "next week"})]])
        assert row["status"] == "unclear", text
        (row,) = _rows(text, [[("visit", "visit", {"participants": ["minister"], "place": "Brazil",
                                                    "time": "next week"})]], rules=RuleSet.without(["called-off"]))
        assert row["status"] == "scheduled"
    text = "The minister will visit Brazil next week, after the talks were nearly called off in May."
    (row,) = _rows(text, [[("visit", "visit", {"participants": ["minister"], "place": "Brazil",
                                                "time": "next week"})]])
    assert row["status"] == "scheduled"  # another clause's cancellation


def test_an_open_invitation_is_no_plan_but_one_for_a_set_day_is():
    text = "I want to invite all the mayors, and anyone else who cares, to come visit Oslo."
    (row,) = _rows(text, [[("visit", "visit", {"participants": ["all the mayors"], "place": "Oslo"})]])
    assert row["status"] == "unclear"
    text = "The premier invited the union leaders to his office on Friday."
    (row,) = _rows(text, [[("office", {"participants": ["The premier", "the union leaders"], "time": "Friday"})]])
    assert row["status"] == "scheduled"


def test_one_party_named_two_ways_keeps_two_mentions_of_one_meeting_together():
    text = ("Futures show a cut is likely at the Federal Open Market Committee's December meeting. "
            "The Fed's decision will be announced after a two-day meeting concludes on December 14.")
    events = [[("meeting", {"participants": ["Federal Open Market Committee"], "time": "December"})],
              [("meeting", {"participants": ["Fed"], "time": "December 14"})]]
    (row,) = _rows(text, events)
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 12, 13), dt.date(2016, 12, 14))
    assert len(_rows(text, events, rules=RuleSet.without(["party-keys"]))) == 2


def test_two_spellings_of_one_event_name_are_one_event_and_two_names_are_two():
    text = ("The pope spoke on the eve of the G8 summit in Italy. "
            "Merkel urged world leaders to act at the G8 meeting in Italy.")
    events = [[("summit", "summit", {"place": "Italy", "name": "G8 summit"})],
              [("meeting", "summit", {"participants": ["world leaders"], "place": "Italy", "name": "G8 meeting"})]]
    assert len(_rows(text, events)) == 1
    other = text.replace("G8 meeting", "NATO meeting")
    events[1][0][-1]["name"] = "NATO meeting"
    assert len(_rows(other, events)) == 2


def test_two_gatherings_that_and_joins_are_two_events():
    text = ("Markets face a crucial week next week, when the bloc's leaders hold a crisis summit and the ECB has its "
            "final policy meeting of the year.")
    events = [[("summit", "summit", {"participants": ["the bloc's leaders", "the ECB"], "time": "next week"}),
               ("policy meeting", "meeting", {"participants": ["the ECB"], "time": "next week"})]]
    assert sorted(r["kind"] for r in _rows(text, events)) == ["meeting", "summit"]
    assert len(_rows(text, events, rules=RuleSet.without(["coordinated"]))) == 1
    talks = "The ministers will meet and hold talks in Rome on Monday."  # one sitting, told two ways
    events = [[("meet", {"participants": ["The ministers"], "place": "Rome", "time": "Monday"}),
               ("talks", "talks", {"participants": ["The ministers"], "place": "Rome", "time": "Monday"})]]
    assert len(_rows(talks, events)) == 1


def test_one_body_at_two_ranks_is_two_meetings():
    text = ("Austria was alone at a meeting of 27 EU ministers. "
            "EU leaders will also discuss the issue when they meet at a summit next month.")
    events = [[("meeting", {"participants": ["27 EU ministers"]})],
              [("meet", "summit", {"participants": ["EU leaders"], "time": "next month"})]]
    assert len(_rows(text, events)) == 2
    assert len(_rows(text, events, rules=RuleSet.without(["ranks"]))) == 1
    # ministers of two portfolios are two ranks; ministers of none fit any portfolio
    for first, second, rows in [("OPEC finance ministers", "OPEC energy ministers", 2),
                                ("OPEC ministers", "OPEC energy ministers", 1)]:
        text = f"The {first} will meet in Vienna. The {second} will hold talks in Vienna."
        events = [[("meet", {"participants": [first], "place": "Vienna"})],
                  [("talks", "talks", {"participants": [second], "place": "Vienna"})]]
        assert len(_rows(text, events)) == rows, (first, second)


def test_a_clause_between_the_and_a_verb_trigger_refers_back_to_nothing():
    text = "Acme's board will meet in Rome on Monday. Beta Corp will discuss the issue when they meet."
    events = [[("meet", {"participants": ["Acme"], "place": "Rome", "time": "Monday"})],
              [("meet", {"participants": ["Beta Corp"]})]]
    assert len(_rows(text, events)) == 2
    referring = text.replace("discuss the issue when they meet", "attend the meeting")
    events[1] = [("meeting", {"participants": ["Beta Corp"]})]
    assert len(_rows(referring, events)) == 1


def test_the_meeting_refers_back_to_the_meeting_the_article_named():
    text = ("Trump will meet refiners next week to discuss biofuel policy. "
            "In a letter, Senator Chuck Grassley asked that the meeting include Governor Kim Reynolds.")
    events = [[("meet", {"participants": ["Trump", "refiners"], "time": "next week"})],
              [("meeting", {"participants": ["Chuck Grassley", "Kim Reynolds"]})]]
    (row,) = _rows(text, events)
    assert row["granularity"] == "week"
    assert len(_rows(text, events, rules=RuleSet.without(["definite-anaphor"]))) == 2


def test_a_verb_at_the_gathering_refers_back_to_that_gathering():
    text = ("A House panel will hold a hearing on Monday on the collapse of Acme Fund. "
            "Its founder Jane Doe will testify at the hearing, which will help lawmakers write new rules.")
    events = [[("hearing", "conference", {"participants": ["House panel"], "time": "Monday"})],
              [("testify", "conference", {"participants": ["Jane Doe"]})]]
    (row,) = _rows(text, events)
    assert row["participants"] == ["House panel", "Jane Doe"] and row["start_date"] == dt.date(2016, 11, 14)
    assert len(_rows(text, events, rules=RuleSet.without(["definite-anaphor"]))) == 2
    other = text.replace("at the hearing", "at a hearing of the Senate")  # a hearing not named before
    assert len(_rows(other, events)) == 2


def test_the_next_meeting_is_another_occasion():
    text = ("Trump will meet refiners next week to discuss biofuel policy. "
            "Senator Chuck Grassley said the next meeting should include Governor Kim Reynolds.")
    events = [[("meet", {"participants": ["Trump", "refiners"], "time": "next week"})],
              [("meeting", {"participants": ["Chuck Grassley", "Kim Reynolds"]})]]
    assert len(_rows(text, events)) == 2


def test_a_referring_mention_of_another_kind_or_time_stays_apart():
    text = ("Trump will meet refiners on Monday. "
            "Senator Chuck Grassley wants the visit to Iowa on December 20 to include Governor Kim Reynolds.")
    events = [[("meet", {"participants": ["Trump", "refiners"], "time": "Monday"})],
              [("visit", "visit", {"participants": ["Chuck Grassley"], "place": "Iowa", "time": "December 20"})]]
    assert len(_rows(text, events)) == 2


def test_a_tagged_time_cut_short_is_the_whole_expression():
    text = "EU leaders will make decisions at a summit later this week."
    events = [[("summit", "summit", {"participants": ["EU leaders"], "time": "later"})]]
    (row,) = _rows(text, events)
    assert (row["date_text"], row["start_date"], row["end_date"]) == (
        "later this week", dt.date(2016, 11, 10), dt.date(2016, 11, 13))
    (row,) = _rows(text, events, rules=RuleSet.without(["time-snap"]))
    assert row["start_date"] is None


def test_the_dateline_date_never_dates_the_event():
    text = "WASHINGTON, June 15 - The Venice summit accord gives the IMF a larger role, an official said."
    events = [[("summit", "summit", {"time": "June 15", "name": "Venice summit"})]]
    (row,) = _rows(text, events)
    assert row["start_date"] is None
    (row,) = _rows(text, events, rules=RuleSet.without(["dateline-date"]))
    assert row["start_date"] == dt.date(2017, 6, 15)


def test_a_time_after_the_trigger_dates_it_when_the_tagger_linked_the_dateline():
    text = "WASHINGTON, April 24 - The visit this week by a Japanese envoy did little to ease the dispute."
    (row,) = _rows(text, [[("visit", "visit", {"time": "April 24"})]])
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 10), dt.date(2016, 11, 13))


def test_a_place_in_an_event_name_does_not_tell_two_mentions_apart():
    text = ("The debate has turned gloomy ahead of the Washington G20 crisis summit. "
            "A banker who plans to attend the Washington summit said the crisis had deepened.")
    events = [[("summit", "summit", {"name": "G20 crisis summit"})],
              [("summit", "summit", {"name": "Washington summit"})]]
    assert len(_rows(text, events)) == 1


def test_a_days_meeting_refers_back_to_the_meeting_on_that_day():
    text = ("A trustee will appoint the committee with Labor unions at a meeting on Monday at the Sheraton. "
            "Monday's meeting will be crowded with lawyers, said professor Harlan Platt.")
    events = [[("meeting", {"participants": ["Labor unions"], "time": "Monday"})],
              [("meeting", {"participants": ["Harlan Platt"]})]]
    assert len(_rows(text, events)) == 1
    assert len(_rows(text, events, rules=RuleSet.without(["definite-anaphor"]))) == 2


def test_one_event_name_is_one_event_whoever_each_mention_names():
    text = ("The G20 meets again in April ahead of a G8 summit in July. "
            "Britain's Brown, who will chair the April G20 summit, said he would fight hard.")
    events = [[("meets", {"participants": ["G20"], "time": "April", "name": "G20"})],
              [("summit", "summit", {"participants": ["Brown"], "time": "April", "name": "G20 summit"})]]
    assert len(_rows(text, events)) == 1
    assert len(_rows(text, events, rules=RuleSet.without(["party-keys"]))) == 2


def test_the_meeting_refers_back_to_a_meeting_named_by_its_noun():
    text = ("Berkshire expects 35,000 people at its annual meeting on Saturday. "
            "At the meeting itself, Buffett and Munger will take questions.")
    events = [[("annual meeting", "conference", {"participants": ["Berkshire"], "time": "Saturday"})],
              [("meeting", {"participants": ["Buffett", "Munger"]})]]
    (row,) = _rows(text, events)
    assert row["start_date"] == dt.date(2016, 11, 12)


def test_an_event_naming_no_party_takes_the_names_that_modify_its_trigger():
    text = ("The International Monetary Fund (IMF) said on Friday that it was ready to help. "
            "An IMF mission will travel to Malawi next week.")
    events = [[], [("mission", "visit", {"place": "Malawi", "time": "next week"})]]
    (row,) = _rows(text, events)
    assert row["participants"] == ["International Monetary Fund"]  # named in full, as tagged parties are
    assert _rows(text, events, rules=RuleSet.without(["phrase-modifiers"]))[0]["participants"] == []


def test_an_organisation_whose_meeting_it_is_joins_the_named_parties():
    text = "Merkel and Putin will attend next week's G-7 summit."
    events = [[("summit", "summit", {"participants": ["Merkel", "Putin"], "time": "next week"})]]
    assert _rows(text, events)[0]["participants"] == ["Merkel", "Putin", "G-7"]
    assert _rows(text, events, rules=RuleSet.without(["phrase-modifiers"]))[0]["participants"] == ["Merkel", "Putin"]
    text = "Tillerson will attend the Council meeting on Tuesday. INVESTMENT TALKS: Bankers will meet on Monday."
    events = [[("meeting", {"participants": ["Tillerson"], "time": "Tuesday"})],
              [("TALKS", "talks", {"participants": ["Bankers"]})]]
    assert [r["participants"] for r in _rows(text, events)] == [["Tillerson"], ["Bankers"]]  # no organisation


def test_a_time_among_the_name_words_before_the_trigger_dates_it():
    text = "Officials prepare for the G20 November summit in Seoul."
    events = [[("summit", "summit", {"place": "Seoul", "name": "G20 November summit"})]]
    (row,) = _rows(text, events)
    assert (row["start_date"], row["end_date"], row["date_text"]) == (dt.date(2016, 11, 11), dt.date(2016, 11, 30),
                                                                      "November")
    assert _rows(text, events, rules=RuleSet.without(["phrase-modifiers"]))[0]["start_date"] is None
    text = "In November, officials will prepare for the summit in Seoul."  # a time of the clause, not a modifier
    assert _rows(text, [[("summit", "summit", {"place": "Seoul"})]])[0]["start_date"] is None


def test_a_party_named_twice_in_one_row_keeps_its_fullest_spelling():
    text = "Traders bet that the Fed and the European Central Bank will act when the Federal Reserve meets on Tuesday."
    events = [[("meets", {"participants": ["the Fed", "the European Central Bank", "the Federal Reserve"],
                          "time": "Tuesday"})]]
    assert _rows(text, events)[0]["participants"] == ["Federal Reserve", "European Central Bank"]


def test_an_organisation_named_by_of_after_the_trigger_is_a_party():
    text = "Doctors will gather for the annual meeting of the American Heart Association in Dallas next week."
    events = [[("annual meeting", "conference", {"time": "next week", "place": "Dallas"})]]
    assert _rows(text, events)[0]["participants"] == ["American Heart Association"]
    assert _rows(text, events, rules=RuleSet.without(["phrase-modifiers"]))[0]["participants"] == []
    text = "Brown will attend meetings of EU finance ministers on Monday."
    events = [[("meetings", {"participants": ["Brown"], "time": "Monday"})]]
    assert _rows(text, events)[0]["participants"] == ["Brown"]  # the organisation's ministers meet, not named here


def test_a_companys_own_shareholder_meeting_has_the_company_for_a_party():
    text = ("Northwind Traders Inc rejected the offer on Monday. Shareholders opposed to Icahn asked a judge for "
            "more time. The vote is due at its June 27 annual meeting.")
    events = [[], [], [("annual meeting", "conference", {"time": "June 27"})]]
    assert _rows(text, events)[0]["participants"] == ["Northwind Traders Inc"]  # "its": the article's company
    assert _rows(text, events, rules=RuleSet.without(["meeting-owner"]))[0]["participants"] == []
    text = ("Acme Holdings said profit rose. Its chief, Jane Roe, will face investors before the broker's annual "
            "meeting on Wednesday.")
    events = [[], [("annual meeting", "conference", {"participants": ["Jane Roe"], "time": "Wednesday"})]]
    assert _rows(text, events)[0]["participants"] == ["Jane Roe", "Acme Holdings"]
    text = "Northwind Traders Inc faces Icahn at its annual meeting on Friday, where shareholders will vote."
    events = [[("annual meeting", "conference", {"participants": ["Northwind Traders Inc"], "time": "Friday"})]]
    assert _rows(text, events)[0]["participants"] == ["Northwind Traders Inc"]  # named already
    text = "Shareholders of Northwind Traders Inc will hold their annual meeting on Friday."  # "their": theirs
    events = [[("annual meeting", "conference", {"participants": ["Shareholders"], "time": "Friday"})]]
    assert _rows(text, events)[0]["participants"] == ["Shareholders"]
    text = "The board of Northwind Traders Inc said its meeting with Icahn on Friday went well."  # no AGM
    events = [[("meeting", "meeting", {"participants": ["Icahn"], "time": "Friday"})]]
    assert _rows(text, events)[0]["participants"] == ["Icahn"]
    text = ("Northwind Traders Inc rejected the offer on Monday. The vote at the Annual General Meeting in Dublin on "
            "Wednesday is non-binding.")  # "the" shareholder meeting: the article's company
    events = [[], [("Annual General Meeting", "conference", {"place": "Dublin", "time": "Wednesday"})]]
    assert _rows(text, events)[0]["participants"] == ["Northwind Traders Inc"]
    text = "Northwind Traders Inc rejected the offer. Ministers will gather at the annual meetings in October."
    events = [[], [("annual meetings", "conference", {"participants": ["Ministers"], "time": "October"})]]
    assert _rows(text, events)[0]["participants"] == ["Ministers"]  # "the annual meetings": no shareholders'


def test_a_person_modifying_the_trigger_joins_only_an_event_naming_no_party():
    text = "Investors will watch the Buffett meeting on Saturday."
    events = [[("meeting", {"participants": ["Investors"], "time": "Saturday"})]]
    assert _rows(text, events)[0]["participants"] == ["Investors"]


def test_a_place_modifying_the_trigger_is_where_the_event_is_held():
    text = "Investors are waiting for the Seoul summit next week."
    events = [[("summit", "summit", {"time": "next week"})]]
    (row,) = _rows(text, events)
    assert row["location"] == "Seoul" and row["participants"] == []
    assert _rows(text, events, rules=RuleSet.without(["phrase-modifiers"]))[0]["location"] is None


def test_names_before_a_verb_after_a_list_are_not_modifiers():
    text = "The currency rose when the leaders of Brazil, India, Russia and China meet on Monday."
    events = [[("meet", {"time": "Monday"})]]
    (row,) = _rows(text, events)
    assert (row["location"], row["participants"]) == (None, [])


def test_a_place_with_s_owns_the_event_and_is_not_where_it_is_held():
    text = "Shareholders will vote at Forest's annual meeting on Monday."
    events = [[("annual meeting", "conference", {"time": "Monday"})]]
    (row,) = _rows(text, events)
    assert row["location"] is None


def test_the_trip_refers_back_to_a_trip_whose_group_holds_other_kinds():
    text = ("Executives from Google will visit Cairo next week. They also plan talks with young Egyptians. "
            "Representatives from IBM will also be on the trip to Cairo.")
    events = [[("visit", "visit", {"participants": ["Executives from Google"], "place": "Cairo",
                                   "time": "next week"})],
              [("talks", "talks", {"participants": ["young Egyptians"]})],
              [("trip", "visit", {"participants": ["Representatives from IBM"], "place": "Cairo"})]]
    (row,) = _rows(text, events)
    assert "Representatives from IBM" in row["participants"] and row["location"] == "Cairo"
    assert len(_rows(text, events, rules=RuleSet.without(["definite-anaphor"]))) == 2


def test_a_meeting_in_a_country_and_in_a_city_of_it_is_one_meeting_at_the_city():
    text = ("Colombia will not attend a meeting of coffee producers this weekend in Nicaragua. "
            "Brazil and Honduras were invited to the meeting in Managua.")
    events = [[("meeting", {"participants": ["Colombia", "coffee producers"], "place": "Nicaragua",
                            "time": "this weekend"})],
              [("meeting", {"participants": ["Brazil", "Honduras"], "place": "Managua"})]]
    (row,) = _rows(text, events)
    assert row["location"] == "Managua" and row["start_date"] == dt.date(2016, 11, 12)
    assert len(_rows(text, events, rules=RuleSet.without(["place-within"]))) == 2


def test_a_visit_to_a_country_and_to_a_city_of_it_stay_two_stops():
    text = "Obama will visit Japan next week. Obama will also visit Tokyo on Tuesday."
    events = [[("visit", "visit", {"participants": ["Obama"], "place": "Japan", "time": "next week"})],
              [("visit", "visit", {"participants": ["Obama"], "place": "Tokyo", "time": "Tuesday"})]]
    assert len(_rows(text, events)) == 2


def test_a_meeting_in_a_country_and_one_in_a_city_of_another_stay_apart():
    text = "Ministers will meet in Peru next week. Ministers will meet in Santiago on Tuesday."
    events = [[("meet", {"participants": ["Ministers"], "place": "Peru", "time": "next week"})],
              [("meet", {"participants": ["Ministers"], "place": "Santiago", "time": "Tuesday"})]]
    assert len(_rows(text, events)) == 2


def test_an_event_the_sentence_begins_with_no_time_is_dated_from_the_publication_day():
    """Begun, beginning or about to begin ("prepared to open"); not one planned to begin."""
    for text, trigger in (("Soviet deputy premier Antonov begins two days of economic talks in Bonn.", "talks"),
                          ("European Union leaders began a two-day summit in Brussels.", "summit"),
                          ("Shares fell as the central bank prepared to open a two-day meeting.", "meeting")):
        (row,) = _rows(text, [[(trigger, "talks", {})]])
        assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 10), dt.date(2016, 11, 11)), text
    for text in ("The two sides hope to settle it before the unions begin a new round of talks.",
                 "The exchange's start of talks, planned for the spring, may change that.",
                 "The bank wants to open two days of talks with lenders."):
        (row,) = _rows(text, [[("talks", "talks", {})]])
        assert row["start_date"] is None, text


def test_mentions_of_two_kinds_naming_one_event_or_the_same_parties_refine_each_other():
    text = ("Angela Merkel and Barack Obama will meet next week in Washington. "
            "Analysts doubt much will come of the November 17 summit between Merkel and Obama.")
    events = [[("meet", {"participants": ["Angela Merkel", "Barack Obama"], "time": "next week"})],
              [("summit", "summit", {"participants": ["Merkel", "Obama"], "time": "November 17"})]]
    (row,) = _rows(text, events)
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 17),) * 2
    assert len(_rows(text, events, rules=RuleSet.without(["refine-kinds"]))) == 2
    text = "Japan will press its case at a G20 summit next week. Aso leaves on Saturday for the G20 meeting."
    events = [[("summit", "summit", {"participants": ["Japan"], "time": "next week", "name": "G20 summit"})],
              [("meeting", {"participants": ["Aso"], "time": "Saturday", "name": "G20 meeting"})]]
    assert len(_rows(text, events)) == 1


def test_a_trip_and_a_meeting_on_it_with_other_parties_stay_two_kinds():
    text = "The minister travels to Asia next week. He meets Premier Li on Thursday in Beijing."
    events = [[("travels", "visit", {"participants": ["The minister"], "place": "Asia", "time": "next week"})],
              [("meets", {"participants": ["He", "Premier Li"], "time": "Thursday", "place": "Beijing"})]]
    assert len(_rows(text, events)) == 2


def test_two_mentions_ending_in_one_noun_refine_each_other_whatever_kind_each_was_tagged():
    text = ("Activists urge the bank to let all shareholders into next week's annual meeting. "
            "Observers will be on hand for the May 9 meeting in Charlotte.")
    events = [[("annual meeting", "conference", {"participants": ["shareholders"], "time": "next week"})],
              [("meeting", "meeting", {"participants": ["Observers"], "time": "May 9", "place": "Charlotte"})]]
    published = dt.datetime(2012, 4, 30, 12, tzinfo=dt.UTC)
    (row,) = _rows(text, events, published=published)
    assert (row["start_date"], row["location"]) == (dt.date(2012, 5, 9), "Charlotte")
    text = "Leaders will meet next week. The committee will meet on Friday to study the plan."
    events = [[("meet", "summit", {"participants": ["Leaders"], "time": "next week"})],
              [("meet", "meeting", {"participants": ["The committee"], "time": "Friday"})]]
    assert len(_rows(text, events, published=published)) == 2  # a verb names no sort of gathering


def test_two_tags_of_one_sentence_are_one_event_once_their_times_and_places_resolve_alike():
    text = "Obama will warn Putin in person at a Group of 20 summit meeting in Hangzhou, China."
    events = [[("summit", "summit", {"participants": ["Obama", "Putin"], "place": "China",
                                     "name": "Group of 20 summit"}),
               ("meeting", "meeting", {"participants": ["Obama", "Putin"], "place": "Hangzhou",
                                       "name": "Group of 20 summit meeting"})]]
    (row,) = _rows(text, events)
    assert row["location"] == "Hangzhou"
    text = ("Bush will host a summit of G20 leaders in Washington in one week, and aides are cautious about the "
            "November 17 meeting.")
    events = [[("summit", "summit", {"participants": ["G20 leaders"], "place": "Washington", "time": "in one week"}),
               ("meeting", "meeting", {"time": "November 17"})]]
    (row,) = _rows(text, events)
    assert row["start_date"] == dt.date(2016, 11, 17) and row["location"] == "Washington"
    assert len(_rows(text, events, rules=RuleSet.without(["tag-merge"]))) == 2
    text = "Hu meets Obama on Monday and Merkel on Tuesday."
    events = [[("meets", {"participants": ["Hu", "Obama"], "time": "Monday"}),
               ("meets", {"participants": ["Hu", "Merkel"], "time": "Tuesday"})]]
    assert len(_rows(text, events)) == 2


def test_the_sitting_of_a_legislature_or_a_court_is_no_meeting():
    for text, parties in (("Haughey expects to form a government when the Irish parliament meets next Tuesday.",
                           ["Haughey"]),
                          ("The grand jury will meet on Wednesday to hear evidence.", ["The grand jury"])):
        (row,) = _rows(text, [[("meets" if "meets" in text else "meet", {"participants": parties,
                                                                          "time": "Wednesday" if "Wed" in text
                                                                          else "next Tuesday"})]])
        assert row["status"] == "unclear", text
    text = "The Senate Banking Committee meets on Wednesday to hear the chairman."
    (row,) = _rows(text, [[("meets", {"participants": ["The Senate Banking Committee"], "time": "Wednesday"})]])
    assert row["status"] == "scheduled"


def test_a_month_and_day_just_gone_dates_a_past_meeting():
    text = "Minutes of the Fed's June 21-22 policy meeting will be released."
    published = dt.datetime(2011, 7, 8, 12, tzinfo=dt.UTC)
    (row,) = _rows(text, [[("policy meeting", {"participants": ["Fed"], "time": "June 21-22"})]], published=published)
    assert row["status"] == "past"
    text = "The Fed holds its next policy meeting on June 21-22."
    (row,) = _rows(text, [[("policy meeting", {"participants": ["Fed"], "time": "June 21-22"})]],
                   published=dt.datetime(2011, 5, 8, 12, tzinfo=dt.UTC))
    assert row["status"] == "scheduled"
    (row,) = _rows(text, [[("policy meeting", {"participants": ["Fed"], "time": "June 21-22"})]], published=published,
                   rules=RuleSet.without(["past-date"]))
    assert row["status"] == "scheduled" and row["start_date"] == dt.date(2012, 6, 21)


def test_a_month_and_day_a_past_reading_puts_almost_a_year_back_is_the_coming_one():
    text = "Last week, Acme proposed new directors for shareholder approval at a meeting on December 2."
    events = [[("meeting", {"status": "past", "participants": ["Acme"], "time": "December 2"})]]
    (row,) = _rows(text, events)  # published 2016-11-10: last December is eleven months gone
    assert (row["status"], row["start_date"]) == ("scheduled", dt.date(2016, 12, 2))
    (row,) = _rows(text, events, rules=RuleSet.without(["coming-day"]))
    assert (row["status"], row["start_date"]) == ("past", dt.date(2015, 12, 2))
    text = "Acme held a meeting on March 31 to approve the deal."  # seven months gone: a past day
    (row,) = _rows(text, [[("meeting", {"status": "past", "participants": ["Acme"], "time": "March 31"})]])
    assert (row["status"], row["start_date"]) == ("past", dt.date(2016, 3, 31))


def test_parties_met_at_their_own_times_are_one_event_each():
    text = "Smith will meet with French Finance Minister Paul Dupont on Monday and Chancellor Eva Braun on Thursday."
    events = [[("meet", {"participants": ["Smith", "Paul Dupont", "Eva Braun"], "time": "Monday"})]]
    rows = sorted(_rows(text, events), key=lambda r: r["start_date"])  # published Thursday 2016-11-10
    assert [(r["participants"], r["start_date"]) for r in rows] == [
        (["Smith", "Paul Dupont"], dt.date(2016, 11, 14)), (["Smith", "Eva Braun"], dt.date(2016, 11, 17))]
    (row,) = _rows(text, events, rules=RuleSet.without(["split-objects"]))
    assert row["participants"] == ["Smith", "Paul Dupont", "Eva Braun"]


def test_places_visited_at_their_own_times_are_one_visit_each():
    text = "The envoy will visit Paris on Monday and Berlin on Wednesday."
    rows = _rows(text, [[("visit", "visit", {"place": "Paris", "time": "Monday"})]])
    assert sorted((r["location"], r["start_date"]) for r in rows) == [("Berlin", dt.date(2016, 11, 16)),
                                                                     ("Paris", dt.date(2016, 11, 14))]


def test_parties_met_separately_are_one_event_each():
    text = "Whitacre will meet separately with Treasury Secretary Timothy Geithner and Nancy Pelosi on Friday."
    rows = _rows(text, [[("meet", {"participants": ["Whitacre", "Timothy Geithner", "Nancy Pelosi"],
                                   "time": "Friday"})]])
    assert sorted(r["participants"][-1] for r in rows) == ["Nancy Pelosi", "Timothy Geithner"]
    assert all(r["participants"][0] == "Whitacre" and r["start_date"] == dt.date(2016, 11, 11) for r in rows)
    text = "Smith will meet Jones and Brown on Tuesday."  # together: one meeting
    (row,) = _rows(text, [[("meet", {"participants": ["Smith", "Jones", "Brown"], "time": "Tuesday"})]])
    assert row["participants"] == ["Smith", "Jones", "Brown"]


def test_an_event_name_inside_its_place_is_no_name():
    text = "Leaders will meet at Saturday's White House gathering on reform."
    (row,) = _rows(text, [[("gathering", {"participants": ["Leaders"], "place": "White House", "name": "White",
                                          "time": "Saturday"})]])
    assert (row["event_name"], row["location"]) == (None, "White House")
    text = "Leaders will meet at the Venice summit on Saturday."
    (row,) = _rows(text, [[("summit", "summit", {"participants": ["Leaders"], "place": "Venice",
                                                  "name": "Venice summit", "time": "Saturday"})]])
    assert row["event_name"] == "Venice summit"


def test_a_gathering_named_as_the_occasion_of_a_quote_is_under_way():
    text = "\"Growth is slowing,\" Smith told Reuters on the sidelines of the World Economic Forum in Davos."
    events = [[("World Economic Forum", "conference", {"participants": ["Smith"], "place": "Davos"})]]
    (row,) = _rows(text, events)
    assert row["status"] == "ongoing"
    (row,) = _rows(text, events, rules=RuleSet.without(["quote-setting"]))
    assert row["status"] == "scheduled"
    text = "Smith said at the group's next meeting in Vienna in June, members will decide."  # said that, at ...
    (row,) = _rows(text, [[("meeting", {"participants": ["Smith"], "place": "Vienna", "time": "June"})]])
    assert row["status"] == "scheduled"
    text = "Smith told reporters at the White House before leaving for his trip to Asia next week."
    (row,) = _rows(text, [[("trip", "visit", {"participants": ["Smith"], "place": "Asia", "time": "next week"})]])
    assert row["status"] == "scheduled"


def test_a_meeting_at_a_gathering_is_an_event_of_its_own():
    text = "Smith will meet Dmitry Ivanov on Monday at a summit of the Shanghai group in Yekaterinburg."
    events = [[("meet", {"participants": ["Smith", "Dmitry Ivanov"], "time": "Monday"}),
               ("summit", "summit", {"time": "Monday", "place": "Yekaterinburg"})]]
    rows = sorted(_rows(text, events), key=lambda r: r["kind"])
    assert [(r["kind"], r["start_date"], r["location"]) for r in rows] == [
        ("meeting", dt.date(2016, 11, 14), "Yekaterinburg"), ("summit", dt.date(2016, 11, 14), "Yekaterinburg")]
    assert len(_rows(text, events, rules=RuleSet.without(["sidelines"]))) == 1
    text = "The two leaders will hold talks on the sidelines of the G20 summit in Hamburg next week."
    rows = _rows(text, [[("talks", "talks", {}), ("summit", "summit", {"time": "next week", "place": "Hamburg",
                                                                        "name": "G20 summit"})]])
    assert sorted((r["kind"], r["location"], r["start_date"]) for r in rows) == [
        ("summit", "Hamburg", dt.date(2016, 11, 14)), ("talks", "Hamburg", dt.date(2016, 11, 14))]
    text = "Policy makers meeting at the G20 summit in London next week will discuss trade."  # they attend it
    assert len(_rows(text, [[("meeting", {"participants": ["Policy makers"]}),
                             ("summit", "summit", {"time": "next week", "place": "London"})]])) == 1


def test_a_host_country_is_where_the_event_is_held():
    text = "France hosts a European jobs summit on Tuesday."
    events = [[("summit", "summit", {"participants": ["France"], "time": "Tuesday"})]]
    (row,) = _rows(text, events)
    assert (row["location"], row["participants"]) == ("France", ["France"])
    assert _rows(text, events, rules=RuleSet.without(["locative-participant"]))[0]["location"] is None
    text = "Leaders meet at a summit on Nov 13-14, which Japan hosts."
    (row,) = _rows(text, [[("summit", "summit", {"participants": ["Leaders"], "time": "Nov 13-14"})]])
    assert row["location"] == "Japan"
    text = "Acme hosts a meeting with analysts on Tuesday."  # a company hosts: no place
    (row,) = _rows(text, [[("meeting", {"participants": ["Acme", "analysts"], "time": "Tuesday"})]])
    assert row["location"] is None


def test_two_parties_of_one_mention_sharing_a_last_word_stay_two():
    text = "U.S. officials will meet Chinese officials on Monday. The officials will discuss trade at the meeting."
    events = [[("meet", {"participants": ["U.S. officials", "Chinese officials"], "time": "Monday"})],
              [("meeting", {"participants": ["The officials"]})]]
    (row,) = _rows(text, events)
    assert row["participants"] == ["U.S. officials", "Chinese officials"]  # the later "officials" adds no one


def test_a_meeting_and_talks_at_one_place_are_one_event():
    text = ("Nigerian negotiators will arrive in Tokyo tomorrow for talks with Japanese banks. "
            "The Nigerian team will meet with the banks in Tokyo later this week.")
    events = [[("talks", "talks", {"participants": ["Nigerian negotiators", "Japanese banks"], "time": "tomorrow",
                                   "place": "Tokyo"})],
              [("meet", {"participants": ["The Nigerian team", "the banks"], "time": "later this week",
                         "place": "Tokyo"})]]
    (row,) = _rows(text, events)
    assert row["start_date"] == row["end_date"] == dt.date(2016, 11, 11)
    assert len(_rows(text, events, rules=RuleSet.without(["refine-kinds"]))) == 2


def test_talks_naming_no_one_and_nowhere_stay_apart_from_a_meeting():
    text = "The talks will resume on Monday. Samaras will hold meetings with European leaders next week."
    events = [[("talks", "talks", {"time": "Monday"})],
              [("meetings", {"participants": ["Samaras", "European leaders"], "time": "next week"})]]
    assert len(_rows(text, events)) == 2


def test_an_unsure_event_with_no_time_and_no_party_is_too_vague_to_report():
    text = "A series of public round-table discussions will also be held."
    unsure = [[("discussions", "talks", {"confidence": 0.7})]]
    assert _rows(text, unsure)[0]["status"] == "unclear"
    assert _rows(text, unsure, rules=RuleSet.without(["too-vague"]))[0]["status"] == "scheduled"
    assert _rows(text, [[("discussions", "talks", {"confidence": 0.95})]])[0]["status"] == "scheduled"
    text = "Analysts will hold round-table discussions on Tuesday."
    assert _rows(text, [[("discussions", "talks", {"confidence": 0.7, "time": "Tuesday"})]])[0]["status"] == \
        "scheduled"  # a time places it
    assert _rows(text, [[("discussions", "talks", {"confidence": 0.7, "participants": ["Analysts"]})]])[0][
        "status"] == "scheduled"  # so does a party


def test_a_party_another_mention_only_describes_joins_only_while_none_is_named():
    text = ("Prime Minister Naoto Kan will meet President Barack Obama in Yokohama on November 13. "
            "Ministers said other leaders would press Kan at the Yokohama meeting.")
    events = [[("meet", {"participants": ["Naoto Kan", "Barack Obama"], "time": "November 13", "place": "Yokohama"})],
              [("meeting", {"participants": ["other leaders"], "place": "Yokohama"})]]
    (row,) = _rows(text, events)
    assert row["participants"] == ["Naoto Kan", "Barack Obama"]
    (row,) = _rows(text, events, rules=RuleSet.without(["named-parties"]))
    assert row["participants"] == ["Naoto Kan", "Barack Obama", "leaders"]
    events[0][0][-1]["participants"] = []
    (row,) = _rows(text, events)
    assert row["participants"] == ["leaders"]


def test_a_verb_joined_by_and_shares_the_earlier_verbs_subject():
    text = "OPEC ministers last met in March and are due to meet again on December 9 in Vienna."
    events = [[("met", "meeting", "past", {"participants": ["OPEC ministers"], "time": "March"}),
               ("meet", {"time": "December 9", "place": "Vienna"})]]
    scheduled = [r for r in _rows(text, events) if r["status"] == "scheduled"]
    assert [r["participants"] for r in scheduled] == [["OPEC ministers"]]
    off = [r for r in _rows(text, events, rules=RuleSet.without(["shared-subject"])) if r["status"] == "scheduled"]
    assert [r["participants"] for r in off] == [[]]
    other = "OPEC ministers met in March and analysts expect them to meet on December 9."
    events = [[("met", "meeting", "past", {"participants": ["OPEC ministers"], "time": "March"}),
               ("meet", {"time": "December 9"})]]
    assert [r["participants"] for r in _rows(other, events) if r["status"] == "scheduled"] == [[]]


def test_an_event_in_a_when_clause_takes_the_time_it_hangs_on():
    text = "Markets face a crucial week next week, when the bloc's leaders hold a summit in Brussels."
    events = [[("summit", "summit", {"participants": ["the bloc's leaders"], "place": "Brussels"})]]
    (row,) = _rows(text, events)
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 14), dt.date(2016, 11, 20))
    assert _rows(text, events, rules=RuleSet.without(["when-clause"]))[0]["start_date"] is None
    # the day itself, not the deadline up to it
    text = "The plan must be ready by November 21, when finance ministers meet in Brussels."
    (row,) = _rows(text, [[("meet", {"participants": ["finance ministers"], "place": "Brussels"})]])
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 21), dt.date(2016, 11, 21))
    # a second "when" starts a clause of its own; a time the tagger linked stays
    text = "Rates rose on Monday, when traders said when the ministers meet was unclear."
    assert _rows(text, [[("meet", {"participants": ["the ministers"]})]])[0]["start_date"] is None
    text = "Prices fell on Monday, when OPEC said it would meet on December 1."
    (row,) = _rows(text, [[("meet", {"participants": ["OPEC"], "time": "December 1"})]])
    assert row["start_date"] == dt.date(2016, 12, 1)
    text = "Prices fell on Monday, when OPEC said it would meet soon."
    assert _rows(text, [[("meet", {"participants": ["OPEC"]})]])[0]["start_date"] is None


def test_a_time_that_opens_the_sentence_dates_the_clause_it_heads():
    text = "“From Nov. 21 to Nov. 25, Ambassador (Ivan) Petrov will visit the state of Ohio,” the embassy said."
    events = [[("visit", "visit", {"participants": ["Petrov"], "place": "the state of Ohio"})]]
    (row,) = _rows(text, events)
    assert (row["start_date"], row["end_date"]) == (dt.date(2016, 11, 21), dt.date(2016, 11, 25))
    assert _rows(text, events, rules=RuleSet.without(["opening-time"]))[0]["start_date"] is None
    text = "On Monday, the Senate Banking Committee is holding a hearing on the bill."
    (row,) = _rows(text, [[("hearing", "hearing", {"participants": ["the Senate Banking Committee"]})]])
    assert row["start_date"] == dt.date(2016, 11, 14)
    # not a reporting verb's time, nor a past clause's, nor another verb's whose phrase holds the trigger
    for text, trigger in [("On Monday, Acme said it would meet Beta Corp soon.", "meet"),
                          ("On Saturday, France and Germany agreed at a summit to consult.", "summit"),
                          ("Next week, nominations are due for the annual meeting of Acme.", "meeting"),
                          ("Next Wednesday, the day before the strategy meeting, Acme will report.", "meeting")]:
        assert _rows(text, [[(trigger, {})]])[0]["start_date"] is None, text


def test_an_organisation_beside_its_board_or_its_members_is_one_party():
    text = ("The Acme Insurance Corp faces losses. The Acme board will meet on Friday with Acme Insurance Corp and "
            "Beta Bank.")
    events = [[], [("meet", {"participants": ["Acme board", "Acme Insurance Corp", "Beta Bank"], "time": "Friday"})]]
    assert _rows(text, events)[0]["participants"] == ["Acme board", "Beta Bank"]
    assert _rows(text, events, rules=RuleSet.without(["one-body"]))[0]["participants"] == [
        "Acme board", "Acme Insurance Corp", "Beta Bank"]
    text = "The European Central Bank said the meeting of the ECB's 21 policymakers starts on Thursday."
    events = [[("meeting", {"participants": ["ECB's 21 policymakers", "European Central Bank"], "time": "Thursday"})]]
    assert _rows(text, events)[0]["participants"] == ["European Central Bank"]
    text = "Ford officials will meet Ford dealers and shareholders of Beta Bank on Friday."
    events = [[("meet", {"participants": ["Ford officials", "shareholders of Beta Bank"], "time": "Friday"})]]
    assert _rows(text, events)[0]["participants"] == ["Ford officials", "shareholders of Beta Bank"]  # no owner beside
