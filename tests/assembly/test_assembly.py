import datetime as dt

from extractors.assembly import assemble
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


def _rows(text: str, events_by_sentence: list[list[tuple]], published=dt.datetime(2016, 11, 10, 12, tzinfo=dt.UTC)):
    """Assemble ``text`` (one list of ``_event`` argument tuples per sentence) published at ``published``."""
    sents = list(split_sentences(text))
    found = [(s, [_event(s.text, *args[:-1], **args[-1]) for args in evs])
             for s, evs in zip(sents, events_by_sentence, strict=True)]
    return assemble(Document.build(Article("a1", text, published)), found, extractor="test-1")


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


def test_a_meeting_pushed_back_takes_its_new_date():
    text = ("Nordic leaders will hold a meeting at the weekend to agree on the fishing quotas. "
            "The meeting was since pushed back to October 23.")
    rows = _rows(text, [[("meeting", {"participants": ["Nordic leaders"], "time": "the weekend"})],
                        [("meeting", {"time": "October 23"})]],
                 published=dt.datetime(2011, 10, 11, tzinfo=dt.UTC))
    assert len(rows) == 1
    assert rows[0]["start_date"] == rows[0]["end_date"] == dt.date(2011, 10, 23)
    assert rows[0]["participants"] == ["Nordic leaders"]


def test_time_falls_back_to_the_nearest_expression_but_not_a_reports_date():
    text = "The group agreed with the president on Friday to reconvene next week."
    [row] = _rows(text, [[("reconvene", {"time": "reconvene"})]])  # the tagger's time span is its trigger
    assert (row["date_text"], row["start_date"]) == ("next week", dt.date(2016, 11, 14))
    text = "Officials said on Friday that the two ministers will meet."
    [row] = _rows(text, [[("meet", {"participants": ["the two ministers"]})]])
    assert row["date_text"] is None and row["start_date"] is None


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


def test_a_country_that_only_qualifies_a_titled_participant_is_not_one():
    text = "Spain's Foreign Trade Minister Ana Prieto will meet Korea's trade delegation on Friday."
    [row] = _rows(text, [[("meet", {"participants": ["Spain", "Ana Prieto", "Korea"]})]])
    assert row["participants"] == ["Ana Prieto", "Korea"]


def test_a_pronoun_subject_of_the_plan_joins_the_participants():
    text = ("President Emmanuel Macron warned of a strike on Wednesday, a day before he is due to "
            "host union leaders for talks.")
    [row] = _rows(text, [[("talks", "talks", {"participants": ["union leaders"]})]])
    assert row["participants"] == ["Emmanuel Macron", "union leaders"]
    text = "Mette Frederiksen said she was committed to a meeting of Nordic leaders."
    [row] = _rows(text, [[("meeting", {"participants": ["Nordic leaders"]})]])
    assert row["participants"] == ["Nordic leaders"]


def test_a_visit_with_no_one_named_is_made_by_the_sentence_subject():
    text = ("Angela Merkel is Germany's chancellor. Ms. Merkel also sought to ease worries about layovers "
            "on a trip to South America planned for January.")
    rows = _rows(text, [[], [("trip", "visit", {"place": "South America", "time": "January"})]])
    assert rows[0]["participants"] == ["Angela Merkel"]


def test_a_hyphenated_surname_named_in_two_mentions_is_listed_once():
    text = "Anne Smith-Jones will meet Putin on Friday. Smith-Jones said the meeting would be brief."
    rows = _rows(text, [[("meet", {"participants": ["Anne Smith-Jones", "Putin"], "time": "Friday"})],
                        [("meeting", {"participants": ["Smith-Jones"]})]])
    assert len(rows) == 1 and rows[0]["participants"] == ["Anne Smith-Jones", "Putin"]



def test_one_day_before_the_event_dates_it_from_the_main_clause():
    text = ("Macron on Wednesday again warned of a national strike - blaming the unions for it - one day before "
            "he is due to host union leaders for talks on pensions.")
    (row,) = _rows(text, [[("talks", "talks", {"participants": ["union leaders"]})]])
    assert (row["start_date"], row["date_text"]) == (dt.date(2016, 11, 10), "one day before")


def test_an_unclear_mention_joins_the_scheduled_event_and_keeps_it_scheduled():
    text = ("Democrats urged Trump to cancel his summit with Vladimir Putin. "
            "The summit in Helsinki will go ahead as planned, aides said.")
    (row,) = _rows(text, [[("summit", "summit", "unclear", {"participants": ["Trump", "Vladimir Putin"]})],
                          [("summit", "summit", {"place": "Helsinki"})]])
    assert row["status"] == "scheduled" and row["participants"] == ["Trump", "Vladimir Putin"]
    assert row["location"] == "Helsinki"


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


def test_a_meeting_on_the_sidelines_is_not_its_host_event():
    text = ("Baerbock will attend a G20 meeting in Bali on Monday. "
            "She is expected to talk to Wang Yi in Bali on Monday on the sidelines of the G20 meeting.")
    rows = _rows(text, [[("meeting", {"participants": ["G20"], "place": "Bali", "time": "Monday"})],
                        [("talk", {"participants": ["She", "Wang Yi"], "place": "Bali"}),
                         ("meeting", {"participants": ["G20"], "time": "Monday"})]])
    assert sorted(r["participants"] for r in rows) == [["Baerbock", "Wang Yi"], ["G20"]]
    assert {r["start_date"] for r in rows} == {dt.date(2016, 11, 14)}


def test_two_legs_of_a_tour_stay_apart():
    text = ("Chancellor Olaf Scholz will wrap up his visit to Tokyo on Friday and then fly to Beijing. "
            "Li Qiang will hold a grand banquet for Scholz's visit starting on Friday.")
    rows = _rows(text, [[("visit", "visit", {"participants": ["Olaf Scholz"], "place": "Tokyo", "time": "Friday"})],
                        [("visit", "visit", {"participants": ["Li Qiang", "Scholz"], "time": "Friday"})]])
    assert [(r["location"], r["start_date"], r["end_date"]) for r in rows] == [
        ("Tokyo", dt.date(2016, 11, 10), dt.date(2016, 11, 11)), (None, dt.date(2016, 11, 11), dt.date(2016, 11, 11))]


def test_the_owner_of_a_meeting_takes_part():
    text = ("Vestas Wind Corp turned down the bid. "
            "Directors will be elected at the company's annual meeting in early 2017.")
    (row,) = _rows(text, [[], [("annual meeting", "conference", {"time": "early 2017"})]])
    assert row["participants"] == ["Vestas Wind Corp"]


def test_urgers_and_closing_attributions_do_not_take_part():
    text = "Opposition leader Anna Berg, a Social Democrat, urged the premier to call off the Orban meeting."
    (row,) = _rows(text, [[("meeting", {"participants": ["Anna Berg", "the premier", "Orban"]})]])
    assert row["participants"] == ["Orban"]  # "the premier" is not named in this article
    text = "The steering committee will meet June 3 to review the audit, dairy farmers said."
    (row,) = _rows(text, [[("meet", {"participants": ["The steering committee", "dairy farmers"]})]])
    assert row["participants"] == ["the steering committee"]
    text = 'At an analyst meeting on Monday, Maria Lopez said, "I enjoy running this bank."'
    (row,) = _rows(text, [[("meeting", "conference", "past", {"participants": ["Maria Lopez"]})]])
    assert row["participants"] == ["Maria Lopez"]  # she spoke at the meeting: a quote follows, not a sentence end


def test_a_hearing_includes_the_person_it_is_held_for():
    text = "The House Energy Committee will hold a confirmation hearing on Nov. 30 for Laura Chen."
    (row,) = _rows(text, [[("confirmation hearing", "conference",
                            {"participants": ["The House Energy Committee"], "time": "Nov. 30"})]])
    assert row["participants"] == ["House Energy Committee", "Laura Chen"]


def test_a_news_conference_dates_the_report_not_the_event():
    text = "Previewing his Delhi visit, Macron told a news conference in Dhaka on Tuesday that India mattered."
    (row,) = _rows(text, [[("visit", "visit", {"participants": ["Macron"]})]])
    assert row["start_date"] is None


def test_an_undated_event_takes_the_one_date_given_after_its_place():
    text = ("Critics asked Lula to skip the summit in Oslo with Jonas Gahr. "
            "Silva said aides must be at the table in Oslo, Norway Monday.")
    (row,) = _rows(text, [[("summit", "summit", {"participants": ["Lula", "Jonas Gahr"], "place": "Oslo"})], []])
    assert (row["start_date"], row["date_text"]) == (dt.date(2016, 11, 14), "Monday")
    past = text.replace("aides must be at the table", "Lula was")
    (row,) = _rows(past, [[("summit", "summit", {"participants": ["Lula", "Jonas Gahr"], "place": "Oslo"})], []])
    assert row["start_date"] is None  # a past day in that place is another occasion


def test_an_unclear_mention_dated_in_the_past_does_not_join_a_scheduled_event():
    text = ("Maria Lopez will discuss her plans during the strategy meeting. "
            "During an analyst meeting earlier in the year, Maria Lopez spoke of her plans.")
    rows = _rows(text, [[("strategy meeting", "conference", {"participants": ["Maria Lopez"]})],
                        [("meeting", "conference", "unclear",
                          {"participants": ["Maria Lopez"], "time": "earlier in the year"})]])
    assert [(r["status"], r["start_date"]) for r in rows] == [("scheduled", None), ("unclear", dt.date(2016, 1, 1))]


def test_a_place_cut_inside_its_name_runs_on():
    text = "Sarkozy called for an international summit, preferably in New York where everything began."
    (row,) = _rows(text, [[("summit", "summit", {"participants": ["Sarkozy"], "place": "New"})]])
    assert (row["location"], row["location_country"]) == ("New York", "US")


def test_owner_urger_and_source_rules_keep_to_their_constructions():
    for text in ("Peck approved the deal at Monday's hearing.", "It's a matter for negotiations, Noonan said.",
                 "Simpson said that Walsh's absence meant no negotiations were possible."):
        trigger = "hearing" if "hearing" in text else "negotiations"
        (row,) = _rows(text, [[(trigger, "conference", {})]])
        assert row["participants"] == []  # a day or a contraction owns no meeting
    text = "Judge Breyer has set a hearing for April 27 on the request."
    (row,) = _rows(text, [[("hearing", "conference", {})]])
    assert row["participants"] == []  # a hearing "for April 27" is held for no one
    text = "Investors took profits before the three-day weekend and the Bank of Japan's policy meeting."
    (row,) = _rows(text, [[("policy meeting", {})]])
    assert row["participants"] == ["Bank of Japan"]
    text = "Angela Merkel urged her EU partners to work together to get a deal on the budget at a summit."
    (row,) = _rows(text, [[("summit", "summit", {"participants": ["Angela Merkel", "EU partners"]})]])
    assert row["participants"] == ["Angela Merkel", "EU partners"]  # the summit is no object of the urging
    text = "The United Steelworkers union asked U.S. oil companies on Tuesday to reopen talks over safety."
    (row,) = _rows(text, [[("talks", "talks", {"participants": ["The United Steelworkers union",
                                                                 "U.S. oil companies"]})]])
    assert len(row["participants"]) == 2  # asking them to reopen talks: the union is a party
    text = '"I am worried about access to these materials," visiting German Chancellor Angela Merkel said.'
    (row,) = _rows(text, [[("visiting", "visit", {"participants": ["German Chancellor Angela Merkel"]})]])
    assert row["participants"] == ["Angela Merkel"]  # the visitor herself, not a closing source
    text = "In a statement after the meeting, Vivus Inc said the panel's vote was disappointing."
    (row,) = _rows(text, [[("meeting", "meeting", "past", {"participants": ["Vivus Inc"]})]])
    assert row["participants"] == ["Vivus Inc"]  # a reported clause follows
    text = "Tom Burbage urged the government in his testimony to ramp up its purchases."
    (row,) = _rows(text, [[("testimony", "conference", {"participants": ["Tom Burbage"]})]])
    assert row["participants"] == ["Tom Burbage"]  # the testimony is not in the clause he urges
    text = "During his state visit here in January, President Hu Jintao said the country would ease up on the program."
    (row,) = _rows(text, [[("visit", "visit", "past", {"participants": ["President Hu Jintao"]})]])
    assert row["participants"] == ["Hu Jintao"]  # reported speech follows: he is no closing source


def test_a_report_date_after_a_clause_break_is_not_moved_to_a_listed_event():
    text = ("Authorities would meet representatives of the drivers Monday for talks aimed at ending the strike, "
            "a policeman told the striking drivers Friday.")
    rows = _rows(text, [[("meet", {"participants": ["representatives of the drivers"]}),
                         ("talks", "talks", {"time": "Monday"})]])
    assert {r["start_date"] for r in rows} == {dt.date(2016, 11, 14)}


def test_a_list_time_is_not_moved_past_the_earlier_events_own_time():
    text = ("Crisis talks are set to resume on Thursday after late-night meetings to discuss a plan broke up on "
            "Wednesday.")
    rows = _rows(text, [[("talks", "talks", {}), ("meetings", "meeting", "past", {"time": "late-night"})]])
    assert {r["trigger"]: r["date_text"] for r in rows}["talks"] == "Thursday"


def test_a_date_by_place_needs_an_undated_event_and_a_date_finer_than_a_year():
    text = ("Talks are scheduled on Thursday in Brussels to agree a rescue. "
            "Ministers will meet again in Brussels next month.")
    rows = _rows(text, [[("Talks", "talks", {"place": "Brussels", "time": "Thursday"})], []])
    assert rows[0]["date_text"] == "Thursday"  # the publication day stays, "next month" is another meeting
    text = "The forum on Africa will be held in Africa. Growth in Africa by 2030 will double."
    (row,) = _rows(text, [[("forum", "conference", {"place": "Africa"})], []])
    assert row["start_date"] is None


def test_an_event_in_progress_with_no_time_is_dated_the_publication_day():
    text = "The minister made the remarks during his three-nation trip to Asia, officials said."
    (row,) = _rows(text, [[("trip", "visit", {"participants": ["The minister"], "place": "Asia"})]])
    assert (row["start_date"], row["end_date"], row["granularity"]) == (dt.date(2016, 11, 10),) * 2 + ("day",)


def test_a_planned_event_with_no_time_stays_undated():
    text = "The minister will be on a trip to Asia to meet regional leaders."
    (row,) = _rows(text, [[("trip", "visit", {"participants": ["The minister"], "place": "Asia"})]])
    assert row["start_date"] is None and row["end_date"] is None


def test_the_ongoing_rule_can_be_switched_off():
    from extractors.assembly import RuleSet

    text = "Delegates gathered for a conference taking place in Nairobi."
    [s] = split_sentences(text)
    found = [(s, [_event(s.text, "conference", "conference", participants=["Delegates"], place="Nairobi")])]
    doc = Document.build(_article(text))
    assert assemble(doc, found, extractor="t")[0]["start_date"] == dt.date(2016, 11, 10)
    assert assemble(doc, found, extractor="t", rules=RuleSet.without(["ongoing-today"]))[0]["start_date"] is None


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


def test_a_cut_time_span_takes_the_extent_of_its_expression():
    text = "Leaders would decide at a summit later this week."
    (row,) = _rows(text, [[("summit", "summit", {"participants": ["Leaders"], "time": "later"})]])
    assert (row["date_text"], row["start_date"], row["end_date"]) == (
        "later this week", dt.date(2016, 11, 10), dt.date(2016, 11, 13))


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


def test_an_open_invitation_is_no_plan_but_one_for_a_set_day_is():
    text = "I want to invite all the mayors, and anyone else who cares, to come visit Oslo."
    (row,) = _rows(text, [[("visit", "visit", {"participants": ["all the mayors"], "place": "Oslo"})]])
    assert row["status"] == "unclear"
    text = "The premier invited the union leaders to his office on Friday."
    (row,) = _rows(text, [[("office", {"participants": ["The premier", "the union leaders"], "time": "Friday"})]])
    assert row["status"] == "scheduled"
