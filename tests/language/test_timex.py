"""Tests for extractors.language.timex: finding time expressions and resolving them against a publication date.

Run ``python tests/test_timex.py`` for the dev report (exact-match rate of resolve() on the gold
``date_text`` of shared/eval/dev.jsonl, with the misses) and the recall of find_time_expressions() on
the ``time`` spans of shared/train/sentences.jsonl.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractors.language.timex import (
    Interval,
    TimeMention,
    find_time_expressions,
    phase,
    resolve,
)
from extractors.language.timex.find import _FIND_RE, _FIND_RE_UNGUARDED

D = dt.date
P = D(2016, 11, 10)  # the worked example's publication date, a Thursday
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV = SHARED / "eval" / "dev.jsonl"
TRAIN = SHARED / "train" / "sentences.jsonl"

published_dates = st.dates(min_value=D(1987, 1, 1), max_value=D(2030, 12, 31))


def iv(start: str, end: str | None = None, granularity: str = "day") -> Interval:
    return Interval(D.fromisoformat(start), D.fromisoformat(end or start), granularity)


def texts(sentence: str) -> list[str]:
    return [m.text for m in find_time_expressions(sentence)]


# --------------------------------------------------------------------------------------------------
# The worked example of the guidelines
# --------------------------------------------------------------------------------------------------


def test_worked_example() -> None:
    assert resolve("November 17", P) == iv("2016-11-17")
    assert resolve("next week", P) == iv("2016-11-14", "2016-11-20", "week")
    assert resolve("on Tuesday", P, future=True) == iv("2016-11-15")


def test_worked_example_sentences() -> None:
    s1 = "The two are expected to meet in person on November 17, an arrangement made today via teleconference."
    s2 = "Abe is expected to travel to the United States next week on his way to Peru for the APEC summit there."
    assert texts(s1) == ["November 17", "today"]
    assert texts(s2) == ["next week"]
    assert resolve("November 17", P, sentence=s1) == iv("2016-11-17")
    assert resolve("next week", P, future=None, sentence=s2) == iv("2016-11-14", "2016-11-20", "week")


# --------------------------------------------------------------------------------------------------
# resolve(): one table per expression kind (published 2016-11-10, a Thursday, unless stated)
# --------------------------------------------------------------------------------------------------

MONTH_DAY = [
    ("November 17", True, iv("2016-11-17")),
    ("Nov. 17", True, iv("2016-11-17")),
    ("Nov 17th", True, iv("2016-11-17")),
    ("17 November", True, iv("2016-11-17")),
    ("the 17th of November", True, iv("2016-11-17")),
    ("on December 11", True, iv("2016-12-11")),
    ("November 10", True, iv("2016-11-10")),  # on or after publication
    ("November 9", True, iv("2017-11-09")),
    ("November 9", False, iv("2016-11-09")),
    ("November 17", False, iv("2015-11-17")),  # on or before publication
    ("November 10", False, iv("2016-11-10")),
    ("November 17, 2016", True, iv("2016-11-17")),
    ("November 17, 2016", False, iv("2016-11-17")),
    ("May 12, 2009", True, iv("2009-05-12")),
    ("Jan. 11, 2017", True, iv("2017-01-11")),
    ("Wednesday, Dec. 7", True, iv("2016-12-07")),
    ("by Friday May 4", True, iv("2016-11-11", "2017-05-04")),
    ("November 17 at 8 a.m.", True, iv("2016-11-17")),
    ("February 30", True, None),
    ("April 31, 2017", True, None),
]

NUMERIC = [
    ("2016-11-17", True, iv("2016-11-17")),
    ("17/11", True, iv("2016-11-17")),  # 17 > 12: day/month
    ("11/17", True, iv("2016-11-17")),  # month/day
    ("3/4", True, iv("2017-03-04")),  # ambiguous: month/day (US sources)
    ("11/17/2016", True, iv("2016-11-17")),
    ("17/11/2016", True, iv("2016-11-17")),
    ("11/17/16", True, iv("2016-11-17")),
    ("17.11.2016", True, iv("2016-11-17")),
    ("2016-02-30", True, None),
]

WEEKDAY = [
    ("Tuesday", True, iv("2016-11-15")),
    ("on Tuesday", True, iv("2016-11-15")),
    ("next Tuesday", True, iv("2016-11-15")),
    ("this Tuesday", True, iv("2016-11-15")),
    ("Tuesday", False, iv("2016-11-08")),
    ("last Tuesday", True, iv("2016-11-08")),
    ("Thursday", True, iv("2016-11-17")),  # the publication weekday, no same-day context: +7
    ("Thursday", False, iv("2016-11-03")),  # -7
    ("next Thursday", True, iv("2016-11-17")),
    ("this Thursday", True, iv("2016-11-10")),
    ("Friday", True, iv("2016-11-11")),
    ("Wednesday", True, iv("2016-11-16")),
    ("Tuesday evening", True, iv("2016-11-15")),
    ("Friday afternoon", True, iv("2016-11-11")),  # "noon" inside "afternoon" is no clock time
    ("Wednesday next week", True, iv("2016-11-16")),
    ("Monday of next week", True, iv("2016-11-14")),
    ("next week on Friday", True, iv("2016-11-18")),
    ("Tuesday and Wednesday next week", True, iv("2016-11-15", "2016-11-16")),  # "next week" holds for both
    ("Friday this week", True, iv("2016-11-11")),
    ("2 p.m. on Tuesday", True, iv("2016-11-15")),
    ("Christmas", True, iv("2016-12-25")),
    ("before Christmas", True, iv("2016-11-11", "2016-12-24")),  # a limit, as "before June" is
    ("Thanksgiving", True, iv("2016-11-24")),  # the fourth Thursday of November
    ("by Easter", True, iv("2016-11-11", "2017-04-16")),  # Easter Sunday moves (dateutil)
    ("Monday at noon", True, iv("2016-11-14")),
    ("late on Thursday", False, iv("2016-11-03")),
    ("later Wednesday", False, iv("2016-11-09")),
    ("midday Wednesday", True, iv("2016-11-16")),
    ("Wednesday at 9 a.m.", True, iv("2016-11-16")),
]

RELATIVE_DAYS = [
    ("today", True, iv("2016-11-10")),
    ("tonight", True, iv("2016-11-10")),
    ("this morning", True, iv("2016-11-10")),
    ("this afternoon", True, iv("2016-11-10")),
    ("this evening", True, iv("2016-11-10")),
    ("later today", True, iv("2016-11-10")),
    ("tomorrow", True, iv("2016-11-11")),
    ("tommorrow", True, iv("2016-11-11")),
    ("tomorrow morning", True, iv("2016-11-11")),
    ("yesterday", False, iv("2016-11-09")),
    ("last night", False, iv("2016-11-09")),
    ("the day after tomorrow", True, iv("2016-11-12")),
    ("the day before yesterday", False, iv("2016-11-08")),
    ("10 a.m.", True, iv("2016-11-10")),
    ("about 2 p.m.", True, iv("2016-11-10")),
]

WEEKS = [
    ("this week", True, iv("2016-11-10", "2016-11-13", "week")),
    ("later this week", True, iv("2016-11-10", "2016-11-13", "week")),
    ("later in the week", True, iv("2016-11-10", "2016-11-13", "week")),
    ("earlier in the week", None, iv("2016-11-07", "2016-11-10", "week")),
    ("mid-week", True, iv("2016-11-10", "2016-11-13", "week")),
    ("midweek", True, iv("2016-11-10", "2016-11-13", "week")),
    ("the end of the week", True, iv("2016-11-10", "2016-11-13", "week")),
    ("earlier this week", False, iv("2016-11-07", "2016-11-09", "week")),
    ("this week", False, iv("2016-11-07", "2016-11-10", "week")),
    ("next week", True, iv("2016-11-14", "2016-11-20", "week")),
    ("the middle of next week", True, iv("2016-11-14", "2016-11-20", "week")),
    ("early next week", True, iv("2016-11-14", "2016-11-20", "week")),
    ("last week", False, iv("2016-10-31", "2016-11-06", "week")),
    ("the week after next", True, iv("2016-11-21", "2016-11-27", "week")),
    ("the week of November 14", True, iv("2016-11-14", "2016-11-20", "week")),
    ("the week of November 16", True, iv("2016-11-14", "2016-11-20", "week")),  # its ISO week
    ("the second week of April", True, iv("2017-04-08", "2017-04-14", "week")),
    ("the last week of November", True, iv("2016-11-24", "2016-11-30", "week")),
    ("the coming week", True, iv("2016-11-11", "2016-11-17", "week")),
    ("the past week", False, iv("2016-11-03", "2016-11-09", "week")),
    ("the weekend", True, iv("2016-11-12", "2016-11-13")),
    ("this weekend", True, iv("2016-11-12", "2016-11-13")),
    ("over the weekend", True, iv("2016-11-12", "2016-11-13")),
    ("the week-end", True, iv("2016-11-12", "2016-11-13")),
    ("next weekend", True, iv("2016-11-12", "2016-11-13")),
    ("last weekend", False, iv("2016-11-05", "2016-11-06")),
    ("the weekend", False, iv("2016-11-05", "2016-11-06")),
]

MONTHS_TABLE = [
    ("in June", True, iv("2017-06-01", "2017-06-30", "month")),
    ("June", True, iv("2017-06-01", "2017-06-30", "month")),
    ("in June", False, iv("2016-06-01", "2016-06-30", "month")),
    ("in December", True, iv("2016-12-01", "2016-12-31", "month")),
    ("December", False, iv("2015-12-01", "2015-12-31", "month")),
    ("in November", True, iv("2016-11-11", "2016-11-30", "month")),  # current month: from the next day
    ("in November", False, iv("2016-11-01", "2016-11-10", "month")),
    ("next month", True, iv("2016-12-01", "2016-12-31", "month")),
    ("last month", False, iv("2016-10-01", "2016-10-31", "month")),
    ("this month", True, iv("2016-11-10", "2016-11-30", "month")),
    ("later this month", True, iv("2016-11-11", "2016-11-30", "month")),
    ("earlier this month", False, iv("2016-11-01", "2016-11-09", "month")),
    ("the end of the month", True, iv("2016-11-11", "2016-11-30", "month")),
    ("the end of this month", True, iv("2016-11-11", "2016-11-30", "month")),
    ("early next month", True, iv("2016-12-01", "2016-12-31", "month")),
    ("early June", True, iv("2017-06-01", "2017-06-30", "month")),
    ("mid-June", True, iv("2017-06-01", "2017-06-30", "month")),
    ("late June", True, iv("2017-06-01", "2017-06-30", "month")),
    ("late-April", True, iv("2017-04-01", "2017-04-30", "month")),
    ("end of June", True, iv("2017-06-01", "2017-06-30", "month")),
    ("the end of January", True, iv("2017-01-01", "2017-01-31", "month")),
    ("June 2017", True, iv("2017-06-01", "2017-06-30", "month")),
    ("June 2016", False, iv("2016-06-01", "2016-06-30", "month")),
    ("in early February 2018", True, iv("2018-02-01", "2018-02-28", "month")),
    ("next July", True, iv("2017-07-01", "2017-07-31", "month")),
    ("next july", True, iv("2017-07-01", "2017-07-31", "month")),
    ("last September", False, iv("2016-09-01", "2016-09-30", "month")),
    ("this past July", False, iv("2016-07-01", "2016-07-31", "month")),
]

RANGES = [
    ("March 3-5", True, iv("2017-03-03", "2017-03-05")),
    ("Nov. 28/29", True, iv("2016-11-28", "2016-11-29")),  # a slash joins two days of one month
    ("1600 EST tomorrow", True, iv("2016-11-11")),  # a clock time with its zone refines the day
    ("March 3 to 5", True, iv("2017-03-03", "2017-03-05")),
    ("March 3-5, 2017", True, iv("2017-03-03", "2017-03-05")),
    ("March 30-April 2", True, iv("2017-03-30", "2017-04-02")),
    ("March 30 to April 1", True, iv("2017-03-30", "2017-04-01")),
    ("between March 3 and March 5", True, iv("2017-03-03", "2017-03-05")),
    ("from Monday to Wednesday", True, iv("2016-11-14", "2016-11-16")),
    ("Tuesday and Wednesday", True, iv("2016-11-15", "2016-11-16")),
    ("on Tuesday and Wednesday", True, iv("2016-11-15", "2016-11-16")),
    ("Sunday through Wednesday", True, iv("2016-11-13", "2016-11-16")),
    ("Friday to Monday", True, iv("2016-11-11", "2016-11-14")),
    ("From Nov. 29 to Dec. 3", True, iv("2016-11-29", "2016-12-03")),
    ("Dec. 30 - Jan. 2", True, iv("2016-12-30", "2017-01-02")),
    ("Dec 30-Jan 2, 2017", True, iv("2016-12-30", "2017-01-02")),
    ("December 30, 2016 to January 2, 2017", True, iv("2016-12-30", "2017-01-02")),
    ("3-5 March", True, iv("2017-03-03", "2017-03-05")),
    ("5th and 6th of November 2010", True, iv("2010-11-05", "2010-11-06")),
    ("February 13, 14 and 16", True, iv("2017-02-13", "2017-02-16")),
    ("November 10 and 19, December 1", True, iv("2016-11-10", "2016-12-01")),
    ("September and October", True, iv("2017-09-01", "2017-10-31", "month")),
    ("this month and in November", True, iv("2016-11-10", "2016-11-30", "month")),
]

YEARS_QUARTERS_SEASONS = [
    ("this year", True, iv("2016-11-11", "2016-12-31", "year")),
    ("this year", False, iv("2016-01-01", "2016-11-10", "year")),
    ("later this year", True, iv("2016-11-11", "2016-12-31", "year")),
    ("late this year", True, iv("2016-11-11", "2016-12-31", "year")),
    ("earlier this year", False, iv("2016-01-01", "2016-11-09", "year")),
    ("next year", True, iv("2017-01-01", "2017-12-31", "year")),
    ("early next year", True, iv("2017-01-01", "2017-12-31", "year")),
    ("last year", False, iv("2015-01-01", "2015-12-31", "year")),
    ("late last year", False, iv("2015-01-01", "2015-12-31", "year")),
    ("in 2017", True, iv("2017-01-01", "2017-12-31", "year")),
    ("in 2016", True, iv("2016-11-11", "2016-12-31", "year")),
    ("in early 2017", True, iv("2017-01-01", "2017-12-31", "year")),
    ("mid-2017", True, iv("2017-01-01", "2017-12-31", "year")),
    ("early in 2017", True, iv("2017-01-01", "2017-12-31", "year")),
    ("later in 2016", True, iv("2016-11-11", "2016-12-31", "year")),
    ("the next year", True, iv("2016-11-11", "2017-11-10", "year")),
    ("the third quarter", True, iv("2017-07-01", "2017-09-30", "quarter")),
    ("the third quarter", False, iv("2016-07-01", "2016-09-30", "quarter")),
    ("the fourth quarter", True, iv("2016-11-11", "2016-12-31", "quarter")),
    ("Q3", True, iv("2017-07-01", "2017-09-30", "quarter")),
    ("Q1 2017", True, iv("2017-01-01", "2017-03-31", "quarter")),
    ("the third quarter of 2015", True, iv("2015-07-01", "2015-09-30", "quarter")),
    ("second-quarter", False, iv("2016-04-01", "2016-06-30", "quarter")),
    ("the second half", True, iv("2016-11-11", "2016-12-31", "quarter")),
    ("the second half of next year", True, iv("2017-07-01", "2017-12-31", "quarter")),
    ("the first half", True, iv("2017-01-01", "2017-06-30", "quarter")),
    ("H1 2017", True, iv("2017-01-01", "2017-06-30", "quarter")),
    ("next quarter", True, iv("2017-01-01", "2017-03-31", "quarter")),
    ("last quarter", False, iv("2016-07-01", "2016-09-30", "quarter")),
    ("the last quarter of 2016", False, iv("2016-10-01", "2016-11-10", "quarter")),
    ("fiscal 2017", True, None),
    ("the first quarter of fiscal 2017", True, None),
    ("spring", True, iv("2017-03-01", "2017-05-31", "quarter")),
    ("this spring", True, iv("2017-03-01", "2017-05-31", "quarter")),
    ("summer", True, iv("2017-06-01", "2017-08-31", "quarter")),
    ("next summer", True, iv("2017-06-01", "2017-08-31", "quarter")),
    ("last summer", False, iv("2016-06-01", "2016-08-31", "quarter")),
    ("this fall", True, iv("2016-11-11", "2016-11-30", "quarter")),
    ("autumn", False, iv("2016-09-01", "2016-11-10", "quarter")),
    ("winter", True, iv("2016-12-01", "2017-02-28", "quarter")),
    ("this winter", True, iv("2016-12-01", "2017-02-28", "quarter")),
    ("winter", False, iv("2015-12-01", "2016-02-29", "quarter")),  # leap year end
    ("winter 2019", True, iv("2019-12-01", "2020-02-29", "quarter")),
    ("the summer of 2012", False, iv("2012-06-01", "2012-08-31", "quarter")),
]

LIMITS_AND_OFFSETS = [
    ("by the end of the year", True, iv("2016-11-11", "2016-12-31", "year")),
    ("before the end of the year", True, iv("2016-11-11", "2016-12-31", "year")),
    ("by year-end", True, iv("2016-11-11", "2016-12-31", "year")),
    ("by Friday", True, iv("2016-11-11", "2016-11-11")),
    ("by Tuesday", True, iv("2016-11-11", "2016-11-15")),
    ("by the end of the month", True, iv("2016-11-11", "2016-11-30", "month")),
    ("before the end of May", True, iv("2016-11-11", "2017-05-31", "month")),
    ("by the end of April", True, iv("2016-11-11", "2017-04-30", "month")),
    ("before June", True, iv("2016-11-11", "2017-05-31", "month")),
    ("by next week", True, iv("2016-11-11", "2016-11-20", "week")),
    ("any time before May 1", True, iv("2016-11-11", "2017-04-30")),
    ("until Friday", True, iv("2016-11-10", "2016-11-11")),
    ("through the weekend", True, iv("2016-11-10", "2016-11-13")),
    ("within 30 days", True, iv("2016-11-11", "2016-12-10")),
    ("within two weeks", True, iv("2016-11-11", "2016-11-24")),
    ("within a week", True, iv("2016-11-11", "2016-11-17")),
    ("within the next 15 days", True, iv("2016-11-11", "2016-11-25")),
    ("within seven days", True, iv("2016-11-11", "2016-11-17")),
    ("within three months", True, iv("2016-11-11", "2017-02-10")),
    ("the next two days", True, iv("2016-11-11", "2016-11-12")),
    ("over the next two days", True, iv("2016-11-11", "2016-11-12")),
    ("the last five days", False, iv("2016-11-05", "2016-11-09")),
    ("in two weeks", True, iv("2016-11-24")),
    ("in 10 days", True, iv("2016-11-20")),
    ("in a week's time", True, iv("2016-11-17")),
    ("two weeks from now", True, iv("2016-11-24")),
    ("a week from Tuesday", True, iv("2016-11-22")),
    ("in three months", True, iv("2017-02-01", "2017-02-28", "month")),
    ("in a year", True, iv("2017-01-01", "2017-12-31", "year")),
    ("two weeks ago", False, iv("2016-10-27")),
    ("a week ago", False, iv("2016-11-03")),
    ("roughly six months ago", False, iv("2016-05-01", "2016-05-31", "month")),
    ("the next day", True, iv("2016-11-11")),
]

NOT_TIMES = [
    "soon", "shortly", "recently", "as soon as possible", "in the coming weeks", "in the coming months",
    "the coming days", "at some point", "within days", "later that month", "in the near future",
    "Theresa May", "May said", "a protest march", "the march", "Sun", "Sat", "Wed", "the second", "$17",
    "17 percent", "3-5 percent", "", "   ", "...", "banana", "the week",
]  # fmt: skip


@pytest.mark.parametrize(
    ("expression", "future", "expected"),
    MONTH_DAY + NUMERIC + WEEKDAY + RELATIVE_DAYS + WEEKS + MONTHS_TABLE + RANGES + YEARS_QUARTERS_SEASONS
    + LIMITS_AND_OFFSETS,
)
def test_resolve_table(expression: str, future: bool, expected: Interval | None) -> None:
    assert resolve(expression, P, future=future) == expected


@pytest.mark.parametrize("expression", NOT_TIMES)
@pytest.mark.parametrize("future", [True, False, None])
def test_resolve_not_a_time(expression: str, future: bool | None) -> None:
    assert resolve(expression, P, future=future) is None


# --------------------------------------------------------------------------------------------------
# resolve(): month ends, leap years, year boundaries, ISO week 53
# --------------------------------------------------------------------------------------------------

CALENDAR_EDGES = [
    # (expression, published, future, expected)
    ("next week", D(2020, 12, 28), True, iv("2021-01-04", "2021-01-10", "week")),  # from ISO week 53
    ("this week", D(2020, 12, 31), True, iv("2020-12-31", "2021-01-03", "week")),  # week spans new year
    ("last week", D(2021, 1, 6), False, iv("2020-12-28", "2021-01-03", "week")),  # ISO week 53 of 2020
    ("the week of January 1", D(2020, 12, 15), True, iv("2020-12-28", "2021-01-03", "week")),
    ("next week", D(2015, 12, 31), True, iv("2016-01-04", "2016-01-10", "week")),
    ("tomorrow", D(2016, 12, 31), True, iv("2017-01-01")),
    ("yesterday", D(2017, 1, 1), False, iv("2016-12-31")),
    ("tomorrow", D(2016, 2, 28), True, iv("2016-02-29")),
    ("tomorrow", D(2017, 2, 28), True, iv("2017-03-01")),
    ("January 3", D(2016, 12, 31), True, iv("2017-01-03")),
    ("December 30", D(2017, 1, 2), False, iv("2016-12-30")),
    ("February 29", D(2017, 3, 1), True, iv("2020-02-29")),
    ("February 29", D(2017, 3, 1), False, iv("2016-02-29")),
    ("February 29", D(2016, 2, 29), True, iv("2016-02-29")),
    ("February 29, 2017", D(2016, 1, 1), True, None),
    ("in February", D(2016, 1, 15), True, iv("2016-02-01", "2016-02-29", "month")),
    ("in February", D(2017, 1, 15), True, iv("2017-02-01", "2017-02-28", "month")),
    ("next month", D(2016, 1, 31), True, iv("2016-02-01", "2016-02-29", "month")),
    ("next month", D(2016, 12, 15), True, iv("2017-01-01", "2017-01-31", "month")),
    ("last month", D(2017, 1, 15), False, iv("2016-12-01", "2016-12-31", "month")),
    ("later this month", D(2016, 11, 30), True, iv("2016-11-30", "2016-11-30", "month")),
    ("this year", D(2016, 12, 31), True, iv("2016-12-31", "2016-12-31", "year")),
    ("by the end of the year", D(2016, 12, 31), True, iv("2016-12-31", "2016-12-31", "year")),
    ("next year", D(2016, 12, 31), True, iv("2017-01-01", "2017-12-31", "year")),
    ("within 30 days", D(2016, 12, 15), True, iv("2016-12-16", "2017-01-14")),
    ("within three months", D(2016, 11, 30), True, iv("2016-12-01", "2017-02-28")),
    ("in a month", D(2017, 1, 31), True, iv("2017-02-01", "2017-02-28", "month")),
    ("Dec. 30 - Jan. 2", D(2016, 12, 1), True, iv("2016-12-30", "2017-01-02")),
    ("Friday to Monday", D(2016, 12, 29), True, iv("2016-12-30", "2017-01-02")),
    ("the weekend", D(2016, 12, 31), True, iv("2016-12-31", "2017-01-01")),  # published on Saturday
    ("the weekend", D(2017, 1, 1), True, iv("2017-01-01", "2017-01-01")),  # published on Sunday
    ("the fourth quarter", D(2016, 12, 31), True, iv("2016-12-31", "2016-12-31", "quarter")),
    ("the first quarter", D(2016, 12, 31), True, iv("2017-01-01", "2017-03-31", "quarter")),
    ("winter", D(2017, 1, 15), True, iv("2017-01-16", "2017-02-28", "quarter")),
    ("winter", D(2016, 1, 15), True, iv("2016-01-16", "2016-02-29", "quarter")),
    ("next winter", D(2017, 1, 15), True, iv("2017-12-01", "2018-02-28", "quarter")),
    ("Q1", D(2017, 1, 2), True, iv("2017-01-03", "2017-03-31", "quarter")),
    ("the second week of February", D(2016, 1, 1), True, iv("2016-02-08", "2016-02-14", "week")),
    ("the last week of February", D(2016, 1, 1), True, iv("2016-02-23", "2016-02-29", "week")),
]


@pytest.mark.parametrize(("expression", "published", "future", "expected"), CALENDAR_EDGES)
def test_resolve_calendar_edges(expression: str, published: D, future: bool, expected: Interval | None) -> None:
    assert resolve(expression, published, future=future) == expected


# --------------------------------------------------------------------------------------------------
# resolve(): what the sentence adds
# --------------------------------------------------------------------------------------------------

WED = D(2016, 11, 9)  # a Wednesday

SENTENCE_CONTEXT = [
    # same weekday as the publication day
    ("Wednesday", "A panel is getting to work Wednesday to hash out a compromise.", True, iv("2016-11-09")),
    ("on Wednesday", "The senator is heading to Ottawa on Wednesday to meet the premier.", True,
     iv("2016-11-09")),
    ("on Wednesday", "The two will meet tonight and again on Wednesday.", True, iv("2016-11-09")),
    ("on Wednesday", "The commissioners are scheduled to meet on Wednesday.", True, iv("2016-11-09")),
    ("Wednesday", "The panel will meet Wednesday.", True, iv("2016-11-09")),  # the paper's own weekday
    ("on Wednesday", "They met on Wednesday.", None, iv("2016-11-09")),
    ("next Wednesday", "The panel will meet next Wednesday.", True, iv("2016-11-16")),
    ("this Wednesday", "The bank meets this Wednesday.", True, iv("2016-11-09")),
    # "next week ... on Friday": the Friday of next week
    ("on Friday", "He visits Europe next week for talks in Brussels on Tuesday and in Vienna on Friday.", True,
     iv("2016-11-18")),
    ("on Tuesday", "He visits Europe next week for talks in Brussels on Tuesday and in Vienna on Friday.", True,
     iv("2016-11-15")),
    ("on Monday", "The ministers met last week, on Monday, in Paris.", False, iv("2016-10-31")),
    ("Friday", "He will meet Abe on Friday, ahead of next week's summit.", True, iv("2016-11-11")),
    # direction from the sentence's tense
    ("Friday", "He said on Friday that he would meet Abe.", None, iv("2016-11-04")),
    ("Friday", "He will meet Abe on Friday, he said.", None, iv("2016-11-11")),
    ("June", "The G20 met in June to discuss the crisis.", None, iv("2016-06-01", "2016-06-30", "month")),
    ("June", "The G20 is expected to meet in June.", None, iv("2017-06-01", "2017-06-30", "month")),
    ("next week", "They met last week and will meet again next week.", None,
     iv("2016-11-14", "2016-11-20", "week")),
    # ongoing events
    ("Monday", "The two-day summit that began Monday ends later today.", True, iv("2016-11-07", "2016-11-08")),
    ("on Tuesday", "Talks kicked off in Geneva on Tuesday and will resume after the weekend.", True,
     iv("2016-11-08")),
    ("Friday", "The meeting will end Friday with a joint statement.", True, iv("2016-11-09", "2016-11-11")),
    ("tomorrow", "The board meeting will end tomorrow without a vote.", True, iv("2016-11-09", "2016-11-10")),
    ("starting on Thursday", "Xi will welcome Trump for a visit starting on Thursday.", True, iv("2016-11-10")),
    # anchored offsets
    ("one day before", "Trump on Monday raised the issue, one day before he is due to host the leaders.", True,
     iv("2016-11-08")),
    ("a day later", "Merkel arrives on Friday and Macron will join a day later.", True, iv("2016-11-12")),
    ("later in the day", "Shares rose on Friday ahead of a meeting of the central bank later in the day.", True,
     iv("2016-11-11")),  # the day of the sentence's other time
    ("later in the day", "The board meets later in the day.", True, iv("2016-11-09")),  # none: the publication day
    ("earlier in the day", "The deal is due to be announced after the market closes on Monday, after the board "
     "meets earlier in the day.", True, iv("2016-11-14")),  # the anchor is Monday itself, not "until Monday"
    # a participle after "be" is no past tense
    ("Friday", "The results are expected to be announced on Friday.", None, iv("2016-11-11")),
    # limits that can still happen today
    ("by Friday", "A deal could come today or by Friday.", True, iv("2016-11-09", "2016-11-11")),
]


@pytest.mark.parametrize(("expression", "sentence", "future", "expected"), SENTENCE_CONTEXT)
def test_resolve_with_sentence(expression: str, sentence: str, future: bool | None, expected: Interval) -> None:
    assert resolve(expression, WED, future=future, sentence=sentence) == expected


def test_resolve_sentence_without_the_expression_still_works() -> None:
    assert resolve("next week", P, sentence="Nothing to see here.") == iv("2016-11-14", "2016-11-20", "week")
    assert resolve("Thursday", P, future=None, sentence="") == iv("2016-11-17")


def test_future_none_defaults_forward() -> None:
    assert resolve("Tuesday", P, future=None) == iv("2016-11-15")
    assert resolve("last Tuesday", P, future=None) == iv("2016-11-08")


# --------------------------------------------------------------------------------------------------
# find_time_expressions()
# --------------------------------------------------------------------------------------------------

FIND = [
    ("Abe will meet Trump on November 17 in New York.", ["November 17"]),
    ("The summit is set for Nov. 17th and 18th.", ["Nov. 17th and 18th"]),
    ("Talks run from March 30 to April 1 in London.", ["March 30 to April 1"]),
    ("The committee meets on September 17-18.", ["September 17-18"]),
    ("Its September 17-18 policy meeting matters.", ["September 17-18"]),
    ("They are due to meet on February 13, 14 and 16 to discuss cuts.", ["February 13, 14 and 16"]),
    ("The commissioners will meet on November 10 and 19, December 1, as well as later.",
     ["November 10 and 19, December 1"]),
    ("The meeting in Kyoto on 5th and 6th of November 2010 was chaired by him.", ["5th and 6th of November 2010"]),
    ("WEDNESDAY, DEC. 7 - EU leaders meet.", ["WEDNESDAY, DEC. 7"]),
    ("They fixed another summit for Wednesday, October 26 to break the deadlock.", ["Wednesday, October 26"]),
    ("He asked to meet by Friday May 4 to book the room.", ["by Friday May 4"]),
    ("It will hold a town hall on November 17 at 8 a.m.", ["November 17 at 8 a.m."]),
    ("They met on 2016-11-17, again on 17.11.2016 and lastly on 11/17/2016.",
     ["2016-11-17", "17.11.2016", "11/17/2016"]),
    ("Tillerson visits Europe next week to attend meetings on Tuesday and Wednesday.",
     ["next week", "Tuesday and Wednesday"]),
    ("The talks will resume on Tuesday evening after experts meet through the day.",
     ["Tuesday evening", "through the day"]),
    ("Negotiators met late on Thursday and again later on Friday.", ["late on Thursday", "later on Friday"]),
    ("Before Tuesday's meeting, fed funds traded at 3 percent.", ["Tuesday"]),
    ("At Wednesday's summit, leaders agreed.", ["Wednesday"]),
    ("OPEC meets later this month and again in early June.", ["later this month", "early June"]),
    ("The G20 meets again in April ahead of a G8 summit in July.", ["April", "July"]),
    ("The summit is scheduled for mid-February or late-April.", ["mid-February", "late-April"]),
    ("The Fed meets next month, and in September and October.", ["next month", "September and October"]),
    ("Leaders meet today and tomorrow, or next week.", ["today and tomorrow", "next week"]),
    ("They are scheduled to meet this month and in November.", ["this month and in November"]),
    ("Leaders meet this weekend, not over the weekend after.", ["this weekend", "the weekend"]),
    ("Lawyers will continue over the week-end and next week.", ["the week-end and next week"]),
    ("A decision is due by the end of the year or before the end of April.",
     ["by the end of the year", "before the end of April"]),
    ("It could happen within the next 15 days or within 30 days.", ["within the next 15 days", "within 30 days"]),
    ("I hope we will do this over the next two days.", ["the next two days"]),
    ("They agreed to reconvene in a year and meet again in two weeks.", ["in a year", "in two weeks"]),
    ("Talks began roughly six months ago and two weeks ago.", ["roughly six months ago", "two weeks ago"]),
    ("They will meet again in two weeks, not for 24 years before retiring.", ["in two weeks"]),
    ("Ministers will meet in the second half of this year, and in Q3.", ["the second half of this year", "Q3"]),
    ("The third quarter results and second-quarter sales came in.", ["The third quarter", "second-quarter"]),
    ("Talks will start this fall, in the summer of 2012, and next spring.",
     ["this fall", "the summer of 2012", "next spring"]),
    ("They met last year and will meet again early next year or in 2017.",
     ["last year", "early next year", "2017"]),
    ("Negotiations may take place this month and in November.", ["this month and in November"]),
    ("They will meet today, tonight, tomorrow or the day after tomorrow.",
     ["today", "tonight", "tomorrow", "the day after tomorrow"]),
    ("The meeting is set for 10 A.M.", ["10 A.M."]),
    ("The committee began meeting at about 2 p.m.", ["about 2 p.m."]),
    ("Theresa May said she would meet Trump in May.", ["May"]),
    ("May said the talks in March were useful.", ["March"]),
    ("Prime Minister May will travel to Brussels.", []),
    ("Thousands joined a protest march on the capital.", []),
    ("The Sun reported that Sat and Wed are abbreviations.", []),
    ("Prices rose 17 percent, or $17, and 3-5 percent in the second round.", []),
    ("For the first time in 10 years the index rose.", []),
    ("Sunday Times reporters joined the Super Tuesday coverage.", []),
    ("Talks resume soon, and shortly after that as soon as possible.", ["soon", "shortly", "as soon as possible"]),
    ("Officials will meet in the coming days.", ["the coming days"]),
    ("The talks, which begin on Monday, are expected to last three days.", ["Monday"]),
    ("Prices rose in the last three days and in last 10 days.", ["the last three days", "last 10 days"]),
]


@pytest.mark.parametrize(("sentence", "expected"), FIND)
def test_find_time_expressions(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_find_offsets_and_type() -> None:
    s = "Abe is expected to travel to the United States next week."
    (m,) = find_time_expressions(s)
    assert m == TimeMention(47, 56, "next week")
    assert s[m.start : m.end] == m.text


def test_found_expressions_resolve() -> None:
    s = "The ICO board meets here March 30 to April 1, and the council in September, delegates said today."
    got = [resolve(m.text, D(1987, 3, 3), sentence=s) for m in find_time_expressions(s)]
    assert got == [iv("1987-03-30", "1987-04-01"), iv("1987-09-01", "1987-09-30", "month"), iv("1987-03-03")]


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

GRAN_MAX_DAYS = {"day": 1, "week": 7, "month": 31, "quarter": 184, "year": 366}
POINT_EXPRESSIONS = [
    "today", "tomorrow", "yesterday", "Tuesday", "next Friday", "last Sunday", "this week", "next week",
    "last week", "later this week", "midweek", "the weekend", "this month", "next month", "last month",
    "later this month", "earlier this month", "in June", "early December", "February", "this year", "next year",
    "last year", "the third quarter", "Q1", "the second half", "spring", "summer", "fall", "winter",
    "next summer", "last winter", "in two weeks", "two weeks ago", "in 10 days", "the week of March 1",
    "the second week of May", "November 17", "February 29", "December 31", "January 1",
]  # fmt: skip
ANY_EXPRESSIONS = POINT_EXPRESSIONS + [e for e, _, _ in RANGES + LIMITS_AND_OFFSETS + WEEKS + MONTHS_TABLE]


@given(published_dates, st.sampled_from(range(7)))
def test_weekday_future_is_within_a_week(published: D, weekday: int) -> None:
    got = resolve(WEEKDAYS[weekday], published, future=True)
    assert got is not None and got.start == got.end and got.granularity == "day"
    assert 1 <= (got.start - published).days <= 7
    assert got.start.weekday() == weekday


@given(published_dates, st.sampled_from(range(7)))
def test_weekday_future_with_same_day_context(published: D, weekday: int) -> None:
    name = WEEKDAYS[weekday]
    got = resolve(name, published, future=True, sentence=f"The leaders meet tonight and again on {name}.")
    assert got is not None and got.start.weekday() == weekday
    assert 0 <= (got.start - published).days <= 6


@given(published_dates, st.sampled_from(range(7)))
def test_weekday_past_is_within_the_previous_week(published: D, weekday: int) -> None:
    got = resolve(f"on {WEEKDAYS[weekday]}", published, future=False)
    assert got is not None and got.start == got.end and got.start.weekday() == weekday
    assert 1 <= (published - got.start).days <= 7


@given(published_dates, st.sampled_from(range(7)))
def test_next_and_last_weekday(published: D, weekday: int) -> None:
    nxt = resolve(f"next {WEEKDAYS[weekday]}", published, future=None)
    last = resolve(f"last {WEEKDAYS[weekday]}", published, future=None)
    assert nxt is not None and last is not None
    assert 1 <= (nxt.start - published).days <= 7 and 1 <= (published - last.start).days <= 7


@given(published_dates)
def test_next_week_is_the_following_iso_week(published: D) -> None:
    got = resolve("next week", published)
    assert got is not None and got.granularity == "week"
    assert got.start.weekday() == 0 and (got.end - got.start).days == 6
    assert 1 <= (got.start - published).days <= 7
    assert got.start.isocalendar()[:2] != published.isocalendar()[:2]


@given(published_dates)
def test_this_week_and_last_week(published: D) -> None:
    this = resolve("this week", published)
    last = resolve("last week", published, future=False)
    assert this is not None and last is not None
    if published.weekday() >= 5:  # a weekend paper's "this week" is the coming Monday..Sunday (guidelines v2)
        assert this.start.weekday() == 0 and 1 <= (this.start - published).days <= 2
        assert (this.end - this.start).days == 6
    else:
        assert this.start == published and this.end.weekday() == 6 and (this.end - published).days <= 6
    assert last.start.weekday() == 0 and last.end.weekday() == 6 and 1 <= (published - last.end).days <= 7


@given(published_dates)
def test_weekend_is_the_coming_saturday_and_sunday(published: D) -> None:
    got = resolve("the weekend", published)
    assert got is not None and got.end.weekday() == 6 and got.start <= got.end
    assert 0 <= (got.end - published).days <= 6 and (got.end - got.start).days <= 1


def test_the_coming_weekend_in_a_weekend_paper_is_the_next_one() -> None:
    sunday, thursday = D(2010, 6, 20), D(2016, 11, 10)
    assert resolve("this coming weekend", sunday) == resolve("next weekend", sunday) == Interval(
        D(2010, 6, 26), D(2010, 6, 27), "day")
    assert resolve("the coming weekend", thursday) == Interval(D(2016, 11, 12), D(2016, 11, 13), "day")
    assert resolve("this weekend", sunday) == Interval(sunday, sunday, "day")  # the weekend under way


@given(published_dates, st.dates(min_value=D(2001, 1, 1), max_value=D(2001, 12, 31)))
def test_month_day_future_and_past(published: D, day: D) -> None:
    text = f"{MONTHS[day.month - 1]} {day.day}"
    fut = resolve(text, published, future=True)
    past = resolve(text, published, future=False)
    assert fut is not None and past is not None
    assert (fut.start.month, fut.start.day) == (day.month, day.day) == (past.start.month, past.start.day)
    assert published <= fut.start < published + dt.timedelta(days=366)
    assert published - dt.timedelta(days=366) < past.start <= published


@given(published_dates)
def test_february_29_is_the_next_or_previous_leap_day(published: D) -> None:
    fut = resolve("February 29", published)
    past = resolve("Feb. 29", published, future=False)
    assert fut is not None and past is not None
    assert (fut.start.month, fut.start.day) == (past.start.month, past.start.day) == (2, 29)
    assert published <= fut.start < published + dt.timedelta(days=366 * 4 + 366)
    assert past.start <= published


@given(st.dates(min_value=D(1987, 1, 1), max_value=D(2030, 12, 31)), published_dates)
def test_explicit_dates_round_trip(day: D, published: D) -> None:
    expected = Interval(day, day, "day")
    for text in (f"{MONTHS[day.month - 1]} {day.day}, {day.year}", day.isoformat(),
                 f"{day.day} {MONTHS[day.month - 1]} {day.year}", f"{day.day}.{day.month}.{day.year}"):  # fmt: skip
        assert resolve(text, published, future=True) == expected
        assert resolve(text, published, future=False) == expected
    week = resolve(f"the week of {MONTHS[day.month - 1]} {day.day}, {day.year}", published)
    assert week is not None and week.start <= day <= week.end and week.start.weekday() == 0


@given(published_dates, st.sampled_from(range(12)), st.booleans())
def test_month_names(published: D, month: int, future: bool) -> None:
    got = resolve(f"in {MONTHS[month]}", published, future=future)
    assert got is not None and got.granularity == "month"
    assert got.start.month == got.end.month == month + 1 and got.start.year == got.end.year
    month_end = (got.end + dt.timedelta(days=1)).day == 1
    assert month_end or (not future and got.end == published)  # a past current month ends on publication
    if future:
        assert got.end >= published
        assert got.start.day == 1 or got.start == min(published + dt.timedelta(days=1), got.end)
    else:
        assert got.start <= published and (got.end - published).days <= 0


@given(published_dates, st.sampled_from(ANY_EXPRESSIONS), st.sampled_from([True, False, None]))
def test_intervals_are_well_formed(published: D, expression: str, future: bool | None) -> None:
    got = resolve(expression, published, future=future)
    if got is None:
        return
    assert got.start <= got.end
    assert got.granularity in GRAN_MAX_DAYS


@given(published_dates, st.sampled_from(POINT_EXPRESSIONS), st.booleans())
def test_granularity_matches_length(published: D, expression: str, future: bool) -> None:
    got = resolve(expression, published, future=future)
    assume(got is not None)
    assert got is not None
    length = (got.end - got.start).days + 1
    if expression == "the weekend":
        assert got.granularity == "day" and length <= 2
        return
    assert length <= GRAN_MAX_DAYS[got.granularity]
    if got.granularity == "month":
        assert (got.start.year, got.start.month) == (got.end.year, got.end.month)
    if got.granularity == "year":
        assert got.start.year == got.end.year
    if got.granularity == "week" and future and expression != "the second week of May":
        assert got.end.weekday() == 6


@given(published_dates)
def test_limits_start_after_publication(published: D) -> None:
    for text, gran in (("by the end of the year", "year"), ("by Friday", "day"), ("within 30 days", "day"),
                       ("by the end of the month", "month"), ("within two weeks", "day")):  # fmt: skip
        got = resolve(text, published)
        assert got is not None and got.granularity == gran
        assert got.start == min(published + dt.timedelta(days=1), got.end) and got.end >= published
    assert resolve("within 30 days", published) == Interval(
        published + dt.timedelta(days=1), published + dt.timedelta(days=30), "day"
    )


@given(published_dates, st.sampled_from(["spring", "summer", "fall", "autumn", "winter"]), st.booleans())
def test_seasons_are_meteorological(published: D, season: str, future: bool) -> None:
    got = resolve(f"this {season}", published, future=future)
    assert got is not None and got.granularity == "quarter"
    first = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}[season]
    current = future and got.start == min(published + dt.timedelta(1), got.end)  # clipped current season
    assert (got.start.month, got.start.day) == (first, 1) or current
    if got.end != published:  # a past current season ends on the publication day
        assert (got.end + dt.timedelta(days=1)).day == 1
        assert got.end.month == (first + 1) % 12 + 1


FILLER = ["the", "talks", "will", "meet", "in", "on", "and", ",", "said", "Theresa", "May", "march", "$17",
          "17 percent", "by", "before", "'s", "-", "3-5", "Sun", "second", "\n", "  "]  # fmt: skip
PIECES = FILLER + [e for e, _, _ in MONTH_DAY + WEEKDAY + WEEKS + MONTHS_TABLE + RANGES + LIMITS_AND_OFFSETS]


@given(st.lists(st.sampled_from(PIECES), max_size=25))
@settings(max_examples=300)
def test_find_spans_are_exact_and_disjoint(words: list[str]) -> None:
    sentence = " ".join(words)
    _check_spans(sentence)


@given(st.text(max_size=200))
def test_find_spans_on_arbitrary_text(sentence: str) -> None:
    _check_spans(sentence)


def _check_spans(sentence: str) -> None:
    found = find_time_expressions(sentence)
    # the start-word guard only speeds finding up: it never changes what is found
    assert [m.span() for m in _FIND_RE.finditer(sentence)] == [m.span() for m in _FIND_RE_UNGUARDED.finditer(sentence)]
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(sentence)
        assert sentence[m.start : m.end] == m.text
        assert m.start >= last_end
        assert m.text == m.text.strip()
        last_end = m.end


def test_find_is_fast_enough() -> None:
    import time

    sentence = ("Officials from the two countries said on Tuesday they would meet in Geneva next week, "
                "before the end of the month, to discuss a $17 billion package and 3-5 percent tariffs.")  # fmt: skip
    start = time.perf_counter()
    for _ in range(500):
        find_time_expressions(sentence)
    assert (time.perf_counter() - start) / 500 < 0.005  # well under 5 ms per sentence


# --------------------------------------------------------------------------------------------------
# Reports against the shared data (print only)
# --------------------------------------------------------------------------------------------------


def dev_report() -> tuple[int, int, list[str]]:
    """Exact-match of resolve() on the gold date_text of dev.jsonl: (matched, total, miss lines)."""
    matched, total, misses = 0, 0, []
    for line in DEV.read_text().splitlines():
        article = json.loads(line)
        published = D.fromisoformat(article["published"])
        for m in article["meetings"]:
            if not m.get("date_text"):
                continue
            total += 1
            got = resolve(m["date_text"], published, future=True, sentence=m["sentence"])
            gold = (m["start_date"], m["end_date"], m["granularity"])
            have = (got.start.isoformat(), got.end.isoformat(), got.granularity) if got else (None, None, None)
            if have == gold:
                matched += 1
            else:
                misses.append(f"{published} {m['date_text']!r}: gold {gold} got {have}")
    return matched, total, misses


def train_report() -> tuple[int, int, int]:
    """find_time_expressions() on the train time spans: (exact, overlapping incl. exact, total)."""
    exact = overlap = total = 0
    for line in TRAIN.read_text().splitlines():
        row = json.loads(line)
        found = find_time_expressions(row["sentence"])
        for event in row["events"]:
            t = event.get("time")
            if not t:
                continue
            total += 1
            exact += any(f.start == t["start"] and f.end == t["end"] for f in found)
            overlap += any(f.start < t["end"] and f.end > t["start"] for f in found)
    return exact, overlap, total


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval/dev.jsonl not available")
def test_print_dev_report(capsys: pytest.CaptureFixture[str]) -> None:
    matched, total, misses = dev_report()
    with capsys.disabled():
        print(f"\ndev resolve() exact match: {matched}/{total} = {matched / max(total, 1):.3f}")
        for miss in misses:
            print("  MISS", miss)


@pytest.mark.skipif(not TRAIN.exists(), reason="shared/train/sentences.jsonl not available")
def test_start_guard_changes_nothing_on_train() -> None:
    for line in TRAIN.read_text().splitlines():
        _check_spans(json.loads(line)["sentence"])


@pytest.mark.skipif(not TRAIN.exists(), reason="shared/train/sentences.jsonl not available")
def test_print_train_recall(capsys: pytest.CaptureFixture[str]) -> None:
    exact, overlap, total = train_report()
    with capsys.disabled():
        print(f"\ntrain time spans found: exact {exact}/{total} = {exact / max(total, 1):.3f}, "
              f"overlapping {overlap}/{total} = {overlap / max(total, 1):.3f}")  # fmt: skip


if __name__ == "__main__":
    m_, t_, misses_ = dev_report()
    print(f"dev resolve() exact match: {m_}/{t_} = {m_ / max(t_, 1):.3f}")
    for miss_ in misses_:
        print("  MISS", miss_)
    e_, o_, n_ = train_report()
    print(f"train time spans: exact {e_}/{n_} = {e_ / n_:.3f}, overlapping {o_}/{n_} = {o_ / n_:.3f}")
    sys.exit(0)


def test_phase_tells_the_start_of_an_event_from_its_end():
    ending = "President Donald Trump will wrap up his visit to Seoul on Wednesday with a speech."
    starting = "Xi lays on a lavish welcome for Trump's visit starting on Wednesday."
    assert phase(ending, ending.index("Wednesday")) == "end"
    assert phase(starting, starting.index("Wednesday")) == "start"
    plain = "Trump will visit Seoul on Wednesday."
    assert phase(plain, plain.index("Wednesday")) is None


def test_an_obligation_reads_as_future():
    p = dt.date(2018, 7, 13)  # a Friday
    s = "Warner stressed that there needs to be other Americans in the room in Helsinki Monday."
    assert resolve("Monday", p, future=None, sentence=s) == Interval(dt.date(2018, 7, 16), dt.date(2018, 7, 16), "day")
    s = "Warner stressed that Trump met Putin in Helsinki Monday."
    assert resolve("Monday", p, future=None, sentence=s) == Interval(dt.date(2018, 7, 9), dt.date(2018, 7, 9), "day")


def test_a_week_frame_set_earlier_places_a_bare_weekday_in_that_week() -> None:
    # published Wednesday 2016-11-09; an earlier sentence said the trip is next week
    assert resolve("on Wednesday", WED, future=True, sentence="He meets Li on Wednesday.", week=1) == iv("2016-11-16")
    assert resolve("on Thursday", WED, future=True, sentence="He meets Li on Thursday.", week=1) == iv("2016-11-17")
    assert resolve("on Thursday", WED, future=True, sentence="He meets Li on Thursday.") == iv("2016-11-10")
    assert resolve("next Thursday", WED, future=True, sentence="He meets Li next Thursday.", week=1) == iv(
        "2016-11-10")  # "next" is its own cue: the next Thursday after publication, frame or not
    # a part of the day after the weekday is a day close at hand: the sentence's own reading, not the frame's
    s = "The deputy returns to Melbourne on Wednesday night for more meetings."
    assert resolve("on Wednesday", WED, future=True, sentence=s, week=1) == iv("2016-11-09")
    s = "The deputy returns to Melbourne on Wednesday for more meetings."
    assert resolve("on Wednesday", WED, future=True, sentence=s, week=1) == iv("2016-11-16")


def test_the_same_weekday_rule_can_be_switched_off() -> None:
    assert resolve("Wednesday", WED, future=True, sentence="The panel will meet Wednesday.",
                   same_weekday=False) == iv("2016-11-16")
    assert resolve("Wednesday", WED, future=True, sentence="The panel is due to meet Wednesday.",
                   same_weekday=False) == iv("2016-11-09")


def test_early_mid_late_month_is_the_whole_month_even_the_current_one() -> None:
    may3 = D(2011, 5, 3)
    assert resolve("mid-May", may3, future=True) == iv("2011-05-01", "2011-05-31", "month")
    assert resolve("in May", may3, future=True) == iv("2011-05-04", "2011-05-31", "month")  # a bare month is clipped


def test_this_week_in_a_weekend_paper_is_the_coming_week() -> None:
    sunday, saturday = D(2011, 10, 23), D(2011, 10, 22)
    for published in (sunday, saturday):
        for text in ("this week", "later this week", "midweek", "the end of the week"):
            assert resolve(text, published) == Interval(D(2011, 10, 24), D(2011, 10, 30), "week")
    assert resolve("this week", sunday, future=False) == Interval(D(2011, 10, 17), D(2011, 10, 23), "week")
    assert resolve("this week", D(2011, 10, 21)) == Interval(D(2011, 10, 21), D(2011, 10, 23), "week")


def test_a_possessive_time_resolves_like_the_time() -> None:
    thursday = D(2016, 11, 10)
    assert resolve("next week's", thursday) == resolve("next week", thursday)
    assert resolve("Monday's", thursday) == Interval(D(2016, 11, 14), D(2016, 11, 14), "day")
    assert resolve("Sunday’s", thursday) == resolve("Sunday", thursday)
