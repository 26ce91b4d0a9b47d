"""The ``baseline`` tagger: transparent lexical rules, kept as the yardstick for the model.

Trigger words map to kinds; tense and modal cues give the status; the time is the first time
expression; participants are capitalised names; the place is a capitalised phrase after "in"/"to".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.language import timex
from extractors.tagger.spans import SentenceEvent, Span

__version__ = "1.0"

_TRIGGERS: list[tuple[str, str]] = [
    ("summit", r"summit(?:s)?"),
    ("conference", r"conference|congress|convention|forum|hearing|annual\s+(?:general\s+)?meeting|agm"),
    ("talks", r"talks|negotiations?|negotiate|discussions"),
    ("call", r"(?:phone|telephone|video)\s+call"),
    ("visit", r"visit(?:s|ed|ing)?|trip|travel(?:s|led|led|ing)?|tour"),
    ("meeting", r"meet(?:s|ing|ings)?|met"),
]
TRIGGER_RE = re.compile(
    "|".join(rf"(?P<{kind}>\b(?:{pattern})\b)" for kind, pattern in _TRIGGERS), re.IGNORECASE
)
NOT_EVENTS = re.compile(
    r"\bmeet(?:s|ing)?\s+(?:the\s+|its\s+|their\s+|analysts'\s+)?(?:expectations?|targets?|demand|deadlines?|"
    r"needs|requirements|obligations|criteria|standards|goals?|forecasts?|estimates)\b"
    r"|\b(?:news|press)\s+conference\b|\bconference\s+call\b",
    re.IGNORECASE,
)
FUTURE = re.compile(
    r"\b(?:will|shall|to\s+(?:meet|hold|visit|attend|travel|host)|expected|scheduled|due|plans?|planned|"
    r"planning|set\s+to|next|upcoming|later|tomorrow|agreed\s+to|going\s+to|would\s+meet)\b",
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:met|held|was|were|had|last\s+(?:week|month|year)|yesterday|ago|ended|concluded|after\s+the)\b",
    re.IGNORECASE,
)
UNCLEAR = re.compile(
    r"\b(?:could|might|may\s+(?:meet|hold)|if|called\s+for|urged|proposed|cancel(?:led|ed)?|postponed)\b",
    re.IGNORECASE,
)
NAME = re.compile(r"\b[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’.-]+){0,2}\b")
PLACE = re.compile(r"\b(?:in|to|at)\s+((?:the\s+)?[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,2})")
EVENT_NAME = re.compile(
    r"((?:[A-Z][\w&()-]*\s+|\([A-Z]+\)\s+){1,6}(?:summit|conference|forum|meeting|congress|session))",
)
_NOT_NAMES = {"The", "A", "An", "He", "She", "They", "It", "We", "But", "And", "In", "On", "At", "This",
              "That", "Reuters", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
              "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "President", "Minister", "Prime"}


def _status(sentence: str) -> str:
    if UNCLEAR.search(sentence):
        return "unclear"
    if FUTURE.search(sentence):
        return "scheduled"
    return "past" if PAST.search(sentence) else "unclear"


def _participants(sentence: str, exclude: list[Span | None]) -> list[Span]:
    taken = [(s.start, s.end) for s in exclude if s]
    out = []
    for m in NAME.finditer(sentence):
        if m.group(0).split()[0] in _NOT_NAMES:
            continue
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        out.append(Span.at(sentence, m.start(), m.end()))
    return out


def tag_sentence(sentence: str) -> list[SentenceEvent]:
    """At most one event per sentence: the first trigger that is not an idiom."""
    if NOT_EVENTS.search(sentence) and not TRIGGER_RE.search(NOT_EVENTS.sub("", sentence)):
        return []
    masked = NOT_EVENTS.sub(lambda m: " " * len(m.group(0)), sentence)
    trig = TRIGGER_RE.search(masked)
    if trig is None:
        return []
    kind = trig.lastgroup or "meeting"
    times = timex.find_time_expressions(sentence)
    time = Span(times[0].start, times[0].end, times[0].text) if times else None
    place_m = PLACE.search(sentence, trig.start())
    place = Span.at(sentence, place_m.start(1), place_m.end(1)) if place_m else None
    if place and time and place.start < time.end and time.start < place.end:
        place = None
    name_m = EVENT_NAME.search(sentence)
    event_name = Span.at(sentence, name_m.start(1), name_m.end(1)) if name_m else None
    return [SentenceEvent(
        trigger=Span.at(sentence, trig.start(), trig.end()),
        kind=kind,
        status=_status(sentence),
        participants=_participants(sentence, [time, place, event_name]),
        time=time,
        place=place,
        event_name=event_name,
        confidence=0.5,
    )]


class LexicalTagger:
    """The ``baseline`` tagger."""

    name = "baseline"
    version = __version__

    def tag(self, sentences: Sequence[str]) -> list[list[SentenceEvent]]:
        return [tag_sentence(s) for s in sentences]
