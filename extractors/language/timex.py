"""Time expressions in news sentences: find them, and resolve them to calendar intervals.

``find_time_expressions(sentence)`` returns every time expression as a character span (longest match,
left to right, non-overlapping); ``resolve(expression, published, future=..., sentence=...)`` turns one
expression into an :class:`Interval` seen from the article's publication date, following
``shared/eval/GUIDELINES.md``.

Span conventions (those of the sentence-level training data): a leading "on"/"in"/"at"/"from"/"until"
is left out ("on Tuesday" -> "Tuesday"; "from March 30 to April 1" -> "March 30 to April 1"), while
words that change the meaning are kept ("by Friday", "before June", "within 30 days", "in two weeks",
"through the weekend", "next week", "later this month"). A possessive "'s" is never part of a span.

Documented choices where the guidelines leave room:

* Slash dates: ``a/b`` is day/month when ``a > 12``, month/day otherwise (the sources are mostly US
  wires, so an ambiguous "3/4" is March 4). Dotted "17.11.2016" is day.month.year; ISO is y-m-d.
  Two-digit years are 20yy below 50, else 19yy.
* A weekday equal to the publication weekday is the publication day itself only with same-day context
  in the sentence: today/tonight/this morning|afternoon|evening, or the event in the present tense
  ("is heading to Mexico on Wednesday", "is getting to work Wednesday", "is due to visit on Monday",
  "are scheduled to meet on Thursday"), or "this Wednesday". Otherwise +7 days (future) / -7 (past).
  "next Tuesday" is the next Tuesday after publication (never the same day). When the sentence says
  "next week" before a bare weekday (future), the weekday is the one in the next ISO week ("last week"
  likewise for the past).
* "this week", "later this week", "mid-week", "the end of the week": publication day .. Sunday (week).
  "the week of November 14": the ISO week (Monday..Sunday) containing that day. "the second week of
  April": April 8..14 (week). "the weekend"/"this weekend": the coming Saturday..Sunday, granularity
  day (it is a two-day range like "Saturday and Sunday"; from the publication day when published on
  the weekend). "next weekend" is the same coming weekend (the following one when published on it).
* Periods that contain the publication day, for a future event, start the day after publication: the
  current month ("in January" published Jan 2 -> Jan 3..31, as in the dev gold and like "in 2017"),
  "later this month", "the end of the month", the current quarter, half, season and year ("this
  year", "in 2017"). Exceptions spelled out in the guidelines/issue: weeks ("this week" starts on the
  publication day) and "this month" (publication day .. end of month). For a past event the current
  period ends on the publication day; "earlier this week/month/year" ends the day before.
* "early/mid/late June", "end of June", "the first half of June" -> that whole month; "early next year"
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
* "N days before"/"a day later" with no anchor of their own are anchored on the other time expression
  of the sentence (or the publication day): "A on Wednesday, one day before B" -> B is Wednesday + 1;
  "... one day after B" -> Wednesday - 1. "the next day"/"the day before" likewise.
* Ongoing events: when the expression follows "began"/"opened"/"kicked off"/"started"/"arrived"
  (within a few words) it is resolved backwards whatever ``future`` says; its end is start + N - 1 for
  an "N-day" event named in the sentence, else the start. When it follows "will end"/"wraps up"/
  "concludes" the interval runs from the publication day to that day.
* A bare clock time ("10 a.m.") is the publication day; "last night" is the day before publication.
* Ranges and lists ("March 3-5", "Tuesday and Wednesday", "November 10 and 19, December 1",
  "this month and in November") are one expression (joined by "-", "to", "through", "until", "and", or
  a comma before a date) -> first start .. last end, with the coarsest granularity of the parts. "or"
  does not join, nor are offsets, windows, vague words or clock times joined to anything.
* Vague expressions ("soon", "in the coming weeks", "at some point", "within days") are found but
  resolve to None, as do relative expressions with no anchor ("later that month").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Interval", "TimeMention", "find_time_expressions", "resolve"]

GRANULARITIES = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed calendar interval ``[start, end]`` with the granularity of the expression."""

    start: dt.date
    end: dt.date
    granularity: str  # "day" | "week" | "month" | "quarter" | "year"


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a sentence: ``sentence[start:end] == text``."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

_MONTH_NUM = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAY_NUM = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
    "a couple of": 2, "couple of": 2,
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}  # first month

# --------------------------------------------------------------------------------------------------
# The finding grammar (one compiled regex, case-insensitive; a few parts are case-sensitive)
# --------------------------------------------------------------------------------------------------

_MONTH_FULL_CI = r"(?:january|february|april|june|july|august|september|october|november|december)"
_MAY_MARCH = r"(?-i:May|MAY|March|MARCH)"
_MONTH_NAME = rf"(?:{_MONTH_FULL_CI}|{_MAY_MARCH})\b"
_MON = rf"(?:{_MONTH_NAME}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?:\.|\b))"
_MON_SEP = r"(?:\s+|(?<=\.))"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_NOT_AMOUNT = (
    r"(?![,.]\d|\s*(?:%|percent\b|per\s*cent\b|pct\b|points?\b|basis\b|bps\b|million\b|billion\b|"
    r"mln\b|bln\b|trillion\b|thousand\b|people\b|persons\b|times\b)|\s*[-–]\s*\d+(?:\.\d+)?\s*(?:%|percent\b|pct\b))"
)
_DAY = rf"(?<![\d$£€¥.,]){_DAYNUM}\b{_NOT_AMOUNT}"
_YEARNUM = r"(?:19[5-9]\d|20[0-4]\d)"
_YEAR = (
    rf"(?<![\d$£€¥.,]){_YEARNUM}(?![\w%]|[.,]\d|\s*(?:percent\b|per\s*cent\b|pct\b|gmt\b|utc\b|edt\b|"
    r"est\b|bst\b|cet\b|hours\b|hrs\b|local\s+time\b))"
)
_YEAR_ALONE = (
    _YEAR + r"(?!\s+(?:people|persons|workers|troops|soldiers|jobs|shares|units|cars|vehicles|tons|"
    r"tonnes|barrels|acres|miles|km|kilometers|kilometres|meters|metres|feet|members|employees|"
    r"residents|students|cases|deaths|votes|points|delegates|dollars|euros|yen|pounds|francs|marks|"
    r"yuan|rupees|companies|firms|banks|homes|houses|pages|words|calories|rooms|seats|flights)\b)"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_WEEKDAY = (
    r"(?<!\bsuper )(?<!\bblack )(?<!\bgood )(?<!\bbloody )(?<!\bash )(?<!\bholy )(?<!\bpalm )"
    r"(?<!\beaster )(?<!\bcyber )"
    rf"{_WD}(?!\s+(?:times|telegraph|mail|herald|express|post|mirror|independent|tribune|star|"
    r"sport|edition|newspaper|paper|school|night\s+live|night\s+football)\b)"
)
_CLOCK = (
    r"(?:(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)|noon\b|midnight\b|"
    r"(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:gmt|utc)\b))(?:\s+(?:gmt|utc|edt|est|et|bst|cet|cest|jst|local\s+time)\b)?)"
)
_TOD = rf"(?:\s+(?:morning|afternoon|evening|night)\b|,?\s+(?:at\s+)?(?:about\s+|around\s+)?{_CLOCK})?"
_DAYMOD = r"(?:(?:late|later|early|earlier)\s+(?:on\s+)?|(?:midday|noon|mid-?morning|mid-?afternoon)\s+(?:on\s+)?)"
_CLOCKPRE = rf"(?:(?:about\s+|around\s+)?{_CLOCK},?\s+(?:on\s+)?)"
_PREFIX = rf"(?:{_CLOCKPRE}|{_DAYMOD})?"
_MONTHMOD = (
    r"(?:(?:early|mid|late|end)(?:\s+|-)|the\s+(?:end|beginning|start|middle|(?:first|second)\s+half)"
    r"\s+of\s+)"
)
_REL = r"(?:this|next|last|coming|past|previous|following)"
_THE_REL = (
    r"(?:this|next|last|the\s+(?:coming|following|previous|past|next|current)|past|coming|following|previous|"
    r"current)"
)
_LATER = r"(?:(?:later|earlier|early|late|mid)(?:\s+|-)(?:in\s+)?)"
_PREP_LB = (  # a time preposition just before (the pattern is case-insensitive)
    r"(?:(?<=\bin )|(?<=\bby )|(?<=\buntil )|(?<=\btill )|(?<=\bsince )|(?<=\bbefore )|(?<=\bafter )|"
    r"(?<=\bduring )|(?<=\bthrough )|(?<=\bover ))"
)
_NUM = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"thirty|forty(?:[\s-]five)?|fifty|sixty|ninety|a\s+hundred|a\s+couple\s+of|a\s+few|couple\s+of|few|"
    r"several|\d{1,3})"
)
_UNIT = r"(?:days?|weeks?|months?|years?|hours?|quarters?|decades?)\b"
_QUAL = (
    r"(?:(?:about|around|roughly|nearly|almost|some|just|only|more\s+than|less\s+than|fewer\s+than|"
    r"over|under|approximately|at\s+least|up\s+to)\s+)?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)\b"
_ORD = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"

_BARE_DAY = (
    rf"{_DAY}(?:,?\s+{_YEAR})?(?!\s+(?!(?:and|or|to|through|thru|until|till|at|in|on|of|with|for|when|"
    r"where|the|a|an|as|after|before|but|while|by|is|was|were|are|will|would|had|has|have|he|she|they|"
    rf"it|we|this|that|said|from|amid|despite|during)\b)[a-z]){_TOD}"
)
_CONN_D = r"(?:\s*[-–—]\s*|\s+(?:and|to|through|thru|until|till|&)\s+)"
_MONTHDAY = rf"{_PREFIX}(?:{_WEEKDAY},?\s+)?{_MON}{_MON_SEP}(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?{_TOD}"
_DAY_AFTER_CONN = rf"{_DAY}(?:,?\s+{_YEAR})?{_TOD}"

_ATOMS = [
    # numeric dates
    r"(?<![\d/.-])(?:19|20)\d\d-(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])(?![\d-])",
    r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:19|20)\d\d(?!\d|\.\d)",
    r"(?<![\d/.])(?:3[01]|[12]\d|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])/(?:(?:19|20)\d\d|\d\d)(?![\d/])",
    r"(?:(?<=\bon )|(?<=\bby )|(?<=\buntil )|(?<=\bsince )|(?<=\bbefore )|(?<=\bafter )|(?<=\bfrom )|"
    r"(?<=\bthrough ))(?:3[01]|[12]\d|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\d/]|\s*(?:%|percent\b|of\b))",
    # "November 17", "Wednesday, Dec. 7", "February 13, 14 and 16", "March 30-April 2"
    rf"{_MONTHDAY}(?:{_CONN_D}(?:{_MONTHDAY}|{_DAY_AFTER_CONN})|\s*,\s*(?:and\s+)?(?:{_MONTHDAY}|{_BARE_DAY}))*",
    # "17 November", "5th and 6th of November 2010", "3-5 March"
    rf"{_PREFIX}(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:(?:\s*[-–]\s*|\s*,\s*|\s+(?:and|to|through|&)\s+)"
    rf"(?:the\s+)?{_DAY})*(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?{_TOD}",
    # "June 2016", "early June of 2017"
    rf"{_MONTHMOD}?{_MON},?\s+(?:of\s+)?{_YEAR}",
    # weeks anchored on a date or a month
    rf"the\s+week\s+of\s+(?:(?:the\s+)?{_MON}{_MON_SEP}{_DAY}|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON})(?:,?\s+{_YEAR})?",
    rf"the\s+{_ORD}\s+week\s+of\s+(?:{_MON}(?:,?\s+{_YEAR})?|(?:this|next|last|the)\s+month\b)",
    # months with a modifier: "early June", "next July", "the end of January", "late-April"
    rf"(?:{_MONTHMOD}(?:(?:this|next|last)\s+)?|(?:this\s+)?(?:this|next|last|coming|past)\s+){_MONTH_NAME}",
    # bare month names: capitalised; May/March only after a time preposition
    r"(?-i:January|February|April|June|July|August|September|October|November|December|JANUARY|FEBRUARY|"
    r"APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b",
    rf"{_PREP_LB}{_MAY_MARCH}\b(?!['’]s)",
    # quarters and halves
    rf"(?:the\s+)?{_ORD}[\s-]+(?:quarter|half)\b(?:\s+of\s+(?:(?:the|this|next|last)\s+year\b|"
    rf"(?:fiscal\s+(?:year\s+)?)?{_YEAR})|,?\s+{_YEAR})?(?!\s+of\s+(?!(?:the|this|next|last)\s+year|fiscal|"
    r"(?:19|20)\d\d))",
    r"(?:this|next|last|the\s+current|the\s+next|the\s+coming|the\s+previous|the\s+past|current|coming|"
    r"previous|past)\s+quarter\b",
    rf"\b(?:q[1-4]|h[12])\b(?:\s*(?:{_YEARNUM}\b|'\d\d\b))?",
    # seasons
    rf"(?:{_MONTHMOD}(?:the\s+)?)?(?:{_REL}|the\s+coming|the\s+past)\s+{_SEASON}(?:\s+(?:of\s+)?{_YEAR})?",
    rf"(?:{_MONTHMOD})?(?:the\s+)?{_SEASON}\s+(?:of\s+)?{_YEAR}",
    rf"(?:early|late|mid)(?:\s+|-){_SEASON}",
    rf"{_PREP_LB}the\s+{_SEASON}(?!\s+(?:of|in)\b)",
    r"(?<![-\w])(?:summer|autumn|winter)\b(?!\s+(?:of|in|olympics|games|storms?|wheat|crops?|solstice|"
    r"palace)\b)",
    # days relative to publication
    rf"(?:(?:later|earlier|early|late)\s+)?(?:today|tonight|tomorrow|tommorrow|tomorow|tommorow|yesterday)\b{_TOD}",
    r"the\s+day\s+(?:after\s+tomorrow|before\s+yesterday)\b",
    r"(?:(?:later|earlier|early|late)\s+)?this\s+(?:morning|afternoon|evening)\b",
    r"last\s+night\b",
    r"(?:later|earlier)\s+(?:in\s+the|that)\s+day\b",
    r"(?:through|throughout)\s+the\s+day\b",
    r"the\s+(?:next|following|previous)\s+day\b",
    # weeks
    rf"(?:(?:later|earlier|early|late)\s+)?{_THE_REL}\s+week(?:-?end)?\b",
    r"(?:the\s+)?week\s+(?:after\s+next|before\s+last)\b",
    r"the\s+(?:middle|end|beginning|start|rest)\s+of\s+(?:this|next|last|the)\s+week\b",
    r"mid[\s-]?week\b",
    r"(?:the\s+)?week-?end\b",
    # months
    rf"{_LATER}?{_THE_REL}\s+month\b",
    r"(?:later|earlier)\s+(?:in\s+the|that)\s+month\b",
    r"the\s+(?:end|beginning|start|middle|rest|turn)\s+of\s+(?:the|this|next|last)\s+month\b",
    r"(?:the\s+)?(?:mid[\s-]?month|month[\s-]end)\b",
    # years
    rf"{_LATER}?{_THE_REL}\s+year\b",
    r"(?:later|earlier)\s+in\s+the\s+year\b",
    r"the\s+(?:end|beginning|start|middle|rest|turn|close)\s+of\s+(?:the|this|next|last)\s+year\b",
    r"(?:the\s+)?(?:year[\s-]end|end[\s-]year)\b",
    # weekdays: "Tuesday", "next Tuesday", "late on Thursday", "Tuesday evening", "10 a.m. Tuesday"
    rf"{_PREFIX}(?:{_REL}\s+)?{_WEEKDAY}{_TOD}",
    # bare years, possibly modified: "2017", "mid-2017", "the end of 2016", "fiscal 2017"
    rf"(?:(?:early|mid|late|end)(?:\s+|-)|the\s+(?:end|beginning|start|middle|turn)\s+of\s+)?"
    rf"(?:fiscal\s+(?:year\s+)?)?{_YEAR_ALONE}",
]
# these are not joined into ranges or lists
_SOLO_ATOMS = [
    # offsets and windows
    rf"within\s+(?:the\s+)?(?:next\s+|coming\s+|following\s+)?{_QUAL}(?:{_NUM}[\s-]+)?{_UNIT}",
    rf"(?:the\s+)?(?:next|coming|following|past|last|previous)\s+{_QUAL}{_NUM}[\s-]+{_UNIT}",
    r"(?:the\s+)?coming\s+(?:days|weeks|months|years)\b",
    rf"(?<!\bfor ){_QUAL}{_NUM}[\s-]+{_UNIT}\s+"
    rf"(?:ago|earlier|later|before|after|hence|from\s+(?:now|today|tomorrow|{_WD}))",
    r"(?<!\btime )(?<!\bhighest )(?<!\blowest )(?<!\bfirst )(?<!\bbiggest )(?<!\blargest )(?<!\bworst )(?<!\bbest )"
    r"(?<!\bstrongest )(?<!\bweakest )(?<!\blevel )(?<!\bonce )(?<!\bstreak )(?<!\bdecline )(?<!\bdrop )(?<!\brise )"
    r"(?<!\bgain )(?<!\bincrease )(?<!\bjump )(?<!\bfall )(?<!\bloss )(?<!\bdownturn )(?<!\bspent )(?<!\bsecond )"
    rf"in\s+{_NUM}[\s-]+(?:days?|weeks?|months?|years?|hours?)\b(?:['’]s?\s+time\b)?",
    # vague
    r"as\s+soon\s+as\s+possible\b|soon\b(?!\s+as\b|-)|shortly\b|recently\b|imminently\b|in\s+due\s+course\b|"
    r"the\s+near\s+future\b",
    # clock times
    rf"(?:(?:about|around|approximately)\s+)?{_CLOCK}",
]
_ATOM = "|".join(f"(?:{a})" for a in _ATOMS)
_SOLO = "|".join(f"(?:{a})" for a in _SOLO_ATOMS)
_CONN = (
    rf"(?:\s*[-–—]\s*|\s*,\s*(?:and\s+)?(?=(?:{_WD}|{_MON}|\d))(?![\w.]+['’]s\b)|"
    r"\s+(?:and|to|through|thru|until|till|into)\s+|\s*&\s*)(?:(?:on|in|from)\s+)?"
)
_LIMIT = (
    r"(?P<lim>(?:(?:any\s*time|sometime|some\s+time)\s+)?(?:by|before|no\s+later\s+than|not\s+later\s+than|"
    r"on\s+or\s+before|prior\s+to|through|throughout|thru)\s+)"
)
_FIND_BODY = rf"(?:{_LIMIT}?(?:(?:{_ATOM})(?:{_CONN}(?:{_ATOM}|{_MAY_MARCH}\b(?!['’]s)))*|{_SOLO}))"
# Every expression starts with a digit or one of these words: checking them first (a cheap lookahead)
# spares the full grammar at most word starts and makes finding about three times faster.
_START_TEXT = """
about around approximately roughly nearly almost some just only more less fewer over under at up late later early
earlier midday noon mid midmorning midafternoon midweek midmonth midnight end the this next last coming past
previous following current monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december jan feb mar apr jun jul aug sept sep oct nov dec spring
summer fall autumn winter today tonight tomorrow tommorrow tomorow tommorow yesterday through throughout thru week
weekend month year within in fiscal as soon shortly recently imminently any anytime sometime by before no not on
prior a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty ninety couple few several first second third fourth
final 1st 2nd 3rd 4th
"""
_START_WORDS = _START_TEXT.split()
_START = rf"(?=\d|[qh][1-4]\b|(?:{'|'.join(sorted(set(_START_WORDS), key=len, reverse=True))})(?![a-z]))"
_FIND_RE = re.compile(rf"\b{_START}{_FIND_BODY}", re.IGNORECASE)
_FIND_RE_UNGUARDED = re.compile(rf"\b{_FIND_BODY}", re.IGNORECASE)  # the same without the guard (tests)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")


def find_time_expressions(sentence: str) -> list[TimeMention]:
    """Every time expression in the sentence, longest match, left to right, non-overlapping."""
    out: list[TimeMention] = []
    for m in _FIND_RE.finditer(sentence):
        start, end = m.span()
        if m.group("lim") and _POSSESSIVE_AFTER.match(sentence, end):
            start = m.end("lim")  # "before Tuesday's meeting": the limit word belongs to "meeting"
        if end > start:
            out.append(TimeMention(start, end, sentence[start:end]))
    return out


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
# Resolution context
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cx:
    """What the sentence says around the expression (all off when there is no sentence)."""

    same_day: bool = False  # the event can be on the publication day itself
    today: bool = False  # the sentence says today/tonight (limits may start on the publication day)
    week_cue: int = 0  # +1: "next week" precedes a bare weekday; -1: "last week"
    chained: bool = False  # a later part of a range: no clipping, no week cue
    anchor: Callable[[], dt.date] | None = None  # the other time of the sentence, for "a day later"

    def anchor_day(self, published: dt.date) -> dt.date:
        return self.anchor() if self.anchor is not None else published


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


def _clip_current(s: dt.date, e: dt.date, p: dt.date, fut: bool, cx: _Cx) -> tuple[dt.date, dt.date]:
    """An explicitly dated period ("June 2017", "2017") that contains p: clip it like _period."""
    if cx.chained or not s <= p <= e:
        return s, e
    return (min(p + _ONE, e), e) if fut else (s, p)


# --------------------------------------------------------------------------------------------------
# Normalisation of an expression for resolution
# --------------------------------------------------------------------------------------------------

_R_MON = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|"
    r"apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_R_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_R_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_R_YEAR = r"(\d{4})"
_R_NUM = (
    r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty(?: (?:one|two|three|four|five|six|seven|eight|nine))?|thirty|"
    r"forty(?: five)?|fifty|sixty|ninety|a hundred|hundred|a couple of|couple of|a few|few|several|\d{1,3})"
)
_R_UNIT = r"(day|week|month|year|hour|quarter|decade)s?"
_R_QUAL = (
    r"(?:(?:about|around|roughly|nearly|almost|some|just|only|more than|less than|fewer than|over|under|"
    r"approximately|at least|up to) )?"
)
_R_CLOCK = (
    r"(?:,? ?(?:at )?(?:about |around |approximately )?(?:\d{1,2}(?:[:.]\d\d)? ?(?:am|pm)\b|noon\b|midnight\b|"
    r"\d{4}(?= (?:gmt|utc)))(?: (?:gmt|utc|edt|est|et|bst|cet|cest|jst|local time)\b)?)"
)
_DAY_HEAD = rf"(?:today|tonight|tomorrow|yesterday|{_R_WD}|(?:this|next|last) {_R_WD}|{_R_MON} \d)"


def _normalise(expression: str) -> str:
    s = expression.lower()
    s = s.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\b([ap])\.m\b\.?", r"\1m", s)
    s = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.", r"\1 ", s)
    s = re.sub(r"['\"()\[\]“”]", " ", s.replace("'s ", " ").replace("'s,", ","))
    s = re.sub(r"'s$", "", s)
    s = s.strip(" \t\n,.;:!?")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\btom+or+ow\b", "tomorrow", s)
    s = re.sub(r"\bthis past\b", "last", s)
    s = re.sub(r"\bthis coming\b", "coming", s)
    s = re.sub(r"\bweek-? ?end\b", "weekend", s)
    s = re.sub(r"\bmid-? ?week\b", "midweek", s)
    s = re.sub(r"\bmid-? ?month\b", "midmonth", s)
    s = re.sub(r"\b(year|month)[- ]end\b", r"\1end", s)
    s = re.sub(r"\bend[- ]year\b", "yearend", s)
    s = re.sub(r"\b(mid|late|early|end|any)-(?=[a-z\d])", r"\1 ", s)
    s = re.sub(r"\b(twenty|forty)-", r"\1 ", s)
    s = re.sub(rf"\b({'|'.join(_ORDINALS)}|final|last)-(quarter|half)\b", r"\1 \2", s)
    s = re.sub(r"\b(\d+)-(day|week|month|year|hour)s?\b", r"\1 \2s", s)
    return s


def _strip_time_of_day(s: str) -> str:
    """Drop clock times and parts of the day that refine a day ("Tuesday evening" -> "tuesday")."""
    s = re.sub(r"\bthis (?:morning|afternoon|evening)\b", "today", s)
    s = re.sub(r"\btonight\b", "today", s)
    s = re.sub(r"\blast night\b", "yesterday", s)
    s = re.sub(_R_CLOCK, " ", s).strip(" ,")
    s = re.sub(r"\s+", " ", s)
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

_VAGUE_RE = re.compile(
    r"(?:in |over |during |for |within )?(?:the )?(?:"
    r"soon|shortly|recently|imminently|as soon as possible|(?:at )?some (?:point|time)|in due course|"
    r"near future|(?:coming|next few|past few|last few|few|several) (?:days|weeks|months|years)|"
    r"days|weeks|months|years|hours|a few (?:days|weeks|months)|later|earlier|then|"
    r"(?:a )?later (?:date|stage)|later that (?:day|week|month|year)|that (?:day|week|month|year)|"
    r"earlier that (?:day|week|month|year))"
)


def _number(word: str) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _weekday(target: int, mod: str, p: dt.date, fut: bool, cx: _Cx) -> dt.date:
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
            return _month_day(_MONTH_NUM[m[mon_i]], int(m[day_i]), year, p, fut)
    return None


_MONTH_MOD = (
    r"(?:(?:early|mid|late|end|the end of|end of|the beginning of|the start of|the middle of|the turn of|"
    r"the first half of|the second half of) )"
)
_RE_MONTH = re.compile(rf"{_MONTH_MOD}?(?:(this|next|last|coming|past) )?{_R_MON}(?:,? (?:of )?{_R_YEAR})?")
_RE_WEEKDAY = re.compile(rf"(?:(this|next|last|coming|past|previous|following) )?{_R_WD}")
_RE_QUARTER = re.compile(
    rf"(?:the )?(first|second|third|fourth|final|last|1st|2nd|3rd|4th) (quarter|half)"
    rf"(?:(?: of)? (?:(?:(this|next|last|the) year)|(fiscal )?(?:year )?{_R_YEAR}))?"
)
_RE_QN = re.compile(r"(q[1-4]|h[12])(?: ?(\d{4}|'\d\d))?")
_RE_SEASON = re.compile(
    rf"{_MONTH_MOD}?(?:the )?(?:(this|next|last|coming|past|the coming|the past) )?(spring|summer|fall|autumn|"
    rf"winter)(?: (?:of )?{_R_YEAR})?"
)
_RE_YEAR = re.compile(
    rf"(?:(?:early|mid|late|end|the end of|end of|the beginning of|the start of|the middle of|the turn of) )?"
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

_DAY_WORDS = {
    "today": 0, "now": 0, "tomorrow": 1, "yesterday": -1, "the day after tomorrow": 2,
    "the day before yesterday": -2, "later in the day": 0, "earlier in the day": 0,
    "through the day": 0, "throughout the day": 0, "the rest of the day": 0,
}  # fmt: skip
_ANCHOR_DAY_WORDS = {"the next day": 1, "the following day": 1, "the day after": 1, "the previous day": -1,
                     "the day before": -1}  # fmt: skip


def _atom(s: str, p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
    """Resolve one expression without connectors (no ranges, limits or offsets)."""
    if not s:
        return Interval(p, p, "day")  # nothing left but a clock time: the publication day
    if s in _DAY_WORDS:
        d = p + _days(_DAY_WORDS[s])
        return Interval(d, d, "day")
    if s in _ANCHOR_DAY_WORDS:
        d = cx.anchor_day(p) + _days(_ANCHOR_DAY_WORDS[s])
        return Interval(d, d, "day")
    if (d := _day_date(s, p, fut)) is not None:
        return Interval(d, d, "day")
    if m := _RE_WEEKDAY.fullmatch(s):
        d = _weekday(_WEEKDAY_NUM[m[2]], m[1] or "", p, fut, cx)
        return Interval(d, d, "day")
    if m := _RE_WEEK_OF.fullmatch(s):
        inner = _day_date(m[1], p, fut)
        return None if inner is None else Interval(_monday(inner), _monday(inner) + _days(6), "week")
    if m := _RE_NTH_WEEK.fullmatch(s):
        return _nth_week(m[1], m[2], p, fut, cx)
    if m := _RE_MONTH.fullmatch(s):
        month = _MONTH_NUM[m[2]]
        if m[3]:
            s0, e0 = _clip_current(dt.date(int(m[3]), month, 1), _month_end(int(m[3]), month), p, fut, cx)
            return Interval(s0, e0, "month")
        rel = {"coming": "next", "past": "last"}.get(m[1] or "", m[1] or "")
        s0, e0 = _period(_month_span(month), p, fut, rel if rel != "this" else "", chained=cx.chained)
        return Interval(s0, e0, "month")
    if m := _RE_QUARTER.fullmatch(s):
        return _quarter(m, p, fut, cx)
    if m := _RE_QN.fullmatch(s):
        kind, n = m[1][0], int(m[1][1])
        year = None if not m[2] else (_year_of(m[2][1:]) if m[2].startswith("'") else int(m[2]))
        span = _quarter_span(n) if kind == "q" else _half_span(n)
        if year is not None:
            return Interval(*_clip_current(*span(year), p, fut, cx), "quarter")
        return Interval(*_period(span, p, fut, chained=cx.chained), "quarter")
    if m := _RE_SEASON.fullmatch(s):
        span = _season_span(_SEASONS[m[2]])
        if m[3]:
            return Interval(*_clip_current(*span(int(m[3])), p, fut, cx), "quarter")
        rel = {"next": "next", "the coming": "next", "coming": "next", "last": "last", "past": "last",
               "the past": "last"}.get(m[1] or "", "")  # fmt: skip
        return Interval(*_period(span, p, fut, rel, chained=cx.chained), "quarter")
    if m := _RE_YEAR.fullmatch(s):
        if m[1]:
            return None  # a fiscal year: calendar unknown
        return Interval(*_clip_current(*_year_span(int(m[2])), p, fut, cx), "year")
    if m := _RE_REL_PERIOD.fullmatch(s):
        return _relative_period(m[1] or "", m[2], m[3], p, fut, cx)
    return _named_period(s, p, fut, cx)


def _nth_week(ordinal: str, rest: str, p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
    month = _atom(rest, p, fut, cx)
    if month is None or month.granularity != "month":
        return None
    first = month.end.replace(day=1)
    last = _month_end(first.year, first.month)
    if ordinal in ("last", "final"):
        return Interval(last - _days(6), last, "week")
    start = first + _days(7 * (_ORDINALS[ordinal] - 1))
    return Interval(start, start + _days(6), "week")


def _quarter(m: re.Match[str], p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
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
        n = _ORDINALS[ordinal]
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


def _relative_period(mod: str, rel: str, unit: str, p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
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
    rel = {"past": "last", "previous": "last", "following": "next"}.get(rel, rel)
    saturday = _monday(p) + _days(5)
    if rel == "last" or (rel != "next" and not fut):
        if rel == "last" or p < saturday:
            saturday -= _days(7)
        return Interval(saturday, min(saturday + _ONE, p if rel != "last" else saturday + _ONE), "day")
    if rel == "next" and p >= saturday:
        saturday += _days(7)
    return Interval(max(saturday, p), saturday + _ONE, "day")


def _named_period(s: str, p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
    """Words for the current week/month/year: 'midweek', 'the weekend', 'the end of the month'..."""
    sunday = _monday(p) + _days(6)
    month_end = _month_end(p.year, p.month)
    if s in ("weekend", "the weekend"):
        return _weekend("", p, fut)
    if s in ("midweek", "the end of the week", "the middle of the week", "the rest of the week"):
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
_PREP = re.compile(
    r"^(?:on or about|on|in|at|during|for|from|between|starting on|starting from|starting|beginning on|"
    r"beginning|as of|as early as|sometime|some time|over|around|about|circa|effective|in the course of|"
    r"as from|due|set for|scheduled for) "
)
_CONN_SPLIT = re.compile(
    r"(?:\s*,(?!\s*\d{4}\b)\s*(?:(?:and|or) )?|\s+(?:and|or|to|through|thru|until|till|into|&)\s+|\s*&\s*|"
    rf"(?<=\d)\s*-\s*(?=\d|{_R_MON}\b)|\s+-\s+)(?:(?:on|in|from) )?"
)
_BARE_DAY_RE = re.compile(rf"(?:the )?{_R_DAY}(?:,? {_R_YEAR})?")
_HAS_MONTH = re.compile(rf"\b{_R_MON}\b")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_RELATIVE_PART = re.compile(r"\b(?:this|next|last|today|tomorrow|yesterday|coming|past|ago|later|earlier)\b")


def _offset(n: int, unit: str, base: dt.date, sign: int) -> Interval | None:
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


def _offsets(s: str, p: dt.date, fut: bool, cx: _Cx) -> Interval | bool | None:
    """Windows and offsets; False when s is not one."""
    if m := (_RE_WINDOW_FWD_THE.fullmatch(s) or (s.startswith("within ") and _RE_WINDOW_FWD.fullmatch(s))):
        n = _number(m[1])
        if n is None:
            return None
        end = _window_end(p, n, m[2], 1)
        return Interval(p + _ONE if end > p else p, max(end, p), "day")
    if m := _RE_WINDOW_BACK.fullmatch(s):
        n = _number(m[1])
        if n is None:
            return None
        start = _window_end(p, n, m[2], -1)
        return Interval(start, max(start, p - _ONE), "day")
    if m := _RE_AGO.fullmatch(s):
        n, unit, how = _number(m[1]), m[2], m[3]
        if n is None:
            return None
        if how == "ago":
            return _offset(n, unit, p, -1)
        if how == "hence":
            return _offset(n, unit, p, 1)
        if m[4] is not None:  # "two weeks from now/today/tomorrow/Tuesday"
            base = _resolve_core("today" if m[4] == "now" else m[4], p, True, cx)
            return None if base is None else _offset(n, unit, base.start, 1)
        sign = 1 if how in ("later", "before") else -1
        return _offset(n, unit, cx.anchor_day(p), sign)
    if m := _RE_IN.fullmatch(s):
        n = _number(m[1])
        return None if n is None else _offset(n, m[2], p, 1)
    return False


def _limit(kind: str, rest: str, p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
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


def _resolve_core(s: str, p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
    """Resolve a normalised expression: vague words, offsets, limits, prepositions, ranges, atoms."""
    s = s.strip(" ,")
    if not s or _VAGUE_RE.fullmatch(s):
        return None if s else Interval(p, p, "day")
    off = _offsets(s, p, fut, cx)
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
    probe = _Cx(chained=True)
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


def _resolve_parts(parts: list[str], p: dt.date, fut: bool, cx: _Cx) -> Interval | None:
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
    chained = _Cx(chained=True, anchor=cx.anchor)
    for i in list(range(k + 1, n)) + list(range(k - 1, -1, -1)):
        ref = out[i - 1] if i > k else out[i + 1]
        if ref is None:
            return None
        if _RELATIVE_PART.search(filled[i]):
            out[i] = _resolve_core(filled[i], p, fut, _Cx(chained=True, anchor=cx.anchor))
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


# --------------------------------------------------------------------------------------------------
# Sentence context
# --------------------------------------------------------------------------------------------------

_FUTURE_CUE = (
    r"will|won't|shall|'ll|would|going to|needs?\s+to|must|should(?!\s+have)|"
    r"(?:is|are|am|be)\s+(?:due|scheduled|set|slated|expected|poised|"
    r"planned|planning|going|likely|preparing|to)|plans?|planning|intends?|aims?|hopes?|expects?|upcoming|"
    r"forthcoming|next|tomorrow|scheduled|slated|expected|planned|due|later|ahead|coming|"
    r"to\s+(?:meet|visit|hold|attend|travel|host|begin|start|open|resume|convene|gather|discuss|sign|speak|"
    r"talk|address|fly|arrive|return|join|chair|lead|hold)"
)
_PAST_CUE = (
    r"met|held|was|were|had|did|took|began|begun|opened|kicked\s+off|started|ended|concluded|visited|"
    r"attended|talked|spoke|discussed|hosted|agreed|said|told|announced|reported|called|urged|last|ago|"
    r"yesterday|earlier|previously|recently|"
    r"(?!(?:need|indeed|speed|united|red|bed|feed|seed|breed|greed|hundred|shed|creed|weed|proceed|succeed|"
    r"exceed|embed|wed|led|fled|bred|shred|sled|naked|wicked|sacred|aged|tired)\b)[a-z]{2,}ed"
)
_TENSE_RE = re.compile(rf"\b(?:(?P<f>{_FUTURE_CUE})|(?P<p>{_PAST_CUE}))\b", re.IGNORECASE)
_SAME_DAY_RE = re.compile(
    r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|later\s+today|earlier\s+today|"
    r"(?:is|are|am)\s+(?:(?!(?:nothing|something|anything|everything|thing|king|during|morning|evening|"
    r"spring|wing|ring|sing|bring)\b)[a-z]{2,}ing|due|scheduled|set|slated|expected|poised|planned|about)\b)",
    re.IGNORECASE,
)
_TODAY_RE = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
_INTRINSIC_PAST = re.compile(r"\b(?:last|ago|yesterday|earlier|previous|past)\b")
_INTRINSIC_FUTURE = re.compile(r"\b(?:next|tomorrow|later|coming|upcoming|following|within|by|hence)\b")
_BETWEEN_OK = r"(?:\s+(?!(?:will|would|shall|and|but|then|again|before|after)\b)[^\s,;]+){0,6}\s*$"
_BEGIN_RE = re.compile(
    r"\b(?:began|begun|opened|kicked\s+off|started|got\s+under\s*way|commenced|convened|arrived|got\s+going)"
    + _BETWEEN_OK,
    re.IGNORECASE,
)
_END_RE = re.compile(
    r"\b(?:(?:will|to|would|shall|'ll|should)\s+(?:end|close|conclude|finish|wrap\s+up|wind\s+up)|ends|"
    r"wraps\s+up|wrapping\s+up|winds\s+up|concludes|concluding|closes|finishes)" + _BETWEEN_OK,
    re.IGNORECASE,
)
_DURATION_RE = re.compile(r"\b(two|three|four|five|six|seven|2|3|4|5|6|7)[- ]day\b", re.IGNORECASE)
_NEXT_WEEK_RE = re.compile(r"\bnext\s+week\b(?!-?end)", re.IGNORECASE)
_LAST_WEEK_RE = re.compile(r"\blast\s+week\b(?!-?end)", re.IGNORECASE)
_PLAIN_WEEKDAY = re.compile(rf"(?:on )?{_R_WD}")
_ANCHORED = re.compile(r"\b(?:before|after|later|earlier|next day|following day|previous day|day before|day after)$")


_STARTING_RE = re.compile(r"\b(?:starts?|starting|begins?|beginning|opens?|opening)\s+(?:on\s+)?$", re.IGNORECASE)


def phase(sentence: str, start: int) -> str | None:
    """Whether the time expression at ``sentence[start:]`` dates the end of its event ("will wrap up his
    visit to Seoul on Wednesday": "end") or its start ("a visit starting on Wednesday": "start")."""
    before = sentence[:start]
    if _STARTING_RE.search(before):
        return "start"
    return "end" if _END_RE.search(before) else None


def _locate(expression: str, sentence: str) -> int:
    i = sentence.find(expression)
    if i < 0:
        i = sentence.lower().find(expression.lower())
    return i


def _infer_future(expr_norm: str, sentence: str | None, pos: int, length: int) -> bool:
    if _INTRINSIC_PAST.search(expr_norm):
        return False
    if _INTRINSIC_FUTURE.search(expr_norm):
        return True
    if not sentence:
        return True
    if pos >= 0:
        before = list(_TENSE_RE.finditer(sentence, max(0, pos - 120), pos))
        if before:
            return before[-1].group("f") is not None
        after = _TENSE_RE.search(sentence, pos + length, pos + length + 80)
        if after:
            return after.group("f") is not None
    cues = list(_TENSE_RE.finditer(sentence))
    if any(c.group("f") for c in cues):
        return True
    return not cues


def _anchor_for(sentence: str, pos: int, length: int, published: dt.date) -> Callable[[], dt.date]:
    """The day of the other time expression of the sentence (nearest before, else after), else p."""

    def anchor() -> dt.date:
        best: TimeMention | None = None
        for t in find_time_expressions(sentence):
            if pos >= 0 and t.start < pos + length and t.end > pos:
                continue
            if _ANCHORED.search(t.text.lower()) or _RE_AGO.fullmatch(_normalise(t.text)):
                continue
            if best is None or (t.start < pos and (best.start > pos or t.start > best.start)):
                best = t
        if best is None:
            return published
        got = _resolve(best.text, published, None, sentence, with_anchor=False)
        return got.start if got is not None else published

    return anchor


def resolve(
    expression: str,
    published: dt.date,
    *,
    future: bool | None = True,
    sentence: str | None = None,
) -> Interval | None:
    """The interval ``expression`` denotes, seen from ``published``.

    future=True: the event is scheduled (resolve forward); False: it already happened (backward);
    None: decide from the sentence's tense, defaulting to forward. ``sentence`` (the whole sentence)
    gives context: same-day cues for a weekday equal to the publication weekday, "next week ... on
    Tuesday", ongoing events ("began Tuesday", "will end tomorrow") and the anchor of "a day later".
    None when the expression is too vague or not a time ("soon", "in the coming weeks", "Theresa May").
    """
    return _resolve(expression, published, future, sentence, with_anchor=True)


def _resolve(
    expression: str, published: dt.date, future: bool | None, sentence: str | None, *, with_anchor: bool
) -> Interval | None:
    s = _normalise(expression)
    if not s or not re.search(r"[a-z\d]", s):
        return None
    pos = _locate(expression, sentence) if sentence else -1
    length = len(expression)
    fut = future if future is not None else _infer_future(s, sentence, pos, length)
    cx = _Cx()
    begun = ended = False
    if sentence:
        cx.today = bool(_TODAY_RE.search(sentence))
        cx.same_day = bool(_SAME_DAY_RE.search(sentence))
        if pos >= 0 and _PLAIN_WEEKDAY.match(s):
            before = sentence[:pos]
            if _NEXT_WEEK_RE.search(before):
                cx.week_cue, cx.same_day = 1, False
            elif _LAST_WEEK_RE.search(before):
                cx.week_cue = -1
        if with_anchor:
            cx.anchor = _anchor_for(sentence, pos, length, published)
        if pos >= 0:
            before = sentence[:pos]
            begun = bool(_BEGIN_RE.search(before))
            ended = not begun and fut and bool(_END_RE.search(before))
    if begun:
        fut = False
    got = _resolve_core(s, published, fut, cx)
    if got is None or sentence is None:
        return got
    if begun:
        dur = _DURATION_RE.search(sentence)
        if dur and got.granularity == "day":
            n = _number(dur[1].lower())
            if n:
                return Interval(got.start, got.start + _days(n - 1), "day")
        return got
    if ended and got.end >= published:
        return Interval(published, got.end, got.granularity)
    return got
