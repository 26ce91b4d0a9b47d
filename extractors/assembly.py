"""Assembly: tagged sentence events -> one row per meeting event per article.

Steps: (1) within a sentence, a trip made to attend another event folds into that event, and tags
that do not conflict (time, place, name, status) are one event; (2) each
remaining event becomes a *mention* with its time resolved against the publication date, participants
named in full and its place looked up; (3) mentions of the same event across sentences are clustered;
(4) each cluster becomes one row whose evidence is its most complete sentence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from extractors import timex
from extractors.articles import Article
from extractors.participants import resolve_participants
from extractors.places import resolve_place
from extractors.sentences import Sentence
from extractors.spans import SentenceEvent


@dataclass(slots=True)
class Mention:
    """One event as stated in one sentence, resolved."""

    sentence: Sentence
    trigger: str
    trigger_start: int  # absolute offset in the article text
    kind: str
    status: str
    participants: list[str]
    location: str | None
    event_name: str | None
    date_text: str | None
    interval: timex.Interval | None
    confidence: float
    published: dt.date | None = None
    merged: list[Mention] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        """Has a date other than the publication day alone (which often dates the report, not the event)."""
        iv = self.interval
        return iv is not None and not (iv.start == iv.end == self.published)

    @property
    def completeness(self) -> int:
        return (2 * self.dated + (self.interval is not None) + bool(self.participants) + bool(self.location)
                + bool(self.event_name))


def _fold_trips(events: list[SentenceEvent]) -> list[SentenceEvent]:
    """A visit/trip in a sentence with another event is the journey to it: fold its time in."""
    others = [e for e in events if e.kind != "visit"]
    if not others or len(others) == len(events):
        return events
    target = others[0]
    for trip in (e for e in events if e.kind == "visit"):
        target.time = target.time or trip.time
        target.place = target.place or trip.place
        target.participants = target.participants or list(trip.participants)
    return others


def _compatible(a: SentenceEvent, b: SentenceEvent) -> bool:
    """Same status, and no conflicting time, place or name: two tags of one event."""
    if a.status != b.status:
        return False
    pairs = ((a.time, b.time), (a.place, b.place), (a.event_name, b.event_name))
    return not any(x and y and x.text.lower() != y.text.lower() for x, y in pairs)


def _absorb(head: SentenceEvent, other: SentenceEvent) -> None:
    if other.event_name and not head.event_name:
        head.trigger, head.kind = other.trigger, other.kind
    head.time = head.time or other.time
    head.place = head.place or other.place
    head.event_name = head.event_name or other.event_name
    known = {p.text.lower() for p in head.participants}
    head.participants += [p for p in other.participants if p.text.lower() not in known]
    head.confidence = max(head.confidence, other.confidence)


def _sentence_events(events: list[SentenceEvent]) -> list[SentenceEvent]:
    """The distinct events of one sentence: trips folded, compatible tags of one event merged."""
    groups: list[SentenceEvent] = []
    for event in _fold_trips([dataclasses.replace(e, participants=list(e.participants)) for e in events]):
        head = next((g for g in groups if _compatible(g, event)), None)
        if head is None:
            groups.append(event)
        else:
            _absorb(head, event)
    return groups


def _future(status: str) -> bool | None:
    return {"scheduled": True, "past": False}.get(status)


def _time_text(sentence: Sentence, event: SentenceEvent) -> str | None:
    """The event's time span; if the tagger gave none, the time expression nearest its trigger."""
    if event.time:
        return event.time.text
    trigger = event.trigger
    mentions = timex.find_time_expressions(sentence.text)
    if not mentions:
        return None
    nearest = min(mentions, key=lambda t: max(t.start - trigger.end, trigger.start - t.end, 0))
    return nearest.text


def _mention(article: Article, sentence: Sentence, event: SentenceEvent) -> Mention:
    published = article.published_date
    date_text = _time_text(sentence, event)
    interval = (timex.resolve(date_text, published, future=_future(event.status), sentence=sentence.text)
                if date_text else None)
    place = resolve_place(event.place.text) if event.place else None
    return Mention(
        sentence=sentence,
        trigger=event.trigger.text,
        trigger_start=sentence.start + event.trigger.start,
        kind=event.kind,
        status=event.status,
        participants=resolve_participants([p.text for p in event.participants], article.text, sentence.start),
        location=place.name if place else None,
        event_name=event.event_name.text if event.event_name else None,
        date_text=date_text,
        interval=interval,
        confidence=event.confidence,
        published=published,
    )


def _surnames(names: list[str]) -> set[str]:
    return {n.lower().split()[-1] for n in names if n.split()}


def _same_event(a: Mention, b: Mention) -> bool:
    """Could ``a`` and ``b`` be two mentions of one event?"""
    if a.status != b.status:
        return False
    if a.dated and b.dated and a.interval != b.interval:
        return False
    if a.event_name and b.event_name and a.event_name.lower() != b.event_name.lower():
        return False
    if a.location and b.location and a.location.lower() != b.location.lower():
        return False
    sa, sb = _surnames(a.participants), _surnames(b.participants)
    return not (sa and sb) or bool(sa & sb)


def _cluster(mentions: list[Mention]) -> list[Mention]:
    """Greedy clustering; each head keeps the other mentions in ``merged``."""
    heads: list[Mention] = []
    for m in mentions:
        for head in heads:
            if m.sentence is not head.sentence and all(_same_event(m, x) for x in (head, *head.merged)):
                head.merged.append(m)
                break
        else:
            heads.append(m)
    return heads


def _row(article: Article, head: Mention, extractor: str) -> dict:
    group = [head, *head.merged]
    best = max(group, key=lambda m: (m.completeness, -group.index(m)))
    participants: list[str] = []
    for m in sorted(group, key=lambda m: m is not best):
        for name in m.participants:
            if name.lower().split()[-1] not in _surnames(participants):
                participants.append(name)
    dated = max(group, key=lambda m: (m.dated, m.interval is not None, m is best))
    located = best if best.location else next((m for m in group if m.location), best)
    named = best if best.event_name else next((m for m in group if m.event_name), best)
    place = resolve_place(located.location)
    s = best.sentence
    key = f"{article.article_id}|{s.start}|{s.end}|{best.trigger_start}|{best.kind}"
    return {
        "event_id": hashlib.sha256(key.encode()).hexdigest()[:20],
        "article_id": article.article_id,
        "published_date": article.published_date,
        "kind": best.kind,
        "status": best.status,
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


def assemble(article: Article, found: list[tuple[Sentence, list[SentenceEvent]]], *, extractor: str) -> list[dict]:
    """Event rows (``schemas.EVENTS`` columns except ``run_id``) for one article."""
    mentions = [
        _mention(article, sentence, event)
        for sentence, events in found
        for event in _sentence_events(events)
    ]
    return [_row(article, head, extractor) for head in _cluster(mentions)]
