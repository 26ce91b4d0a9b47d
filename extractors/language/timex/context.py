"""Sentence context of a time expression: tense, same-day cues, ongoing events, anchors and phase.

The cue words are data (``extractors/data/time_words.tsv``).

Documented choices where the guidelines leave room:

* A weekday equal to the publication weekday is the publication day itself: news names the day it is
  published by its weekday ("World leaders were set to arrive in Washington on Friday" in a Friday
  paper, "said on Monday" in a Monday one), and says "next Friday" or "a week from Friday" for the same
  weekday a week on. The exception is a week frame: when the sentence says "next week" before a bare
  weekday (future), the weekday is the one in the next ISO week ("last week" likewise for the past), and
  so it is when an earlier sentence of the article set that frame (``week``: "Geithner travels to China
  and Japan next week. ... He will meet Wen on Wednesday"). "next Tuesday" is the next Tuesday after
  publication (never the same day). With ``same_weekday=False`` (an ablation switch) the publication
  weekday is the publication day only with same-day context in the sentence (today/tonight, the present
  tense: "is heading to Mexico on Wednesday", "is due to visit on Monday"), else +7 / -7 days.
* "N days before"/"a day later" with no anchor of their own are anchored on the other time expression
  of the sentence (or the publication day): "A on Wednesday, one day before B" -> B is Wednesday + 1;
  "... one day after B" -> Wednesday - 1. "the next day"/"the day before" likewise.
* Ongoing events: when the expression follows "began"/"opened"/"kicked off"/"started"/"arrived"
  (within a few words) it is resolved backwards whatever ``future`` says; its end is start + N - 1 for
  an "N-day" event named in the sentence, else the start. When it follows "will end"/"wraps up"/
  "concludes" the interval runs from the publication day to that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .find import TimeMention, find_time_expressions
from .vocabulary import expand, number


@dataclass(slots=True)
class Context:
    """What the sentence says around the expression (all off when there is no sentence)."""

    same_day: bool = False  # the event can be on the publication day itself
    today: bool = False  # the sentence says today/tonight (limits may start on the publication day)
    week_cue: int = 0  # +1: "next week" precedes a bare weekday; -1: "last week"
    chained: bool = False  # a later part of a range: no clipping, no week cue
    anchor: Callable[[], dt.date] | None = None  # the other time of the sentence, for "a day later"

    def anchor_day(self, published: dt.date) -> dt.date:
        return self.anchor() if self.anchor is not None else published


# tense cues (the nearest one decides), same-day and today cues (data/time_words.tsv)
# (a participle after "be" is no past: "is expected to be announced", "will be held")
_TENSE_RE = re.compile(expand(r"\b(?:(?P<f>{future_cues})|(?<!\bbe\s)(?P<p>{past_cues}))\b"), re.IGNORECASE)
_SAME_DAY_RE = re.compile(expand(r"\b{same_day_cues}"), re.IGNORECASE)
_TODAY_RE = re.compile(expand(r"\b{today_cues}\b"), re.IGNORECASE)
_INTRINSIC_PAST = re.compile(expand(r"\b{past_words}\b"))
_INTRINSIC_FUTURE = re.compile(expand(r"\b{future_words}\b"))
# a begin/end verb at most six words before the expression, in the same clause
_BETWEEN_OK = expand(r"(?:\s+(?!{clause_breaks}\b)[^\s,;]+){0,6}\s*$")
_BEGIN_RE = re.compile(expand(r"\b{begin_verbs}") + _BETWEEN_OK, re.IGNORECASE)
_END_RE = re.compile(
    expand(r"\b(?:(?:will|to|would|shall|'ll|should)\s+{end_verbs}|{ending_verbs})") + _BETWEEN_OK, re.IGNORECASE
)
_STARTING_RE = re.compile(expand(r"\b{start_verbs}\s+(?:on\s+)?$"), re.IGNORECASE)
_DURATION_RE = re.compile(r"\b(two|three|four|five|six|seven|2|3|4|5|6|7)[- ]day\b", re.IGNORECASE)
_NEXT_WEEK_RE = re.compile(r"\bnext\s+week\b(?!-?end)", re.IGNORECASE)
_LAST_WEEK_RE = re.compile(r"\blast\s+week\b(?!-?end)", re.IGNORECASE)
_PLAIN_WEEKDAY = re.compile(expand(r"(?:on )?({weekday})"))
_WEEKDAY_PART = re.compile(expand(r"(?:on\s+)?(?:{weekday})\s+(?:{part_of_day})\b"), re.IGNORECASE)
_ANCHORED = re.compile(expand(r"\b{anchored_endings}$"))


def phase(sentence: str, start: int) -> str | None:
    """Whether the time expression at ``sentence[start:]`` dates the end of its event ("will wrap up his
    visit to Seoul on Wednesday": "end") or its start ("a visit starting on Wednesday": "start")."""
    before = sentence[:start]
    if _STARTING_RE.search(before):
        return "start"
    return "end" if _END_RE.search(before) else None


def locate(expression: str, sentence: str) -> int:
    """Where ``expression`` is in ``sentence`` (case-insensitive as a fallback), else -1."""
    i = sentence.find(expression)
    if i < 0:
        i = sentence.lower().find(expression.lower())
    return i


def infer_future(expr_norm: str, sentence: str | None, pos: int, length: int) -> bool:
    """Whether the expression dates a future event: from its own words, else the nearest tense cue of the
    sentence (before it, else after it), else any future cue; forward when the sentence has no cue."""
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


def read(sentence: str, expr_norm: str, pos: int, week: int = 0, same_weekday: bool = True) -> Context:
    """The same-day and today cues of the sentence, and the week a bare weekday falls in: the sentence's own
    "next/last week" before it, else the article's week frame ``week`` unless a part of the day follows the
    weekday ("returns to Melbourne on Thursday night": a day close at hand, read without the frame)."""
    cx = Context(today=bool(_TODAY_RE.search(sentence)),
                 same_day=same_weekday or bool(_SAME_DAY_RE.search(sentence)))
    if pos >= 0 and _PLAIN_WEEKDAY.match(expr_norm):
        before = sentence[:pos]
        if _NEXT_WEEK_RE.search(before):
            cx.week_cue, cx.same_day = 1, False
        elif _LAST_WEEK_RE.search(before):
            cx.week_cue = -1
        elif week and not _WEEKDAY_PART.match(sentence, pos):
            cx.week_cue, cx.same_day = week, False
    return cx


def ongoing(sentence: str, pos: int, fut: bool) -> tuple[bool, bool]:
    """(begun, ends): the expression follows "began"/"opened"... or (future only) "will end"/"wraps up"..."""
    if pos < 0:
        return False, False
    before = sentence[:pos]
    begun = bool(_BEGIN_RE.search(before))
    return begun, not begun and fut and bool(_END_RE.search(before))


def event_days(sentence: str) -> int | None:
    """N for an "N-day" event named in the sentence ("a three-day visit"), else None."""
    dur = _DURATION_RE.search(sentence)
    return number(dur[1].lower()) if dur else None


def anchor_time(sentence: str, pos: int, length: int, is_offset: Callable[[str], bool]) -> TimeMention | None:
    """The other time expression of the sentence that anchors "a day later" (nearest before, else the first
    after), skipping expressions relative to another time themselves ("the day before", "two days ago")."""
    best: TimeMention | None = None
    for t in find_time_expressions(sentence):
        if pos >= 0 and t.start < pos + length and t.end > pos:
            continue
        if _ANCHORED.search(t.text.lower()) or is_offset(t.text):
            continue
        if best is None or (t.start < pos and (best.start > pos or t.start > best.start)):
            best = t
    return best
