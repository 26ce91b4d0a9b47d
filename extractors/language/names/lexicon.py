"""The word lists of the name recogniser and resolver, read once from ``extractors/data``.

``name_words.tsv`` holds the named word sets, one ``SET<TAB>word`` a line, each set introduced by a ``#``
comment saying what it is for; ``@OTHER`` stands for every word of the set OTHER, and sets named ``MAP.key``
form a mapping. The larger lists (``common_words.txt``, ``given_names.txt``, ``demonyms.txt``) hold one word a
line and are read on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
NAME_WORDS = DATA / "name_words.tsv"
_SET_NAME = re.compile(r"[A-Z][A-Z0-9_]*(?:\.[a-z][a-z-]*)?")


class LexiconError(ValueError):
    """A malformed line of a data file, or a word set the code asks for that the file lacks."""


def read_sets(path: Path) -> dict[str, frozenset[str]]:
    """The word sets of a ``SET<TAB>word`` file, ``@OTHER`` expanded. A malformed line raises
    :class:`LexiconError` naming the file and the line."""
    raw: dict[str, dict[str, int]] = {}  # set -> word -> line number
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        problem = None
        if len(fields) != 2:
            problem = f"expected SET<TAB>word, found {len(fields)} field(s)"
        elif not _SET_NAME.fullmatch(fields[0]):
            problem = f"bad set name {fields[0]!r} (upper case, digits and _, optionally .key)"
        elif not fields[1].strip() or fields[1] != fields[1].strip():
            problem = "empty word, or spaces around it"
        elif fields[1] in raw.get(fields[0], {}):
            problem = f"{fields[1]!r} repeats line {raw[fields[0]][fields[1]]} of set {fields[0]}"
        if problem:
            raise LexiconError(f"{path}, line {number}: {problem}: {line!r}")
        raw.setdefault(fields[0], {})[fields[1]] = number

    def expand(name: str, seen: tuple[str, ...]) -> frozenset[str]:
        out: set[str] = set()
        for word, number in raw[name].items():
            if not word.startswith("@"):
                out.add(word)
            elif word[1:] not in raw or word[1:] in seen:
                why = "no such set" if word[1:] not in raw else "a set that includes itself"
                raise LexiconError(f"{path}, line {number}: {word!r} refers to {why}")
            else:
                out |= expand(word[1:], (*seen, word[1:]))
        return frozenset(out)

    return {name: expand(name, (name,)) for name in raw}


@cache
def _name_words() -> dict[str, frozenset[str]]:
    return read_sets(NAME_WORDS)


def words(name: str) -> frozenset[str]:
    """The word set ``name`` of ``name_words.tsv``."""
    try:
        return _name_words()[name]
    except KeyError:
        raise LexiconError(f"{NAME_WORDS}: no word set {name!r}") from None


def mapping(name: str) -> dict[str, frozenset[str]]:
    """The sets ``name.key`` of ``name_words.tsv`` as ``{key: words}``."""
    out = {key[len(name) + 1:]: ws for key, ws in _name_words().items() if key.startswith(f"{name}.")}
    if not out:
        raise LexiconError(f"{NAME_WORDS}: no word sets {name}.<key>")
    return out


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of the phrases (longest first, any spaces between their words)."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=lambda p: (-len(p), p)))


def _lines(file: str) -> list[str]:
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


@cache
def common_words() -> frozenset[str]:
    """Lower-case words of news English (``common_words.txt``): no name when capitalised at a sentence start."""
    return frozenset(_lines("common_words.txt"))


@cache
def given_names() -> frozenset[str]:
    """Words that begin people's names in news (``given_names.txt``)."""
    return frozenset(_lines("given_names.txt"))


@cache
def demonyms() -> frozenset[str]:
    """Nationality, regional and party adjectives, lower case (``demonyms.txt``)."""
    return frozenset(ln.lower() for ln in _lines("demonyms.txt"))


# Titles and the words of people's names
CORE_TITLES = words("CORE_TITLES")
TITLE_COMPLEMENTS = words("TITLE_COMPLEMENTS")
SUFFIXES = words("SUFFIXES")
PARTICLES = words("PARTICLES")
CONNECTORS = PARTICLES | words("CONNECTOR_WORDS")
PARTICLE_PREFIXES = words("PARTICLE_PREFIXES")
JOINING_PREFIXES = tuple(sorted(f"{p}-" for p in words("JOINING_PREFIXES")))
PREFIX_WORDS = CORE_TITLES | words("NAME_PREFIXES")
MONTH_SURNAMES = words("MONTH_SURNAMES")
PARTY_ADJECTIVES = words("PARTY_ADJECTIVES")
# Runs, sentence starts and headlines
STOP_STARTS = words("STOP_STARTS")
COMMON_ENDINGS = words("COMMON_ENDINGS")
ABBREVIATIONS = words("ABBREVIATIONS")
LEGAL_FORMS = words("LEGAL_FORMS")
AND_MODIFIERS = words("AND_MODIFIERS")
NUMBER_WORDS = words("NUMBER_WORDS")
# Kinds of names
ORG_WORDS = words("ORG_WORDS")
CORPORATE = words("CORPORATE")
EVENT_HEADS = words("EVENT_HEADS")
MEDIA = words("MEDIA")
MEDIA_PHRASES = words("MEDIA_PHRASES")
LEGISLATURES = words("LEGISLATURES")
# References: pronouns, "the two", descriptions
PRONOUNS_ONE = words("PRONOUNS_ONE")
PRONOUNS_DROP = words("PRONOUNS_DROP")
PRONOUNS_ORG = words("PRONOUNS_ORG")
GROUP_NOUNS = words("GROUP_NOUNS")
ORGAN_NOUNS = words("ORGAN_NOUNS")
PAIR_WORDS = words("PAIR_WORDS")
PARTY_NOUNS = words("PARTY_NOUNS")
DESCRIPTION_NOUNS = words("DESCRIPTION_NOUNS")
VAGUE_HEADS = words("VAGUE_HEADS")
DESCRIPTION_HEADS = mapping("DESCRIPTION_HEADS")
REFERRING_TITLES = words("REFERRING_TITLES")
DEMOTING = words("DEMOTING")
# Groups of people and unnamed sources
PEOPLE_NOUNS = words("PEOPLE_NOUNS")
COLLECTIVES = words("COLLECTIVES")
MODIFIERS = words("MODIFIERS")
NOT_GROUP_NOUNS = words("NOT_GROUP_NOUNS")
VAGUE_PLURALS = words("VAGUE_PLURALS")
NOT_PLURAL = words("NOT_PLURAL")
MEMBER_PLURALS = words("MEMBER_PLURALS")
DETERMINERS = words("DETERMINERS")
SPAN_PREPOSITIONS = words("SPAN_PREPOSITIONS")
HEAD_BREAKS = words("HEAD_BREAKS")
GROUP_END_WORDS = words("GROUP_END_WORDS")
MODIFIER_HEADS = words("MODIFIER_HEADS")
SOURCE_NOUNS = words("SOURCE_NOUNS")
ATTRIBUTION_VERBS = words("ATTRIBUTION_VERBS")
LOCATIVE = words("LOCATIVE")
