"""Finding time expressions in a sentence: one compiled regular expression, longest match left to right.

The grammar is data: the patterns of ``data/time_patterns.tsv`` (tried in file order at each position),
built from ``time_subpatterns.tsv``, ``time_words.tsv`` and ``calendar.tsv``; this module joins them.
The expression is case-insensitive; month names that are also common words (May, March) are not.

Documented choices where the guidelines leave room:

* Ranges and lists ("March 3-5", "Tuesday and Wednesday", "November 10 and 19, December 1",
  "this month and in November") are one expression (joined by "-", "to", "through", "until", "and", or
  a comma before a date) -> first start .. last end, with the coarsest granularity of the parts. "or"
  does not join, nor are offsets, windows, vague words or clock times joined to anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import PATTERNS, expand, words


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a sentence: ``sentence[start:end] == text``."""

    start: int
    end: int
    text: str


# the normalisers of expressions that are never joined into ranges or lists
UNJOINED = frozenset({"window", "offset", "vague", "clock"})

_ATOM = "|".join(f"(?:{p.pattern})" for p in PATTERNS if p.normaliser not in UNJOINED)
_SOLO = "|".join(f"(?:{p.pattern})" for p in PATTERNS if p.normaliser in UNJOINED)
# what joins two parts of a range or list ("-", "to", "and", a comma before a date, "&")
_CONN = expand(
    r"(?:\s*[-–—]\s*|\s*,\s*(?:and\s+)?(?=(?:{WD}|{MON}|\d))(?![\w.]+['’]s\b)|"
    r"\s+(?:and|to|through|thru|until|till|into)\s+|\s*&\s*)(?:(?:on|in|from)\s+)?"
)
# a limit word kept in the span ("by Friday"); a part after a connector may be a bare May/March
_LIMIT = expand(r"(?P<lim>(?:{sometime_words}\s+)?{limit_words}\s+)")
_JOINED_CASED_MONTH = expand(r"{MONTH_CASED}\b(?!['’]s)")
_FIND_BODY = rf"(?:{_LIMIT}?(?:(?:{_ATOM})(?:{_CONN}(?:{_ATOM}|{_JOINED_CASED_MONTH}))*|{_SOLO}))"
# Every expression starts with a digit, Q1-4/H1-2 or a start word: checking them first (a cheap lookahead)
# spares the full grammar at most word starts and makes finding about three times faster.
_START_WORDS = sorted(set(words("start_words")), key=len, reverse=True)
_START = rf"(?=\d|[qh][1-4]\b|(?:{'|'.join(_START_WORDS)})(?![a-z]))"
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
