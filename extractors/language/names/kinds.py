"""The kind of a capitalised run: person, org, country, place, title, event, media, demonym, group, ...

Kinds come from title words, organisation and event head words, the gazetteers of
:mod:`extractors.language.places`, given names and curated lists; a run may lose a title ("Russian President
Vladimir Putin" -> person "Vladimir Putin") or a sentence-opening common word on the way.
"""

from __future__ import annotations

import collections
import itertools
import re

from extractors.language.names.lexicon import (
    COMMON_ENDINGS,
    CORE_TITLES,
    EVENT_HEADS,
    MEDIA,
    MEDIA_PHRASES,
    ORG_WORDS,
    PARTICLES,
    PARTY_ADJECTIVES,
    STOP_STARTS,
    SUFFIXES,
    TITLE_COMPLEMENTS,
    TITLE_SURNAMES,
    alternation,
    common_words,
    demonyms,
    given_names,
)
from extractors.language.names.runs import PARTICLE_NAME, PARTY_STATE, QUOTES
from extractors.language.places import is_time_word, place_kind

TICKER = re.compile(r"^[A-Z0-9]{1,6}[a-z]?\.[A-Z]{1,2}$")  # "IBM.N", "NWSa.N", "OUT1V.HE", "034020.KS"
COMMON_ENDING = re.compile(rf"(?:{alternation(COMMON_ENDINGS)})$")


def title_split(words: list[str]) -> int | None:
    """Index where the name starts after the last title word ("Russian President Vladimir Putin" -> 2)."""
    low = [w.lower() for w in words]
    for k in range(len(words) - 1, -1, -1):
        if low[k] not in CORE_TITLES:
            continue
        j = k + 1
        while j < len(words) - 1 and low[j] in TITLE_COMPLEMENTS:
            j += 1
        rest = low[j:]
        if not rest:
            if k == len(words) - 1 and low[k] in TITLE_SURNAMES:
                continue  # a surname that is also a title: "Governor Mervyn King", "Chief Executive Larry Pope"
            return None
        given = words[j] in given_names()  # "President Bill Clinton": a given name, not a bill
        if rest[0] not in SUFFIXES and not any(w in ORG_WORDS or (w in EVENT_HEADS and not (given and i == 0))
                                               for i, w in enumerate(rest)):
            return j
        return None
    return None


def strip_demonyms(words: list[str]) -> list[str]:
    """The words after leading nationality adjectives ("American Donald Trump" -> "Donald Trump")."""
    dem = demonyms()
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}".lower() in dem:
            i += 2
        elif words[i].lower() in dem:
            i += 1
        else:
            break
    return words[i:]


def classify(words: list[str], initial: bool, evidence: collections.Counter[str]) -> tuple[str, list[str]]:
    """The kind of a run of words, and the words that name it."""
    trimmed = _trim_run(words, initial, evidence)
    if len(trimmed) < len(words):
        words, initial = trimmed, False
    low = [w.lower() for w in words]
    phrase = " ".join(words)
    if all(is_time_word(w) for w in words):
        return "time", words
    if phrase.lower() in MEDIA_PHRASES or (len(words) == 1 and low[0] in MEDIA):
        return "media", words
    if len(words) == 1 and PARTY_STATE.match(words[0]):
        return "suffix", words
    cut = title_split(words)
    if cut is not None:
        return "person", words[cut:]
    if (low[-1] in CORE_TITLES and words[0] not in given_names()) or all(
            w in CORE_TITLES or w in TITLE_COMPLEMENTS for w in low):
        return "title", words  # "Economic Affairs Commissioner"; but "Erik Prince" is a person
    where = place_kind(phrase)
    if where in ("country", "venue"):
        return where, words
    if where in ("city", "state", "region") and not (len(words) == 1 and words[0] in evidence and initial):
        return "place", words
    if _personal(words):
        return "person", words
    if _event(low):
        return "event", words  # "Democratic National Convention", "General Agreement on Tariffs and Trade"
    if any(w in ORG_WORDS for w in low):
        return "org", words
    return _other_kind(words, initial, evidence)


def _trim_run(words: list[str], initial: bool, evidence: collections.Counter[str]) -> list[str]:
    """Drop a sentence-opening common word ("Later Donald J. Trump") and compound adjectives ("London-listed")."""
    while len(words) > 1 and re.search(r"-[a-z]+$", words[0]):
        words = words[1:]
    if (initial and len(words) > 1 and words[0] not in evidence and words[0].lower() in common_words()
            and words[0] not in given_names() and not any(w.lower() in ORG_WORDS for w in words)):
        words = words[1:]
    return words


def _name_word(word: str) -> bool:
    """A word that may stand in a name: capitalised, a particle ("van"), or "al-Tayer"."""
    return word[:1].isupper() or word.lower() in PARTICLES or bool(PARTICLE_NAME.match(word))


def _personal(words: list[str]) -> bool:
    """'Mark Warner', 'J. Paul Sticht': two to four name words led by a known given name or an initial."""
    if not 2 <= len(words) <= 4 or not all(_name_word(w) for w in words):
        return False
    if any(w.lower() in ORG_WORDS for w in words):
        return False
    return words[0] in given_names() or bool(re.fullmatch(r"[A-Z]\.", words[0]) and len(words[1]) > 2)


def _event(low: list[str]) -> bool:
    """A gathering's or an agreement's name: it ends with one ("Democratic National Convention") or one is
    followed by its subject ("General Agreement on Tariffs and Trade")."""
    if low[-1] in EVENT_HEADS:
        return True
    return any(w in EVENT_HEADS and nxt in ("on", "of", "for") for w, nxt in itertools.pairwise(low))


def _other_kind(words: list[str], initial: bool, evidence: collections.Counter[str]) -> tuple[str, list[str]]:
    """Adjectives, groups, single words and unconfirmed multi-word names."""
    phrase = " ".join(words)
    if phrase.lower() in demonyms():
        return "demonym", words
    rest = strip_demonyms(words)
    if not rest:
        return "demonym", words
    if len(rest) > 1 and len(rest) < len(words):
        return classify(rest, False, evidence)  # "American Donald Trump"
    if len(rest) < len(words):
        return "name", words  # "British Columbia", "Democratic Left"
    if len(words) == 1:
        return _single_kind(words[0], initial, evidence), words
    if (all(_name_word(w) or w == "&" for w in words) and len(words) <= 5
            and any(len(w.strip(".")) > 1 for w in words) and words[0].lower() not in common_words()):
        return "person", words  # an unknown given name ("Tsidi Tsikata"), but not "High Line"
    return "name", words


def _single_kind(word: str, initial: bool, evidence: collections.Counter[str]) -> str:
    if word.lower() in STOP_STARTS or len(word.strip(".-")) < 2 or re.search(r"-[a-z]+$|['’][a-z]{1,2}$", word):
        return "common"  # "U.S.-specific", "Japan-based", "We’ll"
    if TICKER.match(word):
        return "common"  # "GE.N", "ROG.VX"
    if word.isupper() and len(word) >= 2:
        return "org"
    if word.endswith("s") and word[:-1].lower() in demonyms() | PARTY_ADJECTIVES:
        return "group"  # "Democrats", "Republicans"
    if initial and word not in evidence and (word.lower() in evidence or word.lower() in common_words()
                                             or COMMON_ENDING.search(word)):
        return "common"  # capitalised only because it starts a sentence
    if word.lower() in common_words() and evidence.get(word, 0) <= 1:
        return "common"  # a common word capitalised once, as in a headline ("Political pressure")
    return "name"


def strip_title(name: str) -> str:
    """'Prime Minister Shinzo Abe' -> 'Shinzo Abe'; 'Sen. Max Baucus, D-Mont.' -> 'Max Baucus'.

    A name that is only a title is kept as it is.
    """
    text = re.sub(r",?\s+[DRI]-[A-Z][A-Za-z.]*\.?$", "", name.strip(QUOTES))
    text = re.sub(r"['’]s$", "", text)
    words = text.split()
    cut = title_split(words)
    if cut is not None:
        words = words[cut:]
    if any(w.lower() in ORG_WORDS for w in words):
        return " ".join(words)  # "European Central Bank" keeps its adjective
    rest = strip_demonyms(words)
    return " ".join(rest) if rest else name.strip()
