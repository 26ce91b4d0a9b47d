"""One ``meetings`` row from the mentions of one meeting.

- Dates: each dated mention proposes its interval; an interval's support is the number of mentions whose
  interval holds it ("April" holds "April 2"). The most supported wins, then the finest, then the earliest.
  Mentions whose days lie outside it set ``date_conflict`` and are listed in ``date_alternatives``.
- Parties: every mention's names, grouped by :func:`~extractors.language.names.keys.same_party`; each group is
  written once (a person by the most given full name; a group by its most given name), most named first.
- Place: the most specific place (a city over its country) that most mentions give; name: the most given. In
  a meeting of ``MANY_MENTIONS`` or more, only a place or name given by two mentions and ``MIN_SHARE`` of them.
- Evidence: the sentence of the most confident scheduled mention that agrees with the chosen dates.
- Status: ``held`` once a ``past`` mention published on or after the start says it took place (a meeting
  known only from such reports is ``held`` too).
- Parties of a meeting of ``MANY_MENTIONS`` or more are those named by at least two mentions (one article's
  stray name does not join a summit's list).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

from extractors.language.names.keys import name_key, same_party
from extractors.language.places import lookup
from extractors.meetings.mentions import Mention

MANY_MENTIONS = 5
MIN_SHARE = 0.1
_GRANULARITY_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def meeting_id(first: Mention) -> str:
    """The id of a meeting: a hash of its first-reported mention (published first, then lowest event id)."""
    return "m" + hashlib.sha256(f"meeting:{first.event_id}".encode()).hexdigest()[:19]


def _holds(outer: tuple[dt.date, dt.date], inner: tuple[dt.date, dt.date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def choose_interval(mentions: Sequence[Mention]) -> tuple[tuple[dt.date, dt.date, str] | None, list[str]]:
    """The meeting's interval and granularity (None when no mention is dated) and the other intervals given,
    as ``start/end (n)``, for the dated mentions whose days lie outside it."""
    dated = [(m.start_date, m.end_date, m.granularity or "day") for m in mentions if m.dated]
    if not dated:
        return None, []
    proposals = sorted(set(dated))
    support = {p: sum(_holds((q[0], q[1]), (p[0], p[1])) for q in dated) for p in proposals}
    best = min(proposals, key=lambda p: (-support[p], (p[1] - p[0]).days, _GRANULARITY_ORDER.get(p[2], 9), p))
    outside = Counter(f"{s.isoformat()}/{e.isoformat()}" for s, e, _ in dated if e < best[0] or s > best[1])
    return best, [f"{k} ({n})" for k, n in sorted(outside.items())]


def merge_parties(mentions: Sequence[Mention]) -> list[str]:
    """Each party once, by its fullest name, most named first (then first named)."""
    groups: list[list[str]] = []
    keys: list = []
    for m in mentions:
        for name in m.participants:
            key = name_key(name)
            if key is None:
                continue
            for k, g in zip(keys, groups, strict=True):
                if same_party(k, key):
                    g.append(name)
                    break
            else:
                keys.append(key)
                groups.append([name])
    order = sorted(range(len(groups)), key=lambda i: (-len(groups[i]), i))
    if len(mentions) >= MANY_MENTIONS:
        order = [i for i in order if len(groups[i]) >= 2]
    return [_fullest(groups[i], keys[i].person) for i in order]


def _fullest(names: list[str], person: bool) -> str:
    """A person by their fullest name ("Barack Obama" over "Obama"); a group or organisation by its most
    given name, the shorter on a tie ("G20 leaders" over "leaders of the Group of 20 major economies")."""
    if person or any(name_key(n).person for n in names):  # a full name, the most given, then the longest
        return max(names, key=lambda n: (len(n.split()) >= 2, names.count(n), len(n.split()), n))
    return max(names, key=lambda n: (names.count(n), -len(n.split()), n))


def supported(count: int, total: int) -> bool:
    """Whether a value given by ``count`` of ``total`` mentions may speak for a meeting of ``MANY_MENTIONS`` or
    more: at least two mentions and ``MIN_SHARE`` of them (one stray article's place or name does not)."""
    return total < MANY_MENTIONS or (count >= 2 and count >= MIN_SHARE * total)


def _place(mentions: Sequence[Mention]) -> Mention | None:
    counts = Counter(m.place for m in mentions if m.location)
    placed = [m for m in mentions if m.location and supported(counts[m.place], len(mentions))]
    if not placed:
        return None

    def rank(m: Mention) -> tuple:
        described = lookup(m.location.split(",")[0]) is None  # "the German capital" says less than "Berlin"
        return (m.in_area, -counts[m.place], m.latitude is None, described, m.sort_key)

    return min(placed, key=rank)


def meeting_row(mentions: Sequence[Mention], group: str) -> dict[str, Any]:
    """The row of one meeting (mentions sorted by publication), in the group ``group`` of matches."""
    scheduled = [m for m in mentions if m.status == "scheduled"] or list(mentions)
    interval, alternatives = choose_interval(mentions)
    start, end, granularity = interval if interval else (None, None, None)
    place = _place(mentions)
    names = Counter(m.event_name for m in mentions if m.event_name)
    names = Counter({n: c for n, c in names.items() if supported(c, len(mentions))})
    kinds = Counter(m.kind for m in scheduled)
    held = start is not None and any(m.status == "past" and m.published_date >= start for m in mentions)

    def agrees(m: Mention) -> bool:
        return start is None or (m.dated and not (m.end_date < start or m.start_date > end))

    rep = min(scheduled, key=lambda m: (not agrees(m), -m.confidence, -len(m.participants), m.sort_key))
    best: dict[str, float] = {}
    for m in mentions:
        best[m.article_id] = max(best.get(m.article_id, 0.0), m.confidence)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - min(max(c, 0.0), 1.0)
    return {
        "meeting_id": meeting_id(mentions[0]),
        "kind": min(kinds, key=lambda k: (-kinds[k], k)),
        "status": "held" if held else "scheduled",
        "participants": merge_parties(mentions),
        "location": place.location if place else None,
        "location_country": place.location_country if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "event_name": min(names, key=lambda n: (-names[n], -len(n), n)) if names else None,
        "start_date": start, "end_date": end, "granularity": granularity,
        "date_conflict": bool(alternatives), "date_alternatives": alternatives,
        "first_seen": mentions[0].published_date,
        "last_seen": max(m.published_date for m in mentions),
        "mention_count": len(mentions),
        "article_count": len(best),
        "article_ids": sorted(best),
        "event_ids": sorted(m.event_id for m in mentions),
        "confidence": round(1.0 - miss, 6),
        "evidence": rep.evidence,
        "evidence_article_id": rep.article_id,
        "mentions": [m.record() for m in mentions],
        "resolution_group": group,
    }
