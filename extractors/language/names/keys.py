"""Name keys: what two names of one party are compared by.

A key is a name's lower-cased words with titles, people nouns ("leaders"), event heads ("summit") and
determiners dropped; "Group of 20" and "G-20" read as "g20", the phrases of an ``ALIAS`` set as its name ("Federal
Reserve" -> "fed"); a name of several capitalised words also gives its acronym ("European Central Bank" ->
"ecb"). Words of ``GENERIC`` count a quarter of a distinctive word. The sets live in ``data/name_keys.tsv``.
Both resolutions compare parties and event names this way: the mentions of one article
(``extractors.assembly.clustering``) and the meetings across articles (``extractors.meetings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors.language.lexicon import DATA, alternation, word_sets
from extractors.language.names.lexicon import given_names, words
from extractors.language.places import lookup
from extractors.language.timex.vocabulary import CALENDAR, number

NAME_KEYS = DATA / "name_keys.tsv"
GENERIC_WEIGHT = 0.25
OVERLAP = 0.6  # weighted share of words two names of one party have in common ...
SUBSET_OVERLAP = 0.4  # ... or, when one name's words are all in the other, this share
WORD = re.compile(r"[a-z0-9][a-z0-9.'&-]*")
_GROUP_OF = re.compile(r"\bgroup\s+of\s+(\w+)\b|\bg-(\d+)\b", re.IGNORECASE)
_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "on", "de", "des", "du"}


@cache
def _sets() -> dict[str, frozenset[str]]:
    return word_sets(NAME_KEYS)


@cache
def _aliases() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {phrase: name.removeprefix("ALIAS.") for name, phrases in _sets().items() if name.startswith("ALIAS.")
             for phrase in phrases}
    return re.compile(r"\b(?:" + alternation(table) + r")\b", re.IGNORECASE), table


def spelled_alias(phrase: str) -> str | None:
    """The short name an ``ALIAS`` phrase of ``SPELLED`` spells out ("Federal Reserve" -> "fed"), else None."""
    phrase = " ".join(phrase.lower().split())
    return _aliases()[1].get(phrase) if phrase in _sets()["SPELLED"] else None


@cache
def aliased_names() -> frozenset[str]:
    """The names that ``ALIAS`` phrases read as ("fed", "opec")."""
    return frozenset(_aliases()[1].values())


def _alias(text: str) -> str:
    pattern, table = _aliases()
    return pattern.sub(lambda m: table[" ".join(m.group(0).lower().split())], text)


def _as_token(word: str) -> str:
    """A listed word as a key's token is written ("u.s." -> "u.s", "shareholders'" -> "shareholders")."""
    return word.strip(".'-")


@cache
def generic_words() -> frozenset[str]:
    return frozenset(_as_token(w) for w in _sets()["GENERIC"])


@cache
def _dropped() -> frozenset[str]:
    """Words that never identify a party or a gathering."""
    listed = (words("CORE_TITLES") | words("PEOPLE_NOUNS") | words("EVENT_HEADS") | words("DETERMINERS")
              | words("VAGUE_PLURALS") | words("MEMBER_PLURALS") | _sets()["STOP"])
    return frozenset(_as_token(w) for w in listed) | {"'s", "’s", "s"}


@cache
def _calendar_words() -> frozenset[str]:
    """Months and weekdays: an event name's time, not its identity."""
    return frozenset(CALENDAR["month"]) | frozenset(CALENDAR["weekday"])


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


def _group_of(m: re.Match[str]) -> str:
    """"Group of 20", "Group of Eight", "G-7" -> "g20", "g8", "g7"; not "group of the world's ..." (no number)."""
    value = number((m.group(1) or m.group(2)).lower())  # digits or number words
    return f"g{value}" if value is not None else m.group(0)


@lru_cache(maxsize=65536)
def name_key(name: str, *, event_name: bool = False) -> NameKey | None:
    """The key of a participant or, ``event_name``, of an event name (its places, months and weekdays dropped);
    None when no word of it says which one is meant."""
    text = _GROUP_OF.sub(_group_of, _alias(name))
    raw = text.replace("’", "'").split()
    capitals = [w for w in raw if w[:1].isupper() and w.lower() not in _ACRONYM_SKIP
                and not (event_name and w.lower() in _calendar_words())]
    acronym = "".join(w[0] for w in capitals).lower() if len(capitals) >= 2 else ""
    tokens = [_as_token(t) for t in WORD.findall(text.lower())]
    tokens = [t.removesuffix("'s") for t in tokens if t and t not in _dropped()]
    if event_name:  # "the Seoul summit", "the November G20 summit": its place and time say nothing of which one
        tokens = [t for t in tokens if lookup(t) is None and t not in _calendar_words()]
    if not tokens or all(t in generic_words() for t in tokens):
        return None
    if len(tokens) == 1 and len(raw) == 1 and raw[0].isupper() and len(raw[0]) >= 2:
        acronym = tokens[0]  # "ECB", "NATO": the word is an acronym
    person = len(tokens) >= 2 and tokens[0] in given_names(lower=True)
    return NameKey(frozenset(tokens), tokens[-1], acronym, person)


def same_party(a: NameKey, b: NameKey) -> bool:
    """Whether two names name one party: one surname (and no clash of first names), one acronym, or enough
    distinctive words in common (``OVERLAP``, or ``SUBSET_OVERLAP`` when one name's words are all in the
    other)."""
    if a.person or b.person:
        if a.last != b.last:
            return False
        return not (a.person and b.person) or bool(a.tokens & b.tokens - {a.last})
    if _acronym_of(a, b) or _acronym_of(b, a):
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


def _acronym_of(a: NameKey, b: NameKey) -> bool:
    """``a``'s acronym is ``b``'s, or ``b`` is that acronym alone ("European Central Bank" / "ECB")."""
    return bool(a.acronym) and (a.acronym == b.acronym or (a.acronym in b.tokens and len(b.tokens) == 1))


def one_party(a: str, b: str, *, event_name: bool = False) -> bool:
    """Whether two names, as written, name one party ("Federal Reserve" / "Fed"; "Group of 20" / "G-20");
    ``event_name`` as in :func:`name_key` (event names: "the G8 summit" / "a G8 meeting in Italy")."""
    ka, kb = name_key(a, event_name=event_name), name_key(b, event_name=event_name)
    return ka is not None and kb is not None and same_party(ka, kb)


@cache
def _rank_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """The phrases of the ``RANK.<rank>`` sets, each maybe after a ``PORTFOLIO`` word, and the rank of each."""
    table = {phrase: name.removeprefix("RANK.") for name, phrases in _sets().items() if name.startswith("RANK.")
             for phrase in phrases}
    portfolio = alternation(_sets()["PORTFOLIO"])
    return re.compile(rf"(?:\b(?P<portfolio>{portfolio})\s+)?\b(?P<rank>{alternation(table)})\b", re.IGNORECASE), table


def _ranks(names: list[str]) -> set[str]:
    """The ranks the names give: "leaders", "ministers:finance", "ministers:" (ministers of no portfolio)."""
    pattern, table = _rank_pattern()
    out = set()
    for m in (m for name in names for m in pattern.finditer(name)):
        rank = table[" ".join(m.group("rank").lower().split())]
        out.add(f"ministers:{(m.group('portfolio') or '').lower()}" if rank == "ministers" else rank)
    return out


def ranks_clash(a: list[str], b: list[str]) -> bool:
    """Whether the two sides name parties only at different ranks ("G20 leaders" / "G20 finance ministers"; "OPEC
    finance ministers" / "OPEC energy ministers"; not "EU ministers" / "EU finance ministers")."""
    ra, rb = _ranks(a), _ranks(b)
    return bool(ra and rb) and not any(
        x == y or (x.startswith("ministers:") and y.startswith("ministers:") and "ministers:" in (x, y))
        for x in ra for y in rb)


_LINKS = "of|the|and|for|de|du|von|van"  # lower-case words inside a proper name ("Bank of Japan")
_PROPER = re.compile(rf"(?:[A-Z0-9][\w.&'’-]*|{_LINKS})(?:\s+(?:[A-Z0-9(][\w.&'’()-]*|{_LINKS}))*")


def same_name(a: str, b: str) -> bool:
    """Whether two proper names, as written, are one party named twice: a person by surname ("Trump" / "Donald
    Trump"), an organisation by the same words or its acronym ("Fed" / "Federal Reserve", "EU" / "European Union"); not
    two parties sharing a word ("European Union" / "African Union", "Japan" / "Bank of Japan")."""
    if a.lower() == b.lower():
        return True
    if not (_PROPER.fullmatch(a) and _PROPER.fullmatch(b)):
        return False  # "Fed officials" / "Fed", "the Bush administration" / "George W. Bush": two parties
    ka, kb = name_key(a), name_key(b)
    if ka is None or kb is None:
        return False
    if ka.person or kb.person:
        return same_party(ka, kb)
    return ka.tokens == kb.tokens or _acronym_of(ka, kb) or _acronym_of(kb, ka)
