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
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from extractors.ingest.articles import Article
from extractors.language import timex
from extractors.language.names import resolve_participants
from extractors.language.places import dateline, implies_local, is_time_word, resolve_place
from extractors.language.sentences import Sentence, split_sentences
from extractors.tagger.spans import SentenceEvent, Span


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
    side: bool = False  # held on the sidelines of another event
    rescheduled: bool = False  # the date is a new one ("pushed back to October 23")
    phase: str | None = None  # the date is the event's "start" ("starting Wednesday") or "end" ("wraps up")
    merged: list[Mention] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        """Has a date other than the publication day alone (which often dates the report, not the event),
        unless the phrase itself says a later hour of that day ("this afternoon", "tonight")."""
        iv = self.interval
        if iv is None:
            return False
        return not (iv.start == iv.end == self.published) or bool(_SAME_DAY.search(self.date_text or ""))

    @property
    def completeness(self) -> int:
        return (2 * self.dated + (self.interval is not None) + bool(self.participants) + bool(self.location)
                + bool(self.event_name))


_SAME_DAY = re.compile(r"\b(?:later today|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:(?:said|says|told|announced|reported|added|stated|confirmed|disclosed)"
    r"|(?:told|said\s+(?:at|in)|briefed)\s+(?:an?\s+|the\s+)?(?:(?:news|press)\s+conference|(?:news\s+|press\s+)?"
    r"briefing|reporters|journalists|statement|interview)(?:\s+(?:in|at|on)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?)"
    r"\s+(?:on\s+|late\s+|early\s+)?$")
_RESCHEDULED = re.compile(
    r"\b(?:postponed|pushed back|put off|delayed|moved|rescheduled|brought forward|pushed)\b[^.;]{0,40}?"
    r"\b(?:to|until|till|for)\s+(?:the\s+)?$", re.IGNORECASE)
_GOVERNS = re.compile(r"\b(?:before|after)$", re.IGNORECASE)
FALLBACK_WORDS = 15  # an untagged time expression further than this from the trigger is not its time
_GRAIN = {g: i for i, g in enumerate(timex.GRANULARITIES)}


def _fold_trips(events: list[SentenceEvent]) -> list[SentenceEvent]:
    """A visit/trip in a sentence with other events is the journey to them: the first takes its time and
    place, and the travellers take part in each ("Tillerson visits Europe to attend NATO meetings ... and
    talks with French officials")."""
    others = [e for e in events if e.kind != "visit"]
    if not others or len(others) == len(events):
        return events
    for trip in (e for e in events if e.kind == "visit"):
        others[0].time = others[0].time or trip.time
        others[0].place = others[0].place or trip.place
        for target in others:
            _add_participants(target, trip.participants)
    return others


def _add_participants(event: SentenceEvent, spans: list[Span]) -> None:
    """Append the spans ``event`` does not name yet (compared case-blind)."""
    known = {p.text.lower() for p in event.participants}
    event.participants += [p for p in spans if p.text.lower() not in known]


_SIDELINES = re.compile(r"\b(?:on|at)\s+the\s+(?:sidelines?|margins?)\s+of\b", re.IGNORECASE)


def _host(text: str, event: SentenceEvent, other: SentenceEvent) -> bool:
    """Is ``other`` the event on whose sidelines ``event`` is held ("meet Lavrov in Vienna on Thursday on the
    sidelines of the OSCE meeting")?"""
    side = _SIDELINES.search(text, event.trigger.end, other.trigger.start)
    return side is not None and len(text[side.end():other.trigger.start].split()) <= 6


def _compatible(text: str, a: SentenceEvent, b: SentenceEvent) -> bool:
    """Same status, and no conflicting time, place or name, and neither held on the sidelines of the other:
    two tags of one event."""
    if a.status != b.status or _host(text, a, b) or _host(text, b, a):
        return False
    pairs = ((a.time, b.time), (a.place, b.place), (a.event_name, b.event_name))
    return not any(x and y and x.text.lower() != y.text.lower() for x, y in pairs)


def _absorb(head: SentenceEvent, other: SentenceEvent) -> None:
    if other.event_name and not head.event_name:
        head.trigger, head.kind = other.trigger, other.kind
    head.time = head.time or other.time
    head.place = head.place or other.place
    head.event_name = head.event_name or other.event_name
    _add_participants(head, other.participants)
    head.confidence = max(head.confidence, other.confidence)


def _overlaps(a: Span | timex.TimeMention, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _unreported_times(text: str) -> list[timex.TimeMention]:
    """Time expressions of the sentence, leaving out those that date a report ("said on Tuesday")."""
    return [t for t in timex.find_time_expressions(text) if not _REPORTING.search(text[max(0, t.start - 60):t.start])]


def _one_clause(between: str) -> bool:
    """No clause break and at most ``FALLBACK_WORDS`` words between a trigger and its time."""
    return not re.search(r"[,;:]", between) and len(between.split()) <= FALLBACK_WORDS


def _relink_times(text: str, events: list[SentenceEvent]) -> None:
    """In a list of events, a time tagged to the next event belongs to the previous one: "an OSCE meeting in
    Vienna on Thursday and talks with French officials in Paris on Friday" — when the tagger gives "Thursday"
    to the talks and none to the meeting, the meeting takes it and the talks take the free time after their
    trigger. Moved only when that later time exists, in the same clause, before the next trigger."""
    ordered = sorted(events, key=lambda e: e.trigger.start)
    found = timex.find_time_expressions(text)
    for i, event in enumerate(ordered):
        time = event.time
        if not time or time.end > event.trigger.start:
            continue
        before = [e for e in ordered[:i] if e.trigger.end <= time.start]
        if not before or before[-1].time is not None or any(
                before[-1].trigger.end <= t.start and t.end <= time.start for t in found):
            continue  # the earlier event has a time of its own nearer
        limit = ordered[i + 1].trigger.start if i + 1 < len(ordered) else len(text)
        taken = [e.time for e in events if e is not event and e.time]
        after = [t for t in _unreported_times(text)
                 if event.trigger.end <= t.start and t.end <= limit and _one_clause(text[event.trigger.end:t.start])
                 and not any(_overlaps(t, s) for s in taken)]
        if after:
            before[-1].time = time
            event.time = Span.at(text, after[0].start, after[0].end)


def _sentence_events(events: list[SentenceEvent], text: str) -> list[SentenceEvent]:
    """The distinct events of one sentence: times relinked in lists, trips folded, compatible tags of one
    event merged."""
    groups: list[SentenceEvent] = []
    copies = [dataclasses.replace(e, participants=list(e.participants)) for e in events]
    _relink_times(text, copies)
    for event in _fold_trips(copies):
        head = next((g for g in groups if _compatible(text, g, event)), None)
        if head is None:
            groups.append(event)
        else:
            _absorb(head, event)
    return groups


def _future(status: str) -> bool | None:
    return {"scheduled": True, "past": False}.get(status)


def _time_span(sentence: Sentence, event: SentenceEvent) -> tuple[int, int] | None:
    """The event's time span in the sentence.

    The tagger's span, unless it has none or it lies on the trigger itself (a tagging slip); then the
    time expression nearest the trigger (preferring one after it, as English adjuncts follow), leaving out
    those that date a report ("said on Tuesday") and those more than ``FALLBACK_WORDS`` words away.
    """
    trigger, time = event.trigger, event.time
    if time and not _overlaps(time, trigger):
        return time.start, time.end
    text = sentence.text
    mentions = _unreported_times(text)
    if not mentions:
        return None
    def words_away(t: timex.TimeMention) -> int:
        if t.start >= trigger.end:
            return len(text[trigger.end:t.start].split())
        gap = len(text[t.end:trigger.start].split())  # one before the trigger counts double, unless it governs
        return gap if _GOVERNS.search(t.text) else 2 * gap  # the clause that follows ("one day before he hosts")

    nearest = min(mentions, key=words_away)
    return (nearest.start, nearest.end) if words_away(nearest) <= FALLBACK_WORDS else None


_TITLE_WORDS = re.compile(r"(?:\s+(?:[A-Z][\w.&-]*|of|and|for|the))*\s+")


def _without_possessors(text: str, spans: list[Span]) -> list[Span]:
    """Drop a country or body that only qualifies a titled participant ("Turkey's European Affairs
    Minister Ali Bozer" names Bozer, not Turkey)."""
    def possessor(p: Span) -> bool:
        if text[p.end:p.end + 2] not in ("'s", "’s"):
            return False
        return any(q.start > p.end and _TITLE_WORDS.fullmatch(text, p.end + 2, q.start) for q in spans)

    return [p for p in spans if not possessor(p)]


_NEXT_CLAUSE = re.compile(
    r"(?<!well)(?<!such)(?<!same)\s(?:as(?!\s+(?:well|part|soon|much|many|long|far|a|an|the|head|chair|leader)\b)|while|because|although|"
    r"though|whereas|but)\s")


def _in_clause(text: str, event: SentenceEvent, spans: list[Span]) -> list[Span]:
    """Drop spans in a later clause that starts after the trigger ("... to meet with House Democrats as
    President Obama and the White House sought to quell the uproar"): they are another verb's subject."""
    cut = _NEXT_CLAUSE.search(text, event.trigger.end)
    if cut is None:
        return spans
    kept = [p for p in spans if p.start < cut.start()]
    return kept or spans


_URGES = re.compile(
    r"(?:\s*,[^,;]{1,40},)?\s+(?:urged|urges|asked|asks|pressed|presses|called\s+on|calls\s+on|demanded|demands|"
    r"advised|advises|implored|begged)\s+(?=[A-Z\w])")
_CALL_OFF = re.compile(r"\sto\s+(?:call\s+off|cancel|postpone|scrap|skip|boycott|nix|delay|drop|put\s+off|"
                       r"pull\s+out\s+of|stay\s+away\s+from)\s+(?:[\w’'-]+\s+){0,2}$")
_AUXILIARY = re.compile(r"\b(?:is|was|are|were|be|been|has|had|have|will|would|could|should|may|might|can)\b")


_ATTRIBUTION = re.compile(r"(?:\s*,[^,;]{1,40},)?\s+(?:said|says|say|told|added|reported)\b")


def _without_urgers(text: str, event: SentenceEvent, spans: list[Span]) -> list[Span]:
    """Drop the subject of a verb that asks someone else about the event ("Senate Minority Leader Chuck
    Schumer, D-N.Y., urged Trump to call off the Putin meeting"): the one urged may meet, not the urger;
    and the source a report is attributed to after the event ("... will meet May 12, consumer delegates
    said")."""
    def urger(p: Span) -> bool:  # "X urged Y to call off the meeting"; not "... asked Y to reopen talks"
        m = _URGES.match(text, p.end)
        if m is None or m.end() >= event.trigger.start or not any(q.start >= m.end() for q in spans):
            return False
        return bool(_CALL_OFF.search(text, m.end(), event.trigger.start))

    def source(p: Span) -> bool:  # a closing attribution: after a break, the sentence ends a few words later
        if p.start <= event.trigger.end or not re.search(r"[,;:\"”]", text[event.trigger.end:p.start]):
            return False  # "visiting German Chancellor Angela Merkel said": the visitor herself
        m = _ATTRIBUTION.match(text, p.end)
        rest = text[m.end():] if m else ""
        return m is not None and len(rest.split()) <= 5 and not re.search(r"[\"“]|\bthat\b", rest) and not (
            _AUXILIARY.search(rest))

    return [p for p in spans if not urger(p) and not source(p)]


_HEARING_FOR = re.compile(r"\b(?:for|with)\s+(?P<who>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]+)")


def _hearing_subject(text: str, event: SentenceEvent, spans: list[Span]) -> list[Span]:
    """The person a hearing is held for ("a confirmation hearing on Nov. 28 for Jerome Powell")."""
    if event.kind != "conference" or "hearing" not in event.trigger.text.lower():
        return spans
    m = _HEARING_FOR.search(text, event.trigger.end, event.trigger.end + 40)
    if m is None or any(p.start <= m.start("who") < p.end for p in spans) or is_time_word(m["who"]):
        return spans  # none, known, or a date ("set a hearing for March 23")
    return [*spans, Span(m.start("who"), m.end("who"), m.group("who"))]


_PRONOUN_SUBJECT = re.compile(
    r"\b(?P<who>[Hh]e|[Ss]he|[Tt]hey)\s+(?:will|(?:is|are|was|were)\s+(?:also\s+)?(?:due|expected|scheduled|set|"
    r"slated|going)\s+to|plans?\s+to|planned\s+to|intends?\s+to)\b[^,;:.!?\"“”]{0,60}$")


_NAMED_SUBJECT = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?(?P<who>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][\w’'-]+){0,2})"
                            r"(?=\s+(?:also\s+|will\s+|is\s+|was\s+)?[a-z]+)")


_OWNER = re.compile(
    r"(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w.&-]*\s+(?:of\s+)?){0,4}?(?:[A-Z][\w.&-]*|company|bank|group|firm|board|committee|"
    r"commission|council|party|government|central\s+bank|union|alliance|cartel))['’]s\s+"
    r"(?:(?!(?:at|in|on|of|for|to|with|by|from|about|into|over|the|a|an|no|not|and|or|but|is|was|are|were|has|"
    r"had|have|will|would|meant|means|made|makes|said|says)\b)[a-z][\w-]*\s+){0,2}$")
_NOT_OWNERS = frozenset({"it", "there", "that", "this", "what", "he", "she", "who", "here", "where", "let"})


def _owner(text: str, event: SentenceEvent) -> Span | None:
    """Whose meeting it is, by a possessive right before the trigger ("the company's annual meeting"); not a
    day ("Monday's hearing") nor a contraction ("It's a matter for negotiations")."""
    m = _OWNER.search(text, 0, event.trigger.start)
    if m is None or m.group("who").lower() in _NOT_OWNERS or timex.find_time_expressions(m.group("who")):
        return None
    return Span(m.start("who"), m.end("who"), m.group("who"))


def _with_subject(text: str, event: SentenceEvent) -> list[Span]:
    """The event's participants, plus the subject the tagger missed: a pronoun subject of its planning
    clause ("... before he is due to host congressional leaders for talks"); for an event with no one
    named, the owner it belongs to ("the company's annual meeting"), or for a visit, the name that opens
    the sentence ("Ms. Tsai also sought ... during a visit to Central America")."""
    spans = event.participants
    owner = _owner(text, event) if not spans and event.kind != "visit" else None
    if owner:
        return [owner]  # "the company's annual meeting"
    lead = _NAMED_SUBJECT.match(text) if not spans and event.kind == "visit" else None
    if lead and lead.end() <= event.trigger.start:
        return [Span(lead.start("who"), lead.end("who"), lead.group("who"))]  # "Ms. Tsai ... during a visit to"
    m = _PRONOUN_SUBJECT.search(text, 0, event.trigger.start) if event.status == "scheduled" else None
    if m is None:
        return spans
    who = Span(m.start("who"), m.end("who"), m.group("who"))
    return spans if any(p.start <= who.start < p.end for p in spans) else [who, *spans]


_NAME_GOES_ON = re.compile(r"(?:\s[A-Z][\w.’'-]*){1,3}")


def _whole_name(text: str, span: Span) -> str:
    """A place span cut inside a name runs on to its end ("preferably in New| York"): when the span is no
    known place and some longer run of the name is."""
    more = _NAME_GOES_ON.match(text, span.end) if span.text[:1].isupper() and span.text[-1:].isalpha() else None
    if more is None or (known := resolve_place(span.text)) is None or known.country is not None:
        return span.text
    words = more.group(0).split()
    for n in range(len(words), 0, -1):
        longer = " ".join([span.text, *words[:n]])
        place = resolve_place(longer)
        if place is not None and place.country is not None and not timex.find_time_expressions(longer):
            return longer
    return span.text


def _mention(article: Article, sentence: Sentence, event: SentenceEvent) -> Mention:
    published, text = article.published_date, sentence.text
    span = _time_span(sentence, event)
    date_text = text[span[0]:span[1]] if span else None
    interval = timex.resolve(date_text, published, future=_future(event.status), sentence=text) if date_text else None
    spans = _with_subject(text, event)
    for refine in (_in_clause, _without_urgers, _hearing_subject):
        spans = refine(text, event, spans)
    spans = _without_possessors(text, spans)
    place = resolve_place(_whole_name(text, event.place)) if event.place else None
    if place is None and implies_local(text):
        place = dateline(article.text)  # "will arrive here" in a "BRUSSELS, March 26 -" story
    return Mention(
        sentence=sentence,
        trigger=event.trigger.text,
        trigger_start=sentence.start + event.trigger.start,
        kind=event.kind,
        status=event.status,
        participants=resolve_participants([p.text for p in spans], article.text, sentence.start,
                                          [sentence.start + p.start for p in spans]),
        location=place.name if place else None,
        event_name=event.event_name.text if event.event_name else None,
        date_text=date_text,
        interval=interval,
        confidence=event.confidence,
        published=published,
        side=bool(_SIDELINES.search(text, event.trigger.end)),
        rescheduled=bool(span and _RESCHEDULED.search(text[max(0, span[0] - 60):span[0]])),
        phase=timex.phase(text, span[0]) if span else None,
    )


def _surnames(names: list[str]) -> set[str]:
    return {n.lower().split()[-1] for n in names if n.split()}


def _same_time(a: Mention, b: Mention) -> bool:
    """Dates that can describe one event: equal, one a new date for it, or, for events of one kind, one
    refining the other ("its October meeting" / "meets next Thursday"; "later this month" / "Nov. 29 to
    Dec. 3"). A trip next week and a meeting on a day of that week stay apart."""
    x, y = a.interval, b.interval
    if not (a.dated and b.dated) or x == y or a.rescheduled or b.rescheduled:
        return True
    if a.kind != b.kind or _consecutive(a, b) or _consecutive(b, a):
        return False
    overlap = x.start <= y.end and y.start <= x.end
    nested = (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)
    return overlap and (x.granularity != y.granularity or nested)


def _consecutive(a: Mention, b: Mention) -> bool:
    """``a`` ends the day ``b`` starts: two legs of a tour ("will wrap up his visit to Seoul on Wednesday" /
    "Trump's visit starting on Wednesday")."""
    return a.phase == "end" and b.phase == "start" and a.interval.end == b.interval.start


def _same_place(a: str, b: str) -> bool:
    """"California" and "the state of California" are one place."""
    x, y = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return x in y or y in x


def _fits(m: Mention, status: str) -> bool:
    """Can unclear ``m`` be a mention of an event with ``status``? Not when its own date says otherwise."""
    if m.status != "unclear":
        return False
    if m.interval is None or m.published is None:
        return True
    return m.interval.end >= m.published if status == "scheduled" else m.interval.start <= m.published


def _same_event(a: Mention, b: Mention) -> bool:
    """Could ``a`` and ``b`` be two mentions of one event? An unclear status ("cancel the Putin meeting")
    agrees with either."""
    if a.status != b.status and not (_fits(a, b.status) or _fits(b, a.status)):
        return False
    if not _same_time(a, b):
        return False
    if a.event_name and b.event_name and a.event_name.lower() != b.event_name.lower():
        return False
    if a.location and b.location and not _same_place(a.location, b.location):
        return False
    sa, sb = _surnames(a.participants), _surnames(b.participants)
    if a.side != b.side and sa and sb:  # a side meeting is not its host event: same only if no one else takes part
        return (sb <= sa) if a.side else (sa <= sb)
    return not (sa and sb) or bool(sa & sb)


def _date_key(m: Mention, best: Mention) -> tuple:
    """Which mention dates a cluster: a new date first, then a real date, then the finest one."""
    grain = _GRAIN.get(m.interval.granularity, 9) if m.interval else 9
    return (m.rescheduled, m.dated, m.interval is not None, -grain, m is best)


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
    status = next((m.status for m in group if m.status != "unclear"), "unclear")
    best = max(group, key=lambda m: (m.status == status, m.completeness, -group.index(m)))
    participants: list[str] = []
    for m in sorted(group, key=lambda m: m is not best):
        for name in m.participants:
            if name.lower().split()[-1] not in _surnames(participants):
                participants.append(name)
    dated = max(group, key=lambda m: _date_key(m, best))
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


def _date_by_place(article: Article, head: Mention, sentences: Callable[[], list[Sentence]]) -> None:
    """An undated scheduled event in a named place takes the date the article puts right after that place
    in another sentence ("... other Americans in the room in Helsinki, Finland Monday"), when it gives the
    place exactly one such date, finer than a year and not past (the sentence's tense decides, as for any date)."""
    group = [head, *head.merged]
    located = next((m.location for m in group if m.location), None)
    if located is None or any(m.interval for m in group) or all(m.status != "scheduled" for m in group):
        return
    after_place = re.compile(rf"\b{re.escape(located)}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?,?\s+(?:on\s+)?$")
    found: dict[timex.Interval, str] = {}
    for sentence in sentences():
        if located not in sentence.text:
            continue
        for t in timex.find_time_expressions(sentence.text):
            if after_place.search(sentence.text, max(0, t.start - len(located) - 40), t.start):
                interval = timex.resolve(t.text, article.published_date, future=None, sentence=sentence.text)
                if interval is not None and interval.end >= article.published_date and interval.granularity != "year":
                    found.setdefault(interval, t.text)
    if len(found) == 1:
        (head.interval, head.date_text), = found.items()


def assemble(article: Article, found: list[tuple[Sentence, list[SentenceEvent]]], *, extractor: str) -> list[dict]:
    """Event rows (``schemas.EVENTS`` columns except ``run_id``) for one article."""
    mentions = [
        _mention(article, sentence, event)
        for sentence, events in found
        for event in _sentence_events(events, sentence.text)
    ]
    heads = _cluster(mentions)
    sentences = cache(lambda: list(split_sentences(article.text)))  # split once, only if a head needs it
    for head in heads:
        _date_by_place(article, head, sentences)
    return [_row(article, head, extractor) for head in heads]
