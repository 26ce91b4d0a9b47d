"""The word lists of the name recogniser and resolver, read once from ``extractors/data``.

``name_words.tsv`` holds the named word sets, one ``SET<TAB>word`` a line, each set introduced by a ``#``
comment saying what it is for; ``@OTHER`` stands for every word of the set OTHER, and sets named ``MAP.key``
form a mapping. The larger lists (``common_words.txt``, ``given_names.txt``) hold one word a line, ``demonyms.tsv``
one adjective and its country; all are read on first use.
"""

from __future__ import annotations

from functools import cache

from extractors.language import lexicon
from extractors.language.lexicon import DATA, DataFileError, alternation, word_list, word_sets

__all__ = ["DATA", "NAME_WORDS", "DataFileError", "alternation", "common_words", "demonyms", "given_names",
           "mapping", "words"]

NAME_WORDS = DATA / "name_words.tsv"


@cache
def _name_words() -> dict[str, frozenset[str]]:
    return word_sets(NAME_WORDS)


def words(name: str) -> frozenset[str]:
    """The word set ``name`` of ``name_words.tsv``."""
    try:
        return _name_words()[name]
    except KeyError:
        raise DataFileError(f"{NAME_WORDS}: no word set {name!r}") from None


def mapping(name: str) -> dict[str, frozenset[str]]:
    """The sets ``name.key`` of ``name_words.tsv`` as ``{key: words}``."""
    out = {key[len(name) + 1:]: ws for key, ws in _name_words().items() if key.startswith(f"{name}.")}
    if not out:
        raise DataFileError(f"{NAME_WORDS}: no word sets {name}.<key>")
    return out


def common_words() -> frozenset[str]:
    """Lower-case words of news English (``common_words.txt``): no name when capitalised at a sentence start."""
    return word_list("common_words.txt")


def given_names(lower: bool = False) -> frozenset[str]:
    """Words that begin people's names in news (``given_names.txt``; ``lower``: lower-cased)."""
    return word_list("given_names.txt", lower=lower)


@cache
def demonyms() -> frozenset[str]:
    """Nationality, regional and party adjectives, lower case (``demonyms.tsv``)."""
    return frozenset(lexicon.demonyms())


# Titles and the words of people's names
CORE_TITLES = words("CORE_TITLES")
TITLE_COMPLEMENTS = words("TITLE_COMPLEMENTS")
TITLE_SURNAMES = words("TITLE_SURNAMES")
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
PRONOUNS_GROUP = words("PRONOUNS_GROUP")
PRONOUNS_ORG = words("PRONOUNS_ORG")
GROUP_NOUNS = words("GROUP_NOUNS")
ORGAN_NOUNS = words("ORGAN_NOUNS")
PAIR_WORDS = words("PAIR_WORDS")
PARTY_NOUNS = words("PARTY_NOUNS")
DESCRIPTION_NOUNS = words("DESCRIPTION_NOUNS")
VAGUE_HEADS = words("VAGUE_HEADS")
BUSINESS_HEADS = words("BUSINESS_HEADS")
PUBLIC_BODY_WORDS = words("PUBLIC_BODY_WORDS")
DESCRIPTION_HEADS = mapping("DESCRIPTION_HEADS")
REFERRING_TITLES = words("REFERRING_TITLES")
DEMOTING = words("DEMOTING")
OFFICES = words("OFFICES")
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
