"""Rows: each group of mentions -> one ``events`` row with the best-known date, place, name and people.

The evidence is the group's most complete mention of its status; the date comes from the mention with a
real date, else the finest one; place and name from any mention that states them;
participants from every mention, one spelling per person.
"""

from __future__ import annotations

import hashlib

from extractors.assembly.clustering import surnames
from extractors.assembly.linking import Mention
from extractors.language import timex
from extractors.language.document import Document

_GRAIN = {g: i for i, g in enumerate(timex.GRANULARITIES)}


def _date_key(m: Mention, best: Mention) -> tuple:
    """Which mention dates a group: a real date first, then the finest one."""
    grain = _GRAIN.get(m.interval.granularity, 9) if m.interval else 9
    return (m.dated, m.interval is not None, -grain, m is best)


def row(doc: Document, head: Mention, extractor: str) -> dict:
    """The ``events`` row (all columns but ``run_id``) of a group of mentions."""
    group = [head, *head.merged]
    status = next((m.status for m in group if m.status != "unclear"), "unclear")
    best = max(group, key=lambda m: (m.status == status, m.completeness, -group.index(m)))
    participants: list[str] = []
    for m in sorted(group, key=lambda m: m is not best):
        for name in m.participants:
            if name.lower().split()[-1] not in surnames(participants):
                participants.append(name)
    dated = max(group, key=lambda m: _date_key(m, best))
    located = best if best.location else next((m for m in group if m.location), best)
    named = best if best.event_name else next((m for m in group if m.event_name), best)
    place = located.place
    s = best.sentence
    article = doc.article
    key = f"{article.article_id}|{s.start}|{s.end}|{best.trigger_start}|{best.kind}"
    return {
        "event_id": hashlib.sha256(key.encode()).hexdigest()[:20],
        "article_id": article.article_id,
        "published_date": article.published_date,
        "kind": best.kind,
        "status": status,
        "trigger": best.trigger,
        "participants": participants,
        "location": place.name if place else None,
        "location_country": place.country if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "event_name": named.event_name,
        "date_text": dated.date_text,
        "start_date": dated.interval.start if dated.interval else None,
        "end_date": dated.interval.end if dated.interval else None,
        "granularity": dated.interval.granularity if dated.interval else None,
        "evidence": s.text,
        "evidence_start": s.start,
        "evidence_end": s.end,
        "confidence": round(max(m.confidence for m in group), 4),
        "extractor": extractor,
    }
