"""Mentions: the events that feed the ``meetings`` table, with the keys that resolution compares.

A mention is one ``events`` row with status ``scheduled``, or ``past`` with a resolved date (a later report
that the meeting took place). Parties and event names are compared through their keys
(``extractors.language.names.keys``); an event name's key also drops its place words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractors.language.lexicon import DATA, word_sets
from extractors.language.names.keys import WORD, NameKey, name_key
from extractors.language.places import location_kind, point_key
from extractors.language.timex.vocabulary import expand
from schemas.tables import MENTION

ELIGIBLE = ("scheduled", "past")
MEETING_WORDS = DATA / "meeting_words.tsv"
WEEK_AMBIGUOUS_DAYS = 5  # a weekday read this far ahead may be the one just gone (see Mention.week_ambiguous)
_WEEKDAY = expand(r"(?:{weekday})(?:['’]s)?")  # the calendar's weekdays
_WEEKDAYS_ONLY = re.compile(  # "Friday", "on Friday and Saturday", "Friday's", "the weekend"
    rf"(?:(?:on|from|by)\s+)?(?:{_WEEKDAY}(?:\s*(?:,|and|-|–|to|through)\s*{_WEEKDAY})?|(?:the\s+)?weekend)",
    re.IGNORECASE)


@cache
def _sets() -> dict[str, frozenset[str]]:
    return word_sets(MEETING_WORDS)


@cache
def kind_family() -> dict[str, str]:
    """kind -> family (``gathering``, ``session``, ``call``)."""
    return {kind: family.removeprefix("KIND.") for family, kinds in _sets().items() if family.startswith("KIND.")
            for kind in kinds}


@dataclass(frozen=True, slots=True)
class Mention:
    """One event row as resolution sees it."""

    event_id: str
    article_id: str
    ingest_date: dt.date
    published_date: dt.date
    status: str
    kind: str
    trigger: str | None
    participants: tuple[str, ...]
    location: str | None
    location_country: str | None
    latitude: float | None
    longitude: float | None
    event_name: str | None
    date_text: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str | None
    evidence: str
    confidence: float
    parties: tuple[NameKey, ...]
    name: NameKey | None
    place: str | None  # the folded place name, "" for none
    later_occasion: bool  # it names an occasion after any under way at its publication (:func:`later_occasion`)
    of_states: bool  # it names no party, only people of states: "world leaders" (:func:`of_states`)

    @property
    def dated(self) -> bool:
        return self.start_date is not None and self.end_date is not None

    @property
    def day_precise(self) -> bool:
        return self.dated and self.granularity == "day"

    @property
    def week_ambiguous(self) -> bool:
        """Named, and dated only by a weekday or "the weekend" read five or more days ahead ("the summit meetings
        on Friday and Saturday" in a Saturday paper, often filed the evening before): the days may as well be
        those a week earlier, just gone or under way. Such a mention matches its name a week earlier too."""
        return bool(self.name is not None and self.dated and self.date_text and _WEEKDAYS_ONLY.fullmatch(
            self.date_text.strip()) and (self.start_date - self.published_date).days >= WEEK_AMBIGUOUS_DAYS)

    @property
    def family(self) -> str:
        return kind_family().get(self.kind, self.kind)

    @property
    def in_area(self) -> bool:
        """Whether the location is an area, not a point: a country, state or region ("northern Italy")."""
        return location_kind(self.location or "") in ("country", "region", "state")

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return self.published_date, self.event_id

    def record(self) -> dict[str, Any]:
        """The mention as stored in ``meetings.mentions`` (what :func:`mention` reads back)."""
        return {f: getattr(self, f) for f in RECORD_FIELDS} | {"participants": list(self.participants)}


RECORD_FIELDS = tuple(f.name for f in MENTION)  # a mention as stored in meetings.mentions


def later_occasion(trigger: str | None, evidence: str) -> bool:
    """The trigger follows "next", "another" (``LATER_OCCASION``) with at most two words between, or "second",
    "new" (``LATER_ORDINAL``) right before it: "the next G20 summit", "when they next meet", "a second summit"
    name an occasion after any already under way when it was published."""
    if not trigger or (at := evidence.find(trigger)) < 0:
        return False
    before = WORD.findall(evidence[:at].lower())[-3:]
    return any(w in _sets()["LATER_OCCASION"] for w in before) or (
        bool(before) and before[-1] in _sets()["LATER_ORDINAL"])


def of_states(participants: tuple[str, ...], parties: tuple[NameKey, ...], name: NameKey | None) -> bool:
    """Whether a mention names no party and no event, only people of states: a participant whose head word
    (its last word, or the word before "of") is one of ``STATES_GATHERING`` ("world leaders", "leaders of major
    industrial economies", "leading nations")."""
    if parties or name is not None:
        return False
    for p in participants:
        words_ = WORD.findall(p.lower())
        head = words_[words_.index("of") - 1] if "of" in words_[1:] else (words_[-1] if words_ else "")
        if head in _sets()["STATES_GATHERING"]:
            return True
    return False


def place_key(place: str | None) -> str | None:
    """A place as compared: the city or venue it names, however written ("the German capital" and "Berlin" are
    one: :func:`~extractors.language.places.point_key`), else the folded words of its first part ("the Gulf
    Coast" -> "gulf coast"), no "the"."""
    if not place:
        return None
    point = point_key(place)
    if point:
        return point
    words_ = [w for w in WORD.findall(place.split(",")[0].lower()) if w != "the"]
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
    name_ = name_key(name, event_name=True) if name else None
    keys = tuple(parties)
    place = row.get("location")
    return Mention(
        event_id=row["event_id"], article_id=row["article_id"],
        ingest_date=row.get("ingest_date") or ingest_date or row["published_date"],
        published_date=row["published_date"], status=row["status"], kind=row["kind"], trigger=row.get("trigger"),
        participants=participants, location=place, location_country=row.get("location_country"),
        latitude=row.get("latitude"), longitude=row.get("longitude"), event_name=name,
        date_text=row.get("date_text"), start_date=row.get("start_date"), end_date=row.get("end_date"),
        granularity=row.get("granularity"),
        evidence=row["evidence"], confidence=float(row.get("confidence") or 0.0),
        parties=keys, name=name_, place=place_key(place),
        later_occasion=later_occasion(row.get("trigger"), row["evidence"]),
        of_states=of_states(participants, keys, name_),
    )
