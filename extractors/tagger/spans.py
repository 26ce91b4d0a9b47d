"""What a tagger finds in one sentence: a meeting event as character spans of that sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("meeting", "summit", "talks", "visit", "conference", "call")
STATUSES = ("scheduled", "ongoing", "past", "unclear")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span ``[start, end)`` of a sentence, with its text."""

    start: int
    end: int
    text: str

    @classmethod
    def at(cls, sentence: str, start: int, end: int) -> Span:
        return cls(start, end, sentence[start:end])


@dataclass(slots=True)
class SentenceEvent:
    """One meeting event mentioned in a sentence (offsets relative to the sentence)."""

    trigger: Span
    kind: str  # one of KINDS
    status: str  # one of STATUSES
    participants: list[Span] = field(default_factory=list)
    time: Span | None = None
    place: Span | None = None
    event_name: Span | None = None
    confidence: float = 1.0
