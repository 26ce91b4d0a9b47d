"""An ensemble teacher: several trained taggers, their events combined by majority vote.

The shared recipe's seeds disagree by several points (model card), and a majority of them is steadier than any one:
on validation, seven students' vote links arguments and finds participants better than each of its members.
These cores cannot train the larger MPNet teacher to the end, so the vote of trained students labels corpus
sentences for the student instead (``agenda distill --teacher A --teacher B ...``).

The vote, per sentence: a trigger (its exact span) is kept when at least ``need`` members find it; its kind and
status are the members' most common ones. Arguments are grouped across members by overlap (one member's
"Prime Minister Shinzo Abe" and another's "Shinzo Abe" are one participant); a group is kept when at least
``need`` members give it to the trigger, as its most common exact span. A time, place or event name keeps the
best-supported group only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from extractors.tagger.spans import SentenceEvent, Span


def majority(members: int) -> int:
    """The smallest number of members that is more than half of them."""
    return members // 2 + 1


def span_groups(per_member: Sequence[Sequence[Span]]) -> list[tuple[Span, int]]:
    """Spans of several members grouped by overlap: each group's most common exact span (the earliest member's
    on a tie) and how many members have a span in it, in sentence order."""
    groups: list[list[tuple[int, Span]]] = []
    for member, spans in enumerate(per_member):
        for span in spans:
            group = next((g for g in groups if any(span.start < o.end and o.start < span.end for _, o in g)), None)
            if group is None:
                groups.append([(member, span)])
            else:
                group.append((member, span))
    out = []
    for group in groups:
        modal = Counter((s.start, s.end) for _, s in group).most_common(1)[0][0]
        out.append((next(s for _, s in group if (s.start, s.end) == modal), len({m for m, _ in group})))
    return sorted(out, key=lambda g: (g[0].start, g[0].end))


def vote(per_member: Sequence[Sequence[SentenceEvent]], need: int | None = None) -> list[SentenceEvent]:
    """The events of one sentence that at least ``need`` (default: a majority) of the members agree on."""
    need = need or majority(len(per_member))
    by_trigger: dict[tuple[int, int], list[SentenceEvent]] = {}
    for events in per_member:
        for e in events:
            by_trigger.setdefault((e.trigger.start, e.trigger.end), []).append(e)
    return [SentenceEvent(
        trigger=events[0].trigger,
        kind=Counter(e.kind for e in events).most_common(1)[0][0],
        status=Counter(e.status for e in events).most_common(1)[0][0],
        participants=[s for s, n in span_groups([e.participants for e in events]) if n >= need],
        time=_single(events, "time", need), place=_single(events, "place", need),
        event_name=_single(events, "event_name", need),
        confidence=round(math.fsum(e.confidence for e in events) / len(per_member), 4))
        for _, events in sorted(by_trigger.items()) if len(events) >= need]


def _single(events: list[SentenceEvent], attr: str, need: int) -> Span | None:
    """The best-supported span of a single-valued argument (time, place, event name), if ``need`` members give
    one in its group."""
    spans = [getattr(e, attr) for e in events]
    kept = [g for g in span_groups([[span] if span else [] for span in spans]) if g[1] >= need]
    return max(kept, key=lambda g: g[1])[0] if kept else None


class VotingTagger:
    """Taggers (anything with ``tag(sentences)``) behind one ``tag``: their majority vote per sentence."""

    name = "vote"

    def __init__(self, members: Sequence, need: int | None = None) -> None:
        if len(members) < 2:
            raise ValueError("a vote needs at least two taggers")
        self.members = list(members)
        self.version = "+".join(str(getattr(m, "version", "?")) for m in self.members)
        self.need = need or majority(len(self.members))
        if not 1 <= self.need <= len(self.members):
            raise ValueError(f"need must be between 1 and {len(self.members)}")

    def tag(self, sentences: Sequence[str]) -> list[list[SentenceEvent]]:
        outputs = [m.tag(sentences) for m in self.members]
        return [vote([o[i] for o in outputs], self.need) for i in range(len(sentences))]
