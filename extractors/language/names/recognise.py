"""The article's names: its sentences, the capitalised runs classed as mentions, acronyms and a person index.

A cheap recogniser (regexes and curated lists, no model) reads each article once (:func:`analyse`, cached):
runs of capitalised words (:mod:`.runs`) get a kind (:mod:`.kinds`); spelled-out acronyms ("European Central
Bank (ECB)") and organisations give the article's acronyms; people named in full are indexed by surname, for
"Abe" -> "Shinzo Abe".
"""

from __future__ import annotations

import bisect
import collections
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from extractors.language.names.keys import spelled_alias
from extractors.language.names.kinds import classify
from extractors.language.names.lexicon import CORE_TITLES, ORG_WORDS, SUFFIXES, alternation, common_words
from extractors.language.names.runs import capitalised_runs, next_to_shouted, shouted, tokens
from extractors.language.sentences import split_sentences

_WORD = re.compile(r"[\w&'’.-]+")
_BARE_SUFFIXES = frozenset(s.rstrip(".") for s in SUFFIXES)
_APPOSED_TITLE = re.compile(
    rf"\b((?:[a-z]+\s+){{0,2}}(?:{alternation(t for t in CORE_TITLES if '.' not in t)}))\s*,\s*$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A capitalised run of the article, classed. ``name`` is the name part (titles stripped)."""

    start: int
    end: int
    name: str
    kind: str  # person, org, venue, country, place, demonym, group, name, title, time, event, media, common
    initial: bool = False
    titled: bool = False
    title: str = ""  # the title words before a person's name, lower case ("prime minister")


def _sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the pipeline's one splitter (``extractors.language.sentences``), for a caller that has
    none at hand."""
    return [(x.start, x.end) for x in split_sentences(text)] or [(0, len(text))]


@dataclass(slots=True)
class Article:
    """One article analysed: its sentence spans, mentions in order, acronyms and the person index."""

    text: str
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    acronyms: dict[str, str]
    by_last: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    titled: set[int] = field(default_factory=set)  # starts of person mentions introduced by a title
    surname_first: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)

    def sentence_index(self, offset: int) -> int:
        starts = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < end and start < m.end]


def word_key(word: str) -> str:
    """A name word compared: lower case, no final period."""
    return word.lower().rstrip(".")


def name_core(name: tuple[str, ...]) -> tuple[str, ...]:
    """The name's words without generational suffixes, lower case, dots dropped."""
    words = [word_key(w) for w in name]
    while len(words) > 1 and words[-1] in _BARE_SUFFIXES:
        words.pop()
    return tuple(words)


def _definitions(text: str) -> list[tuple[int, int, str, str]]:
    """'Long Form Words (LFW)': (start, end, acronym, long form) of each spelled-out acronym."""
    out = []
    for m in re.finditer(r"\(([A-Z][A-Z&]{1,9})\)", text):
        acr = m.group(1).replace("&", "")
        lo = max(0, m.start() - 160)
        words = list(_WORD.finditer(text, lo, m.start()))
        for k in range(1, min(len(words), 12) + 1):
            cand = [w.group(0) for w in words[-k:]]
            if not cand[0][:1].isupper():
                continue
            initials = "".join(p[0] for w in cand if w[:1].isupper() for p in w.split("-") if p[:1].isupper())
            if initials.upper() == acr:
                out.append((words[-k].start(), words[-1].end(), acr, " ".join(cand)))
                break
    return out


def _title_org(title: list[str]) -> str | None:
    """The organisation a person's title names before the title itself ("World Trade Organization" of "World
    Trade Organization Director General"), if it has two words or more and one of them is an organisation word."""
    k = next((i for i, w in enumerate(title) if w.lower() in CORE_TITLES), len(title))
    org = title[:k]
    if len(org) >= 2 and org[0][:1].isupper() and any(w.lower() in ORG_WORDS for w in org):
        return " ".join(org)
    return None


def _acronyms(definitions: list[tuple[int, int, str, str]], mentions: list[Mention],
              title_orgs: Sequence[str] = ()) -> dict[str, str]:
    """ACRONYM -> long form: spelled-out definitions first, then organisations whose initials match, with or
    without "of" ("Bank of Japan": "BJ", "BOJ"), including those named only in a person's title ("World Trade
    Organization Director General Pascal Lamy": "WTO"), then the short names that ``SPELLED`` phrases spell out
    ("Federal Reserve": "FED")."""
    out = {acr: long for _, _, acr, long in definitions}
    orgs = [m.name for m in mentions if m.kind == "org" and " " in m.name]
    for name in (*orgs, *title_orgs):
        words = name.split()
        for initials in ("".join(w[0] for w in words if w[:1].isupper()),
                         "".join(w[0] for w in words if w[:1].isupper() or w == "of")):
            if len(initials) >= 2:
                out.setdefault(initials.upper(), name)
        if (short := spelled_alias(name)) is not None:
            out.setdefault(short.upper(), name)
    return out


def _with_definitions(mentions: list[Mention], definitions: list[tuple[int, int, str, str]]) -> list[Mention]:
    """A spelled-out organisation name is one mention, whatever runs it was cut into."""
    for start, end, _, long in definitions:
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        if not inside or any(m.kind == "person" for m in inside) or (
                not any(w.lower() in ORG_WORDS for w in long.split())):
            continue
        kept = [m for m in mentions if m not in inside]
        bisect.insort(kept, Mention(start, end, long, "org", inside[0].initial), key=lambda m: m.start)
        mentions = kept
    return mentions


def _person_index(art: Article) -> None:
    for m in art.mentions:
        if m.kind != "person" or " " not in m.name:
            continue
        name = tuple(m.name.split())
        core = name_core(name)
        art.by_last.setdefault(core[-1], []).append((m.start, name))
        if m.titled:
            art.titled.add(m.start)
        if m.titled and len(core) in (2, 3) and "." not in m.name:
            art.surname_first.setdefault(core[0], []).append((m.start, name))


def analyse(article_text: str, sentences: Sequence[tuple[int, int]] | None = None) -> Article:
    """Sentences, classed mentions, acronyms and a surname index of one article (cached).

    ``sentences``: the article's sentence spans, in order, from the pipeline's splitter
    (:func:`extractors.language.sentences.split_sentences`); without them the article is split here, cheaply.
    """
    return _analyse(article_text, None if sentences is None else tuple((s, e) for s, e in sentences))


@lru_cache(maxsize=32)
def _analyse(article_text: str, given: tuple[tuple[int, int], ...] | None) -> Article:
    sentences = _sentences(article_text) if given is None else list(given) or [(0, len(article_text))]
    starts = [s for s, _ in sentences]
    toks = tokens(article_text, starts)
    runs = capitalised_runs(article_text, toks)
    evidence = collections.Counter(run[-1].text for run in runs if not run[-1].initial)
    evidence.update(set(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", article_text)))
    mentions = []
    title_orgs = []
    kinds: dict[tuple[tuple[str, ...], bool], tuple[str, list[str]]] = {}  # a name recurs: classed once
    for run in runs:
        words = [t.text for t in run]
        key = (tuple(words), run[0].initial)
        if key not in kinds:
            kinds[key] = classify(words, run[0].initial, evidence)
        kind, name = kinds[key]
        if kind == "org" and len(run) == 1 and run[0].low in common_words() and next_to_shouted(
                article_text, toks, run[0].index):
            kind = "common"  # "SIDES" in "G20 SIDES": a headline word
        titled = kind == "person" and len(name) < len(words)
        title_words = words[:len(words) - len(name)] if titled else []
        title = " ".join(title_words).lower()
        if titled and (org := _title_org(title_words)):
            title_orgs.append(org)
        mentions.append(Mention(run[0].start, run[-1].end, " ".join(name), kind, run[0].initial, titled, title))
    definitions = _definitions(article_text)
    mentions = _with_definitions(mentions, definitions)
    mentions = [_apposition(article_text, m) for m in mentions]
    art = Article(article_text, sentences, mentions, _acronyms(definitions, mentions, title_orgs))
    _person_index(art)
    art.mentions = [_reclass(art, m) for m in art.mentions]
    return art


def _apposition(text: str, m: Mention) -> Mention:
    """'Malawi's new president, Joyce Banda': a person titled in apposition."""
    if m.kind not in ("person", "name") or m.titled:
        return m
    title = _APPOSED_TITLE.search(text, max(0, m.start - 60), m.start)
    if not title:
        return m
    return replace(m, kind="person", titled=True, title=title.group(1).lower())


def _reclass(art: Article, m: Mention) -> Mention:
    """Second look at one-word places: a surname of the article ("Buckley") or an acronym ("ICO") is none."""
    if m.kind == "title" and " " not in m.name and (word_key(m.name) in art.by_last):
        return replace(m, kind="name")  # "Prince" when the article names Erik Prince
    if m.kind != "place" or " " in m.name:
        return m
    if word_key(m.name) in art.by_last or word_key(m.name) in art.surname_first:
        return replace(m, kind="name")
    if m.name in art.acronyms or (shouted(m.name) and m.start > 0 and len(m.name) <= 4):
        return replace(m, kind="org")
    return m


def person_names(text: str) -> list[str]:
    """Multi-word person names in order of appearance, titles stripped (the cheap recogniser's view)."""
    return [m.name for m in analyse(text).mentions if m.kind == "person" and " " in m.name]
