"""Participant names: the fullest name the article gives, titles stripped, references resolved.

A cheap recogniser (regexes and curated lists, no model) reads each article once. Runs of capitalised words
("chunks") are cut at punctuation, possessives and time words, and joined over the connectors of
organisation names ("Bank of England", "Procter & Gamble Co"). Each chunk gets a kind from title words,
organisation head words, the gazetteers of :mod:`extractors.language.places` and curated lists. A tagger's participant
span is mapped to the chunks under it and resolved:

- a person: the fullest form of the name in the article ("Abe" -> "Shinzo Abe"), titles stripped;
- an acronym: its long form when the article spells it out ("ECB" -> "European Central Bank");
- "the two", "both leaders", "the two sides": the two people (else parties) last named together before;
- "he"/"she": the one person named before it in the sentence or in the previous sentence, if just one;
- "the company", "the central bank": the nearest organisation of that kind named before, else as written;
- "Greek" before "officials": the group "Greek officials"; a bare adjective, a place, a time, an event or a
  news agency is no participant.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from extractors.language.places import is_time_word, place_kind

DATA = Path(__file__).resolve().parents[1] / "data"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CORE_TITLES = _words(
    "president vice-president president-elect minister premier chancellor secretary secretary-general leader "
    "chairman chairwoman chair chairperson chief commissioner governor gov gov. senator sen sen. rep rep. "
    "representative congressman congresswoman mayor ambassador envoy spokesman spokeswoman spokesperson adviser "
    "advisor director ceo cfo coo cto king queen prince princess emperor empress pope sheikh emir sultan ayatollah "
    "gen. admiral adm. colonel col. lieutenant lt. sergeant sgt. captain capt. mr mr. mrs mrs. ms ms. dr dr. "
    "prof prof. professor judge justice speaker treasurer counsel officer negotiator delegate lawmaker mp "
    "attorney prosecutor surgeon rev rev. reverend lord sir dame archbishop cardinal bishop founder economist "
    "analyst candidate nominee deputy executive strategist commander whip messrs. messrs exchequer "
    "undersecretary under-secretary"
)
# Words that may follow a title before the name: "Secretary of State Rex Tillerson", "Attorney General X".
TITLE_COMPLEMENTS = _words(
    "of the state defense defence treasury commerce energy agriculture labor labour health education "
    "transportation interior homeland security justice finance general foreign affairs trade economy staff"
)
ORG_WORDS = _words(
    "organization organisation committee commission council bank fund union association authority agency board "
    "bureau department ministry office panel party parliament congress senate house assembly court reserve "
    "fed federation league group company corporation co co. corp corp. inc inc. ltd ltd. llc plc ag sa nv spa "
    "gmbh institute university college foundation club times post news press journal network television radio "
    "associates partners holdings airlines airways motors electric industries petroleum exchange secretariat "
    "alliance coalition cabinet government administration treasury police army navy forces guard caucus "
    "delegation mission embassy consulate chamber trust securities bancorp financial insurance systems "
    "technologies pharmaceuticals laboratories foods brands stores communications telecom media studios "
    "entertainment centre center services nations state community system regime politburo opec nato cooperation "
    "capital markets investments advisors research economics consulting subcommittee"
)
CORPORATE = _words("co co. corp corp. inc inc. ltd ltd. llc plc ag sa nv spa gmbh group company corporation "
                   "holdings airlines motors industries bancorp")
EVENT_HEADS = _words(
    "summit summits conference convention agreement treaty accord act forum games olympics cup festival expo "
    "meeting meetings talks round session revolution war day week plan program programme initiative policy law "
    "bill index election elections campaign symposium dialogue process protocol pact deal doctrine strategy "
    "tour visit hearing hearings"
)
MEDIA = _words(
    "reuters ap afp bloomberg xinhua kyodo yonhap tass ria interfax nhk bbc cnn msnbc cnbc npr itar-tass "
    "ria-novosti novosti"
)
MEDIA_PHRASES = frozenset({"associated press", "agence france-presse", "dow jones", "fox news", "al jazeera",
                           "kyodo news", "ria novosti", "press trust of india"})
STOP_STARTS = _words(
    "the a an and but or nor so yet for if as at by in on of to from with without into onto upon over under "
    "after before during since until while when where whereas whether which who whom whose what why how this "
    "that these those there here then than thus hence however meanwhile meantime moreover furthermore "
    "nevertheless nonetheless although though because despite still also even just only already instead "
    "otherwise indeed perhaps maybe some many most much more less few several all any each every both either "
    "neither no not none one two three four five six seven eight nine ten first second third last next another "
    "other such he she it they we i you me him her us them his its their our my your himself herself itself "
    "themselves ourselves yes asked says said according presuming assuming given including following amid among "
    "against about above across along around behind below beside between beyond inside outside toward towards "
    "via per sources source mr mrs ms dear please let like unlike whatever whoever now today tomorrow yesterday "
    "later earlier separately recently overall finally again currently previously additionally similarly "
    "likewise therefore accordingly elsewhere ultimately initially eventually last-minute once twice top senior "
    "former acting outgoing incoming interim ex might should would could must shall did does is are was were has "
    "have had can will"
)
SUFFIXES = _words("jr jr. sr sr. ii iii iv")
PARTICLES = _words("de da di del della van von der den ten ter bin bint ibn al el la le du dos das y wa")
CONNECTORS = PARTICLES | {"of", "for", "on", "and", "the", "&"}
PEOPLE_NOUNS = _words(
    "officials leaders ministers lawmakers legislators senators congressmen delegates delegations negotiators "
    "diplomats envoys representatives executives investors analysts activists members producers consumers "
    "traders roasters bankers regulators governors mayors commanders generals officers counterparts heads "
    "chiefs presidents premiers policymakers shareholders stockholders creditors bondholders unions workers "
    "employees voters supporters donors authorities experts economists scientists farmers veterans lawyers "
    "judges parliamentarians ambassadors allies partners nations countries governments companies firms banks "
    "manufacturers exporters importers buyers growers lenders insurers automakers states democrats republicans "
    "commissioners directors trustees staff students families protesters rebels militants troops groups "
    "organizations organisations agencies committees emissaries delegation team board committee panel "
    "government cabinet administration people staff personnel police clergy management leadership secretaries "
    "parties"
)
MODIFIERS = _words(
    "trade finance foreign defense defence military senior top government congressional party industry "
    "business community state central bank energy oil economic security union opposition administration "
    "embassy health agriculture farm coffee cabinet high-level cabinet-level ranking regional local national "
    "federal provincial municipal city county tribal labor labour agricultural financial monetary commerce "
    "treasury banking budget tax justice police intelligence nuclear peace ruling"
)
PRONOUNS_ONE = {"he", "she", "him", "her"}
PRONOUNS_DROP = {"they", "them", "we", "us", "i", "you", "it", "who", "whom", "which", "his", "its", "their",
                 "our", "this", "that", "these", "those", "me", "one", "someone", "everyone", "both"}
ABBREVIATIONS = _words(
    "mr mrs ms dr jr sr st sen rep gov gen lt col adm prof rev co corp inc ltd no mt ft jan feb mar apr jun jul "
    "aug sep sept oct nov dec vs messrs sgt capt maj cmdr pres ave calif mont ore va ky ala ariz ark colo conn "
    "del fla ga ill ind kan la md mass mich minn miss mo neb nev okla pa tenn tex vt wash wis wyo"
)
LOCATIVE = _words("in at from near outside inside into toward towards across around throughout via through "
                  "visit visits visited visiting tour touring within")
COLLECTIVES = _words("federation association union council committee commission board organization organisation "
                     "group body bloc delegation team panel caucus")
NOT_PLURAL = _words("news talks series species politics economics means headquarters basis crisis analysis thesis "
                    "process status campus census bus plus its this his has was does")
DETERMINERS = re.compile(r"^(?:the|a|an|some|several|many|other|its|their|all|both|most|two|three)\s+",
                         re.IGNORECASE)
VAGUE_HEADS = {"company", "firm", "group", "organization", "organisation", "carrier", "airline", "automaker",
               "lender", "insurer", "party", "department"}
TITLE_DESCRIPTION = re.compile(
    r"^(?:the|its|their|his|her)\s+(?:(?:[a-z]+|u\.s\.)\s+)?(?P<title>president|prime\s+minister|chancellor|"
    r"premier|secretary\s+of\s+state|secretary|senator|governor|king|queen|chairman|chairwoman|chief\s+executive|"
    r"ceo|ambassador|foreign\s+minister|finance\s+minister|mayor|pope|emperor|leader)$",
    re.IGNORECASE,
)
VAGUE_PLURALS = {"people", "sides", "others", "members", "parties", "markets", "states"}  # "People said": no party
NOT_GROUP_NOUNS = {"heads", "states", "parties", "staff", "people", "team", "board", "panel", "management"}
DEMOTING = {"vice", "deputy", "former", "assistant", "under", "acting", "ex"}
PLURAL_REF = re.compile(
    r"^(?:the\s+|both\s+(?:the\s+)?|all\s+)?(?:two|both|pair|duo|three)"
    r"(?:\s+(?:[a-z-]+\s+)?(?P<noun>heads\s+of\s+state|[a-z]+s|men|women|people))?$",
    re.IGNORECASE,
)
PARTY_NOUNS = {"sides", "countries", "nations", "governments", "companies", "firms", "parties", "delegations",
               "teams", "allies", "neighbors", "neighbours", "rivals", "groups", "banks", "states", "organizations",
               "organisations", "unions", "blocs", "carriers", "airlines", "automakers", "exchanges"}
DESCRIPTION = re.compile(
    r"^(?:the|its|their|this)\s+(?:(?P<adj>[a-z-]+)\s+)?(?P<head>company|firm|group|bank|committee|commission|"
    r"board|authority|agency|council|government|administration|alliance|bloc|cartel|organi[sz]ation|fund|panel|"
    r"ministry|department|union|court|exchange|regulator|carrier|airline|automaker|lender|insurer|party|fed)"
    r"(?:['’]s?(?P<rest>\s+.+)?)?$",
    re.IGNORECASE,
)
DESCRIPTION_HEADS = {
    "company": CORPORATE, "firm": CORPORATE, "carrier": CORPORATE, "airline": CORPORATE,
    "automaker": CORPORATE, "lender": CORPORATE | {"bank"}, "insurer": CORPORATE, "bank": {"bank", "reserve", "fed"},
    "fed": {"reserve", "fed"}, "regulator": {"commission", "authority", "agency", "board"},
    "cartel": {"opec", "petroleum"}, "bloc": {"union", "community", "asean"},
}
TICKER = re.compile(r"^[A-Z]{1,5}[a-z]?\.[A-Z]{1,2}$")
COMMON_ENDING = re.compile(r"(?:ing|ed|ly|tion|ment|ness)$")
# After a name, these make it a modifier ("the Trump administration", "a State Department official").
MODIFIED_BY = re.compile(
    r"\s+(?:administration|campaign|government|team|era|presidency|family|foundation|supporters|aides|"
    r"advisers|advisors|allies|tower|hotel|official|spokesman|spokeswoman|spokesperson|source|sources|"
    r"statement|website|report|document|data|letter|bill|plan|proposal|chief|head|boss|chairman|chairwoman|"
    r"president|ceo|director|minister|secretary|governor|ambassador|envoy|leader)\b"
)
SOURCE_NOUNS = {"officials", "sources", "diplomats", "analysts", "experts", "economists", "aides"}
ATTRIBUTION = re.compile(r"\s*,?\s+(?:\w+\s+)?(?:say|says|said|told|reported|reports|added|wrote|noted)\b")
# After a group's noun, a word that shows the noun heads the phrase ("officials said", "leaders, ...").
GROUP_END = re.compile(
    r"\s*(?:[,.;:!?)\]\"”’'-]|$|(?:will|would|shall|should|can|could|may|might|must|is|are|was|were|has|have|"
    r"had|and|or|to|in|on|at|for|of|with|about|from|who|that|which|said|say|says|told|also|plan|plans|"
    r"planned|agreed|met|meet|expected|as|over|during|after|before|ahead|later|next|this|on)\b)"
)
PARTY_STATE = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*$")
# Words that can begin or join a name: capitalised or numeric words, connectors, "al-Tayer"; other lower-case
# words are skipped (they only separate runs, which the text between two tokens shows anyway).
_TOKEN = re.compile(
    r"&|(?<![\w'’.\-])(?:[^\W\da-z_]|\d|(?:of|for|on|and|the|de|da|di|del|della|van|von|der|den|ten|ter|bin|bint|"
    r"ibn|al|el|la|le|du|dos|das|y|wa)\b|(?:al|el|bin|ibn|abu|ben)-)(?:[\w'’.\-]*[\w.])?"
)
_SPLIT_SPAN = re.compile(r"(?<=[a-z\]\)])[.!?;]+\s+|\s*\n+\s*|\s+[-–—]+\s+")
_QUOTES = " \t\n,;:\"'“”‘’()[]{}«»"


@cache
def _common_words() -> frozenset[str]:
    """Lower-case words of news English (``data/common_words.txt``): no name when capitalised at a sentence start."""
    lines = (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


@cache
def _given_names() -> frozenset[str]:
    """Words that begin people's names in news (``data/given_names.txt``)."""
    lines = (DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


@cache
def _demonyms() -> frozenset[str]:
    lines = (DATA / "demonyms.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


# --- tokens and chunks --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Tok:
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


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets from end punctuation before a capital (not after "Mr." or an initial) and line breaks.

    Cheaper than the pipeline's splitter and only used for "which sentence, which one before".
    """
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == ".":
            before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start() + 1)
            if before and _is_abbreviation(before.group(1)):
                continue
        if text[start:m.start() + 1].strip():
            out.append((start, m.start() + 1))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out or [(0, len(text))]


def _is_abbreviation(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+", word) or word[:-1].lower() in ABBREVIATIONS
                or PARTY_STATE.match(word))


_ACRONYM_HYPHEN = re.compile(r"^((?:[A-Z]\.?){2,})-(?=[A-Z])")


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


def _tokens(text: str, starts: list[int]) -> list[_Tok]:
    """Capitalised words and the lower-case words that may join them; other words only separate runs."""
    out = []
    for word, start, raw_end in _words_at(text):
        if word[0].islower() and word not in CONNECTORS and not word.startswith(("al-", "el-", "bin-")):
            continue
        possessive = final = False
        if len(word) > 2 and word[-2:] in ("'s", "’s"):
            word, possessive = word[:-2], True
        elif len(word) > 2 and word[-1] in "'’" and word[-2] == "s":
            word, possessive = word[:-1], True
        if word.endswith(".") and not _is_abbreviation(word):
            word, final = word.rstrip("."), True
        if not word:
            continue
        i = bisect.bisect_right(starts, start) - 1
        lead = text[starts[i]:start] if i >= 0 else text[:start]
        initial = i < 0 or not lead.strip(_QUOTES + "-–—*•")
        cap = (word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word))
               or bool(_PARTICLE_NAME.match(word)))
        out.append(_Tok(start, start + len(word), raw_end, word, cap, possessive, final, initial, len(out)))
    return out


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    """Can ``b`` continue the run that ``a`` ends? Only spaces between, no sentence end or possessive.

    A plural possessive inside an organisation's name continues it ("British Bankers' Association").
    """
    inner = a.possessive and a.text.endswith("s") and text[a.end:a.raw_end] in ("'", "’") and b.low in ORG_WORDS
    if (a.possessive and not inner) or a.final or text[a.raw_end:b.start].strip(" \t\u00a0"):
        return False
    return a.raw_end < b.start


def _shouted(word: str) -> bool:
    """An all-capitals word without dots ("OPEC", "CUTS"); "U.S." is not."""
    return word.isupper() and len(word) > 1 and "." not in word


def _next_to_shouted(text: str, toks: list[_Tok], i: int) -> bool:
    """Is word ``i`` beside another all-capitals word (a headline, "FINGER-POINTING Bridas")?"""
    before = i > 0 and _shouted(toks[i - 1].text) and not text[toks[i - 1].raw_end:toks[i].start].strip(" -")
    after = (i + 1 < len(toks) and _shouted(toks[i + 1].text)
             and not text[toks[i].raw_end:toks[i + 1].start].strip(" -"))
    return bool(before or after)


def _continues(text: str, run: list[_Tok], nxt: _Tok, headline: bool) -> bool:
    """Does capitalised ``nxt`` continue the run? Acronyms never join each other ("OPEC CUTS Libya" is a
    headline: three runs), but one may lead a name ("US Airways", "EU Commissioner Olli Rehn")."""
    if not nxt.cap or nxt.low in STOP_STARTS or is_time_word(run[-1].text):
        return False
    if is_time_word(nxt.text):  # "Theresa May": a month after a given name is a surname, unless dated ("May 5")
        return (nxt.low in _MONTH_SURNAMES and run[-1].text in _given_names()
                and not re.match(r"\s*\d", text[nxt.raw_end:nxt.raw_end + 3]))
    if _shouted(nxt.text):
        if nxt.text in _LEGAL_FORMS:  # "Chrysler LLC", "BP PLC"
            return True
        return bool(_REGNAL.fullmatch(nxt.text)) and run[-1].text in _given_names()  # "Elizabeth II"
    return not _shouted(run[-1].text) or (len(run) == 1 and not headline)


_MONTH_SURNAMES = frozenset({"may", "march", "june", "august"})
_LEGAL_FORMS = frozenset({"LLC", "LP", "LLP", "PLC", "AG", "SA", "NV", "SE", "AB", "ASA", "BV", "GMBH", "KK", "LTD",
                          "INC", "CORP", "SPA", "OYJ", "SAS", "ULC"})
_REGNAL = re.compile(r"(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)")


AND_MODIFIERS = _words(
    "securities exchange trade development research science technology commerce industry agriculture energy "
    "health safety defense defence finance economic political social monetary housing urban land natural "
    "employment labour labor transport transportation communications fisheries food drug customs excise "
    "revenue justice home immigration naturalization education culture tourism environment forestry mining"
)
NUMBER_WORDS = _words("two three four five six seven eight nine ten eleven twelve twenty")


def _number(word: str) -> bool:
    """'20' or 'Seven' as in 'Group of 20', 'Group of Seven'."""
    return word.isdigit() or word.lower() in NUMBER_WORDS


def _connector_ok(run: list[_Tok], conn: _Tok, used: set[str]) -> bool:
    """May lower-case ``conn`` join two capitalised words inside a name?"""
    low = conn.low
    if conn.text == "&" or low in PARTICLES or low.startswith(("al-", "el-", "bin-")):
        return True
    last = run[-1].low
    if low in ("of", "for", "on"):  # "Bank of England", "Panel on ...", "Secretary of State", "Treaty of Rome"
        return last in ORG_WORDS or last in CORE_TITLES or last in EVENT_HEADS
    if low == "and" and last in AND_MODIFIERS:  # "Securities and Exchange Commission"
        return True
    return low in ("and", "the") and "org-of" in used


def _bridge(text: str, toks: list[_Tok], j: int, run: list[_Tok], used: set[str]) -> bool:
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


def _org_and(text: str, toks: list[_Tok], j: int, run: list[_Tok]) -> bool:
    """An organisation's name with an inner 'and': it has an organisation word before, ends with one after."""
    if run[-1].low in ORG_WORDS or not any(t.low in ORG_WORDS for t in run):
        return False
    k = j + 2
    while k + 1 < len(toks) and toks[k + 1].cap and _joinable(text, toks[k], toks[k + 1]):
        k += 1
    return toks[k].low in ORG_WORDS


def _alike(text: str, toks: list[_Tok], j: int, run: list[_Tok]) -> bool:
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


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Capitalised runs with their inner connectors."""
    runs, i, n = [], 0, len(toks)
    while i < n:
        t = toks[i]
        if not t.cap or t.low in STOP_STARTS:
            i += 1
            continue
        run, used, j = [t], set(), i
        headline = _shouted(t.text) and (len(t.text) > 5 or _next_to_shouted(text, toks, i))
        while j + 1 < n and _joinable(text, toks[j], toks[j + 1]):
            if _continues(text, run, toks[j + 1], headline):
                run.append(toks[j + 1])
                j += 1
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


# --- classing ----------------------------------------------------------------------------------------------

def _title_split(words: list[str]) -> int | None:
    """Index where the name starts after the last title word ("Russian President Vladimir Putin" -> 2)."""
    low = [w.lower() for w in words]
    for k in range(len(words) - 1, -1, -1):
        if low[k] not in CORE_TITLES:
            continue
        j = k + 1
        while j < len(words) - 1 and low[j] in TITLE_COMPLEMENTS:
            j += 1
        rest = low[j:]
        if rest and rest[0] not in SUFFIXES and not any(w in ORG_WORDS or w in EVENT_HEADS for w in rest):
            return j
        return None
    return None


def _strip_demonyms(words: list[str]) -> list[str]:
    dem = _demonyms()
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}".lower() in dem:
            i += 2
        elif words[i].lower() in dem:
            i += 1
        else:
            break
    return words[i:]


def _kind(words: list[str], initial: bool, evidence: collections.Counter[str]) -> tuple[str, list[str]]:
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
    cut = _title_split(words)
    if cut is not None:
        return "person", words[cut:]
    if (low[-1] in CORE_TITLES and words[0] not in _given_names()) or all(
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
    if (initial and len(words) > 1 and words[0] not in evidence and words[0].lower() in _common_words()
            and words[0] not in _given_names() and not any(w.lower() in ORG_WORDS for w in words)):
        words = words[1:]
    return words


_PARTICLE_NAME = re.compile(r"(?:al|el|bin|ibn|abu|ben)-[A-Z]")


def _name_word(word: str) -> bool:
    """A word that may stand in a name: capitalised, a particle ("van"), or "al-Tayer"."""
    return word[:1].isupper() or word.lower() in PARTICLES or bool(_PARTICLE_NAME.match(word))


def _personal(words: list[str]) -> bool:
    """'Mark Warner', 'J. Paul Sticht': two to four name words led by a known given name or an initial."""
    if not 2 <= len(words) <= 4 or not all(_name_word(w) for w in words):
        return False
    if any(w.lower() in ORG_WORDS for w in words):
        return False
    return words[0] in _given_names() or bool(re.fullmatch(r"[A-Z]\.", words[0]) and len(words[1]) > 2)


def _event(low: list[str]) -> bool:
    """A gathering's or an agreement's name: it ends with one ("Democratic National Convention") or one is
    followed by its subject ("General Agreement on Tariffs and Trade")."""
    if low[-1] in EVENT_HEADS:
        return True
    return any(w in EVENT_HEADS and nxt in ("on", "of", "for") for w, nxt in itertools.pairwise(low))


def _other_kind(words: list[str], initial: bool, evidence: collections.Counter[str]) -> tuple[str, list[str]]:
    """Adjectives, groups, single words and unconfirmed multi-word names."""
    phrase = " ".join(words)
    if phrase.lower() in _demonyms():
        return "demonym", words
    rest = _strip_demonyms(words)
    if not rest:
        return "demonym", words
    if len(rest) > 1 and len(rest) < len(words):
        return _kind(rest, False, evidence)  # "American Donald Trump"
    if len(rest) < len(words):
        return "name", words  # "British Columbia", "Democratic Left"
    if len(words) == 1:
        return _single_kind(words[0], initial, evidence), words
    if (all(_name_word(w) or w == "&" for w in words) and len(words) <= 5
            and any(len(w.strip(".")) > 1 for w in words) and words[0].lower() not in _common_words()):
        return "person", words  # an unknown given name ("Tsidi Tsikata"), but not "High Line"
    return "name", words


def _single_kind(word: str, initial: bool, evidence: collections.Counter[str]) -> str:
    if word.lower() in STOP_STARTS or len(word.strip(".-")) < 2 or re.search(r"-[a-z]+$|['’][a-z]{1,2}$", word):
        return "common"  # "U.S.-specific", "Japan-based", "We’ll"
    if TICKER.match(word):
        return "common"  # "GE.N", "ROG.VX"
    if word.isupper() and len(word) >= 2:
        return "org"
    if word.endswith("s") and word[:-1].lower() in _demonyms() | {"democrat", "republican", "conservative"}:
        return "group"  # "Democrats", "Republicans"
    if initial and word not in evidence and (word.lower() in evidence or word.lower() in _common_words()
                                             or COMMON_ENDING.search(word)):
        return "common"  # capitalised only because it starts a sentence
    if word.lower() in _common_words() and evidence.get(word, 0) <= 1:
        return "common"  # a common word capitalised once, as in a headline ("Political pressure")
    return "name"


# --- the article -------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Article:
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


def _key(word: str) -> str:
    return word.lower().rstrip(".")


def _core(name: tuple[str, ...]) -> tuple[str, ...]:
    """The name's words without generational suffixes, lower case, dots dropped."""
    words = [_key(w) for w in name]
    while len(words) > 1 and words[-1] in {"jr", "sr", "ii", "iii", "iv"}:
        words.pop()
    return tuple(words)


_WORD = re.compile(r"[\w&'’.-]+")


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


def _acronyms(definitions: list[tuple[int, int, str, str]], mentions: list[Mention]) -> dict[str, str]:
    """ACRONYM -> long form: spelled-out definitions first, then organisations whose initials match."""
    out = {acr: long for _, _, acr, long in definitions}
    for m in mentions:
        if m.kind != "org" or " " not in m.name:
            continue
        initials = "".join(w[0] for w in m.name.split() if w[:1].isupper())
        if len(initials) >= 2:
            out.setdefault(initials.upper(), m.name)
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


def _person_index(art: _Article) -> None:
    for m in art.mentions:
        if m.kind != "person" or " " not in m.name:
            continue
        name = tuple(m.name.split())
        core = _core(name)
        art.by_last.setdefault(core[-1], []).append((m.start, name))
        if m.titled:
            art.titled.add(m.start)
        if m.titled and len(core) in (2, 3) and "." not in m.name:
            art.surname_first.setdefault(core[0], []).append((m.start, name))


@lru_cache(maxsize=32)
def analyse(article_text: str) -> _Article:
    """Sentences, classed mentions, acronyms and a surname index of one article (cached)."""
    sentences = _sentences(article_text)
    starts = [s for s, _ in sentences]
    toks = _tokens(article_text, starts)
    runs = _runs(article_text, toks)
    evidence = collections.Counter(run[-1].text for run in runs if not run[-1].initial)
    evidence.update(set(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", article_text)))
    mentions = []
    for run in runs:
        words = [t.text for t in run]
        kind, name = _kind(words, run[0].initial, evidence)
        if kind == "org" and len(run) == 1 and run[0].low in _common_words() and _next_to_shouted(
                article_text, toks, run[0].index):
            kind = "common"  # "SIDES" in "G20 SIDES": a headline word
        titled = kind == "person" and len(name) < len(words)
        title = " ".join(words[:len(words) - len(name)]).lower() if titled else ""
        mentions.append(Mention(run[0].start, run[-1].end, " ".join(name), kind, run[0].initial, titled, title))
    definitions = _definitions(article_text)
    mentions = _with_definitions(mentions, definitions)
    mentions = [_apposition(article_text, m) for m in mentions]
    art = _Article(article_text, sentences, mentions, _acronyms(definitions, mentions))
    _person_index(art)
    art.mentions = [_reclass(art, m) for m in art.mentions]
    return art


_TITLE_ALTERNATION = "|".join(re.escape(t) for t in sorted(CORE_TITLES, key=len, reverse=True) if "." not in t)
_APPOSED_TITLE = re.compile(rf"\b((?:[a-z]+\s+){{0,2}}(?:{_TITLE_ALTERNATION}))\s*,\s*$")


def _apposition(text: str, m: Mention) -> Mention:
    """'Malawi's new president, Joyce Banda': a person titled in apposition."""
    if m.kind not in ("person", "name") or m.titled:
        return m
    title = _APPOSED_TITLE.search(text, max(0, m.start - 60), m.start)
    if not title:
        return m
    return replace(m, kind="person", titled=True, title=title.group(1).lower())


def _reclass(art: _Article, m: Mention) -> Mention:
    """Second look at one-word places: a surname of the article ("Buckley") or an acronym ("ICO") is none."""
    if m.kind == "title" and " " not in m.name and (_key(m.name) in art.by_last):
        return replace(m, kind="name")  # "Prince" when the article names Erik Prince
    if m.kind != "place" or " " in m.name:
        return m
    if _key(m.name) in art.by_last or _key(m.name) in art.surname_first:
        return replace(m, kind="name")
    if m.name in art.acronyms or (_shouted(m.name) and m.start > 0 and len(m.name) <= 4):
        return replace(m, kind="org")
    return m


def person_names(text: str) -> list[str]:
    """Multi-word person names in order of appearance, titles stripped (the cheap recogniser's view)."""
    return [m.name for m in analyse(text).mentions if m.kind == "person" and " " in m.name]


# --- names ----------------------------------------------------------------------------------------------

def strip_title(name: str) -> str:
    """'Prime Minister Shinzo Abe' -> 'Shinzo Abe'; 'Sen. Max Baucus, D-Mont.' -> 'Max Baucus'.

    A name that is only a title is kept as it is.
    """
    text = re.sub(r",?\s+[DRI]-[A-Z][A-Za-z.]*\.?$", "", name.strip(_QUOTES))
    text = re.sub(r"['’]s$", "", text)
    words = text.split()
    cut = _title_split(words)
    if cut is not None:
        words = words[cut:]
    if any(w.lower() in ORG_WORDS for w in words):
        return " ".join(words)  # "European Central Bank" keeps its adjective
    rest = _strip_demonyms(words)
    return " ".join(rest) if rest else name.strip()


def _fullest_tokens(art: _Article, name: tuple[str, ...], pos: int) -> tuple[str, ...] | None:
    """The fullest person name in the article ending with (or, surname first, starting with) ``name``."""
    core = _core(name)
    if not core:
        return None
    cands = [(p, full) for p, full in art.by_last.get(core[-1], [])
             if len(_core(full)) >= len(core) and _core(full)[-len(core):] == core]
    if not cands and len(core) == 1:
        cands = list(art.surname_first.get(core[0], []))
    if not cands:
        return None
    people: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for p, full in cands:
        people.setdefault(_key(full[0]), []).append((p, full))
    titled = {k for k, forms in people.items() if any(p in art.titled for p, _ in forms)}
    if titled:
        people = {k: v for k, v in people.items() if k in titled}
    before = [(max(p for p, _ in forms if p <= pos), key) for key, forms in people.items()
              if any(p <= pos for p, _ in forms)]
    key = max(before)[1] if before else min((min(p for p, _ in f), k) for k, f in people.items())[1]
    return min(people[key])[1]  # the form that comes first ("Donald Trump", then "Donald J. Trump")


def fullest(name: str, article_text: str, *, position: int | None = None) -> str:
    """The fullest form the article gives of the person ``name`` ("Abe" -> "Shinzo Abe"), else ``name``.

    Different people who share a surname are told apart by their first names: the one named last before
    ``position`` wins (default: the end of the article), else the one named first.
    """
    if not name or not name[:1].isupper():
        return name
    art = analyse(article_text)
    full = _fullest_tokens(art, tuple(name.split()), len(article_text) if position is None else position)
    return " ".join(full) if full else name


def _corporate(art: _Article, word: str) -> str | None:
    """'Merck' -> 'Merck & Co' when the article names the company with its legal suffix."""
    for m in art.mentions:
        words = m.name.split()
        if m.kind == "org" and len(words) > 1 and words[0] == word and words[-1].lower() in CORPORATE:
            return m.name
    return None


# --- resolution ----------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Ctx:
    art: _Article
    sentence_start: int
    sentence_end: int
    span: tuple[int, int] | None = None  # where the span being resolved lies, when known


def _resolve_mention(ctx: _Ctx, m: Mention) -> str | None:
    """The participant name for a mention, or None when it names no party."""
    art = ctx.art
    if m.kind in ("person", "name"):
        full = _fullest_tokens(art, tuple(m.name.split()), m.start)
        if full:
            return " ".join(full)
        if m.kind == "name" and " " not in m.name:
            return art.acronyms.get(m.name) or _corporate(art, m.name) or m.name
        return m.name
    if m.kind in ("org", "country", "venue") and _locative(art, m):
        return None
    if m.kind == "org":
        long = art.acronyms.get(m.name.replace(".", "")) if m.name.isupper() else None
        if long and long.split()[-1].lower() in EVENT_HEADS:
            return None  # "NAFTA": an agreement, not a party
        return long or m.name
    if m.kind == "country" and _adjectival(art, m):
        return None
    return m.name if m.kind in ("country", "venue", "group") else None


def _locative(art: _Article, m: Mention) -> str | None:
    """The preposition or verb before a mention that makes it a place ("in", "to", "visit"), if any.

    A place coordinated with one ("in Syria and Iraq") is a place too.
    """
    if art.text.startswith(("'s", "’s"), m.end):
        return None  # "at OPEC's next meeting": the owner of the place is a party
    before = re.findall(r"[\w'’]+|,", art.text[max(0, m.start - 40):m.start])
    if before and before[-1].lower() == "the":
        before = before[:-1]
    if not before:
        return None
    word = before[-1].lower()
    if word in LOCATIVE or (word == "to" and m.kind in ("country", "venue", "place")):
        return word
    if word in ("and", "or", ","):
        prev = [p for p in art.mentions if p.end <= m.start and m.start - p.end < 8 and p is not m]
        if prev and prev[-1].kind in ("country", "place", "venue"):
            return _locative(art, prev[-1])
    return None


def _adjectival(art: _Article, m: Mention) -> bool:
    """"U.S. demands": an abbreviated country used as an adjective."""
    after = art.text[m.end:m.end + 30]
    return ("." in m.name or m.name.isupper()) and bool(re.match(r"\s+[a-z]", after))


_GROUP_TAIL = re.compile(r"(?:\s+(?:and|or)\s+[A-Z][\w-]+)?((?:\s+[a-z][\w-]*){1,3})")


def _group(art: _Article, m: Mention) -> str | None:
    """'Greek' + ' officials' -> 'Greek officials': a named group of people after an adjective or party.

    Up to two modifiers may come between ("Republican and Democratic congressional leaders").
    """
    tail = _GROUP_TAIL.match(art.text, m.end)
    if not tail or (m.kind in ("name", "person") and _is_person(art, m)):
        return None  # "Monti heads to Berlin"
    words = list(re.finditer(r"[a-z][\w-]*", art.text[tail.start(1):tail.end(1)]))
    for i, w in enumerate(words):
        if w.group(0) in (PEOPLE_NOUNS | COLLECTIVES) - NOT_GROUP_NOUNS:
            end = tail.start(1) + w.end()
            if GROUP_END.match(art.text, end):
                return art.text[m.start:end].strip()
            return None
        if w.group(0) not in MODIFIERS or i == 2:
            return None
    return None


def _modifier(art: _Article, m: Mention, end: int | None = None) -> bool:
    """Is the mention a modifier ("the Trump administration") or an unnamed source ("U.S. officials say")?"""
    end = m.end if end is None else end
    if MODIFIED_BY.match(art.text, end) or _before_title(art, m, end):
        return True
    source = art.text[m.start:end].split()[-1].lower() in SOURCE_NOUNS
    return source and bool(ATTRIBUTION.match(art.text, end))


def _before_title(art: _Article, m: Mention, end: int) -> bool:
    """'EU' in 'EU Economic Affairs Commissioner Olli Rehn': an organisation qualifying a title."""
    if m.kind not in ("org", "country", "venue"):
        return False
    nxt = next((n for n in art.mentions if n.start >= end), None)
    return bool(nxt and nxt.titled and not art.text[end:nxt.start].strip())


def _position(ctx: _Ctx, text: str) -> int | None:
    """Where a span lies as whole words: in its sentence, else anywhere in the article."""
    pattern = re.compile(rf"(?<![\w]){re.escape(text)}(?![\w])" if text[:1].isalnum() and text[-1:].isalnum()
                         else re.escape(text))
    article = ctx.art.text
    m = ((ctx.span and pattern.search(article, *ctx.span))
         or pattern.search(article, ctx.sentence_start, ctx.sentence_end + len(text)) or pattern.search(article))
    return m.start() if m else None


def _pair(ctx: _Ctx, parties_first: bool, count: int = 2) -> list[str]:
    """The two (or ``count``) people, else parties, of the nearest earlier sentence naming as many, else the
    last ones named."""
    art = ctx.art
    here = art.sentence_index(ctx.sentence_start)
    window = range(here - 1, max(-1, here - 6), -1)
    kinds = [("org", "country", "name"), ("person", "name")]
    if not parties_first:
        kinds.reverse()
    for wanted in kinds:
        recent: list[str] = []
        for i in window:
            names = _names_in(ctx, *art.sentences[i], wanted)
            if len(names) >= count:
                return names[:count]
            recent = [n for n in names if n not in recent] + recent
        if len(recent) >= count:
            return recent[-count:]
    return []


def _names_in(ctx: _Ctx, start: int, end: int, kinds: tuple[str, ...]) -> list[str]:
    """Distinct resolved names of the given kinds between two offsets, in order."""
    out: list[str] = []
    for m in ctx.art.mentions_in(start, end):
        if m.kind not in kinds or _modifier(ctx.art, m):
            continue
        if m.kind == "name" and not _may_be(ctx.art, m, "person" if "person" in kinds else "org"):
            continue
        name = _resolve_mention(ctx, m)
        if name and name not in out:
            out.append(name)
    return out


def _is_person(art: _Article, m: Mention) -> bool:
    return m.kind == "person" or _fullest_tokens(art, tuple(m.name.split()), m.start) is not None


def _may_be(art: _Article, m: Mention, kind: str) -> bool:
    """Can a name of unknown kind ("Putin", "Merck") stand for a person (or for an organisation)?"""
    if _is_person(art, m):
        return kind == "person"
    org_like = m.name.isupper() or m.name in art.acronyms or _corporate(art, m.name) is not None
    return org_like == (kind == "org") or not org_like


def _pronoun(ctx: _Ctx, word: str, pos: int) -> list[str]:
    """'he'/'she' -> the one person named before it in its sentence, else in the previous sentence; of
    several, the one the article is about (named clearly more often than the others), else none."""
    art = ctx.art
    here = art.sentence_index(ctx.sentence_start)
    m = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE).search(art.text, ctx.sentence_start, ctx.sentence_end)
    cut = m.start() if m else pos
    people = _names_in(ctx, ctx.sentence_start, cut, ("person", "name"))
    if not people and here > 0:
        people = _names_in(ctx, art.sentences[here - 1][0], ctx.sentence_start, ("person", "name"))
    if len(people) > 1:
        people = _most_named(art, people)
    return people if len(people) == 1 else []


def _most_named(art: _Article, people: list[str]) -> list[str]:
    """The one of ``people`` named more often in the article than every other (by surname), else none."""
    counts = collections.Counter(m.name.split()[-1] for m in art.mentions if m.kind in ("person", "name"))
    ranked = sorted(people, key=lambda n: counts[n.split()[-1]], reverse=True)
    top, second = (counts[n.split()[-1]] for n in ranked[:2])
    return ranked[:1] if top > second else []


def _description(ctx: _Ctx, head: str, pos: int) -> str | None:
    """'the company' -> the organisation of that kind named last before ``pos``."""
    wanted = DESCRIPTION_HEADS.get(head, {head})
    best = None
    for m in ctx.art.mentions:
        if m.start >= pos:
            break
        name = ctx.art.acronyms.get(m.name, m.name) if m.name.isupper() else m.name
        if m.kind in ("org", "name") and any(w.lower().rstrip(".") in wanted for w in name.split()):
            best = name
    return best


def _titled_person(ctx: _Ctx, title: str, pos: int) -> str | None:
    """'the president' -> the one person introduced with that title before ``pos`` (None if several)."""
    found: dict[str, Mention] = {}
    for m in ctx.art.mentions:
        if m.start >= pos:
            break
        words = m.title.replace(".", "").replace(",", "").split()
        if m.titled and re.search(rf"(?:^|\s){re.escape(title)}$", " ".join(words)) and (
                len(words) <= len(title.split()) or words[-len(title.split()) - 1] not in DEMOTING):
            full = _fullest_tokens(ctx.art, tuple(m.name.split()), m.start)
            found.setdefault(" ".join(full) if full else m.name, m)
    return next(iter(found)) if len(found) == 1 else None


def _plural_head(phrase: str) -> bool:
    """Does the phrase name several people ("industry analysts", "members of the board", "business people")?"""
    head_part = re.split(r"\s+(?:of|from|in|at|for|on|with|across|who|that)\s+", phrase, maxsplit=1)[0]
    words = head_part.split()
    if not words:
        return False
    head = words[-1].lower().strip(".,;:")
    if (len(phrase.split()) == 1 and head in VAGUE_PLURALS) or head.rstrip("s") in EVENT_HEADS:
        return False
    if head in PEOPLE_NOUNS or (head in COLLECTIVES and len(words) > 1) or _plural(head):
        return True
    # "a group of international and regional banks": the complement of a collective noun
    return head in COLLECTIVES and " of " in phrase and _plural(phrase.split()[-1].lower().strip(".,;:"))


def _plural(word: str) -> bool:
    return word in PEOPLE_NOUNS or (word.isalpha() and word.endswith("s") and not word.endswith(("ss", "us", "is"))
                                    and len(word) > 3 and word not in NOT_PLURAL)


def _split_group(phrase: str) -> list[str]:
    """'experts and business people' -> two groups; 'Republican and Democratic leaders' stays one."""
    parts = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", phrase)
    out: list[str] = []
    for part in parts:
        if out and not _plural_head(out[-1].split()[-1]):
            sep = phrase[phrase.index(out[-1]) + len(out[-1]):phrase.index(part, phrase.index(out[-1]) + 1)]
            out[-1] = out[-1] + sep + part
        else:
            out.append(part)
    return [re.sub(r"\s+(?:and|or)$", "", p.strip()) for p in out if p.strip()]


def _lowercase_span(ctx: _Ctx, text: str, pos: int) -> list[str]:
    """Pronouns, 'the two', descriptions ('the central bank', 'the president') and groups of people."""
    low = text.lower()
    plural = PLURAL_REF.match(low)
    if plural:
        noun = (plural.group("noun") or "").lower()
        return _pair(ctx, parties_first=noun in PARTY_NOUNS, count=3 if "three" in low else 2)
    if low in PRONOUNS_ONE:
        return _pronoun(ctx, low, pos)
    if low in PRONOUNS_DROP:
        return []
    desc = DESCRIPTION.match(text)
    rest = (desc.group("rest") or "").strip() if desc else ""
    if rest[:1].isupper():
        return _resolve_piece(ctx, rest)  # "the central bank's Monetary Policy Committee"
    if desc:
        head = desc.group("head").lower()
        found = _description(ctx, head, pos)
        return [found] if found else ([text] if head not in VAGUE_HEADS else [])
    title = TITLE_DESCRIPTION.match(low)
    if title:
        person = _titled_person(ctx, title.group("title"), pos)
        return [person] if person else []
    phrase = DETERMINERS.sub("", re.sub(r"^(?:of|from|with|to|for|by|and|or|at|in)\s+", "", text))
    return [g for g in _split_group(phrase) if _plural_head(g)]


def _capitalised_piece(ctx: _Ctx, piece: str, pos: int | None) -> list[str]:
    """Names for a capitalised piece of a span, through the article's mentions under it."""
    art = ctx.art
    if pos is None:
        if any(w in PEOPLE_NOUNS for w in re.findall(r"\b[a-z]+\b", piece)):
            return [_strip_titles(g) for g in _split_group(piece) if _plural_head(g) or g[:1].isupper()]
        return [n for m in analyse(piece).mentions if (n := _resolve_loose(ctx, m))]
    under = art.mentions_in(pos, pos + len(piece))
    if not under:
        return _lowercase_span(ctx, piece[0].lower() + piece[1:], pos)
    if _shouted(piece) and len(under) == 1 and under[0].kind in ("person", "name") and under[0].name != piece:
        return [art.acronyms.get(piece, piece)]  # "SEC" in "SEC Speaks"
    outside = art.text[pos:pos + len(piece)]
    for m in under:
        outside = outside.replace(art.text[m.start:m.end], " ")
    if any(w in PEOPLE_NOUNS or w in COLLECTIVES for w in re.findall(r"[a-z]+", outside)):
        # "OPEC ministers", "Democratic activists, community leaders", "the ICO executive board"
        return [_strip_titles(g) for g in _split_group(piece) if _plural_head(g) or g[:1].isupper()]
    out = []
    for m in under:
        group = _group(art, m) if m.kind in ("demonym", "org", "country", "group", "name", "common") else None
        if m.kind not in ("demonym", "country") and MODIFIED_BY.match(art.text, m.end):
            continue  # "the Trump administration", "KfW chief Ingrid Matthaeus-Maier"; not "Greek government"
        if _modifier(art, m, m.start + len(group) if group else None):
            continue
        name = group or _resolve_mention(ctx, m)
        if name:
            out.append(name)
    return out


def _strip_titles(name: str) -> str:
    """Titles off a name, nationality kept ("Russian President Putin" -> "Putin", "Greek officials" stays)."""
    words = name.split()
    cut = _title_split(words)
    return " ".join(words[cut:]) if cut is not None else name


def _resolve_loose(ctx: _Ctx, m: Mention) -> str | None:
    """A mention of a span the article does not contain verbatim: resolved against the article's names."""
    if m.kind in ("person", "name"):
        full = _fullest_tokens(ctx.art, tuple(m.name.split()), ctx.sentence_start)
        return " ".join(full) if full else m.name
    return m.name if m.kind in ("org", "country", "venue", "group") else None


PREFIX_WORDS = CORE_TITLES | _words(
    "former then ex late new outgoing incoming acting current top senior veteran special recent fellow longtime "
    "prominent key chief deputy vice the a an s 's ’s")
_LOWER_PREFIX = re.compile(r"^(?:['’]?s\s+|(?:[a-z][\w.-]*\s+){1,3}(?=[A-Z]))")


def _resolve_piece(ctx: _Ctx, piece: str) -> list[str]:
    shouted = re.match(r"([A-Z]{2,})\s+(?=\S)", piece)
    if shouted and shouted.group(1).lower() in _common_words():
        piece = piece[shouted.end():]  # "CREDITORS Representatives of GM's bondholders": a headline word
    prefix = _LOWER_PREFIX.match(piece)
    if prefix and all(w.lower() in PREFIX_WORDS for w in prefix.group(0).split()) and not (
            PLURAL_REF.match(piece.lower()) or DESCRIPTION.match(piece) or TITLE_DESCRIPTION.match(piece.lower())):
        piece = piece[prefix.end():]  # "former Japanese Foreign Minister Shintaro Abe", "’s BP Plc"
    pos = _position(ctx, piece)
    if pos is not None and pos > 0 and (ctx.art.text[pos - 1].isalnum() or piece[0] == "."):
        start = pos
        while start > 0 and (ctx.art.text[start - 1].isalnum() or ctx.art.text[start - 1] == "."):
            start -= 1
        piece, pos = ctx.art.text[start:pos] + piece, start  # ".S. government" -> "U.S. government"
    bare = DETERMINERS.sub("", piece)
    if bare[:1].isupper() and bare != piece:  # "the ECB", "The U.S. Senate Banking Committee"
        pos = None if pos is None else pos + len(piece) - len(bare)
        piece = bare
    inside_name = pos is not None and any(
        m.end - m.start > len(piece) and m.kind not in ("common", "time")
        for m in ctx.art.mentions_in(pos, pos + len(piece)))
    if not inside_name and _is_reference(piece):
        first = piece.split()[0].lower()
        return _lowercase_span(ctx, piece[0].lower() + piece[1:] if first in STOP_STARTS else piece,
                               ctx.sentence_start if pos is None else pos)
    return _capitalised_piece(ctx, piece, pos)


def _is_reference(piece: str) -> bool:
    """A pronoun, 'the two', a description or a group ("Delegates") rather than a name."""
    first = piece.split()[0].lower()
    if not piece[0].isupper() and not piece[0].isdigit():
        return True
    if (first in PEOPLE_NOUNS and first not in VAGUE_PLURALS) or (
            first in PRONOUNS_ONE | PRONOUNS_DROP and " " not in piece):
        return True
    return bool(PLURAL_REF.match(piece) or DESCRIPTION.match(piece) or TITLE_DESCRIPTION.match(piece.lower()))


def _trim(text: str) -> str:
    """Quotes, spaces and stray punctuation off both ends; a closing bracket stays when it closes one."""
    out = text.strip(_QUOTES)
    if text.rstrip(" ,;:\"'“”’").endswith(")") and out.count("(") > out.count(")"):
        out += ")"
    return out


def _pieces(span: str) -> list[str]:
    """A tagger span cut at sentence punctuation, line breaks and dashes; '(Anatoly)' unwrapped."""
    span = re.sub(r"\((?=[A-Z][a-z])([^()]*)\)", r"\1", span)
    return [p for p in (_trim(x) for x in _SPLIT_SPAN.split(_trim(span))) if p]


_LEGISLATURES = frozenset({"house", "senate", "congress", "parliament", "assembly"})


def _joint_parties(piece: str) -> list[str]:
    """'House-Senate' -> House, Senate: each side of a one-word pair is a chamber or a country."""
    parts = piece.split("-")
    if " " in piece or len(parts) != 2 or not all(p[:1].isupper() for p in parts):
        return [piece]
    if all(p.lower() in _LEGISLATURES or place_kind(p) == "country" for p in parts):
        return parts
    return [piece]


def _dedupe(names: list[str]) -> list[str]:
    """Drop repeats and names contained in a fuller one ("Trump" after "Donald Trump"), keeping order."""
    def norm(n: str) -> str:
        words = re.sub(r"[^\w\s&]", " ", n.lower()).split()
        return " " + " ".join(w for w in words if w != "the") + " "

    out: list[str] = []
    for name in names:
        n = norm(name)
        if not n.strip() or any(n in norm(o) for o in out):
            continue
        out = [o for o in out if norm(o) not in n]
        out.append(name)
    return out


MEMBER_PLURALS = frozenset({"commissioners", "members", "directors", "governors", "delegates", "officials",
                            "executives", "board members", "policymakers", "staff"})


def _without_members(names: list[str]) -> list[str]:
    """Bare 'commissioners' beside the 'Commodity Futures Trading Commission' are its members, not a party."""
    if not any(n[:1].isupper() and any(w.lower() in ORG_WORDS for w in n.split()) for n in names):
        return names
    return [n for n in names if n.lower() not in MEMBER_PLURALS]


def resolve_participants(spans: Sequence[str], article_text: str, sentence_start: int,
                         offsets: Sequence[int] | None = None) -> list[str]:
    """Names for the participant spans of one event (order kept, duplicates dropped); a hyphenated pair
    of chambers or countries names both ("House-Senate", "U.S.-China"); an organisation's bare members
    ("commissioners") are not listed beside it. ``offsets``: where each span starts
    in the article, when known (else each is looked up in its sentence)."""
    art = analyse(article_text)
    end = next((e for _, e in art.sentences if e > sentence_start), len(article_text))
    ctx = _Ctx(art, sentence_start, end)
    names: list[str] = []
    for span, at in zip(spans, offsets if offsets is not None else [None] * len(spans), strict=True):
        known = at is not None and article_text.startswith(span, at)
        ctx.span = (at, at + len(span)) if known else None
        for piece in _pieces(span):
            names += [part for name in _resolve_piece(ctx, piece) for part in _joint_parties(name)]
    return _without_members(_dedupe(names))
