"""Tokens and capitalised runs: the words of an article that may form names, joined into runs.

Runs of capitalised words are cut at punctuation, possessives and time words, and joined over the connectors of
organisation names ("Bank of England", "Procter & Gamble Co"); acronyms never join each other ("OPEC CUTS
Libya" is a headline: three runs).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.language.names.lexicon import (
    ABBREVIATIONS,
    AND_MODIFIERS,
    CONNECTORS,
    CORE_TITLES,
    EVENT_HEADS,
    JOINING_PREFIXES,
    LEGAL_FORMS,
    MONTH_SURNAMES,
    NUMBER_WORDS,
    ORG_WORDS,
    PARTICLE_PREFIXES,
    PARTICLES,
    STOP_STARTS,
    alternation,
    given_names,
)
from extractors.language.places import is_time_word, place_kind

QUOTES = " \t\n,;:\"'“”‘’()[]{}«»"
PARTY_STATE = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*$")
PARTICLE_NAME = re.compile(rf"(?:{alternation(PARTICLE_PREFIXES)})-[A-Z]")
# Words that can begin or join a name: capitalised or numeric words, connectors, "al-Tayer"; other lower-case
# words are skipped (they only separate runs, which the text between two tokens shows anyway).
_TOKEN = re.compile(
    rf"&|(?<![\w'’.\-])(?:[^\W\da-z_]|\d|(?:{alternation(w for w in CONNECTORS if w.isalpha())})\b|"
    rf"(?:{alternation(PARTICLE_PREFIXES)})-)(?:[\w'’.\-]*[\w.])?"
)
_ACRONYM_HYPHEN = re.compile(r"^((?:[A-Z]\.?){2,})-(?=[A-Z])")
_REGNAL = re.compile(r"(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)")


@dataclass(frozen=True, slots=True)
class Token:
    """A word that may stand in a name: capitalised, numeric or a connector ("of", "&", "al-")."""

    start: int
    end: int  # end of ``text`` (possessive and sentence period excluded)
    raw_end: int
    text: str
    cap: bool
    possessive: bool
    final: bool  # ends with a sentence period
    initial: bool  # first word of a sentence
    index: int = 0  # position in the token list

    @property
    def low(self) -> str:
        return self.text.lower()


def is_abbreviation(word: str) -> bool:
    """Does the word's period end no sentence ("Mr.", "U.S.", "Calif.", "D-Mont.")?"""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+", word) or word[:-1].lower() in ABBREVIATIONS
                or PARTY_STATE.match(word))


def _words_at(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word; "IMF-World" and "U.S.-Israel" are two words."""
    out = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(0), m.start()
        if ".." in word:  # "Congress...to"
            word = word[:word.index("..")]
            if not word:
                continue
        split = _ACRONYM_HYPHEN.match(word)
        if split:
            out.append((split.group(1), start, start + len(split.group(1))))
            word, start = word[split.end():], start + split.end()
        out.append((word, start, start + len(word)))
    return out


_LEAD = re.compile("[" + re.escape(QUOTES + "-–—*•") + "]*")  # what may come before a sentence's first word


def tokens(text: str, starts: list[int]) -> list[Token]:
    """Capitalised words and the lower-case words that may join them; other words only separate runs."""
    out = []
    firsts = [_LEAD.match(text, s).end() for s in starts]  # where each sentence's first word starts
    for word, start, raw_end in _words_at(text):
        if word[0].islower() and word not in CONNECTORS and not word.startswith(JOINING_PREFIXES):
            continue
        possessive = final = False
        if len(word) > 2 and word[-2:] in ("'s", "’s"):
            word, possessive = word[:-2], True
        elif len(word) > 2 and word[-1] in "'’" and word[-2] == "s":
            word, possessive = word[:-1], True
        if word.endswith(".") and not is_abbreviation(word):
            word, final = word.rstrip("."), True
        if not word:
            continue
        i = bisect.bisect_right(starts, start) - 1
        initial = i < 0 or firsts[i] >= start
        cap = (word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word))
               or ("-" in word and bool(PARTICLE_NAME.match(word))))
        out.append(Token(start, start + len(word), raw_end, word, cap, possessive, final, initial, len(out)))
    return out


def _joinable(text: str, a: Token, b: Token) -> bool:
    """Can ``b`` continue the run that ``a`` ends? Only spaces between, no sentence end or possessive.

    A plural possessive inside an organisation's name continues it ("British Bankers' Association").
    """
    inner = a.possessive and a.text.endswith("s") and text[a.end:a.raw_end] in ("'", "’") and b.low in ORG_WORDS
    if (a.possessive and not inner) or a.final or text[a.raw_end:b.start].strip(" \t\u00a0"):
        return False
    return a.raw_end < b.start


def shouted(word: str) -> bool:
    """An all-capitals word without dots ("OPEC", "CUTS"); "U.S." is not."""
    return word.isupper() and len(word) > 1 and "." not in word


def next_to_shouted(text: str, toks: list[Token], i: int) -> bool:
    """Is word ``i`` beside another all-capitals word (a headline, "FINGER-POINTING Bridas")?"""
    before = i > 0 and shouted(toks[i - 1].text) and not text[toks[i - 1].raw_end:toks[i].start].strip(" -")
    after = (i + 1 < len(toks) and shouted(toks[i + 1].text)
             and not text[toks[i].raw_end:toks[i + 1].start].strip(" -"))
    return bool(before or after)


def _continues(text: str, run: list[Token], nxt: Token, headline: bool) -> bool:
    """Does capitalised ``nxt`` continue the run? Acronyms never join each other ("OPEC CUTS Libya" is a
    headline: three runs), but one may lead a name ("US Airways", "EU Commissioner Olli Rehn")."""
    if not nxt.cap or nxt.low in STOP_STARTS or is_time_word(run[-1].text):
        return False
    if is_time_word(nxt.text):  # "Theresa May": a month after a given name is a surname, unless dated ("May 5")
        return (nxt.low in MONTH_SURNAMES and run[-1].text in given_names()
                and not re.match(r"\s*\d", text[nxt.raw_end:nxt.raw_end + 3]))
    if shouted(nxt.text):
        if nxt.text in LEGAL_FORMS:  # "Chrysler LLC", "BP PLC"
            return True
        return bool(_REGNAL.fullmatch(nxt.text)) and run[-1].text in given_names()  # "Elizabeth II"
    return not shouted(run[-1].text) or (len(run) == 1 and not headline)


def _number(word: str) -> bool:
    """'20' or 'Seven' as in 'Group of 20', 'Group of Seven'."""
    return word.isdigit() or word.lower() in NUMBER_WORDS


def _connector_ok(run: list[Token], conn: Token, used: set[str]) -> bool:
    """May lower-case ``conn`` join two capitalised words inside a name?"""
    low = conn.low
    if conn.text == "&" or low in PARTICLES or low.startswith(JOINING_PREFIXES):
        return True
    last = run[-1].low
    if low in ("of", "for", "on"):  # "Bank of England", "Panel on ...", "Secretary of State", "Treaty of Rome"
        return last in ORG_WORDS or last in CORE_TITLES or last in EVENT_HEADS
    if low == "and" and last in AND_MODIFIERS:  # "Securities and Exchange Commission"
        return True
    return low in ("and", "the") and "org-of" in used


def _bridge(text: str, toks: list[Token], j: int, run: list[Token], used: set[str]) -> bool:
    """Does the lower-case word after ``toks[j]`` join the run to the next capitalised word?"""
    if j + 2 >= len(toks):
        return False
    conn, nxt = toks[j + 1], toks[j + 2]
    if conn.cap or not _joinable(text, conn, nxt) or is_time_word(nxt.text):
        return False
    if not ((nxt.cap and nxt.low not in STOP_STARTS) or _number(nxt.text)):
        return False
    if conn.low == "and" and run[-1].low not in AND_MODIFIERS and not _alike(text, toks, j, run):
        return False
    if conn.low == "and" and _org_and(text, toks, j, run):
        return True  # "House Oversight and Government Reform Committee"
    return _connector_ok(run, conn, used)


def _of_the(text: str, toks: list[Token], j: int, run: list[Token]) -> bool:
    """'of the' inside an organisation's or office's name ("Organization of the Petroleum Exporting Countries",
    "Office of the Comptroller"): after an organisation word, before a capitalised word."""
    if j + 3 >= len(toks) or run[-1].low not in ORG_WORDS:
        return False
    of, the, nxt = toks[j + 1:j + 4]
    return (of.low == "of" and the.low == "the" and nxt.cap and nxt.low not in STOP_STARTS
            and not is_time_word(nxt.text) and _joinable(text, toks[j], of) and _joinable(text, of, the)
            and _joinable(text, the, nxt))


def _org_and(text: str, toks: list[Token], j: int, run: list[Token]) -> bool:
    """An organisation's name with an inner 'and': it has an organisation word before, ends with one after."""
    if run[-1].low in ORG_WORDS or not any(t.low in ORG_WORDS for t in run):
        return False
    k = j + 2
    while k + 1 < len(toks) and toks[k + 1].cap and _joinable(text, toks[k], toks[k + 1]):
        k += 1
    return toks[k].low in ORG_WORDS


def _alike(text: str, toks: list[Token], j: int, run: list[Token]) -> bool:
    """'New York and New Jersey', 'Security and Cooperation': both sides of an inner 'and' are places, or
    neither is ("Group of Five and Canada" is two names)."""
    k = len(run)
    while k > 0 and run[k - 1].cap:
        k -= 1
    before = " ".join(t.text for t in run[k:])
    after = [toks[j + 2]]
    while (j + 2 + len(after) < len(toks) and toks[j + 2 + len(after)].cap
           and _joinable(text, after[-1], toks[j + 2 + len(after)])):
        after.append(toks[j + 2 + len(after)])
    return (place_kind(before) is None) == (place_kind(" ".join(t.text for t in after)) is None)


def capitalised_runs(text: str, toks: list[Token]) -> list[list[Token]]:
    """Capitalised runs with their inner connectors."""
    runs, i, n = [], 0, len(toks)
    while i < n:
        t = toks[i]
        if not t.cap or t.low in STOP_STARTS:
            i += 1
            continue
        run, used, j = [t], set(), i
        headline = shouted(t.text) and (len(t.text) > 5 or next_to_shouted(text, toks, i))
        while j + 1 < n and _joinable(text, toks[j], toks[j + 1]):
            if _continues(text, run, toks[j + 1], headline):
                run.append(toks[j + 1])
                j += 1
            elif _of_the(text, toks, j, run):  # "Organization of the Petroleum Exporting Countries"
                used.add("org-of")
                run += toks[j + 1:j + 4]
                j += 3
            elif _bridge(text, toks, j, run, used):
                if toks[j + 1].low in ("of", "for", "on") and (toks[j].low in ORG_WORDS or toks[j].low in EVENT_HEADS):
                    used.add("org-of")
                run += [toks[j + 1], toks[j + 2]]
                j += 2
            else:
                break
        runs.append(run)
        i = j + 1
    return runs
