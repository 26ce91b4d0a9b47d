"""Mentions: the events that feed the ``meetings`` table, with the keys that resolution compares.

A mention is one ``events`` row with status ``scheduled``, or ``past`` with a resolved date (a later report
that the meeting took place). Names are compared through *keys*: lower-cased words with titles, people
nouns ("leaders"), event heads ("summit"), determiners and the place words of event names dropped; "Group of
20" and "G-20" read as "g20"; a name of several capitalised words also gives its acronym ("European Central
Bank" -> "ecb"). Words of ``GENERIC`` in ``data/meeting_words.tsv`` count a quarter of a distinctive word.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from extractors.language.lexicon import DATA, alternation, word_sets
from extractors.language.names.lexicon import given_names, words
from extractors.language.places import lookup
from extractors.language.timex.vocabulary import number
from schemas.tables import MENTION

ELIGIBLE = ("scheduled", "past")
MEETING_WORDS = DATA / "meeting_words.tsv"
GENERIC_WEIGHT = 0.25
OVERLAP = 0.6  # weighted share of words two names of one party have in common ...
SUBSET_OVERLAP = 0.4  # ... or, when one name's words are all in the other, this share
_TOKEN = re.compile(r"[a-z0-9][a-z0-9.'&-]*")
_GROUP_OF = re.compile(r"\bgroup\s+of\s+(\w+)\b|\bg-(\d+)\b", re.IGNORECASE)
_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "on", "de", "des", "du"}


@cache
def _sets() -> dict[str, frozenset[str]]:
    return word_sets(MEETING_WORDS)


@cache
def _aliases() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {phrase: name.removeprefix("ALIAS.") for name, phrases in _sets().items() if name.startswith("ALIAS.")
             for phrase in phrases}
    return re.compile(r"\b(?:" + alternation(table) + r")\b", re.IGNORECASE), table


def _alias(text: str) -> str:
    pattern, table = _aliases()
    return pattern.sub(lambda m: table[" ".join(m.group(0).lower().split())], text)


@cache
def generic_words() -> frozenset[str]:
    return _sets()["GENERIC"]


@cache
def _dropped() -> frozenset[str]:
    """Words that never identify a party or a gathering."""
    return (words("CORE_TITLES") | words("PEOPLE_NOUNS") | words("EVENT_HEADS") | words("DETERMINERS")
            | words("VAGUE_PLURALS") | words("MEMBER_PLURALS") | _sets()["STOP"] | {"'s", "’s", "s"})


@cache
def kind_family() -> dict[str, str]:
    """kind -> family (``gathering``, ``session``, ``call``)."""
    return {kind: family.removeprefix("KIND.") for family, kinds in _sets().items() if family.startswith("KIND.")
            for kind in kinds}


@dataclass(frozen=True, slots=True)
class NameKey:
    """What a name compares by: its distinctive words (weighted), its last word and its acronym."""

    tokens: frozenset[str]
    last: str
    acronym: str
    person: bool

    @property
    def weight(self) -> float:
        return sum(weight(t) for t in self.tokens)


def weight(token: str) -> float:
    return GENERIC_WEIGHT if token in generic_words() else 1.0


@lru_cache(maxsize=65536)
def name_key(name: str, *, drop_places: bool = False) -> NameKey | None:
    """The key of a participant or event name; None when no word of it says which one is meant."""
    text = _GROUP_OF.sub(lambda m: f"g{number((m.group(1) or m.group(2)).lower()) or m.group(1) or m.group(2)}",
                         _alias(name))
    raw = text.replace("’", "'").split()
    capitals = [w for w in raw if w[:1].isupper() and w.lower() not in _ACRONYM_SKIP]
    acronym = "".join(w[0] for w in capitals).lower() if len(capitals) >= 2 else ""
    tokens = [t.strip(".'-") for t in _TOKEN.findall(text.lower())]
    tokens = [t.removesuffix("'s") for t in tokens if t and t not in _dropped()]
    if drop_places:
        tokens = [t for t in tokens if lookup(t) is None]
    if not tokens or all(t in generic_words() for t in tokens):
        return None
    if len(tokens) == 1 and len(raw) == 1 and raw[0].isupper() and len(raw[0]) >= 2:
        acronym = tokens[0]  # "ECB", "NATO": the word is an acronym
    person = len(tokens) >= 2 and tokens[0] in _given_lower()
    return NameKey(frozenset(tokens), tokens[-1], acronym, person)


@cache
def _given_lower() -> frozenset[str]:
    return frozenset(n.lower() for n in given_names())


def same_party(a: NameKey, b: NameKey) -> bool:
    """Whether two names name one party: one surname (and no clash of first names), one acronym, or enough
    distinctive words in common (``OVERLAP``, or ``SUBSET_OVERLAP`` when one name's words are all in the
    other)."""
    if a.person or b.person:
        if a.last != b.last:
            return False
        return not (a.person and b.person) or bool(a.tokens & b.tokens - {a.last})
    if a.acronym and (a.acronym == b.acronym or (a.acronym in b.tokens and len(b.tokens) == 1)):
        return True
    if b.acronym and b.acronym in a.tokens and len(a.tokens) == 1:
        return True
    shared = a.tokens & b.tokens
    if not shared:
        return False
    w = sum(weight(t) for t in shared)
    if w < 1.0:
        return False  # only generic words in common ("committee")
    overlap = w / sum(weight(t) for t in a.tokens | b.tokens)
    if shared == a.tokens or shared == b.tokens:  # "Goldman" in "Goldman Sachs", not "House" in "House ... Committee"
        return overlap >= SUBSET_OVERLAP
    return overlap >= OVERLAP


@dataclass(frozen=True, slots=True)
class Mention:
    """One event row as resolution sees it."""

    event_id: str
    article_id: str
    ingest_date: dt.date
    published_date: dt.date
    status: str
    kind: str
    participants: tuple[str, ...]
    location: str | None
    location_country: str | None
    latitude: float | None
    longitude: float | None
    event_name: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str | None
    evidence: str
    confidence: float
    parties: tuple[NameKey, ...]
    name: NameKey | None
    place: str | None  # the folded place name, "" for none

    @property
    def dated(self) -> bool:
        return self.start_date is not None and self.end_date is not None

    @property
    def day_precise(self) -> bool:
        return self.dated and self.granularity == "day"

    @property
    def family(self) -> str:
        return kind_family().get(self.kind, self.kind)

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return self.published_date, self.event_id

    def record(self) -> dict[str, Any]:
        """The mention as stored in ``meetings.mentions`` (what :func:`mention` reads back)."""
        return {f: getattr(self, f) for f in RECORD_FIELDS} | {"participants": list(self.participants)}


RECORD_FIELDS = tuple(f.name for f in MENTION)  # a mention as stored in meetings.mentions


def place_key(place: str | None) -> str | None:
    """A place as compared: folded words of its first part ("Toronto, Canada" -> "toronto"), no "the"."""
    if not place:
        return None
    words_ = [w for w in _TOKEN.findall(place.split(",")[0].lower()) if w != "the"]
    return " ".join(words_) or None


def eligible(row: dict[str, Any]) -> bool:
    """Whether an events row is a mention: scheduled, or past with a resolved date."""
    return row["status"] == "scheduled" or (row["status"] == "past" and row.get("start_date") is not None)


def mention(row: dict[str, Any], ingest_date: dt.date | None = None) -> Mention:
    """The mention of one ``events`` row (``ingest_date`` when the row lacks the partition column)."""
    participants = tuple(row.get("participants") or ())
    parties: list[NameKey] = []
    for p in participants:
        key = name_key(p)
        if key is not None and key not in parties:
            parties.append(key)
    name = row.get("event_name")
    place = row.get("location")
    return Mention(
        event_id=row["event_id"], article_id=row["article_id"],
        ingest_date=row.get("ingest_date") or ingest_date or row["published_date"],
        published_date=row["published_date"], status=row["status"], kind=row["kind"],
        participants=participants, location=place, location_country=row.get("location_country"),
        latitude=row.get("latitude"), longitude=row.get("longitude"), event_name=name,
        start_date=row.get("start_date"), end_date=row.get("end_date"), granularity=row.get("granularity"),
        evidence=row["evidence"], confidence=float(row.get("confidence") or 0.0),
        parties=tuple(parties), name=name_key(name, drop_places=True) if name else None,
        place=place_key(place),
    )
