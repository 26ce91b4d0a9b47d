"""The pairwise rule, blocking and the split of groups into meetings, on invented mentions."""

from __future__ import annotations

import itertools

from extractors.meetings.matching import candidate_pairs, components, match
from extractors.meetings.mentions import mention
from tests.meetings.conftest import D, row


def m(**kw):
    return mention(row(**kw))


def test_one_summit_named_three_ways() -> None:
    a = m(kind="summit", event_name="G20 summit", location="London", location_country="GB", day=D(2020, 4, 2))
    b = m(kind="summit", participants=["Group of 20 leaders"], location="London", location_country="GB",
          start_date=D(2020, 4, 1), end_date=D(2020, 4, 30), granularity="month")
    c = m(kind="summit", participants=["world leaders", "Barack Obama"], location="London", location_country="GB",
          day=D(2020, 4, 2))
    assert match(a, b)  # a name and a party that say g20, "April" holds April 2
    assert match(a, c)  # two summits in one city on one day
    assert len(components([a, b, c])) == 1


def test_summit_and_bilateral_on_its_sidelines_are_two() -> None:
    summit = m(kind="summit", event_name="G20 summit", location="Toronto", day=D(2020, 6, 26))
    bilateral = m(kind="meeting", participants=["David Cameron", "Barack Obama"], location="Toronto",
                  day=D(2020, 6, 26))
    assert not match(summit, bilateral)


def test_different_names_never_match() -> None:
    a = m(kind="summit", event_name="NATO summit", day=D(2020, 4, 3), participants=["Barack Obama"])
    b = m(kind="summit", event_name="G20 summit", day=D(2020, 4, 3), participants=["Barack Obama"])
    assert not match(a, b)


def test_same_parties_on_other_days_are_other_meetings() -> None:
    a = m(kind="conference", participants=["Timothy Geithner", "House Financial Services Committee"],
          day=D(2020, 3, 24))
    b = m(kind="conference", participants=["Timothy Geithner", "House Financial Services Committee"],
          day=D(2020, 3, 31))
    assert not match(a, b)


def test_a_wrong_date_a_day_off_stays_one_meeting() -> None:
    a = m(participants=["Shinzo Abe", "Donald Trump"], day=D(2020, 11, 17))
    b = m(participants=["Abe", "Trump"], day=D(2020, 11, 18), published_date=D(2020, 11, 11))
    assert match(a, b)
    (meeting,) = components([a, b])
    assert len(meeting) == 2


def test_different_countries_never_match() -> None:
    a = m(participants=["Group of 20 finance ministers"], location="Busan", location_country="KR",
          start_date=D(2020, 6, 1), end_date=D(2020, 6, 30), granularity="month", status="past")
    b = m(kind="meeting", participants=["G20 finance ministers"], location="Toronto", location_country="CA",
          day=D(2020, 6, 26))
    assert not match(a, b)


def test_one_shared_party_is_not_enough_for_two_party_meetings() -> None:
    a = m(participants=["Barack Obama", "Angela Merkel"], day=D(2020, 5, 4))
    b = m(participants=["Barack Obama", "Francois Hollande"], day=D(2020, 5, 4))
    assert not match(a, b)


def test_an_undated_mention_joins_one_meeting_and_bridges_none() -> None:
    monday = m(participants=["Barack Obama", "Angela Merkel"], day=D(2020, 3, 9))
    friday = m(participants=["Barack Obama", "Angela Merkel"], day=D(2020, 3, 20))
    undated = m(participants=["Obama", "Merkel"], published_date=D(2020, 3, 3))
    assert match(undated, monday) and match(undated, friday) and not match(monday, friday)
    meetings = components([monday, friday, undated])
    assert sorted(len(x) for x in meetings) == [1, 2]


def test_blocking_loses_no_match(sample_rows) -> None:
    """Every pair the rule matches among the sample's 521 real mentions shares a block."""
    ms = [mention(r) for r in sample_rows]
    blocked = candidate_pairs(ms)
    matched = {(i, j) for i, j in itertools.combinations(range(len(ms)), 2) if match(ms[i], ms[j])}
    assert matched and matched <= blocked
    assert len(blocked) < len(ms) * (len(ms) - 1) // 2 / 5  # blocking compares a fraction of all pairs


def test_components_do_not_depend_on_input_order(sample_rows) -> None:
    ms = [mention(r) for r in sample_rows]
    ids = [[x.event_id for x in g] for g in components(ms)]
    assert ids == [[x.event_id for x in g] for g in components(list(reversed(ms)))]


def test_the_rule_is_symmetric(sample_rows) -> None:
    """match(a, b) == match(b, a) on every blocked pair of the sample (an asymmetric rule makes the table
    depend on the order of the days)."""
    ms = [mention(r) for r in sample_rows]
    assert all(match(ms[i], ms[j]) == match(ms[j], ms[i]) for i, j in candidate_pairs(ms))


def test_shared_parties_count_each_side_once() -> None:
    a = m(participants=["Euro zone countries", "euro zone finance ministers"], day=D(2020, 7, 18))
    b = m(participants=["Britain", "euro zone leaders"], day=D(2020, 7, 21))
    assert not match(a, b) and not match(b, a)


def test_a_loose_mention_at_a_summits_city_joins_it_and_not_one_in_a_country() -> None:
    summit = m(kind="summit", event_name="G20 summit", location="Toronto", location_country="CA",
               start_date=D(2020, 6, 26), end_date=D(2020, 6, 27))
    in_toronto = m(kind="meeting", participants=["Timothy Geithner"], location="Toronto", location_country="CA",
                   published_date=D(2020, 6, 26))
    in_canada = m(kind="meeting", participants=["Timothy Geithner"], location="Canada", location_country="CA",
                  published_date=D(2020, 6, 26))
    weeks_later = m(kind="meeting", participants=["Timothy Geithner"], location="Toronto", location_country="CA",
                    published_date=D(2020, 7, 30))
    assert match(in_toronto, summit) and not match(in_canada, summit) and not match(weeks_later, summit)
    assert sorted(len(x) for x in components([summit, in_toronto, in_canada])) == [1, 2]
    dinner = m(kind="meeting", participants=["Jim Flaherty"], location="Toronto", location_country="CA",
               day=D(2020, 6, 26))
    assert not match(in_toronto, dinner)  # a venue joins a loose mention to a gathering only


def test_a_mention_of_two_group_summits_at_once_joins_neither() -> None:
    g20 = m(kind="summit", event_name="G20 summit", location="Toronto", location_country="CA",
            start_date=D(2020, 6, 26), end_date=D(2020, 6, 27))
    both = m(kind="meeting", participants=["G8"], event_name="G20", start_date=D(2020, 6, 25),
             end_date=D(2020, 6, 27))
    again = m(kind="meeting", event_name="G8/G20 meetings", start_date=D(2020, 6, 25), end_date=D(2020, 6, 27))
    assert not match(both, g20) and match(both, again)
    assert sorted(len(x) for x in components([g20, both, again])) == [1, 2]


def test_a_named_mention_joins_no_meeting_its_other_mentions_name_otherwise() -> None:
    """ "The NATO summit" matches an unnamed mention of the G20 summit (same city, same days, no names to
    compare), but the meeting that mention belongs to is called the G20 summit."""
    named = m(kind="summit", event_name="G20 summit", location="London", location_country="GB", day=D(2020, 4, 2))
    unnamed = m(kind="summit", participants=["Gordon Brown"], location="London", location_country="GB",
                day=D(2020, 4, 2))
    nato = m(kind="summit", event_name="NATO summit", location="London", location_country="GB",
             published_date=D(2020, 3, 30))
    assert match(nato, unnamed) and not match(nato, named)
    meetings = sorted(components([named, unnamed, nato]), key=len)
    assert [len(x) for x in meetings] == [1, 2] and meetings[0][0] is nato


def test_a_dated_mention_naming_no_one_at_a_summits_city_and_days_is_the_summit() -> None:
    summit = m(kind="summit", event_name="G20 summit", location="Toronto", location_country="CA",
               start_date=D(2020, 6, 26), end_date=D(2020, 6, 27))
    bare = m(kind="meeting", location="Toronto", location_country="CA", start_date=D(2020, 6, 26),
             end_date=D(2020, 6, 27))
    bilateral = m(kind="meeting", participants=["David Cameron", "Barack Obama"], location="Toronto",
                  location_country="CA", day=D(2020, 6, 26))
    elsewhere = m(kind="meeting", location="Montreal", location_country="CA", start_date=D(2020, 6, 26),
                  end_date=D(2020, 6, 27))
    assert match(bare, summit) and match(summit, bare)
    assert not match(bilateral, summit) and not match(elsewhere, summit) and not match(bare, bilateral)
    assert candidate_pairs([summit, bare]) == {(0, 1)}  # both filed under the venue
    assert sorted(len(x) for x in components([summit, bare, bilateral, elsewhere])) == [1, 1, 2]


def test_a_summit_named_with_only_its_month_is_one_meeting_across_articles() -> None:
    a = m(kind="summit", event_name="G20 leaders' November summit", location="Seoul", location_country="KR",
          start_date=D(2020, 11, 1), end_date=D(2020, 11, 30), granularity="month")
    b = m(kind="summit", event_name="G20 summit", location="Seoul", location_country="KR",
          start_date=D(2020, 11, 1), end_date=D(2020, 11, 30), granularity="month")
    c = m(kind="summit", event_name="G20 summit", location="Seoul", location_country="KR", day=D(2020, 11, 11))
    assert len(components([a, b])) == 1  # no dated mention yet: the named month mentions are one meeting
    assert len(components([a, b, c])) == 1
    unnamed = [m(participants=["Federal Reserve"], start_date=D(2020, 11, 1), end_date=D(2020, 11, 30),
                 granularity="month") for _ in range(2)]
    assert len(components(unnamed)) == 2  # "in November" alone is no meeting to gather mentions round


def test_a_bodys_own_gathering_matches_whatever_kind_each_mention_says() -> None:
    summit = m(kind="summit", event_name="G20 summit", location="Washington", location_country="US",
               start_date=D(2020, 11, 14), end_date=D(2020, 11, 15), granularity="day")
    gather = m(kind="meeting", participants=["leaders of the Group of 20"], location="Washington",
               location_country="US", day=D(2020, 11, 14))
    assert match(summit, gather)
    crisis = m(kind="summit", event_name="G20 financial crisis summit", day=D(2020, 11, 15))
    assert match(summit, crisis)  # descriptive words of a name say little of which summit it is


def test_meetings_of_one_body_three_days_apart_are_two() -> None:
    a = m(kind="summit", event_name="EU summit", location="Brussels", location_country="BE", day=D(2020, 10, 23))
    b = m(kind="summit", event_name="EU summit", location="Brussels", location_country="BE", day=D(2020, 10, 26))
    c = m(kind="summit", event_name="EU summit", location="Brussels", location_country="BE", day=D(2020, 10, 24),
          published_date=D(2020, 10, 20))
    assert not match(a, b)
    assert match(a, c)  # a day off: one summit, an article's wrong date kept as its conflict


def test_a_weekday_read_a_week_ahead_may_name_the_summit_just_under_way() -> None:
    summit = m(kind="summit", event_name="G20 summit", location="Washington", location_country="US",
               start_date=D(2020, 11, 14), end_date=D(2020, 11, 15), granularity="day",
               published_date=D(2020, 11, 10), date_text="November 14-15")
    # a Saturday paper filed on Friday evening: "the summit meetings on Friday and Saturday" read as next week's
    saturday = dict(kind="summit", start_date=D(2020, 11, 20), end_date=D(2020, 11, 21), granularity="day",
                    published_date=D(2020, 11, 14), date_text="Friday and Saturday")
    late = m(event_name="G20 leaders summit", **saturday)
    assert late.week_ambiguous and match(summit, late)
    assert (0, 1) in candidate_pairs([summit, late])  # blocking files it a week back too
    assert len(components([summit, late])) == 1
    unnamed = m(participants=["Barack Obama", "his aides"], **saturday)
    assert not unnamed.week_ambiguous and not match(summit, unnamed)  # only a name says which summit it is
    explicit = m(event_name="G20 summit", **(saturday | {"date_text": "next Friday and Saturday"}))
    assert not explicit.week_ambiguous and not match(summit, explicit)  # "next" leaves no doubt


def test_the_next_summit_named_while_one_is_under_way_is_a_later_one() -> None:
    """ "The next G20 summit" published on the second day of a summit is the one after it, whatever else it shares
    with the summit under way; published before the summit began, the same words name that summit."""
    day1 = m(kind="summit", event_name="G20 summit", location="Washington", location_country="US",
             day=D(2020, 11, 14), published_date=D(2020, 11, 12))
    day2 = m(kind="summit", event_name="G20 summit", location="Washington", location_country="US",
             day=D(2020, 11, 15), published_date=D(2020, 11, 14))
    after = m(kind="summit", event_name="G20 summit", trigger="summit", published_date=D(2020, 11, 15),
              evidence="Leaders agreed to meet again at the next G20 summit by the end of April.")
    before = m(kind="summit", event_name="G20 summit", trigger="summit", published_date=D(2020, 11, 10),
               evidence="Obama will not attend the next G20 summit, his aides said.")
    assert after.later_occasion and before.later_occasion and not day1.later_occasion
    meetings = sorted(components([day1, day2, after, before]), key=len)
    assert [len(x) for x in meetings] == [1, 3] and meetings[0][0] is after


def test_a_later_occasion_is_read_from_the_words_before_the_trigger() -> None:
    def later(evidence: str, trigger: str) -> bool:
        return m(evidence=evidence, trigger=trigger).later_occasion

    assert later("They will settle it when they next meet in Seoul.", "meet")
    assert later("The bank holds its next monetary policy meeting in May.", "meeting")
    assert later("Another summit is planned for April.", "summit")
    assert later("They vowed to make progress before a second summit by the end of April.", "summit")
    assert not later("The executives were back for a second day of testimony.", "testimony")
    assert not later("The summit next week will discuss trade.", "summit")  # "next" dates it, after the trigger
    assert not later("Following the weekend meeting of G20 leaders, markets rose.", "meeting")
    assert not later("The next day he will meet the ministers in Paris.", "meet")  # three words between


def test_a_wrong_event_name_gives_way_to_parties_that_name_the_body() -> None:
    """One article calls the G20 summit "the spring IMF meetings"; its mentions' party "G20 leaders" says whose
    gathering it is, so the two names do not split the group in two. "The NATO summit" there, which no mention's
    parties tie to the G20, still stays apart."""
    def at(**kw):
        return m(kind="summit", location="Washington", location_country="US", day=D(2020, 11, 15), **kw)

    summit = [at(event_name="G20 summit"), at(participants=["world leaders", "Gordon Brown"])]
    bridge = at(participants=["G20 leaders"])  # unnamed: matches both sides
    misnamed = [at(event_name="spring IMF meetings", participants=["G20 leaders", "IMF"]) for _ in range(2)]
    nato = at(event_name="NATO summit", participants=["Barack Obama"])
    assert not match(summit[0], misnamed[0])  # the pair alone: different names never match
    meetings = sorted(components([*summit, bridge, *misnamed, nato]), key=len)
    assert [len(x) for x in meetings] == [1, 5] and meetings[0][0] is nato


def test_one_articles_wrong_country_among_several_mentions_splits_no_meeting() -> None:
    """Three mentions of the London summit, one of which an article placed in "the United States", join the
    summit's mentions in London; a mention that gives only the other country stays apart."""
    def at(**kw):
        return m(kind="summit", day=D(2020, 4, 2), **kw)

    london = [at(event_name="G20 summit", location="London", location_country="GB"),
              at(event_name="G20 summit", location="London", location_country="GB", participants=["Barack Obama"])]
    wrong = at(event_name="G20 summit", location="the United States", location_country="US",
               participants=["Gordon Brown"])
    brown = [at(participants=["Gordon Brown", "G20 leaders"]) for _ in range(2)]
    assert [len(x) for x in components([*london, wrong, *brown])] == [5]
    alone = at(event_name="G20 summit", location="the United States", location_country="US")
    assert sorted(len(x) for x in components([*london, alone])) == [1, 2]


def test_a_gathering_of_world_leaders_on_a_summits_days_is_the_summit() -> None:
    g20 = [m(kind="summit", event_name="G20 summit", location="London", location_country="GB", day=D(2020, 4, 2))
           for _ in range(3)]
    nato = m(kind="summit", event_name="NATO summit", location="Strasbourg", location_country="FR",
             day=D(2020, 4, 2))
    leaders = m(kind="meeting", participants=["leading nations"], day=D(2020, 4, 2))
    world = m(kind="summit", participants=["Leaders of the world's largest economies"],
              start_date=D(2020, 3, 30), end_date=D(2020, 4, 5), granularity="week")
    board = m(kind="meeting", participants=["the board"], day=D(2020, 4, 2))
    other_day = m(kind="meeting", participants=["world leaders"], day=D(2020, 4, 9))
    assert leaders.of_states and world.of_states and not board.of_states
    assert match(leaders, g20[0]) and match(g20[0], leaders) and match(world, g20[0])
    assert not match(board, g20[0]) and not match(other_day, g20[0])
    assert (0, 1) in candidate_pairs([leaders, g20[0]])  # filed under the summit's day
    meetings = components([*g20, nato, leaders, world, board, other_day])
    # the leaders join the summit most mentioned that day and bridge it to no other
    assert sorted(len(x) for x in meetings) == [1, 1, 1, 5]
    assert next(x for x in meetings if len(x) == 5)[-1] is not nato
    assert not any(leaders in x and nato in x for x in meetings)


def test_a_party_or_name_is_no_gathering_of_states() -> None:
    assert not m(kind="meeting", participants=["world leaders", "Barack Obama"], day=D(2020, 4, 2)).of_states
    assert not m(kind="summit", participants=["leaders"], event_name="G20 summit", day=D(2020, 4, 2)).of_states
    assert not m(kind="meeting", participants=["leaders of the union"], day=D(2020, 4, 2)).of_states


def test_a_city_named_by_a_phrase_is_the_city() -> None:
    """ "the U.S. capital" is Washington, "the German capital" Berlin: a loose mention there joins the summit
    held there (filed under one venue), and one in "northern Germany", an area, does not."""
    summit = m(kind="summit", event_name="G20 summit", location="Washington", location_country="US",
               start_date=D(2020, 11, 14), end_date=D(2020, 11, 15))
    capital = m(kind="visit", participants=["Angela Merkel"], location="the U.S. capital", location_country="US",
                published_date=D(2020, 11, 13))
    assert match(capital, summit) and candidate_pairs([summit, capital]) == {(0, 1)}
    berlin = m(kind="summit", event_name="EU summit", location="Berlin", location_country="DE", day=D(2020, 3, 5))
    german_capital = m(kind="meeting", location="the German capital", location_country="DE", day=D(2020, 3, 5))
    north = m(kind="meeting", location="northern Germany", location_country="DE", day=D(2020, 3, 5))
    assert match(german_capital, berlin) and not match(north, berlin)
