"""One meetings row from its mentions: the interval vote, merged parties, status, evidence."""

from extractors.meetings.mentions import mention
from extractors.meetings.merging import choose_interval, meeting_row, merge_parties
from tests.meetings.conftest import D, row


def m(**kw):
    return mention(row(**kw))


def test_the_interval_most_mentions_hold_finest_first() -> None:
    week = m(start_date=D(2020, 11, 14), end_date=D(2020, 11, 20), granularity="week")
    day = m(day=D(2020, 11, 17))
    day2 = m(day=D(2020, 11, 17))
    (start, end, granularity), other = choose_interval([week, day, day2])
    assert (start, end, granularity) == (D(2020, 11, 17), D(2020, 11, 17), "day")
    assert other == []


def test_conflicting_dates_stay_visible() -> None:
    a, b, c = m(day=D(2020, 11, 17)), m(day=D(2020, 11, 17)), m(day=D(2020, 11, 18))
    interval, other = choose_interval([a, b, c])
    assert interval[0] == D(2020, 11, 17)
    assert other == ["2020-11-18/2020-11-18 (1)"]
    r = meeting_row([a, b, c], "g")
    assert r["date_conflict"] and r["date_alternatives"] == other


def test_each_party_once_by_its_fullest_name() -> None:
    mentions = [m(participants=["Abe", "Trump"]), m(participants=["Shinzo Abe", "Donald Trump"]),
                m(participants=["Prime Minister Shinzo Abe", "Trump", "Japan"])]
    parties = merge_parties(mentions)
    assert parties[:2] == ["Prime Minister Shinzo Abe", "Donald Trump"] or parties[:2] == ["Shinzo Abe",
                                                                                            "Donald Trump"]
    assert len(parties) == 3


def test_a_later_report_marks_it_held() -> None:
    before = m(participants=["Abe", "Trump"], day=D(2020, 11, 17), published_date=D(2020, 11, 10))
    after = m(participants=["Abe", "Trump"], day=D(2020, 11, 17), published_date=D(2020, 11, 18), status="past")
    assert meeting_row([before], "g")["status"] == "scheduled"
    r = meeting_row([before, after], "g")
    assert r["status"] == "held"
    assert (r["first_seen"], r["last_seen"], r["mention_count"], r["article_count"]) == (
        D(2020, 11, 10), D(2020, 11, 18), 2, 2)
    assert r["evidence"] == before.evidence and r["evidence_article_id"] == before.article_id


def test_the_id_is_the_first_mentions() -> None:
    a = m(day=D(2020, 1, 5), published_date=D(2020, 1, 1))
    b = m(day=D(2020, 1, 5), published_date=D(2020, 1, 2))
    assert meeting_row([a, b], "g")["meeting_id"] == meeting_row([a], "g")["meeting_id"]
    assert meeting_row([b], "g")["meeting_id"] != meeting_row([a], "g")["meeting_id"]
