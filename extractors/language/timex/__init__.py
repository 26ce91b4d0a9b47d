"""Time expressions in news sentences: find them, and resolve them to calendar intervals.

``find_time_expressions(sentence)`` returns every time expression as a character span (longest match,
left to right, non-overlapping); ``resolve(expression, published, future=..., sentence=...)`` turns one
expression into an :class:`Interval` seen from the article's publication date, following
``shared/eval/GUIDELINES.md``.

Span conventions (those of the sentence-level training data): a leading "on"/"in"/"at"/"from"/"until"
is left out ("on Tuesday" -> "Tuesday"; "from March 30 to April 1" -> "March 30 to April 1"), while
words that change the meaning are kept ("by Friday", "before June", "within 30 days", "in two weeks",
"through the weekend", "next week", "later this month"). A possessive "'s" is never part of a span.

The package: ``find`` (finding expressions in a sentence), ``resolve`` (an expression to an interval
against the publication date), ``context`` (what the sentence says around the expression: tense,
same-day cues, ongoing events, anchors, phase) and ``vocabulary`` (the language data, loaded once from
``extractors/data``: ``calendar.tsv``, ``time_words.tsv``, ``time_subpatterns.tsv``, ``time_patterns.tsv``).
The choices made where the guidelines leave room are documented in the module that makes each of them.
``timex.resolve`` is the function; the module's other names import from ``extractors.language.timex.resolve``.
"""

from .context import phase
from .find import TimeMention, find_time_expressions
from .resolve import GRANULARITIES, Interval, resolve

__all__ = ["GRANULARITIES", "Interval", "TimeMention", "find_time_expressions", "phase", "resolve"]
