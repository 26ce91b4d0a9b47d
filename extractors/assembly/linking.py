"""Linking: the events the tagger found in one sentence -> resolved mentions.

Within a sentence, a trip made to attend another event folds into it and tags of one event merge
(``sentence_events``); each event then becomes a ``Mention``: its time expression (the one the tagger
linked, else the nearest in its clause) resolved against the publication date, its participants named in
full (``extractors.language.names``) and its place looked up (``extractors.language.places``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from extractors.assembly.rules import ALL, RuleSet
from extractors.language import timex
from extractors.language.document import Document
from extractors.language.names import resolve_participants
from extractors.language.places import Place, implies_local, is_time_word, resolve_place
from extractors.language.sentences import Sentence
from extractors.language.timex.vocabulary import expand, number
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
    place: Place | None  # looked up once, here
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
        """Has a date of its own: not none, and not the publication day got from no time expression (an event
        in progress) or from a bare "today" (which mostly dates the report, not the event)."""
        iv = self.interval
        if iv is None:
            return False
        return not (iv.start == iv.end == self.published) or not _REPORT_DAY.fullmatch(self.date_text or "")

    @property
    def location(self) -> str | None:
        return self.place.name if self.place else None

    @property
    def completeness(self) -> int:
        return (2 * self.dated + (self.interval is not None) + bool(self.participants) + bool(self.location)
                + bool(self.event_name))


_REPORT_DAY = re.compile(r"|today|now|currently", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:(?:said|says|told|announced|reported|added|stated|confirmed|disclosed)"
    r"|(?:told|said\s+(?:at|in)|briefed)\s+(?:an?\s+|the\s+)?(?:(?:news|press)\s+conference|(?:news\s+|press\s+)?"
    r"briefing|reporters|journalists|statement|interview)(?:\s+(?:in|at|on)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?)"
    r"\s+(?:on\s+|late\s+|early\s+)?$")
_CALLED_OFF = re.compile(
    r"\b(?:cancel(?:led|ed|s)?|called\s+off|calls\s+off|postpone[ds]?|delay(?:ed|s)?|scrap(?:ped|s)?|put\s+off|"
    r"puts\s+off|shelve[ds]?|suspend(?:ed|s)?|abandon(?:ed|s)?)\s+(?:(?:a|an|the|his|her|their|its|this|that|"
    r"planned|scheduled|upcoming|proposed|[\w’'-]+['’]s)\s+){0,3}$", re.IGNORECASE)
_INVITED = re.compile(r"\binvit(?:e|es|ed|ing)\s+(?:[\w’'-]+,?\s+){0,20}?to\s+(?:come\s+(?:and\s+)?)?$", re.IGNORECASE)
_RESCHEDULED = re.compile(
    r"\b(?:postponed|pushed back|put off|delayed|moved|rescheduled|brought forward|pushed)\b[^.;]{0,40}?"
    r"\b(?:to|until|till|for)\s+(?:the\s+)?$", re.IGNORECASE)
_GOVERNS = re.compile(r"\b(?:before|after)$", re.IGNORECASE)
FALLBACK_WORDS = 15  # an untagged time expression further than this from the trigger is not its time
SIDELINES = re.compile(r"\b(?:on|at)\s+the\s+(?:sidelines?|margins?)\s+of\b", re.IGNORECASE)


# --------------------------------------------------------------------------- events of one sentence


def _fold_trips(events: list[SentenceEvent]) -> list[SentenceEvent]:
    """A trip whose only stated purpose is one other event of the sentence is a mention of that event (the
    guidelines' worked example: "travel to the United States next week on his way to Peru for the APEC
    summit"): the event takes the trip's time and place if it has none, and the travellers. A trip to several
    events stays an entry of its own beside them ("visits Europe next week to attend NATO meetings ... and
    talks in Paris"), and its travellers take part in each."""
    trips = [e for e in events if e.kind == "visit"]
    others = [e for e in events if e.kind != "visit"]
    if not trips or not others:
        return events
    for trip in trips:
        for target in others:
            add_participants(target, trip.participants)
    if len(others) > 1:
        return events
    others[0].time = others[0].time or trips[0].time
    others[0].place = others[0].place or trips[0].place
    return others


def add_participants(event: SentenceEvent, spans: list[Span]) -> None:
    """Append the spans ``event`` does not name yet (compared case-blind)."""
    known = {p.text.lower() for p in event.participants}
    event.participants += [p for p in spans if p.text.lower() not in known]


def _host(text: str, event: SentenceEvent, other: SentenceEvent) -> bool:
    """Is ``other`` the event on whose sidelines ``event`` is held ("meet Lavrov in Vienna on Thursday on the
    sidelines of the OSCE meeting")?"""
    side = SIDELINES.search(text, event.trigger.end, other.trigger.start)
    return side is not None and len(text[side.end():other.trigger.start].split()) <= 6


def _compatible(text: str, a: SentenceEvent, b: SentenceEvent, rules: RuleSet) -> bool:
    """Same status, and no conflicting time, place or name, and neither held on the sidelines of the other:
    two tags of one event."""
    if a.status != b.status or (rules.on("side-meetings") and (_host(text, a, b) or _host(text, b, a))):
        return False
    pairs = ((a.time, b.time), (a.place, b.place), (a.event_name, b.event_name))
    return not any(x and y and x.text.lower() != y.text.lower() for x, y in pairs)


def _absorb(head: SentenceEvent, other: SentenceEvent) -> None:
    if other.event_name and not head.event_name:
        head.trigger, head.kind = other.trigger, other.kind
    head.time = head.time or other.time
    head.place = head.place or other.place
    head.event_name = head.event_name or other.event_name
    add_participants(head, other.participants)
    head.confidence = max(head.confidence, other.confidence)


def sentence_events(events: list[SentenceEvent], text: str, rules: RuleSet = ALL) -> list[SentenceEvent]:
    """The distinct events of one sentence: trips folded, compatible tags of one event merged."""
    groups: list[SentenceEvent] = []
    copies = [dataclasses.replace(e, participants=list(e.participants)) for e in events]
    for event in _fold_trips(copies) if rules.on("trip-fold") else copies:
        head = next((g for g in groups if _compatible(text, g, event, rules)), None) if rules.on("tag-merge") else None
        if head is None:
            groups.append(event)
        else:
            _absorb(head, event)
    return groups


# --------------------------------------------------------------------------- time


def _overlaps(a: Span | timex.TimeMention, b: Span | timex.TimeMention) -> bool:
    return a.start < b.end and b.start < a.end


def unreported_times(text: str, found: list[timex.TimeMention]) -> list[timex.TimeMention]:
    """Time expressions of the sentence, leaving out those that date a report ("said on Tuesday")."""
    return [t for t in found if not _REPORTING.search(text[max(0, t.start - 60):t.start])]


ADJACENT_WORDS = 6  # a time this close after the trigger, in its clause, is its adjunct ("meet on Monday")


def _adjacent_time(text: str, found: list[timex.TimeMention], trigger: Span, siblings: list[SentenceEvent]
                   ) -> timex.TimeMention | None:
    """The time expression that follows the trigger as its adjunct: within ``ADJACENT_WORDS`` words, no
    clause break and no other event's trigger in between."""
    for t in found:
        if t.start < trigger.end:
            continue
        between = text[trigger.end:t.start]
        if len(between.split()) > ADJACENT_WORDS or re.search(r"[,;:()]|\s[-–—]\s", between) or any(
                trigger.end <= e.trigger.start < t.start for e in siblings):
            return None
        return t
    return None


def _other_clause(text: str, trigger: Span, t: Span | timex.TimeMention) -> bool:
    """Does a clause boundary stand between the trigger and a time after it ("The visit comes as lawmakers on
    Monday were planning ...": Monday dates the planning)?"""
    return t.start >= trigger.end and bool(_NEXT_CLAUSE.search(text, trigger.end - 1, t.start) or re.search(
        r"[;:]", text[trigger.end:t.start]))


def _time_span(doc: Document, i: int, event: SentenceEvent, rules: RuleSet,
               siblings: list[SentenceEvent] = ()) -> tuple[int, int] | None:
    """The event's time span in sentence ``i``.

    The tagger's span, unless it has none or it lies on the trigger itself (a tagging slip), or it lies
    before the trigger or across a clause break while a time follows the trigger as its adjunct ("the
    decision would come next week after ministers meet on Monday"); then the time expression nearest the
    trigger (preferring one after it, as English adjuncts follow), leaving out those that date a report
    ("said on Tuesday") and those more than ``FALLBACK_WORDS`` words away.
    """
    trigger, time = event.trigger, event.time
    text = doc.sentences[i].text
    if time and rules.on("clause-time") and _other_clause(text, trigger, time):
        time = None  # it dates another clause's verb ("The visit comes as lawmakers on Monday were planning")
    if time and rules.on("time-extent"):  # the tagger says where, the grammar how far: "later" -> "later this week"
        time = next((Span(t.start, t.end, t.text) for t in doc.times(i) if _overlaps(t, time)), time)
    if time and not _overlaps(time, trigger):
        detached = time.end <= trigger.start or re.search(r"[,;:]", text[trigger.end:time.start])
        if rules.on("adjacent-time") and detached:
            near = _adjacent_time(text, unreported_times(text, doc.times(i)), trigger, siblings)
            if near is not None and not _overlaps(near, time):
                return near.start, near.end
        return time.start, time.end
    if not rules.on("time-fallback"):
        return None
    mentions = [t for t in unreported_times(text, doc.times(i)) if not _other_clause(text, trigger, t)]
    if not mentions:
        return None

    def words_away(t: timex.TimeMention) -> int:
        if t.start >= trigger.end:
            return len(text[trigger.end:t.start].split())
        gap = len(text[t.end:trigger.start].split())  # one before the trigger counts double, unless it governs
        return gap if _GOVERNS.search(t.text) else 2 * gap  # the clause that follows ("one day before he hosts")

    nearest = min(mentions, key=words_away)
    return (nearest.start, nearest.end) if words_away(nearest) <= FALLBACK_WORDS else None


_UNDER_WAY_BEFORE = re.compile(
    r"(?:\b(?:during|amid|throughout|midway\s+through|in\s+the\s+(?:middle|course)\s+of|as\s+part\s+of|"
    r"at\s+the\s+end\s+of)\s+(?:[\w.’'-]+\s+){0,6}|\b(?:is|are)\s+(?:now\s+|currently\s+)?on\s+(?:a|an|his|her|"
    r"their)\s+(?:[\w’'-]+\s+){0,3}|\b(?:is|are)\s+(?:now\s+|currently\s+)?(?:hosting|attending|holding)\s+"
    r"(?:[\w.’'-]+\s+){0,6})$", re.IGNORECASE)
_UNDER_WAY_AFTER = re.compile(r"\s+(?:[\w.’'-]+\s+){0,8}?(?:(?:is|are)\s+)?(?:taking\s+place|under\s*way|in\s+session|"
                              r"in\s+progress)\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:will|would|shall|'ll|to\s+be|next|upcoming|coming|planned|plans?|scheduled|expected|due)"
                      r"\b[^,;:]*$", re.IGNORECASE)


def under_way(text: str, trigger: Span) -> bool:
    """Does the sentence put the event in progress at publication ("during his trip to Asia", "who is on a
    European visit", "whose bank is hosting the symposium", "the conference taking place near San Diego")?
    Not when a plan governs its clause ("will be on a visit", "will speak during the meeting")."""
    before = text[max(0, trigger.start - 80):trigger.start]
    if _PLANNED.search(before):
        return False
    return bool(_UNDER_WAY_BEFORE.search(before) or _UNDER_WAY_AFTER.match(text, trigger.end))


_NUMBER = expand(r"(?:{number}|\d{1,2})")  # the calendar's number words
_LENGTH_BEFORE = re.compile(rf"\b(?P<n>{_NUMBER})[- ](?P<unit>day|week)(?:[- ]long)?\s+(?:[\w’'-]+\s+){{0,3}}$",
                            re.IGNORECASE)  # "a three-day visit", "a 10-day Asian trip", "a two-week tour of"
_LENGTH_OF = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week)s\s+of\s+(?:[\w’'-]+\s+){{0,2}}$",
                        re.IGNORECASE)  # "two days of talks"
_LENGTH_FOR = re.compile(rf"\s+(?:[\w’'-]+\s+){{0,4}}?for\s+(?P<n>{_NUMBER})\s+(?P<unit>day|week)s\b",
                         re.IGNORECASE)  # "talks in Geneva for two days"
_ENDING = re.compile(r"\b(?:ending|ends|end|until|through|till|wrapping\s+up|wraps\s+up|concluding|"
                     r"concludes)\s+(?:on\s+)?$", re.IGNORECASE)


def _stated_length(text: str, trigger: Span) -> int | None:
    """Days the sentence says the event lasts ("a three-day visit", "two days of talks", "for two weeks")."""
    before = text[max(0, trigger.start - 60):trigger.start]
    m = _LENGTH_BEFORE.search(before) or _LENGTH_OF.search(before) or _LENGTH_FOR.match(text, trigger.end)
    if m is None:
        return None
    days = number(m["n"].lower())
    return days * (7 if m["unit"].lower() == "week" else 1) if days else None


def with_length(interval: timex.Interval, text: str, trigger: Span, time_start: int) -> timex.Interval:
    """A one-day date of an event with a stated length becomes its whole span: from that day ("a four-day
    visit starting Monday"), or up to it when the date is the end ("a 12-day trip ending on Nov. 14")."""
    if interval.granularity != "day":
        return interval
    days = _stated_length(text, trigger)
    if not days or days < 2:
        return interval
    if _ENDING.search(text, 0, time_start):
        return timex.Interval(interval.end - dt.timedelta(days=days - 1), interval.end, "day")
    if interval.start != interval.end:
        return interval
    return timex.Interval(interval.start, interval.start + dt.timedelta(days=days - 1), "day")


def _future(status: str) -> bool | None:
    return {"scheduled": True, "past": False}.get(status)


# --------------------------------------------------------------------------- participants


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
    r"(?<!well)(?<!such)(?<!same)\s(?:as(?!\s+(?:well|part|soon|much|many|long|far|a|an|the|head|chair|leader)\b)|"
    r"while|because|although|though|whereas|but)\s")


def _in_clause(text: str, event: SentenceEvent, spans: list[Span]) -> list[Span]:
    """Drop spans in a later clause that starts after the trigger ("... to meet with House Democrats as
    President Obama and the White House sought to quell the uproar"): they are another verb's subject."""
    cut = _NEXT_CLAUSE.search(text, event.trigger.end)
    if cut is None:
        return spans
    return [p for p in spans if p.start < cut.start()]


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
    r"(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w.&-]*\s+(?:of\s+)?){0,4}?(?:[A-Z][\w.&-]*|company|bank|group|firm|board|"
    r"committee|commission|council|party|government|central\s+bank|union|alliance|cartel))['’]s\s+"
    r"(?:(?!(?:at|in|on|of|for|to|with|by|from|about|into|over|the|a|an|no|not|and|or|but|is|was|are|were|has|"
    r"had|have|will|would|meant|means|made|makes|said|says)\b)[a-z][\w-]*\s+){0,2}$")
_NOT_OWNERS = frozenset({"it", "there", "that", "this", "what", "he", "she", "who", "here", "where", "let"})


def _owner(text: str, event: SentenceEvent, times: list[timex.TimeMention]) -> Span | None:
    """Whose meeting it is, by a possessive right before the trigger ("the company's annual meeting"); not a
    day ("Monday's hearing") nor a contraction ("It's a matter for negotiations")."""
    m = _OWNER.search(text, 0, event.trigger.start)
    if m is None or m.group("who").lower() in _NOT_OWNERS:
        return None
    who = Span(m.start("who"), m.end("who"), m.group("who"))
    return None if any(_overlaps(t, who) for t in times) else who


def _with_subject(text: str, event: SentenceEvent, times: list[timex.TimeMention]) -> list[Span]:
    """The event's participants, plus the subject the tagger missed: a pronoun subject of its planning
    clause ("... before he is due to host congressional leaders for talks"); for an event with no one
    named, the owner it belongs to ("the company's annual meeting"), or for a visit, the name that opens
    the sentence ("Ms. Tsai also sought ... during a visit to Central America")."""
    spans = event.participants
    owner = _owner(text, event, times) if not spans and event.kind != "visit" else None
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


def _participant_spans(doc: Document, i: int, event: SentenceEvent, rules: RuleSet) -> list[Span]:
    text = doc.sentences[i].text
    spans = _with_subject(text, event, doc.times(i)) if rules.on("subject") else event.participants
    for name, refine in (("later-clause", _in_clause), ("urgers", _without_urgers),
                         ("hearing-subject", _hearing_subject)):
        if rules.on(name):
            spans = refine(text, event, spans)
    return _without_possessors(text, spans) if rules.on("possessors") else spans


# --------------------------------------------------------------------------- places


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


# --------------------------------------------------------------------------- the mention


def mention(doc: Document, i: int, event: SentenceEvent, rules: RuleSet = ALL,
            siblings: list[SentenceEvent] = ()) -> Mention:
    """One event of sentence ``i`` (beside ``siblings``, the other events of that sentence) as a resolved
    mention."""
    sentence = doc.sentences[i]
    text = sentence.text
    span = _time_span(doc, i, event, rules, [e for e in siblings if e is not event])
    date_text = text[span[0]:span[1]] if span else None
    interval = timex.resolve(date_text, doc.published, future=_future(event.status), sentence=text,
                             week=doc.week_frame(i) if rules.on("week-frame") else 0,
                             same_weekday=rules.on("same-weekday")) if date_text else None
    status = event.status
    if status == "scheduled" and interval is not None and interval.end < doc.published and rules.on("past-date"):
        status = "past"  # "at its meeting earlier this month": a date already gone says the event is gone
    if status == "scheduled" and interval is None and rules.on("called-off") and _CALLED_OFF.search(
            text, 0, event.trigger.start):
        status = "unclear"  # "has delayed a planned trip": postponed with no new date, or cancelled
    if status == "scheduled" and interval is None and rules.on("open-invitation") and _INVITED.search(
            text, 0, event.trigger.start):
        status = "unclear"  # "invited him to visit China": an invitation with no date is no plan yet
    if interval is not None and span and rules.on("durations"):
        interval = with_length(interval, text, event.trigger, span[0])
    if interval is None and status == "scheduled" and rules.on("ongoing-today") and under_way(
            text, event.trigger):
        interval = timex.Interval(doc.published, doc.published, "day")  # guidelines: ongoing, no time expression
    spans = _participant_spans(doc, i, event, rules)
    place = None
    if event.place:
        place = resolve_place(_whole_name(text, event.place) if rules.on("place-runs-on") else event.place.text)
    if place is None and rules.on("dateline-here") and implies_local(text):
        place = doc.dateline  # "will arrive here" in a "BRUSSELS, March 26 -" story
    return Mention(
        sentence=sentence,
        trigger=event.trigger.text,
        trigger_start=sentence.start + event.trigger.start,
        kind=event.kind,
        status=status,
        participants=resolve_participants([p.text for p in spans], doc.text, sentence.start,
                                          [sentence.start + p.start for p in spans], doc.sentence_spans),
        place=place,
        event_name=event.event_name.text if event.event_name else None,
        date_text=date_text,
        interval=interval,
        confidence=event.confidence,
        published=doc.published,
        side=bool(SIDELINES.search(text, event.trigger.end)),
        rescheduled=bool(span and _RESCHEDULED.search(text[max(0, span[0] - 60):span[0]])),
        phase=timex.phase(text, span[0]) if span else None,
    )
