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
from extractors.language.lexicon import DATA, word_sets
from extractors.language.names import resolve_participants
from extractors.language.names.lexicon import CORE_TITLES, DETERMINERS, LOCATIVE, TITLE_COMPLEMENTS
from extractors.language.names.recognise import word_key
from extractors.language.places import Place, implies_local, named_place, resolve_place
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
    phase: str | None = None  # the date is the event's "start" ("starting Wednesday") or "end" ("wraps up")
    moved: bool = False  # dated by the new time of a move ("That meeting has been pushed back to October 23")
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


MEETING_WORDS = DATA / "meeting_words.tsv"  # the word sets of meeting resolution (linking, clustering, rows)

_REPORT_DAY = re.compile(r"|today|now|currently", re.IGNORECASE)
_REPORTING_VERBS = r"said|says|told|announced|reported|added|stated|confirmed|disclosed"
_REPORTING = re.compile(
    rf"\b(?:(?:{_REPORTING_VERBS})"
    r"|(?:told|said\s+(?:at|in)|briefed)\s+(?:an?\s+|the\s+)?(?:(?:news|press)\s+conference|(?:news\s+|press\s+)?"
    r"briefing|reporters|journalists|statement|interview)(?:\s+(?:in|at|on)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?)"
    r"\s+(?:on\s+|late\s+|early\s+)?$")
# the occasion of a quote: "told Reuters on the sidelines of the World Economic Forum", "Speaking at the European
# Exchanges Summit in London", "said at a Brookings Institution conference"
_QUOTE_SETTING = re.compile(
    r"\b(?:speaking|spoke|speaks|said|says|told(?:\s+[\w’'-]+){0,3}?|telling(?:\s+[\w’'-]+){0,3}?)"
    r"(?:\s+in\s+an\s+interview)?\s+(?:at|on\s+the\s+(?:sidelines|margins)\s+of|during)\s+"
    r"(?:the|an?|this|last|[\w’'.-]+['’]s)\s+(?:(?!(?:next|upcoming|coming|forthcoming|before|after|ahead|when|while|as|"
    r"for|to|where|which|that|leaving|heading)\b)[\w’'.&/-]+\s+){0,6}$", re.IGNORECASE)
_CALLED_OFF = re.compile(
    r"\b(?:cancel(?:led|ed|s)?|called\s+off|calls\s+off|postpone[ds]?|delay(?:ed|s)?|scrap(?:ped|s)?|put\s+off|"
    r"puts\s+off|shelve[ds]?|suspend(?:ed|s)?|abandon(?:ed|s)?)\s+(?:(?:a|an|the|his|her|their|its|this|that|"
    r"planned|scheduled|upcoming|proposed|[\w’'-]+['’]s)\s+){0,3}$", re.IGNORECASE)
_CANCELLED_AFTER = re.compile(  # "the talks on Monday were called off"; "was due to visit Japan, but canceled"
    r"^(?:(?:\s+[\w’'.-]+){0,6}?\s+(?:was|were|has\s+been|have\s+been|had\s+been)"
    r"|[^.;:!?]{0,60}?,\s+but(?:\s+(?:he|she|they|it|later|then))?(?:\s+(?:was|were|has\s+been|had\s+been))?)"
    r"\s+(?:cancel(?:l?ed)|called\s+(?:it\s+)?off|scrapped|shelved|abandoned)\b", re.IGNORECASE)
_INVITED = re.compile(r"\binvit(?:e|es|ed|ing)\s+(?:[\w’'-]+,?\s+){0,20}?to\s+(?:come\s+(?:and\s+)?)?$", re.IGNORECASE)


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


def _compatible(a: SentenceEvent, b: SentenceEvent) -> bool:
    """Same status, and no conflicting time, place or name: two tags of one event."""
    if a.status != b.status:
        return False
    pairs = ((a.time, b.time), (a.place, b.place), (a.event_name, b.event_name))
    return not any(x and y and x.text.lower() != y.text.lower() for x, y in pairs)


_AT_GATHERING = re.compile(
    r"\b(?:(?P<side>on\s+the\s+(?:sidelines|margins|fringes)\s+of)|at|during)\s+(?:an?|the|this|next|"
    r"[\w’'.-]+['’]s)\s+(?:[\w’'.&()/-]+\s+){0,6}$", re.IGNORECASE)


def held_at(text: str, first: tuple[int, str, list[str]], second: tuple[int, str]) -> bool:
    """Whether the event whose trigger ends at ``first[0]`` (kind ``first[1]``, parties ``first[2]``) is held at
    the gathering whose trigger starts at ``second[0]`` (kind ``second[1]``), as an event of its own: on its
    sidelines ("hold talks on the sidelines of the G20 summit"), or at it with a party named as its own after the
    trigger ("will meet Medvedev on Monday at a summit of the SCO"; not "policy makers meeting at the G20
    summit" nor "will meet other leaders at a summit", who attend it). Guidelines: a summit and a bilateral on
    it are entries of their own."""
    gathering = word_sets(MEETING_WORDS)["KIND.gathering"]
    if first[1] in gathering or second[1] not in gathering or first[0] > second[0]:
        return False
    at = _AT_GATHERING.search(text, first[0], second[0])
    if at is None:
        return False
    if at["side"] is not None:
        return True
    return any(named_party(p) and _object(text[first[0]:at.start()], p.split()[-1]) for p in first[2])


def _object(after: str, last: str) -> bool:
    """Whether ``after`` (the text after a trigger) opens with a name ending in ``last``: the trigger's object
    ("meet Kremlin chief Dmitry Medvedev", "talks with the Chinese premier Wen"; not "meet on the fifth we will
    decide, Naimi told")."""
    words = after.split()
    if last not in words:
        return False
    lead = words[:words.index(last)]
    if lead and lead[0].lower() == "with":
        lead = lead[1:]
    return len(lead) <= 5 and _title_words(lead)


def _title_words(words: list[str]) -> bool:
    """Words that may stand before a name as its title ("the Chinese Vice Premier", "Kremlin chief")."""
    return all(w[:1].isupper() or w.lower() in CORE_TITLES | TITLE_COMPLEMENTS | {"the", "of", "and"} for w in words)


def named_party(text: str) -> bool:
    """A party named by a proper name ("Dmitry Medvedev", "Kremlin chief Dmitry Medvedev"), not described ("other
    world leaders", "the leaders of Britain and France", "two members of the Cabinet", "delegates")."""
    return text[:1].isupper() and text.split()[0].lower() not in DETERMINERS


def _on_sidelines(text: str, a: SentenceEvent, b: SentenceEvent) -> bool:
    """:func:`held_at` for two tags of one sentence, in either order."""
    first, second = sorted((a, b), key=lambda e: e.trigger.start)
    return held_at(text, (first.trigger.end, first.kind, [p.text for p in first.participants]),
                   (second.trigger.start, second.kind))


_GATHERINGS = frozenset({"summit", "meeting", "conference"})
_REFERS_BACK = re.compile(r"\b(?:the|that|this)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)


def coordinated(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Two gatherings of different kinds (each its trigger's start and end in ``text``, and its kind) that "and"
    joins are two events ("the bloc's leaders hold a crisis summit and the ECB has its final policy meeting"; not
    "will meet and hold talks", one sitting told two ways)."""
    (_, first_end, first_kind), (second_start, _, second_kind) = sorted((a, b))
    return (first_kind != second_kind and {first_kind, second_kind} <= _GATHERINGS
            and bool(re.search(r"\band\b", text[first_end:second_start]))
            and not _REFERS_BACK.search(text, 0, second_start))  # "a summit ... and the November 15 meeting"


def _take_time_and_place(event: SentenceEvent, gathering: SentenceEvent) -> None:
    """A meeting held at a gathering takes its time and place when it states none."""
    event.time = event.time or gathering.time
    event.place = event.place or gathering.place


def _absorb(head: SentenceEvent, other: SentenceEvent) -> None:
    if other.event_name and not head.event_name:
        head.trigger, head.kind = other.trigger, other.kind
    head.time = head.time or other.time
    head.place = head.place or other.place
    head.event_name = head.event_name or other.event_name
    add_participants(head, other.participants)
    head.confidence = max(head.confidence, other.confidence)


_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}"
_HOST_BEFORE = re.compile(rf"\b(?P<host>{_NAME})\s+(?:hosts|will\s+host|is\s+hosting|is\s+to\s+host|is\s+due\s+to\s+"
                          rf"host|hosted)\s+(?:[\w’'.-]+\s+){{0,6}}$")
_HOST_AFTER = re.compile(rf"(?:\s+[\w’'.()-]+){{0,6}}?(?:,?\s+which\s+(?P<host>{_NAME})\s+(?:hosts|will\s+host|is\s+"
                         rf"hosting)|\s+hosted\s+by\s+(?P<by>{_NAME}))\b")


def _host(text: str, trigger: Span) -> Place | None:
    """The country or city that hosts the event, where the sentence says so ("France hosts a jobs summit on
    Tuesday", "an APEC summit on Nov 13-14, which Japan hosts", "a meeting hosted by Guatemala"): where it is
    held (guidelines: the most specific place the article gives)."""
    found = _HOST_BEFORE.search(text, max(0, trigger.start - 80), trigger.start) or _HOST_AFTER.match(
        text, trigger.end)
    if found is None:
        return None
    place = resolve_place(found["host"] or found.groupdict().get("by"))
    return place if place is not None and place.country is not None else None


_WORD_BEFORE = re.compile(r"([\w’']+)\s+(?:the\s+)?$")


def _place_among_participants(text: str, event: SentenceEvent, siblings: list[SentenceEvent],
                              surnames: frozenset[str]) -> None:
    """A known place tagged as a participant after "in", "at" or "to" ("on his way to Peru for the summit
    there") is where the event is held, when the event has no place of its own: none, or one another event of
    the sentence also claims; not a surname of someone the article names ("aides to Obama" beside "Barack
    Obama": Obama is also a Japanese city), which, tagged as the place, is a participant ("will visit Obama")."""
    if event.place and word_key(event.place.text) in surnames:  # "will visit Obama in Chicago": a person
        add_participants(event, [event.place])
        event.place = None
    if event.place and not any(e.place == event.place for e in siblings if e is not event):
        return
    for p in event.participants:
        before = _WORD_BEFORE.search(text, 0, p.start)
        if before and before.group(1).lower() in (*LOCATIVE, "to") and word_key(p.text) not in surnames and (
                place := resolve_place(p.text)) and place.country is not None:
            event.place = p
            event.participants = [q for q in event.participants if q is not p]
            return


_AND = re.compile(r"\band\s+((?:[a-z]+\s+)*)$")


def _shared_subject(text: str, events: list[SentenceEvent]) -> None:
    """An event with no participants, whose verb is coordinated by "and" with an earlier event's verb, takes
    that event's subject ("OPEC ministers last met in March and are due to meet again on September 9"): the
    earlier event's participants, all named before its trigger."""
    between_words = word_sets(MEETING_WORDS)["AND_VERB"]
    ordered = sorted(events, key=lambda e: e.trigger.start)
    for k, event in enumerate(ordered):
        if event.participants:
            continue
        for other in reversed(ordered[:k]):
            if not other.participants or other.trigger.end > event.trigger.start:
                continue
            joined = _AND.search(text, other.trigger.end, event.trigger.start)
            if joined and all(w in between_words for w in joined.group(1).split()) and all(
                    p.end <= other.trigger.start for p in other.participants):
                add_participants(event, other.participants)
            break


_SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.IGNORECASE)
_FIRST = re.compile(r"\s*(?:(?:separately|again|also|jointly)\s+)?(?:with\s+|to\s+)?", re.IGNORECASE)
_NEXT = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:with\s+|to\s+)?", re.IGNORECASE)
_BEFORE_TIME = re.compile(r"\s*(?:\b(?:on|in|at|from)\s*)?$", re.IGNORECASE)


def _split(event: SentenceEvent, parts: list[tuple[Span | None, Span | None, Span | None]]) -> list[SentenceEvent]:
    """Copies of ``event``, one per (party, place, time) part, each with the parties named before the trigger."""
    subject = [p for p in event.participants if p.end <= event.trigger.start]
    return [dataclasses.replace(event, participants=subject + ([party] if party else []),
                                place=place or event.place, time=time or event.time) for party, place, time in parts]


def _argument(text: str, start: int, end: int, objects: list[Span], place: Span | None
              ) -> tuple[Span | None, Span | None] | None:
    """The one party or place that fills ``text[start:end]`` (a party's title words may precede it), else None."""
    end = start + len(_BEFORE_TIME.sub("", text[start:end]))
    inside = [p for p in objects if start <= p.start and p.end <= end]
    if len(inside) == 1:
        party = inside[0]
        if text[party.end:end].strip() == "" and _title_words(text[start:party.start].split()):
            return party, None
        return None
    core = text[start:end].strip()
    if inside or not core or not all(w[:1].isupper() for w in core.split()):
        return None
    if place and core == place.text:
        return None, place
    found = resolve_place(core)
    if found is None or found.country is None:
        return None
    at = text.index(core, start)
    return None, Span(at, at + len(core), core)


def _split_by_time(text: str, event: SentenceEvent, times: list[timex.TimeMention]) -> list[SentenceEvent]:
    """One event per party (or place) and time coordinated after the trigger ("will meet Wang on Tuesday and Wen
    on Wednesday", "visits Paris on Monday and Berlin on Thursday"); the event itself when there are no two."""
    after = [t for t in times if t.start >= event.trigger.end]
    if len(after) < 2 or (event.time is not None and not any(_overlaps(event.time, t) for t in after)):
        return [event]
    objects = [p for p in event.participants if p.start >= event.trigger.end]
    parts: list[tuple[Span | None, Span | None, Span | None]] = []
    cursor = event.trigger.end
    for k, t in enumerate(after):
        lead = (_NEXT if k else _FIRST).match(text, cursor)
        got = _argument(text, lead.end(), t.start, objects, event.place) if lead else None
        if got is None:
            break
        parts.append((*got, Span(t.start, t.end, t.text)))
        cursor = t.end
    if len(parts) < 2:
        return [event]
    if any(party for party, _, _ in parts) and any(place for _, place, _ in parts):
        return [event]  # parties and places mixed: no one coordination
    return _split(event, parts)


def _split_separately(text: str, event: SentenceEvent) -> list[SentenceEvent]:
    """One event per party after the trigger when the subject meets them separately ("will meet separately with
    Geithner and Pelosi on Wednesday", "held separate meetings with A and B"); the event itself otherwise."""
    objects = [p for p in event.participants if p.start >= event.trigger.end]
    if len(objects) < 2 or not any(p.end <= event.trigger.start for p in event.participants):
        return [event]
    if not _SEPARATE.search(text, max(0, event.trigger.start - 20), objects[0].start):
        return [event]
    return _split(event, [(party, None, None) for party in objects])


def sentence_events(events: list[SentenceEvent], text: str, rules: RuleSet = ALL,
                    surnames: frozenset[str] = frozenset(), times: list[timex.TimeMention] = ()
                    ) -> list[SentenceEvent]:
    """The distinct events of one sentence: places among the participants moved (never a word in
    ``surnames``, those of the people the article names with a given name), trips folded, compatible tags of one
    event merged, and (``split-objects``) an event with parties met separately or at several times split.
    ``times`` are the sentence's time expressions."""
    groups: list[SentenceEvent] = []
    copies = [dataclasses.replace(e, participants=list(e.participants)) for e in events]
    if rules.on("locative-participant"):
        for event in copies:
            _place_among_participants(text, event, copies, surnames)
    if rules.on("shared-subject"):
        _shared_subject(text, copies)
    for event in _fold_trips(copies) if rules.on("trip-fold") else copies:
        held = [g for g in groups if rules.on("sidelines") and _on_sidelines(text, g, event)]
        head = next((g for g in groups if _compatible(g, event) and g not in held
                     and not (rules.on("coordinated") and coordinated(
                         text, (g.trigger.start, g.trigger.end, g.kind),
                         (event.trigger.start, event.trigger.end, event.kind)))),
                    None) if rules.on("tag-merge") else None
        if head is None:
            groups.append(event)
        else:
            _absorb(head, event)
        for g in held:  # the meeting (earlier in the sentence) takes the gathering's time and place
            _take_time_and_place(*sorted((g, event), key=lambda e: e.trigger.start))
    if rules.on("split-objects"):
        groups = [part for event in groups for split in _split_by_time(text, event, times)
                  for part in _split_separately(text, split)]
    return groups


# --------------------------------------------------------------------------- time


def _overlaps(a: Span | timex.TimeMention, b: Span | timex.TimeMention) -> bool:
    return a.start < b.end and b.start < a.end


def unreported_times(text: str, found: list[timex.TimeMention]) -> list[timex.TimeMention]:
    """Time expressions of the sentence, leaving out those that date a report ("said on Tuesday")."""
    return [t for t in found if not _REPORTING.search(text[max(0, t.start - 60):t.start])]


ADJACENT_WORDS = 6  # a time this close after the trigger, in its clause, is its adjunct ("meet on Monday")
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–—]\s|\b(?:unless|if|whether|because|although|though|while|whereas)\b",
                           re.IGNORECASE)  # "at its policy meeting unless payroll numbers due on Friday ..."


def _adjacent_time(text: str, found: list[timex.TimeMention], trigger: Span, siblings: list[SentenceEvent]
                   ) -> timex.TimeMention | None:
    """The time expression that follows the trigger as its adjunct: within ``ADJACENT_WORDS`` words, no
    clause break and no other event's trigger in between."""
    for t in found:
        if t.start < trigger.end:
            continue
        between = text[trigger.end:t.start]
        if len(between.split()) > ADJACENT_WORDS or _CLAUSE_BREAK.search(between) or any(
                trigger.end <= e.trigger.start < t.start for e in siblings):
            return None
        return t
    return None


def _whole_time(time: Span, found: list[timex.TimeMention]) -> Span:
    """The whole time expression a tagged time span is part of ("the end of" in "before the end of May",
    "later" in "later this week"): the grammar's expression that holds it, else the span as tagged."""
    whole = next((t for t in found if t.start <= time.start and time.end <= t.end and t.end - t.start > len(time.text)),
                 None)
    return Span(whole.start, whole.end, whole.text) if whole else time


def _other_clause(text: str, trigger: Span, t: Span | timex.TimeMention) -> bool:
    """Does a clause boundary stand between the trigger and a time after it ("The visit comes as lawmakers on
    Monday were planning ...": Monday dates the planning)?"""
    return t.start >= trigger.end and bool(_NEXT_CLAUSE.search(text, trigger.end - 1, t.start) or re.search(
        r"[;:]", text[trigger.end:t.start]))


def _time_span(doc: Document, i: int, event: SentenceEvent, rules: RuleSet,
               siblings: list[SentenceEvent] = ()) -> tuple[int, int] | None:
    """The event's time span in sentence ``i``: the one the tagger linked, unless it dates another clause, or
    it lies before the trigger or across a clause break while a time follows the trigger as its adjunct ("the
    decision would come next week after ministers meet on Monday"). None when the tagger linked none, or only
    the trigger itself (a tagging slip): a time the model did not give the event is not guessed.
    """
    trigger, time = event.trigger, event.time
    text = doc.sentences[i].text
    if time and rules.on("time-snap"):
        time = _whole_time(time, doc.times(i))
    if time and rules.on("clause-time") and _other_clause(text, trigger, time):
        time = None  # it dates another clause's verb ("The visit comes as lawmakers on Monday were planning")
    if time and not _overlaps(time, trigger):
        dateline = rules.on("dateline-date") and doc.sentences[i].start + time.start < doc.dateline_end
        split = any(e.trigger == trigger for e in siblings)  # one of a trigger's coordinated events: its own time
        detached = not split and (time.end <= trigger.start or re.search(r"[,;:]", text[trigger.end:time.start]))
        if rules.on("adjacent-time") and detached:
            near = _adjacent_time(text, unreported_times(text, doc.times(i)), trigger, siblings)
            if near is not None and not _overlaps(near, time):
                return near.start, near.end
        return None if dateline else (time.start, time.end)  # "WASHINGTON, June 15 -" dates the report
    if event.time is None and rules.on("phrase-modifiers"):
        inner = _modifier_time(text, doc.times(i), event)
        if inner is not None:
            return inner.start, inner.end
    if event.time is None and rules.on("opening-time"):
        opening = _opening_time(text, event, doc.times(i))
        if opening is not None:
            return opening.start, opening.end
    if event.time is None and rules.on("when-clause"):
        head = _when_head(text, unreported_times(text, doc.times(i)), trigger)
        if head is not None:  # the day itself, not a deadline up to it ("by November 15, when ...")
            bound = _DEADLINE.match(text, head.start, head.end)
            return bound.end() if bound else head.start, head.end
    return None


# A meeting moved to a new time ("has brought forward an emergency meeting to October 24 from November 18", "That
# meeting has now been pushed back to October 23"): the verb, near the trigger, then "to" and the new time.
_MOVED = re.compile(r"\b(?:postpon(?:ed|es?|ing)|delay(?:ed|s|ing)?|pushed\s+back|push(?:es|ing)?\s+back|moved|"
                    r"mov(?:es?|ing)\s+(?:up|forward|back)|brought\s+forward|bring(?:s|ing)?\s+forward|"
                    r"re-?schedul(?:ed|es?|ing)|put\s+(?:off|back)|advanced|shifted)\b", re.IGNORECASE)
_TO_NEW_TIME = re.compile(r"\b(?:to|until|till)\s+(?:on\s+)?$", re.IGNORECASE)  # "put off ... until Wednesday"
_RANGE_TO = re.compile(r"\s+to\s+(?=\S)", re.IGNORECASE)  # a range read as one expression: its end is the new time
_MOVED_REACH = 60  # characters between the trigger and the verb that moves it


def _new_time(text: str, found: list[timex.TimeMention], trigger: Span) -> timex.TimeMention | None:
    """The new time of a meeting the sentence moves ("put off the talks to next week", "postponed the meeting until
    Wednesday"): a time right after "to" or "until", after both the trigger and a moving verb that lies within
    ``_MOVED_REACH`` characters of it with no clause break between them."""
    for verb in _MOVED.finditer(text):
        near = trigger.start - _MOVED_REACH <= verb.start() <= trigger.end + _MOVED_REACH
        if not near or re.search(r"[,;:]", text[min(verb.start(), trigger.start):max(verb.end(), trigger.end)]):
            continue
        for t in found:
            if t.start < max(verb.end(), trigger.end):
                continue
            if _TO_NEW_TIME.search(text, 0, t.start):
                return t
            if to := _RANGE_TO.search(t.text):  # "scheduled for Sunday to Saturday": a range read as one
                return timex.TimeMention(t.start + to.end(), t.end, t.text[to.end():])
    return None


_WHEN = re.compile(r",?\s+when\s", re.IGNORECASE)
# Between "when" and the trigger: a clause of its own ("on Monday, when OPEC said it would meet")
_WHEN_BREAK = re.compile(rf"[;:]|\b(?:when|{_REPORTING_VERBS})\b", re.IGNORECASE)
_DEADLINE = re.compile(r"(?:by|before|until|till|no\s+later\s+than)\s+", re.IGNORECASE)


def _when_head(text: str, found: list[timex.TimeMention], trigger: Span) -> timex.TimeMention | None:
    """The time a "when" clause holding the trigger hangs on ("a crucial time next week, when the bloc's leaders
    hold a summit"): the relative "when" takes the time right before it as its antecedent. Not across a ";" or
    ":", another "when" or a reporting verb, whose clause the event is in ("on Monday, when OPEC said it would
    meet")."""
    for t in found:
        when = _WHEN.match(text, t.end)
        if when and when.end() <= trigger.start and not _WHEN_BREAK.search(text, when.end(), trigger.start):
            return t
    return None


# Before a time that opens the sentence: an opening quote or bracket and a preposition ("“From Nov. 29 to Dec. 3,")
_OPENING = re.compile(r"\W*(?:(?:on|from|in|at|by|until|since|early|late|later)\s+)?", re.IGNORECASE)
# Between the opening time's comma and the trigger: a clause of the time's own ("On Monday, Toshiba said it was open
# to talks"), a time relation ("Next Wednesday, the day before the strategy meeting"), another phrase or clause
_OPENING_BREAK = re.compile(rf"[,;:]|\b(?:{_REPORTING_VERBS}|quoted|according|showed|that|before|after|ahead|eve|"
                            r"since|until|when|while|if)\b", re.IGNORECASE)
# a trigger inside a prepositional phrase belongs to another verb's clause ("A month from now, nominations are due for
# Yahoo's annual meeting"; "On Tuesday, the chairman of the EU summit delivered a report")
_GOVERNED = re.compile(r"\b(?:of|for|at|in|on|about|over|from|by|into|during|with)\s+"
                       r"(?:(?!(?:will|would|is|are|was|were|be|been|has|have|had|to)\s)[\w’'.&-]+\s+){0,4}$",
                       re.IGNORECASE)
_PLANNED_CLAUSE = re.compile(r"\b(?:is|are)\s+(?:to\s|\w+ing\b)", re.IGNORECASE)  # "are testifying", "is to visit"
OPENING_WORDS = 12  # the trigger within this many words of the opening time's comma


def _opening_time(text: str, event: SentenceEvent, found: list[timex.TimeMention]) -> timex.TimeMention | None:
    """A time that opens the sentence, set off by a comma, dates the clause it heads ("From Nov. 29 to Dec. 3,
    the ambassador will visit California", "On Wednesday, Trump aides will meet congressional leaders"): the
    trigger within ``OPENING_WORDS`` words of the comma, not inside a prepositional phrase, with no other time,
    clause or reporting verb between; a scheduled event's clause says it is ahead ("will", "is to", "are
    testifying"; not "On Saturday, France and Germany agreed at a summit")."""
    trigger = event.trigger
    if not found or not _OPENING.fullmatch(text, 0, found[0].start) or not text.startswith(",", found[0].end):
        return None
    first, between = found[0], text[found[0].end + 1:trigger.start]
    ahead = _FUTURE.search(between) or _PLANNED_CLAUSE.search(between)
    if (trigger.start <= first.end or len(between.split()) > OPENING_WORDS or _OPENING_BREAK.search(between)
            or _GOVERNED.search(between) or (event.status == "scheduled" and not ahead)
            or any(first.end < t.start < trigger.start for t in found)):
        return None
    return first


_NAME_WORDS = re.compile(r"(?:\s+[A-Z0-9][\w.&’'-]*)*\s+$")  # "G20 ", " EU ": name words between a time and the noun


def _modifier_time(text: str, found: list[timex.TimeMention], event: SentenceEvent) -> timex.TimeMention | None:
    """A time inside the event's name or right before its trigger noun, among name words only ("the G20
    November summit", "the OPEC March meeting"): the tagger gives such a modifier no time of its own."""
    lo = event.event_name.start if event.event_name else event.trigger.start
    for t in found:
        if lo <= t.start and t.end <= event.trigger.start and _NAME_WORDS.fullmatch(
                " " + text[t.end:event.trigger.start]):
            return t
    return None


_UNDER_WAY_BEFORE = re.compile(
    r"(?:\b(?:during|amid|throughout|midway\s+through|in\s+the\s+(?:middle|course)\s+of|as\s+part\s+of|"
    r"at\s+the\s+(?:end|start|beginning|opening)\s+of)\s+(?:[\w.’'-]+\s+){0,6}|\b(?:is|are)\s+(?:now\s+|currently\s+)?on\s+(?:a|an|his|her|"
    r"their)\s+(?:[\w’'-]+\s+){0,3}|\b(?:is|are)\s+(?:now\s+|currently\s+)?(?:hosting|attending|holding)\s+"
    r"(?:[\w.’'-]+\s+){0,6})$", re.IGNORECASE)
_PROGRESSIVE = re.compile(r"\b(?:is|are)\s+(?:(?:now|currently|still|also|already)\s+)?$")  # "is meeting"
_LOCATED = re.compile(  # "Lew is in Europe for talks", "who is in the Philippines on a diplomatic trip"
    r"\b(?:is|are)\s+(?:now\s+|currently\s+)?in\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},?\s+(?:for|to|on)\s+"
    r"(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w’'-]+\s+){0,3}$")
_UNDER_WAY_AFTER = re.compile(r"\s+(?:[\w.’'-]+\s+){0,8}?(?:(?:is|are)\s+)?(?:taking\s+place|under\s*way|in\s+session|"
                              r"in\s+progress)\b", re.IGNORECASE)
_STARTING = re.compile(r"\b(?:begins|began|begin|starts|started|start|opens|opened|open|kicks\s+off|kicked\s+off|"
                       r"kick\s+off)\s+(?:[\w’'-]+\s+){0,5}$", re.IGNORECASE)  # "Antonov begins two days of talks"
_NOT_NOW = re.compile(r"\b(?:before|until|till|once|when|after|if|unless|whether|to|will|would|could|should|may|"
                      r"might|must|can|shall|did|does|do|not|never)\s+(?:[\w’'-]+\s+){0,6}$"
                      r"|(?:['’]s|\b(?:the|a|an|its|their|his|her|our))\s+$", re.IGNORECASE)  # "CBOT's start of"
_ABOUT_TO = re.compile(r"\bprepar(?:ed|es|ing)\s+to\s+$", re.IGNORECASE)  # "as the Fed prepared to start a meeting"
_PLANNED = re.compile(r"\b(?:will|would|shall|'ll|to\s+be|next|upcoming|coming|planned|plans?|scheduled|expected|due)"
                      r"\b[^,;:]*$", re.IGNORECASE)

_NOT_YET = re.compile(r"\b(?:will|would|shall|set\s+to|due\s+to|expected\s+to|plans?\s+to|planned|scheduled|next|"
                      r"upcoming|coming|ahead\s+of|prior\s+to|before|run-up\s+to|eve\s+of|preparation\s+for|"
                      r"preparing\s+for|when|once|until|after|if)\b|['’]ll\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|set\s+to|due\s+to|expected\s+to|scheduled)\b|['’]ll\b", re.IGNORECASE)


def _filed_from(text: str, trigger: Span, place: Place | None, dateline: Place | None) -> bool:
    """Is an event held in the city its report is filed from ("SEOUL - ... the G20 summit in Seoul could ...")
    and neither planned nor put ahead before it in its sentence ("ahead of a meeting of APEC ministers in
    Singapore", "when Jones arrives in Washington"), nor said to be still to come ("The meetings in Hong Kong will
    be closed to the press")? The reporter is at it: it is under way."""
    if place is None or dateline is None or place.name != dateline.name:
        return False
    return not (_NOT_YET.search(text, 0, trigger.start) or _FUTURE.search(text, trigger.end))


# After the trigger, before its time: the event goes on from now to that time ("the forum, which continues until
# Tuesday", "the discussion, which is set to continue on Saturday")
_CONTINUES = re.compile(r"\b(?:continues?|continuing|runs|running|lasts|lasting|goes\s+on)\s+(?:[\w’'-]+\s+){0,3}?"
                        r"(?:until|till|through|on|into)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)


def under_way(text: str, trigger: Span) -> bool:
    """Does the sentence put the event in progress at publication ("during his trip to Asia", "who is on a
    European visit", "whose bank is hosting the symposium", "the conference taking place near San Diego", "the
    cabinet is meeting", "Lew is in Europe for talks"), or begin it then ("Antonov begins two days of talks in
    Bonn", "EU leaders began a two-day summit", "as the Fed prepared to start a two-day meeting")? Not when a plan
    governs its clause ("will be on a visit", "will speak during the meeting", "before both sides begin a new
    round of talks")."""
    before = text[max(0, trigger.start - 80):trigger.start]
    if _PLANNED.search(before):
        return False
    starting = _STARTING.search(before)
    if starting and (not _NOT_NOW.search(before, 0, starting.start()) or _ABOUT_TO.search(before, 0, starting.start())):
        return True  # "EU leaders began a two-day summit", "as the Fed prepared to open a two-day meeting"
    if trigger.text.endswith("ing") and trigger.text.islower() and _PROGRESSIVE.search(before):
        return True  # "Thailand's cabinet is meeting"; not "will tour Ohio, meeting with activists"
    if _LOCATED.search(before):
        return True
    return bool(_UNDER_WAY_BEFORE.search(before) or _UNDER_WAY_AFTER.match(text, trigger.end))


_NUMBER = expand(r"(?:{number}|\d{1,2})")  # the calendar's number words
_LENGTH = rf"(?:(?P<n>{_NUMBER})[- ](?P<unit>day|week)(?:[- ]long)?|(?P<week>week)[- ]long)"  # "three-day", "week-long"
_LENGTH_BEFORE = re.compile(rf"\b{_LENGTH}\s+(?:[\w’'-]+\s+){{0,3}}$",
                            re.IGNORECASE)  # "a three-day visit", "a 10-day Asian trip", "a week-long tour of"
_LENGTH_OF = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week)s\s+of\s+(?:[\w’'-]+\s+){{0,2}}$",
                        re.IGNORECASE)  # "two days of talks"
_LENGTH_FOR = re.compile(rf"\s+(?:[\w’'-]+\s+){{0,4}}?for\s+(?P<n>{_NUMBER})\s+(?P<unit>day|week)s\b",
                         re.IGNORECASE)  # "talks in Geneva for two days"
_LENGTH_PURPOSE = re.compile(rf"\s+(?:[\w’'.-]+\s+){{0,6}}?for\s+an?\s+{_LENGTH}\b",
                             re.IGNORECASE)  # "arrives in Delhi on Monday for a three-day visit"
_ENDING = re.compile(r"\b(?:ending|ends|end|until|through|till|wrapping\s+up|wraps\s+up|concluding|"
                     r"concludes)\s+(?:on\s+)?$", re.IGNORECASE)


def _stated_length(text: str, trigger: Span) -> int | None:
    """Days the sentence says the event lasts ("a three-day visit", "two days of talks", "for two weeks")."""
    before = text[max(0, trigger.start - 60):trigger.start]
    m = (_LENGTH_BEFORE.search(before) or _LENGTH_OF.search(before) or _LENGTH_FOR.match(text, trigger.end)
         or _LENGTH_PURPOSE.match(text, trigger.end))
    if m is None:
        return None
    if m.groupdict().get("week"):
        return 7  # "for a week-long tour"
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


_LAST_WORDS = re.compile(r"(?:[\w.’'-]+\s+){1,3}$")  # the noun phrase right before a trigger: "the Irish parliament "


def _is_body(name: str) -> bool:
    """"the Irish parliament", "a grand jury", "the U.S. Senate"; not "the Senate Banking Committee" nor "House
    leaders"."""
    sets = word_sets(MEETING_WORDS)
    words = re.findall(r"[a-z]+", name.lower().replace("’s", "").replace("'s", ""))
    return bool(words) and words[-1] in sets["BODY"] and not any(w in sets["NOT_THE_BODY"] for w in words)


def _body_sitting(text: str, event: SentenceEvent) -> bool:
    """The sitting of a court or a legislature (guidelines, version 2: no meeting): a sitting word ("meets",
    "session") whose parties, or the noun phrase right before it, are such a body."""
    if event.trigger.text.lower() not in word_sets(MEETING_WORDS)["SITTING"]:
        return False
    parties = [p.text for p in event.participants]
    if parties and all(_is_body(p) for p in parties):
        return True
    before = _LAST_WORDS.search(text, 0, event.trigger.start)
    return bool(before) and _is_body(before.group())


_YEARLESS_DAY = re.compile(r"^(?!.*\b(?:next|coming|following)\b)(?!.*\d{4})", re.IGNORECASE)
RECENT_DAYS = 31  # a month and day that fell within a month before publication names that day


def _recent_day(date_text: str | None, interval: timex.Interval, published: dt.date) -> bool:
    """A month and day without a year resolved almost a year ahead ("June 21-22" in a July paper, "the November
    17-18 summit" on November 18): the days just gone, so the event is past (a meeting a year off names its
    year)."""
    return (interval.granularity == "day" and bool(date_text) and bool(_YEARLESS_DAY.match(date_text))
            and (interval.start - published).days >= 365 - RECENT_DAYS)


_WEEKDAY_ONLY = re.compile(expand(r"(?:on\s+)?(?:{weekday})"), re.IGNORECASE)


def _after_earlier_part(doc: Document, i: int, event: SentenceEvent, siblings: list[SentenceEvent],
                        span: tuple[int, int], interval: timex.Interval, week: int, rules: RuleSet) -> timex.Interval:
    """A weekday of a later part of a split event falls after the earlier part's day ("will meet Wang on
    Tuesday and Wen on Wednesday" in a Wednesday paper: the Wednesday after that Tuesday)."""
    text = doc.sentences[i].text
    earlier = [e.time for e in siblings
               if e is not event and e.trigger == event.trigger and e.time and e.time.end <= span[0]]
    if not earlier or not _WEEKDAY_ONLY.fullmatch(text[span[0]:span[1]].strip()):
        return interval
    last = max(earlier, key=lambda t: t.start)
    before = timex.resolve(last.text, doc.published, future=_future(event.status), sentence=text, week=week,
                           same_weekday=rules.on("same-weekday"))
    if before is None or interval.start >= before.start:
        return interval
    weeks = dt.timedelta(days=7 * ((before.start - interval.start).days // 7 + 1))
    return timex.Interval(interval.start + weeks, interval.end + weeks, interval.granularity)


UPCOMING_DAYS = 62  # a month and day at most two months ahead names the coming one, not last year's
_LOOKING_BACK = re.compile(r"\b(?:last|previous|earlier|ago)\b", re.IGNORECASE)


def _coming_day(date_text: str | None, interval: timex.Interval, published: dt.date) -> bool:
    """A month and day without a year that an event read as past puts almost a year back ("a meeting on April
    14" in a March paper, read as last April): the coming one, so the event is ahead (news names the year of a
    day a year gone)."""
    return (interval.granularity == "day" and bool(date_text) and bool(_YEARLESS_DAY.match(date_text))
            and not _LOOKING_BACK.search(date_text) and (published - interval.start).days >= 365 - UPCOMING_DAYS)


def _future(status: str) -> bool | None:
    return {"scheduled": True, "past": False}.get(status)


# --------------------------------------------------------------------------- participants


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


def _participant_spans(doc: Document, i: int, event: SentenceEvent, rules: RuleSet) -> list[Span]:
    spans = event.participants
    return _in_clause(doc.sentences[i].text, event, spans) if rules.on("later-clause") else spans


# --------------------------------------------------------------------------- the mention


def _event_name(event: SentenceEvent) -> str | None:
    """The event's name, unless it is only (part of) its place: a tagging slip ("Saturday's White House
    gathering": "White"; "the summit in Venice": "Venice")."""
    name, place = event.event_name, event.place
    if name is None or (place is not None and place.start <= name.start and name.end <= place.end):
        return None
    return name.text


def mention(doc: Document, i: int, event: SentenceEvent, rules: RuleSet = ALL,
            siblings: list[SentenceEvent] = ()) -> Mention:
    """One event of sentence ``i`` (beside ``siblings``, the other events of that sentence) as a resolved
    mention."""
    sentence = doc.sentences[i]
    text = sentence.text
    moved = _new_time(text, doc.times(i), event.trigger) if rules.on("rescheduled") else None
    span = (moved.start, moved.end) if moved else _time_span(doc, i, event, rules,
                                                              [e for e in siblings if e is not event])
    date_text = text[span[0]:span[1]] if span else None
    week = doc.week_frame(i) if rules.on("week-frame") else 0
    interval = timex.resolve(date_text, doc.published, future=_future(event.status), sentence=text, week=week,
                             same_weekday=rules.on("same-weekday")) if date_text else None
    if interval is not None and span and rules.on("split-objects"):
        interval = _after_earlier_part(doc, i, event, siblings, span, interval, week, rules)
    status = event.status
    if status == "past" and interval is not None and rules.on("coming-day") and _coming_day(date_text, interval,
                                                                                          doc.published):
        status = "scheduled"  # "proposed directors for approval at a meeting on April 14" in March: this April
        interval = timex.resolve(date_text, doc.published, future=True, sentence=text, week=week,
                                 same_weekday=rules.on("same-weekday"))
    if status == "scheduled" and interval is not None and interval.end < doc.published and rules.on("past-date"):
        status = "past"  # "at its meeting earlier this month": a date already gone says the event is gone
    if status == "scheduled" and interval is not None and rules.on("past-date") and _recent_day(date_text, interval,
                                                                                              doc.published):
        status = "past"  # "minutes of its June 21-22 meeting" in July: that June, not next year's
    if status == "scheduled" and interval is None and rules.on("called-off") and _CALLED_OFF.search(
            text, 0, event.trigger.start):
        status = "unclear"  # "has delayed a planned trip": postponed with no new date, or cancelled
    if status == "scheduled" and rules.on("called-off") and _CANCELLED_AFTER.search(text[event.trigger.end:]):
        status = "unclear"  # "was due to visit Japan this week, but canceled": whatever its date, it is off
    if status == "scheduled" and interval is None and rules.on("open-invitation") and _INVITED.search(
            text, 0, event.trigger.start):
        status = "unclear"  # "invited him to visit China": an invitation with no date is no plan yet
    if status == "scheduled" and rules.on("quote-setting") and _QUOTE_SETTING.search(text, 0, event.trigger.start):
        status = "ongoing"  # "told Reuters on the sidelines of the World Economic Forum": the quote's occasion
    if status == "scheduled" and rules.on("not-meetings") and _body_sitting(text, event):
        status = "unclear"  # "when the Irish parliament meets next Tuesday": a sitting, not a meeting
    if interval is not None and span and rules.on("durations"):
        interval = with_length(interval, text, event.trigger, span[0])
    place = resolve_place(event.place.text) if event.place else None
    if interval is None and status == "scheduled" and (
            (rules.on("ongoing-today") and under_way(text, event.trigger))
            or (not span and rules.on("dateline-under-way") and _filed_from(text, event.trigger, place, doc.dateline))):
        interval = timex.Interval(doc.published, doc.published, "day")  # guidelines: ongoing, no time expression
        if rules.on("durations"):  # "just as the Fed began a two-day policy meeting": today and tomorrow
            interval = with_length(interval, text, event.trigger, 0)
    elif (interval is not None and span and status == "scheduled" and rules.on("ongoing-today")
          and doc.published < interval.start and _CONTINUES.search(text, event.trigger.end, span[0])):
        interval = timex.Interval(doc.published, interval.end, interval.granularity)  # "continues until Tuesday"
    spans = _participant_spans(doc, i, event, rules)
    if place is not None and rules.on("described-place"):
        place = named_place(place.name, doc.text, doc.dateline) or place  # "this port city": the dateline's
    if place is None and rules.on("locative-participant"):
        place = _host(text, event.trigger)
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
        event_name=_event_name(event),
        date_text=date_text,
        interval=interval,
        confidence=event.confidence,
        published=doc.published,
        phase=timex.phase(text, span[0]) if span else None,
        moved=moved is not None,
    )
