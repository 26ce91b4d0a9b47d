"""Rows: each group of mentions -> one ``events`` row with the best-known date, place, name and people.

The evidence is the group's most complete mention of its status; the date comes from the mention with a
real date, else the finest one; place and name from any mention that states them;
participants from every mention, one spelling per person.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from extractors.assembly.clustering import TIME_POSSESSIVE, surnames
from extractors.assembly.linking import MEETING_WORDS, Mention
from extractors.assembly.rules import ALL, RuleSet
from extractors.language import timex
from extractors.language.document import Document
from extractors.language.lexicon import word_sets
from extractors.language.names import resolve_participants
from extractors.language.names.keys import one_party, same_name
from extractors.language.names.lexicon import (
    LEGISLATURES,
    ORG_WORDS,
    PEOPLE_NOUNS,
    SPAN_PREPOSITIONS,
    alternation,
    common_words,
)
from extractors.language.names.recognise import Mention as Name
from extractors.language.names.recognise import analyse
from extractors.language.names.resolve import one_party_per_body
from extractors.language.places import Place, holds, resolve_place
from extractors.language.timex.vocabulary import expand

_GRAIN = {g: i for i, g in enumerate(timex.GRANULARITIES)}


def _date_key(m: Mention, best: Mention) -> tuple:
    """Which mention dates a group: a new time it was moved to, then a real date, then the finest one."""
    grain = _GRAIN.get(m.interval.granularity, 9) if m.interval else 9
    return (m.moved, m.dated, m.interval is not None, -grain, m is best)


_MODIFIER = re.compile(r"[A-Z0-9][\w.&’'-]*|of|and|&|\([A-Z][\w.-]*\)")  # a word of a name before a noun
_WORD = re.compile(r"\S+")
PARTY_KINDS = frozenset({"person", "org", "group"})
VAGUE_CONFIDENCE = 0.9  # below it, a scheduled event with no time and no party is reported unclear (too-vague)
_ACRONYM_LONGEST = 6  # "NATO", "OPEC", "ASEAN"; a longer word in capitals is shouted ("INVESTMENT")
PLACE_KINDS = frozenset({"place", "country"})


@dataclass(frozen=True, slots=True)
class Modifiers:
    """The names that modify a trigger, and whether a determiner or a possessive opens their noun phrase."""

    names: list[Name]
    opened: bool  # "the Seoul summit", "next week's G-7 summit", "Hu's U.S. visit"
    after_break: bool  # a comma, a preposition or a conjunction before them ("of Brazil, India, Russia and China meet")


def _possessive(doc: Document, name: Name) -> bool:
    """Whether the name is followed by "'s" (its owner: "Hu's", "Forest's")."""
    return doc.text.startswith(("'s", "’s"), name.end)


def modifiers(doc: Document, m: Mention) -> Modifiers:
    """The run of capitalised words (with "of", "and" and a bracketed acronym) right before the trigger, as the
    name recogniser classed them ("a World Bank mission", "next week's Group of Seven (G-7) meeting")."""
    openers = word_sets(MEETING_WORDS)["OPENER"]
    start, before = m.trigger_start, ""
    for word in reversed(list(_WORD.finditer(doc.text, m.sentence.start, m.trigger_start))):
        w = word.group()
        if w.lower() in openers or not _MODIFIER.fullmatch(w) or (w.isupper() and w.lower() in common_words()):
            before = w
            break
        start = word.start()
    names = [n for n in analyse(doc.text, doc.sentence_spans).mentions if start <= n.start and n.end <= m.trigger_start]
    possessive = bool(names) and _possessive(doc, names[0])
    low = before.lower()
    return Modifiers(names, low in openers or bool(TIME_POSSESSIVE.fullmatch(low)) or possessive,
                     not possessive and (before.endswith((",", ";", ":")) or low in SPAN_PREPOSITIONS))


def _names_one(name: str) -> bool:
    """Whether a name before a trigger names one organisation: "NATO", "G20", "Federal Reserve", "Senate"; not a
    bare organ ("the Council meeting") or a headline's shouted word ("INVESTMENT TREATY NEGOTIATIONS")."""
    if " " in name:
        return True
    low = name.lower()
    if name.isupper():
        return len(name) <= _ACRONYM_LONGEST and low not in common_words()
    return low in LEGISLATURES or (low not in ORG_WORDS and low not in common_words())


_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_PEOPLE_AFTER = re.compile(rf"(?:\s+[a-z-]+){{0,2}}?\s+(?:{alternation(PEOPLE_NOUNS)})\b")


def _owner_after(doc: Document, m: Mention) -> list[Name]:
    """The organisation named by "of" right after the trigger ("the annual meeting of the American College of
    Cardiology", "a council session of the ICO")."""
    of = _OF.match(doc.text, m.trigger_start + len(m.trigger))
    if of is None:
        return []
    return [n for n in analyse(doc.text, doc.sentence_spans).mentions if n.start == of.end() and n.kind == "org"
            and not _PEOPLE_AFTER.match(doc.text, n.end)]  # "meetings of EC farm ministers": the ministers meet


def _modifier_parties(doc: Document, group: list[Mention], *, orgs_only: bool = False) -> list[str]:
    """The parties that modify the trigger of the first mention that has any (before it, or an organisation
    after it by "of"), named in full as the tagged ones are (``resolve_participants``: "IMF" -> "International
    Monetary Fund" where the article spells it). ``orgs_only``: organisations that name one (``_names_one``)."""
    for m in group:
        found = modifiers(doc, m)
        names: list[Name] = []
        for n in [*([] if found.after_break else found.names), *_owner_after(doc, m)]:
            wanted = n.kind == "org" and _names_one(n.name) if orgs_only else n.kind in PARTY_KINDS
            if wanted and not any(one_party(n.name, p.name) for p in names):
                names.append(n)
        if names:
            return resolve_participants([doc.text[n.start:n.end] for n in names], doc.text, m.sentence.start,
                                        [n.start for n in names], doc.sentence_spans)
    return []


_TOKEN = re.compile(r"[\w.&'’-]+|[^\w\s]")
_DATE_WORD = re.compile(expand(r"\d+(?:st|nd|rd|th)?|{month}"), re.IGNORECASE)
_OWN_HEADS = frozenset({"meeting", "meetings", "agm", "egm"})


def _article_company(doc: Document, m: Mention) -> list[str]:
    """The company "the company" means at ``m``'s sentence (the article's, as the resolver reads it), if named."""
    return [n for n in resolve_participants(["the company"], doc.text, m.sentence.start, None, doc.sentence_spans)
            if n[:1].isupper()]


def _meeting_owner(doc: Document, m: Mention) -> list[str]:
    """The owner of a company's own shareholder meeting, named by a possessive before its trigger over words
    of the meeting and dates ("its June 27 annual meeting", "the automaker's annual meeting", "Lear's AGM"),
    resolved in the article ("its" -> the organisation named last; "the company" -> the company it means), else
    the company the article is about; so is the owner of "the" shareholder meeting ("the annual general meeting",
    "the shareholder meeting on June 20"). Not "their": "shareholders will hold their annual meeting"."""
    own, holders = word_sets(MEETING_WORDS)["OWN_GATHERING"], word_sets(MEETING_WORDS)["SHAREHOLDER_GATHERING"]
    trigger = m.trigger.lower().split()
    if not trigger or trigger[-1] not in _OWN_HEADS:
        return []
    seen = any(w in own for w in trigger)
    of_holders = any(w in holders for w in trigger)
    tokens = list(_TOKEN.finditer(doc.text, m.sentence.start, m.trigger_start))
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 7), -1):
        word = tokens[i].group()
        low = word.lower()
        if low == "the" and of_holders:  # "the annual general meeting", "the shareholder meeting": the company's
            return _article_company(doc, m)
        possessive = low.endswith(("'s", "’s"))
        if low == "its" or possessive:
            if not seen and low not in own:
                return []
            start = tokens[i].start()
            if possessive:  # the name or description that owns it: "the company's", "Lear Corp's"
                j = i
                while j > 0 and (tokens[j - 1].group()[:1].isupper() or tokens[j - 1].group().lower() == "the"):
                    j -= 1
                    if tokens[j].group().lower() == "the":
                        break
                start = tokens[j].start()
            owner = doc.text[start:tokens[i].end() - (2 if possessive else 0)]
            named = [n for n in resolve_participants([owner], doc.text, m.sentence.start, [start], doc.sentence_spans)
                     if n[:1].isupper()]  # a name; "the broker" unresolved says no one
            if not named and (low == "its" or owner[:4].lower() == "the "):  # the article's company
                named = _article_company(doc, m)
            return named
        if low in own:
            seen = True
            of_holders = of_holders or low in holders
        elif not _DATE_WORD.fullmatch(word):
            return []
    return []


def _names_an_organisation(doc: Document, participants: list[str]) -> bool:
    """Whether a participant is an organisation the article names (then the owner is most likely among them)."""
    orgs = {n.name for n in analyse(doc.text, doc.sentence_spans).mentions if n.kind == "org"}
    return any(one_party(p, o) or one_party(o, p) for p in participants for o in orgs)


def _modifier_place(doc: Document, m: Mention) -> Place | None:
    """Where the evidence's noun phrase puts the event ("the Seoul summit"; not an owner: "Forest's meeting")."""
    found = modifiers(doc, m)
    if not found.opened:
        return None
    for n in found.names:
        if n.kind in PLACE_KINDS and not _possessive(doc, n) and (
                place := resolve_place(n.name)) is not None:
            return place
    return None


def row(doc: Document, head: Mention, extractor: str, rules: RuleSet = ALL) -> dict:
    """The ``events`` row (all columns but ``run_id``) of a group of mentions."""
    group = [head, *head.merged]
    status = next((m.status for m in group if m.status != "unclear"), "unclear")
    best = max(group, key=lambda m: (m.status == status, m.completeness, -group.index(m)))
    by_best = sorted(group, key=lambda m: m is not best)
    participants: list[str] = []
    for m in by_best:
        before = surnames(participants)  # "U.S. officials will meet Chinese officials": two parties of one mention
        for name in m.participants:
            at = next((i for i, p in enumerate(participants) if same_name(name, p)), None)
            if at is not None:
                if len(name) > len(participants[at]):
                    participants[at] = name  # one spelling per party, the fullest: "Federal Reserve" over "Fed"
            elif name.lower().split()[-1] not in before and not (
                    rules.on("named-parties") and m is not best and participants and not name[:1].isupper()):
                participants.append(name)
    if rules.on("phrase-modifiers"):  # "NATO meetings", "an EU summit": the organisation meets, too
        for name in _modifier_parties(doc, by_best, orgs_only=bool(participants)):
            if not any(name == p or one_party(name, p) for p in participants):
                participants.append(name)
    if rules.on("meeting-owner"):  # "its annual meeting": the company, unless an organisation is named already
        owners = next((found for m in by_best if (found := _meeting_owner(doc, m))), [])
        if owners and not _names_an_organisation(doc, participants):
            for name in owners:
                if not any(name == p or one_party(name, p) for p in participants):
                    participants.append(name)
    if rules.on("one-body"):
        participants = one_party_per_body(participants)
    dated = max(group, key=lambda m: _date_key(m, best))
    located = best if best.location else next((m for m in group if m.location), best)
    if rules.on("place-within"):  # the most specific place: "Managua" over "Nicaragua"
        located = next((m for m in by_best if m.location and located.location
                        and holds(located.location, m.location)), located)
    named = best if best.event_name else next((m for m in group if m.event_name), best)
    place = located.place
    if place is None and rules.on("phrase-modifiers"):
        place = _modifier_place(doc, best)
    confidence = round(max(m.confidence for m in group), 4)
    if (status == "scheduled" and rules.on("too-vague") and dated.interval is None and not participants
            and confidence < VAGUE_CONFIDENCE):
        status = "unclear"  # no time, no party, and the tagger unsure: no meeting anyone could place
    s = best.sentence
    article = doc.article
    key = f"{article.article_id}|{s.start}|{s.end}|{best.trigger_start}|{best.kind}"
    return {
        "event_id": _digest(key),
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
        "confidence": confidence,
        "extractor": extractor,
    }


def unique_ids(rows: list[dict]) -> list[dict]:
    """Each row its own ``event_id``. A row's id hashes its sentence, trigger and kind, which two events of one
    trigger share ("He meets Schaeuble on Wednesday, Hollande on Thursday"): the second and later of them get
    that id with their ordinal hashed in (the first keeps it, so every other id stays as it was)."""
    seen: Counter[str] = Counter()
    for r in rows:
        base = r["event_id"]
        seen[base] += 1
        if seen[base] > 1:
            r["event_id"] = _digest(f"{base}|{seen[base]}")
    return rows


def _digest(key: str) -> str:
    """An ``event_id``: the first 20 hex digits of the key's sha256."""
    return hashlib.sha256(key.encode()).hexdigest()[:20]
