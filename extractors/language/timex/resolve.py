"""Resolving a time expression to a calendar interval seen from the publication date.

Documented choices where the guidelines leave room:

* Slash dates: ``a/b`` is day/month when ``a > 12``, month/day otherwise (the sources are mostly US
  wires, so an ambiguous "3/4" is March 4). Dotted "17.11.2016" is day.month.year; ISO is y-m-d.
  Two-digit years are 20yy below 50, else 19yy.
* "this week", "later this week", "mid-week", "the end of the week": publication day .. Sunday (week);
  in a Saturday or Sunday paper "this week" and "later this week" are the following Monday..Sunday (the
  guidelines' version-2 clarification).
  "the week of November 14": the ISO week (Monday..Sunday) containing that day. "the second week of
  April": April 8..14 (week). "the weekend"/"this weekend": the coming Saturday..Sunday, granularity
  day (it is a two-day range like "Saturday and Sunday"; from the publication day when published on
  the weekend). "next weekend" and "the coming weekend" are the same coming weekend (the following one when
  published on it).
* Periods that contain the publication day, for a future event, start the day after publication: the
  current month ("in January" published Jan 2 -> Jan 3..31, as in the dev gold and like "in 2017"),
  "later this month", "the end of the month", the current quarter, half, season and year ("this
  year", "in 2017"). Exceptions spelled out in the guidelines/issue: weeks ("this week" starts on the
  publication day) and "this month" (publication day .. end of month). For a past event the current
  period ends on the publication day; "earlier this week/month/year" ends the day before.
* "early/mid/late June", "end of June", "the first half of June" -> that whole month (for "early/mid/late",
  as the guidelines say, even when it is the current month); "early next year"
  -> the whole next year. Seasons are meteorological (granularity quarter); "winter 2017" is the winter
  that begins in December 2017. "the first/second half" -> Jan 1..Jun 30 / Jul 1..Dec 31 (quarter).
  "the last quarter of 2016" is Q4, but "last quarter"/"the last quarter" is the previous quarter.
  A fiscal period ("fiscal 2017") -> None (its calendar is unknown).
* Limits: "by X" -> publication+1 .. end of X; "before X" -> publication+1 .. the day before X starts,
  except "before the end of X" -> .. end of X; "until/through X" -> publication day .. end of X. The
  limit starts on the publication day instead when the sentence says today/tonight. Granularity is
  that of X. "within N days/weeks/months" and "the next N days" -> publication+1 .. publication+N
  (day); "the last N days" -> publication-N .. publication-1 (day).
* "in two weeks"/"in 10 days"/"two weeks from now" -> that single day (day); "in N months" -> that
  month (month); "in N years" -> that calendar year (year); "N days ago" likewise backwards.
* A bare clock time ("10 a.m.") is the publication day; "last night" is the day before publication.
* Holidays (``calendar.tsv``): Christmas, New Year's Day, Easter Sunday (``dateutil.easter``), U.S.
  Thanksgiving (the fourth Thursday of November): the next one (the last one for a past event); "before
  Christmas" is a limit like "before June". "A weekday next week" is that weekday of the next ISO week.
* Vague expressions ("soon", "in the coming weeks", "at some point", "within days") are found but
  resolve to None, as do relative expressions with no anchor ("later that month").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dateutil.easter import easter

from . import context
from .context import Context
from .vocabulary import (
    ANCHORED_DAYS,
    DATA,
    EASTER,
    HOLIDAYS,
    MONTH_NUM,
    ORDINALS,
    PATTERNS,
    RELATIVE_DAYS,
    SEASONS,
    THANKSGIVING,
    WEEKDAY_NUM,
    DataFileError,
    TimePattern,
    expand,
    number,
)

GRANULARITIES = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed calendar interval ``[start, end]`` with the granularity of the expression."""

    start: dt.date
    end: dt.date
    granularity: str  # "day" | "week" | "month" | "quarter" | "year"


# --------------------------------------------------------------------------------------------------
# Date helpers
# --------------------------------------------------------------------------------------------------

_ONE = dt.timedelta(days=1)


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _monday(d: dt.date) -> dt.date:
    return d - _days(d.weekday())


def _coarsest(grans: list[str]) -> str:
    return max(grans, key=GRANULARITIES.index)


# --------------------------------------------------------------------------------------------------
# Periods seen from the publication day
# --------------------------------------------------------------------------------------------------


def _period(
    span: Callable[[int], tuple[dt.date, dt.date]],
    p: dt.date,
    fut: bool,
    rel: str = "",
    clip: str = "next",
    chained: bool = False,
) -> tuple[dt.date, dt.date]:
    """Pick the occurrence of a yearly period (a month, season, quarter...) seen from ``p``.

    rel "next": the first one starting after p; "last": the last one ending before p; otherwise the
    current/next one (future) or the current/previous one (past). A current period is clipped to
    start at p+1 (clip "next") or p (clip "same") for the future, and to end at p for the past.
    """
    spans = [span(y) for y in range(p.year - 2, p.year + 3)]
    if rel == "next":
        return next(s for s in spans if s[0] > p)
    if rel == "last":
        return next(s for s in reversed(spans) if s[1] < p)
    if fut:
        s, e = next(s for s in spans if s[1] >= p)
        if s <= p and not chained:
            s = min(p + _ONE if clip == "next" else p, e)
        return s, e
    s, e = next(s for s in reversed(spans) if s[0] <= p)
    return s, min(e, p)


def _clip_current(s: dt.date, e: dt.date, p: dt.date, fut: bool, cx: Context) -> tuple[dt.date, dt.date]:
    """An explicitly dated period ("June 2017", "2017") that contains p: clip it like _period."""
    if cx.chained or not s <= p <= e:
        return s, e
    return (min(p + _ONE, e), e) if fut else (s, p)


# --------------------------------------------------------------------------------------------------
# Normalisation of an expression for resolution
# --------------------------------------------------------------------------------------------------

# pieces of the patterns over normalised expressions (lower case, single spaces), each one group at most
_R_MON = expand("({month}|{month_abbr})")
_R_WD = expand("({weekday})")
_R_SEASON = expand("{season}")
_R_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_R_YEAR = r"(\d{4})"
_R_NUM = expand("({numbers}|hundred)")
_R_UNIT = r"(day|week|month|year|hour|quarter|decade)s?"
_R_QUAL = expand("(?:{qualifiers} )?")
_R_CLOCK = expand(
    r"(?:,? ?(?:at )?(?:about |around |approximately )?(?:\d{1,2}(?:[:.]\d\d)? ?(?:am|pm)\b|\bnoon\b|\bmidnight\b|"
    r"\d{4}(?= ?{time_zones}\b))(?: ?{time_zones}\b)?)"
)
_ABBREVIATION_DOT = re.compile(expand(r"\b({month_abbr})\."))
_DAY_HEAD = rf"(?:today|tonight|tomorrow|yesterday|{_R_WD}|(?:this|next|last) {_R_WD}|{_R_MON} \d)"


def _normalise(expression: str) -> str:
    s = expression.lower()
    s = s.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\b([ap])\.m\b\.?", r"\1m", s)
    s = _ABBREVIATION_DOT.sub(r"\1 ", s)
    s = re.sub(r"'s$", "", s.strip())  # "this week's" (talks), "Monday's" (meeting)
    s = re.sub(r"['\"()\[\]“”]", " ", s.replace("'s ", " ").replace("'s,", ","))
    s = s.strip(" \t\n,.;:!?")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\btom+or+ow\b", "tomorrow", s)
    s = _RE_WEEKDAYS_OF_WEEK.sub(lambda m: re.sub(rf"\b{_R_WD}\b", rf"\1 {m[2]} week", m[1]), s)
    s = re.sub(r"\bthis past\b", "last", s)
    s = re.sub(r"\bthis coming\b", "coming", s)
    s = re.sub(r"\bweek-? ?end\b", "weekend", s)
    s = re.sub(r"\bmid-? ?week\b", "midweek", s)
    s = re.sub(r"\bmid-? ?month\b", "midmonth", s)
    s = re.sub(r"\b(year|month)[- ]end\b", r"\1end", s)
    s = re.sub(r"\bend[- ]year\b", "yearend", s)
    s = re.sub(r"\b(mid|late|early|end|any)-(?=[a-z\d])", r"\1 ", s)
    s = re.sub(r"\b(twenty|forty)-", r"\1 ", s)
    s = re.sub(rf"\b({'|'.join(ORDINALS)}|final|last)-(quarter|half)\b", r"\1 \2", s)
    s = re.sub(r"\b(\d+)-(day|week|month|year|hour)s?\b", r"\1 \2s", s)
    return s


def _strip_time_of_day(s: str) -> str:
    """Drop clock times and parts of the day that refine a day ("Tuesday evening" -> "tuesday")."""
    s = re.sub(r"\bthis (?:morning|afternoon|evening)\b", "today", s)
    s = re.sub(r"\btonight\b", "today", s)
    s = re.sub(r"\blast night\b", "yesterday", s)
    s = re.sub(_R_CLOCK, " ", s).strip(" ,")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(rf"^on (?={_DAY_HEAD})", "", s)  # "2 p.m. on Tuesday" -> "tuesday"
    s = re.sub(r"(?<=\S) (?:morning|afternoon|evening|night)\b", "", s)
    s = re.sub(
        rf"^(?:(?:late|later|early|earlier) (?:on )?|(?:midday|noon|mid ?morning|mid ?afternoon) (?:on )?)"
        rf"(?={_DAY_HEAD})",
        "",
        s,
    )
    return s.strip(" ,")


# --------------------------------------------------------------------------------------------------
# Atoms
# --------------------------------------------------------------------------------------------------

_VAGUE_RE = re.compile(expand("(?:in |over |during |for |within )?(?:the )?{vague}"))


def _vague(s: str) -> bool:
    """'soon', 'in the coming weeks', 'at some point', 'later that month': found, but no interval."""
    return _VAGUE_RE.fullmatch(s) is not None


def _weekday(target: int, mod: str, p: dt.date, fut: bool, cx: Context) -> dt.date:
    allow_same = cx.same_day
    if mod in ("next", "coming", "following"):
        fut, allow_same = True, False
    elif mod in ("last", "past", "previous"):
        fut, allow_same = False, False
    elif mod == "this":
        allow_same = True
    if not mod and not cx.chained and cx.week_cue and (cx.week_cue > 0) == fut:
        return _monday(p) + _days(7 * cx.week_cue + target)
    if fut:
        delta = (target - p.weekday()) % 7
        if delta == 0 and (not allow_same or cx.chained):
            delta = 7
        return p + _days(delta)
    delta = (p.weekday() - target) % 7
    if delta == 0 and not allow_same:
        delta = 7
    return p - _days(delta)


def _month_day(month: int, day: int, year: int | None, p: dt.date, fut: bool) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 is fine
        return None
    years = range(p.year, p.year + 9) if fut else range(p.year, p.year - 9, -1)
    for y in years:
        d = _safe_date(y, month, day)
        if d is not None and (d >= p if fut else d <= p):
            return d
    return None


def _year_of(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _month_span(month: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    return lambda y: (dt.date(y, month, 1), _month_end(y, month))


def _quarter_span(q: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    return lambda y: (dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))


def _half_span(h: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    return lambda y: (dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h))


def _season_span(first_month: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    def span(y: int) -> tuple[dt.date, dt.date]:
        start = dt.date(y, first_month, 1)
        return start, _add_months(start, 3) - _ONE

    return span


def _year_span(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


_DATE_MD = re.compile(rf"(?:{_R_WD},? )?(?:the )?{_R_MON} (?:the )?{_R_DAY}(?:,? {_R_YEAR})?")
_DATE_DM = re.compile(rf"(?:{_R_WD},? )?(?:the )?{_R_DAY} (?:of )?{_R_MON}(?:,? {_R_YEAR})?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?")


def _day_date(s: str, p: dt.date, fut: bool) -> dt.date | None:
    """A single calendar day written as a date (no weekday arithmetic); None if s is not one."""
    if m := _ISO.fullmatch(s):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DOTTED.fullmatch(s):
        return _safe_date(_year_of(m[3]), int(m[2]), int(m[1]))
    if m := _SLASH.fullmatch(s):
        a, b = int(m[1]), int(m[2])
        month, day = (b, a) if a > 12 else (a, b)
        year = _year_of(m[3]) if m[3] else None
        return _month_day(month, day, year, p, fut) if 1 <= month <= 12 else None
    for rx, mon_i, day_i in ((_DATE_MD, 2, 3), (_DATE_DM, 3, 2)):
        if m := rx.fullmatch(s):
            year = int(m[4]) if m[4] else None
            return _month_day(MONTH_NUM[m[mon_i]], int(m[day_i]), year, p, fut)
    return None


_MONTH_MOD = (
    r"(?:(?:early|mid|late|end|the end of|end of|the beginning of|the start of|the middle of|the turn of|"
    r"the first half of|the second half of) )"
)
_RE_MONTH = re.compile(rf"{_MONTH_MOD}?(?:(this|next|last|coming|past) )?{_R_MON}(?:,? (?:of )?{_R_YEAR})?")
_RE_WEEKDAY = re.compile(rf"(?:(this|next|last|coming|past|previous|following) )?{_R_WD}")
_WEEK_REL = expand("{WEEK_OF_REL}")  # the grammar's week words: "this", "next", "the following", "coming"
_RE_WEEKDAY_OF_WEEK = re.compile(  # "Wednesday next week", "Monday of next week", "next week on Tuesday"
    rf"{_R_WD}(?: of| on)? ({_WEEK_REL}) week|({_WEEK_REL}) week,? (?:on )?{_R_WD}")
_ANY_WD = expand("{weekday}")  # the weekdays, not captured
_RE_WEEKDAYS_OF_WEEK = re.compile(  # "tuesday and wednesday next week" -> each weekday of next week
    rf"\b({_ANY_WD}(?:(?:,? (?:and|or|to|through|thru|until) |, ){_ANY_WD})+),? ({_WEEK_REL}) week\b")
_RE_QUARTER = re.compile(
    rf"(?:the )?(first|second|third|fourth|final|last|1st|2nd|3rd|4th) (quarter|half)"
    rf"(?:(?: of)? (?:(?:(this|next|last|the) year)|(fiscal )?(?:year )?{_R_YEAR}))?"
)
_RE_QN = re.compile(r"(q[1-4]|h[12])(?: ?(\d{4}|'\d\d))?")
_RE_SEASON = re.compile(
    rf"{_MONTH_MOD}?(?:the )?(?:(this|next|last|coming|past|the coming|the past) )?({_R_SEASON})(?: (?:of )?{_R_YEAR})?"
)
_RE_YEAR = re.compile(
    rf"(?:(?:early|mid|late|end|(?:early|late|later|earlier) in|the end of|end of|the beginning of|the start of|"
    rf"the middle of|the turn of) )?"
    rf"(fiscal )?(?:year )?{_R_YEAR}"
)
_REL_WORD = (
    r"(this|next|last|the coming|the following|the previous|the past|the next|the current|past|coming|"
    r"following|previous|current)"
)
_RE_REL_PERIOD = re.compile(
    rf"(?:(later|earlier|early|late|mid|the end of|end of|the beginning of|the start of|the middle of|"
    rf"the rest of|the turn of|the close of)(?: in)? )?{_REL_WORD} (week|weekend|month|year|quarter)"
)
_RE_WEEK_OF = re.compile(r"the week of (.+)")
_RE_NTH_WEEK = re.compile(r"the (first|second|third|fourth|last|final) week of (.+)")


def _atom(s: str, p: dt.date, fut: bool, cx: Context) -> Interval | None:
    """Resolve one expression without connectors (no ranges, limits or offsets): pick its routine."""
    if not s:
        return _clock(p)  # nothing left but a clock time
    if s in RELATIVE_DAYS:
        return _relative_day(s, p)
    if s in ANCHORED_DAYS:
        return _anchored_day(s, p, cx)
    if s in _HOLIDAY_KEYS:
        return _holiday(s, p, fut)
    if (d := _day_date(s, p, fut)) is not None:
        return Interval(d, d, "day")
    if m := _RE_WEEKDAY.fullmatch(s):
        d = _weekday(WEEKDAY_NUM[m[2]], m[1] or "", p, fut, cx)
        return Interval(d, d, "day")
    if m := _RE_WEEKDAY_OF_WEEK.fullmatch(s):
        return _weekday_of_week(m, p)
    if m := _RE_WEEK_OF.fullmatch(s):
        return _week_of(m[1], p, fut)
    if m := _RE_NTH_WEEK.fullmatch(s):
        return _nth_week(m[1], m[2], p, fut, cx)
    if m := _RE_MONTH.fullmatch(s):
        return _month(m, p, fut, cx)
    if m := _RE_QUARTER.fullmatch(s):
        return _quarter(m, p, fut, cx)
    if m := _RE_QN.fullmatch(s):
        return _quarter_code(m, p, fut, cx)
    if m := _RE_SEASON.fullmatch(s):
        return _season(m, p, fut, cx)
    if m := _RE_YEAR.fullmatch(s):
        return _year(m, p, fut, cx)
    if m := _RE_REL_PERIOD.fullmatch(s):
        return _relative_period(m[1] or "", m[2], m[3], p, fut, cx)
    return _named_period(s, p, fut, cx)


def _holiday_date(code: int, year: int) -> dt.date:
    if code == EASTER:
        return easter(year)
    if code == THANKSGIVING:  # the fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + _days((3 - first.weekday()) % 7 + 21)
    return dt.date(year, code // 100, code % 100)


def _holiday(s: str, p: dt.date, fut: bool) -> Interval:
    """'Christmas', 'Easter', 'Thanksgiving': the next one on or after publication (the last one for a past
    event)."""
    this_year, other = (_holiday_date(_HOLIDAY_KEYS[s], y) for y in (p.year, p.year + (1 if fut else -1)))
    d = this_year if (this_year >= p if fut else this_year <= p) else other
    return Interval(d, d, "day")


def _clock(p: dt.date) -> Interval:
    """A bare clock time ("10 a.m."): the publication day."""
    return Interval(p, p, "day")


def _relative_day(s: str, p: dt.date) -> Interval:
    """'today', 'tomorrow', 'the day before yesterday'..."""
    d = p + _days(RELATIVE_DAYS[s])
    return Interval(d, d, "day")


def _anchored_day(s: str, p: dt.date, cx: Context) -> Interval:
    """'the next day', 'the day before'...: from the sentence's other time, else the publication day."""
    d = cx.anchor_day(p) + _days(ANCHORED_DAYS[s])
    return Interval(d, d, "day")


def _weekday_of_week(m: re.Match[str], p: dt.date) -> Interval:
    """'Wednesday next week', 'Monday of next week', 'next week on Friday', 'Friday this week'."""
    day, rel = (m[1], m[2]) if m[1] else (m[4], m[3])
    this = rel == "this" and p.weekday() < 5  # "this week" in a weekend paper is the next one (guidelines)
    d = _monday(p) + _days((0 if this else 7) + WEEKDAY_NUM[day])
    return Interval(d, d, "day")


def _week_of(day: str, p: dt.date, fut: bool) -> Interval | None:
    """'the week of November 14': the ISO week of that day."""
    inner = _day_date(day, p, fut)
    return None if inner is None else Interval(_monday(inner), _monday(inner) + _days(6), "week")


def _month(m: re.Match[str], p: dt.date, fut: bool, cx: Context) -> Interval:
    """'June', 'early June', 'next July', 'June 2016', 'the end of January'."""
    month = MONTH_NUM[m[2]]
    if m[3]:
        s0, e0 = _clip_current(dt.date(int(m[3]), month, 1), _month_end(int(m[3]), month), p, fut, cx)
        return Interval(s0, e0, "month")
    rel = {"coming": "next", "past": "last"}.get(m[1] or "", m[1] or "")
    s0, e0 = _period(_month_span(month), p, fut, rel if rel != "this" else "", chained=cx.chained)
    if m[0].split()[0] in ("early", "mid", "late") and s0.month == e0.month:
        s0 = s0.replace(day=1)  # the guidelines: "early/mid/late <month>" is that whole month, this one too
    return Interval(s0, e0, "month")


def _quarter_code(m: re.Match[str], p: dt.date, fut: bool, cx: Context) -> Interval:
    """'Q3', 'Q1 2017', 'H2 2017'."""
    kind, n = m[1][0], int(m[1][1])
    year = None if not m[2] else (_year_of(m[2][1:]) if m[2].startswith("'") else int(m[2]))
    span = _quarter_span(n) if kind == "q" else _half_span(n)
    if year is not None:
        return Interval(*_clip_current(*span(year), p, fut, cx), "quarter")
    return Interval(*_period(span, p, fut, chained=cx.chained), "quarter")


def _season(m: re.Match[str], p: dt.date, fut: bool, cx: Context) -> Interval:
    """'next spring', 'winter 2017', 'early summer', 'the fall'."""
    span = _season_span(SEASONS[m[2]])
    if m[3]:
        return Interval(*_clip_current(*span(int(m[3])), p, fut, cx), "quarter")
    rel = {"next": "next", "the coming": "next", "coming": "next", "last": "last", "past": "last",
           "the past": "last"}.get(m[1] or "", "")  # fmt: skip
    return Interval(*_period(span, p, fut, rel, chained=cx.chained), "quarter")


def _year(m: re.Match[str], p: dt.date, fut: bool, cx: Context) -> Interval | None:
    """'2017', 'mid-2017', 'the end of 2016'; None for a fiscal year (its calendar is unknown)."""
    if m[1]:
        return None
    return Interval(*_clip_current(*_year_span(int(m[2])), p, fut, cx), "year")


def _nth_week(ordinal: str, rest: str, p: dt.date, fut: bool, cx: Context) -> Interval | None:
    month = _atom(rest, p, fut, cx)
    if month is None or month.granularity != "month":
        return None
    first = month.end.replace(day=1)
    last = _month_end(first.year, first.month)
    if ordinal in ("last", "final"):
        return Interval(last - _days(6), last, "week")
    start = first + _days(7 * (ORDINALS[ordinal] - 1))
    return Interval(start, start + _days(6), "week")


def _quarter(m: re.Match[str], p: dt.date, fut: bool, cx: Context) -> Interval | None:
    ordinal, kind, rel, fiscal, year = m[1], m[2], m[3], m[4], m[5]
    if fiscal:
        return None
    has_of = rel is not None or year is not None
    if ordinal in ("last", "final"):
        if kind == "quarter" and ordinal == "last" and not has_of:
            # "last quarter": the previous quarter
            q = (p.month - 1) // 3 + 1
            start = _add_months(dt.date(p.year, 3 * q - 2, 1), -3)
            return Interval(start, _add_months(start, 3) - _ONE, "quarter")
        n = 4 if kind == "quarter" else 2
    else:
        n = ORDINALS[ordinal]
        if kind == "half" and n > 2:
            return None
    span = _quarter_span(n) if kind == "quarter" else _half_span(n)
    if year is not None:
        return Interval(*_clip_current(*span(int(year)), p, fut, cx), "quarter")
    if rel in ("this", "the"):
        return Interval(*_clip_current(*span(p.year), p, fut, cx), "quarter")
    if rel in ("next", "last"):
        return Interval(*span(p.year + (1 if rel == "next" else -1)), "quarter")
    return Interval(*_period(span, p, fut, chained=cx.chained), "quarter")


def _relative_period(mod: str, rel: str, unit: str, p: dt.date, fut: bool, cx: Context) -> Interval | None:
    """'this week', 'later this month', 'early next year', 'the past year', 'next quarter'..."""
    rolling = rel in ("the next", "the past", "the coming", "coming", "past") and unit in ("week", "month", "year")
    later, earlier = mod == "later" or mod.endswith("end of") or mod == "the rest of", mod == "earlier"
    if unit == "weekend":
        return _weekend(rel.replace("the ", ""), p, fut)
    if rolling:
        length = {"week": lambda d, k: d + _days(7 * k), "month": _add_months,
                  "year": lambda d, k: _add_months(d, 12 * k)}[unit]  # fmt: skip
        if rel in ("the next", "the coming", "coming"):
            return Interval(p + _ONE, length(p, 1), unit)
        return Interval(length(p, -1), p - _ONE, unit)
    rel = {"the next": "next", "the coming": "next", "coming": "next", "following": "next",
           "the following": "next", "the past": "last", "past": "last", "previous": "last",
           "the previous": "last", "current": "this", "the current": "this"}.get(rel, rel)  # fmt: skip
    if unit == "week":
        monday = _monday(p) + _days({"next": 7, "last": -7}.get(rel, 0))
        s0, e0 = monday, monday + _days(6)
        if rel == "this" and fut and not earlier and p.weekday() >= 5:
            return Interval(monday + _days(7), monday + _days(13), "week")  # weekend paper: the coming week
        if rel == "this":
            if earlier:
                return Interval(s0, max(s0, p - _ONE), "week")
            if fut and not cx.chained:
                s0 = p
            elif not fut:
                e0 = p
        return Interval(s0, e0, "week")
    if unit == "month":
        first = _add_months(p.replace(day=1), {"next": 1, "last": -1}.get(rel, 0))
        s0, e0 = first, _month_end(first.year, first.month)
        if rel == "this":
            if earlier:
                return Interval(s0, max(s0, p - _ONE), "month")
            if later:
                return Interval(min(p + _ONE, e0), e0, "month")
            if fut and not cx.chained:
                s0 = p
            elif not fut:
                e0 = p
        return Interval(s0, e0, "month")
    if unit == "quarter":
        q0 = dt.date(p.year, 3 * ((p.month - 1) // 3) + 1, 1)
        first = _add_months(q0, {"next": 3, "last": -3}.get(rel, 0))
        s0, e0 = first, _add_months(first, 3) - _ONE
        if rel == "this":
            s0, e0 = _clip_current(s0, e0, p, fut, cx)
        return Interval(s0, e0, "quarter")
    # year
    y = p.year + {"next": 1, "last": -1}.get(rel, 0)
    s0, e0 = _year_span(y)
    if rel == "this":
        if earlier:
            return Interval(s0, max(s0, p - _ONE), "year")
        if later:
            return Interval(min(p + _ONE, e0), e0, "year")
        s0, e0 = _clip_current(s0, e0, p, fut, cx)
    return Interval(s0, e0, "year")


def _weekend(rel: str, p: dt.date, fut: bool) -> Interval:
    rel = {"past": "last", "previous": "last", "following": "next", "coming": "next"}.get(rel, rel)
    saturday = _monday(p) + _days(5)
    if rel == "last" or (rel != "next" and not fut):
        if rel == "last" or p < saturday:
            saturday -= _days(7)
        return Interval(saturday, min(saturday + _ONE, p if rel != "last" else saturday + _ONE), "day")
    if rel == "next" and p >= saturday:
        saturday += _days(7)
    return Interval(max(saturday, p), saturday + _ONE, "day")


def _named_period(s: str, p: dt.date, fut: bool, cx: Context) -> Interval | None:
    """Words for the current week/month/year: 'midweek', 'the weekend', 'the end of the month'..."""
    sunday = _monday(p) + _days(6)
    month_end = _month_end(p.year, p.month)
    if s in ("weekend", "the weekend"):
        return _weekend("", p, fut)
    if s == "earlier in the week":
        return Interval(_monday(p), p, "week")
    if s in ("midweek", "the end of the week", "the middle of the week", "the rest of the week", "later in the week"):
        if fut and p.weekday() >= 5:  # like "this week": a weekend paper means the coming week
            return Interval(sunday + _ONE, sunday + _days(7), "week")
        return Interval(p, sunday, "week") if fut else Interval(_monday(p), p, "week")
    if s in ("the week after next",):
        return Interval(_monday(p) + _days(14), _monday(p) + _days(20), "week")
    if s in ("the week before last",):
        return Interval(_monday(p) - _days(14), _monday(p) - _days(8), "week")
    if s in ("the end of the month", "monthend", "the monthend", "the rest of the month", "later in the month",
             "the turn of the month"):  # fmt: skip
        return Interval(min(p + _ONE, month_end), month_end, "month")
    if s in ("midmonth", "the midmonth", "the middle of the month"):
        return Interval(p, month_end, "month") if fut else Interval(p.replace(day=1), p, "month")
    if s in ("the beginning of the month", "the start of the month"):
        nxt = _add_months(p.replace(day=1), 1)
        return Interval(nxt, _month_end(nxt.year, nxt.month), "month")
    if s in ("the end of the year", "yearend", "the yearend", "the rest of the year", "later in the year",
             "the close of the year", "the turn of the year"):  # fmt: skip
        return Interval(min(p + _ONE, dt.date(p.year, 12, 31)), dt.date(p.year, 12, 31), "year")
    if s in ("earlier in the year",):
        return Interval(dt.date(p.year, 1, 1), max(dt.date(p.year, 1, 1), p - _ONE), "year")
    if s in ("the beginning of the year", "the start of the year"):
        return Interval(*_period(_year_span_fn, p, fut, "next" if fut else "", chained=cx.chained), "year")
    return None


def _year_span_fn(y: int) -> tuple[dt.date, dt.date]:
    return _year_span(y)


# --------------------------------------------------------------------------------------------------
# Offsets, limits and ranges
# --------------------------------------------------------------------------------------------------

_RE_WINDOW_FWD = re.compile(
    rf"(?:(?:within|over|in|during|for) )?(?:the )?(?:(?:next|coming|following) )?{_R_QUAL}{_R_NUM} {_R_UNIT}"
)
_RE_WINDOW_FWD_THE = re.compile(
    rf"(?:(?:over|in|during|for|within) )?(?:the )?(?:next|coming|following) {_R_QUAL}{_R_NUM} {_R_UNIT}"
)
_RE_WINDOW_BACK = re.compile(
    rf"(?:(?:over|in|during|for|within) )?(?:the )?(?:past|last|previous) {_R_QUAL}{_R_NUM} {_R_UNIT}"
)
_RE_AGO = re.compile(rf"{_R_QUAL}{_R_NUM} {_R_UNIT} (ago|earlier|later|before|after|hence|from (.+))")
_RE_IN = re.compile(rf"in {_R_QUAL}{_R_NUM} {_R_UNIT}(?: time)?")
_RE_LIMIT = re.compile(
    r"(?:(?:any ?time|sometime|some time) )?(by|before|no later than|not later than|on or before|prior to|until|"
    r"till|up until|up to|through|thru|throughout) (.+)"
)
_PREP = re.compile(expand("^{leading_prepositions} "))
_CONN_SPLIT = re.compile(
    r"(?:\s*,(?!\s*\d{4}\b)\s*(?:(?:and|or) )?|\s+(?:and|or|to|through|thru|until|till|into|&)\s+|\s*&\s*|"
    rf"(?<=\d)\s*-\s*(?=\d|{_R_MON}\b)|(?<=\d)/(?=\d{{1,2}}\b(?!/))|\s+-\s+)(?:(?:on|in|from) )?"
)
_BARE_DAY_RE = re.compile(rf"(?:the )?{_R_DAY}(?:,? {_R_YEAR})?")
_HAS_MONTH = re.compile(rf"\b{_R_MON}\b")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_RELATIVE_PART = re.compile(expand(r"\b{relative_words}\b"))


def _shift(n: int, unit: str, base: dt.date, sign: int) -> Interval | None:
    """The single point ``base + sign * n units``, with the granularity that fits the unit."""
    if unit in ("day", "week", "hour"):
        k = n if unit == "day" else 7 * n if unit == "week" else n // 24
        d = base + _days(sign * k)
        return Interval(d, d, "day")
    if unit in ("month", "quarter"):
        d = _add_months(base, sign * n * (3 if unit == "quarter" else 1))
        return Interval(d.replace(day=1), _month_end(d.year, d.month), "month")
    y = base.year + sign * n * (10 if unit == "decade" else 1)
    return Interval(*_year_span(y), "year")


def _window_end(p: dt.date, n: int, unit: str, sign: int) -> dt.date:
    if unit == "day":
        return p + _days(sign * n)
    if unit == "week":
        return p + _days(sign * 7 * n)
    if unit == "hour":
        return p + _days(sign * (n // 24))
    months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    return _add_months(p, sign * months)


def _window(s: str, p: dt.date) -> Interval | bool | None:
    """'within 30 days', 'the next two weeks', 'the past year'; False when s is not a window."""
    if m := (_RE_WINDOW_FWD_THE.fullmatch(s) or (s.startswith("within ") and _RE_WINDOW_FWD.fullmatch(s))):
        n = number(m[1])
        if n is None:
            return None
        end = _window_end(p, n, m[2], 1)
        return Interval(p + _ONE if end > p else p, max(end, p), "day")
    if m := _RE_WINDOW_BACK.fullmatch(s):
        n = number(m[1])
        if n is None:
            return None
        start = _window_end(p, n, m[2], -1)
        return Interval(start, max(start, p - _ONE), "day")
    return False


def _offset(s: str, p: dt.date, cx: Context) -> Interval | bool | None:
    """'two weeks ago', 'in 10 days', 'a day later', 'two weeks from Tuesday'; False when s is not an offset."""
    if m := _RE_AGO.fullmatch(s):
        n, unit, how = number(m[1]), m[2], m[3]
        if n is None:
            return None
        if how == "ago":
            return _shift(n, unit, p, -1)
        if how == "hence":
            return _shift(n, unit, p, 1)
        if m[4] is not None:  # "two weeks from now/today/tomorrow/Tuesday"
            base = _resolve_core("today" if m[4] == "now" else m[4], p, True, cx)
            return None if base is None else _shift(n, unit, base.start, 1)
        sign = 1 if how in ("later", "before") else -1
        return _shift(n, unit, cx.anchor_day(p), sign)
    if m := _RE_IN.fullmatch(s):
        n = number(m[1])
        return None if n is None else _shift(n, m[2], p, 1)
    return False


def _limit(kind: str, rest: str, p: dt.date, fut: bool, cx: Context) -> Interval | None:
    x = _resolve_core(rest, p, True, cx)
    if x is None:
        return None
    if not fut:
        return x
    if kind in ("until", "till", "up until", "up to", "through", "thru", "throughout"):
        start = p
    else:
        start = p if cx.today else p + _ONE
    end = x.start - _ONE if kind in ("before", "prior to") and "end" not in rest else x.end
    if end < p:
        return None
    return Interval(min(start, end), end, x.granularity)


def _resolve_core(s: str, p: dt.date, fut: bool, cx: Context) -> Interval | None:
    """Resolve a normalised expression: vague words, offsets, limits, prepositions, ranges, atoms."""
    s = s.strip(" ,")
    if not s:
        return Interval(p, p, "day")
    if _vague(s):
        return None
    off = _window(s, p)
    if off is False:
        off = _offset(s, p, cx)
    if off is not False:
        return off  # type: ignore[return-value]
    if m := _RE_LIMIT.fullmatch(s):
        return _limit(m[1], m[2], p, fut, cx)
    if s.startswith("since "):
        return _resolve_core(s[6:], p, False, cx)
    stripped = _PREP.sub("", s)
    if stripped != s:
        return _resolve_core(stripped, p, fut, cx)
    s = _strip_time_of_day(s)
    single = _atom(s, p, fut, cx)
    if single is not None:
        return single
    parts = _split(s)
    if parts is None or len(parts) < 2:
        return None
    return _resolve_parts(parts, p, fut, cx)


def _is_part(s: str) -> bool:
    if _BARE_DAY_RE.fullmatch(s):
        return True
    probe = Context(chained=True)
    s = _strip_time_of_day(s)
    return _atom(s, dt.date(2001, 1, 1), True, probe) is not None


def _split(s: str) -> list[str] | None:
    """Split a range/list into parts that each parse on their own ("march 3-5" -> ["march 3", "5"])."""
    if _is_part(s):
        return [s]
    for m in _CONN_SPLIT.finditer(s):
        left, right = s[: m.start()].strip(), s[m.end() :].strip()
        if left and right and _is_part(left):
            rest = _split(right)
            if rest is not None:
                return [left, *rest]
    return None


def _resolve_parts(parts: list[str], p: dt.date, fut: bool, cx: Context) -> Interval | None:
    parts = [_strip_time_of_day(x) for x in parts]
    filled: list[str] = []
    for i, part in enumerate(parts):
        m = _BARE_DAY_RE.fullmatch(part)
        if m is None:
            filled.append(part)
            continue
        others = [*reversed(parts[:i]), *parts[i + 1 :]]
        month = next((mm[1] for o in others if (mm := _HAS_MONTH.search(o))), None)
        if month is None:
            return None
        filled.append(f"{month} {m[1]}" + (f", {m[2]}" if m[2] else ""))
    n = len(filled)
    k = 0
    if not _HAS_YEAR.search(filled[0]):
        k = next((i for i in range(n) if _HAS_YEAR.search(filled[i])), 0)
    out: list[Interval | None] = [None] * n
    out[k] = _resolve_core(filled[k], p, fut, cx)
    chained = Context(chained=True, anchor=cx.anchor)
    for i in list(range(k + 1, n)) + list(range(k - 1, -1, -1)):
        ref = out[i - 1] if i > k else out[i + 1]
        if ref is None:
            return None
        if _RELATIVE_PART.search(filled[i]):
            out[i] = _resolve_core(filled[i], p, fut, Context(chained=True, anchor=cx.anchor))
        elif i > k:
            out[i] = _resolve_core(filled[i], ref.start, True, chained)
        else:
            out[i] = _resolve_core(filled[i], ref.start, False, chained)
    if any(x is None for x in out):
        return None
    got = [x for x in out if x is not None]
    start, end = got[0].start, got[-1].end
    if end < start:
        start, end = min(x.start for x in got), max(x.end for x in got)
    return Interval(start, end, _coarsest([x.granularity for x in got]))


# the routines that the normaliser column of data/time_patterns.tsv names
_HOLIDAY_KEYS = {_normalise(name): code for name, code in HOLIDAYS.items()}  # "new year's day" -> "new year day"

NORMALISERS: dict[str, Callable[..., object]] = {
    "day_date": _day_date, "weekday": _weekday, "weekday_of_week": _weekday_of_week, "week_of": _week_of,
    "nth_week": _nth_week, "month": _month,
    "quarter": _quarter, "quarter_code": _quarter_code, "season": _season, "year": _year,
    "relative_period": _relative_period, "named_period": _named_period, "weekend": _weekend,
    "relative_day": _relative_day, "anchored_day": _anchored_day, "window": _window, "offset": _offset,
    "vague": _vague, "clock": _clock, "limit": _limit, "holiday": _holiday,
}  # fmt: skip


def check_normalisers(patterns: Sequence[TimePattern], path: Path = DATA / "time_patterns.tsv") -> None:
    """DataFileError for a pattern line whose normaliser is not one of NORMALISERS."""
    for pattern in patterns:
        if pattern.normaliser not in NORMALISERS:
            raise DataFileError(f"{path}:{pattern.line}: unknown normaliser {pattern.normaliser!r}")


check_normalisers(PATTERNS)


# --------------------------------------------------------------------------------------------------
# Resolution in the sentence
# --------------------------------------------------------------------------------------------------


def resolve(
    expression: str,
    published: dt.date,
    *,
    future: bool | None = True,
    sentence: str | None = None,
    week: int = 0,
    same_weekday: bool = True,
) -> Interval | None:
    """The interval ``expression`` denotes, seen from ``published``.

    future=True: the event is scheduled (resolve forward); False: it already happened (backward);
    None: decide from the sentence's tense, defaulting to forward. ``sentence`` (the whole sentence)
    gives context: "next week ... on Tuesday", ongoing events ("began Tuesday", "will end tomorrow") and
    the anchor of "a day later"; ``week`` is the article's week frame for a bare weekday (+1: an earlier
    sentence set "next week"), ``same_weekday`` whether the publication weekday is the publication day
    (see ``context``). None when the expression is too vague or not a time ("soon", "in the coming
    weeks", "Theresa May").
    """
    return _resolve(expression, published, future, sentence, with_anchor=True, week=week,
                    same_weekday=same_weekday)


def _resolve(
    expression: str, published: dt.date, future: bool | None, sentence: str | None, *, with_anchor: bool,
    week: int = 0, same_weekday: bool = True,
) -> Interval | None:
    s = _normalise(expression)
    if not s or not re.search(r"[a-z\d]", s):
        return None
    pos = context.locate(expression, sentence) if sentence else -1
    length = len(expression)
    fut = future if future is not None else context.infer_future(s, sentence, pos, length)
    cx = Context()
    begun = ended = False
    if sentence:
        cx = context.read(sentence, s, pos, week, same_weekday)
        if with_anchor:
            cx.anchor = _anchor_for(sentence, pos, length, published, week, same_weekday)
        begun, ended = context.ongoing(sentence, pos, fut)
    if begun:
        fut = False
    got = _resolve_core(s, published, fut, cx)
    if got is None or sentence is None:
        return got
    if begun:
        n = context.event_days(sentence) if got.granularity == "day" else None
        if n:
            return Interval(got.start, got.start + _days(n - 1), "day")
        return got
    if ended and got.end >= published and with_anchor:  # an anchor is the day itself ("closes on Monday")
        return Interval(published, got.end, got.granularity)
    return got


def _is_offset(text: str) -> bool:
    return _RE_AGO.fullmatch(_normalise(text)) is not None


def _anchor_for(sentence: str, pos: int, length: int, published: dt.date, week: int = 0,
                same_weekday: bool = True) -> Callable[[], dt.date]:
    """The day of the other time expression of the sentence (nearest before, else after), else p."""

    def anchor() -> dt.date:
        best = context.anchor_time(sentence, pos, length, _is_offset)
        if best is None:
            return published
        got = _resolve(best.text, published, None, sentence, with_anchor=False, week=week,
                       same_weekday=same_weekday)
        return got.start if got is not None else published

    return anchor
