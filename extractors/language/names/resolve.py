"""Participant spans resolved to the fullest names the article gives.

A tagger's participant span is cut into pieces, each mapped to the article's mentions under it (see
:mod:`.recognise`) and resolved:

- a person: the fullest form of the name in the article ("Abe" -> "Shinzo Abe"), titles stripped;
- "the two", "both leaders", "the two sides": the two people (else parties) last named together before;
- "he"/"she": the one person named before it in the sentence or in the previous sentence, if just one;
- an acronym or short name: its long form where the article spells it ("ECB" -> "European Central Bank",
  "BOJ" -> "Bank of Japan", "Fed" -> "Federal Reserve");
- "the company", "the central bank": the nearest organisation of that kind named before, else ("the bank" of
  UBS) the company the article is about, else as written;
- "they": the group of people that opens the sentence ("Indian investigators said they will travel");
- "Greek" before "officials": the group "Greek officials"; a bare adjective, a place, a time, an event or a
  news agency is no participant.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.language.names.keys import aliased_names, one_party
from extractors.language.names.kinds import TICKER, title_split
from extractors.language.names.lexicon import (
    ATTRIBUTION_VERBS,
    BUSINESS_HEADS,
    COLLECTIVES,
    CORE_TITLES,
    CORPORATE,
    DEMOTING,
    DESCRIPTION_HEADS,
    DESCRIPTION_NOUNS,
    DETERMINERS,
    EVENT_HEADS,
    GROUP_END_WORDS,
    GROUP_NOUNS,
    HEAD_BREAKS,
    LEGISLATURES,
    LOCATIVE,
    MEMBER_PLURALS,
    MODIFIER_HEADS,
    MODIFIERS,
    NOT_GROUP_NOUNS,
    NOT_PLURAL,
    OFFICES,
    ORG_WORDS,
    ORGAN_NOUNS,
    PAIR_WORDS,
    PARTY_NOUNS,
    PEOPLE_NOUNS,
    PREFIX_WORDS,
    PRONOUNS_DROP,
    PRONOUNS_GROUP,
    PRONOUNS_ONE,
    PRONOUNS_ORG,
    PUBLIC_BODY_WORDS,
    REFERRING_TITLES,
    SOURCE_NOUNS,
    SPAN_PREPOSITIONS,
    STOP_STARTS,
    VAGUE_HEADS,
    VAGUE_PLURALS,
    alternation,
    common_words,
)
from extractors.language.names.recognise import Article, Mention, analyse, name_core, word_key
from extractors.language.names.runs import QUOTES, shouted
from extractors.language.places import dateline_end, place_kind

# "the two", "both leaders", "the two sides", "all three"
PLURAL_REF = re.compile(
    rf"^(?:the\s+|both\s+(?:the\s+)?|all\s+)?(?:{alternation(PAIR_WORDS)})"
    r"(?:\s+(?:[a-z-]+\s+)?(?P<noun>heads\s+of\s+state|[a-z]+s|men|women|people))?$",
    re.IGNORECASE,
)
# "the company", "its parent bank", "the central bank's Monetary Policy Committee"
DESCRIPTION = re.compile(
    rf"^(?:the|its|their|this)\s+(?:(?P<adj>[a-z-]+)\s+)?(?P<head>{alternation(DESCRIPTION_NOUNS)})"
    r"(?:['’]s?(?P<rest>\s+.+)?)?$",
    re.IGNORECASE,
)
# "the group", "the delegation"; "the board", "its management", "the company's board"
COLLECTIVE = re.compile(rf"^(?:the|this|that)\s+(?:(?P<mod>[a-z-]+)\s+)?(?P<noun>{alternation(GROUP_NOUNS)})$",
                        re.IGNORECASE)
# "Indian investigators said they ...": a group of people opening the sentence, whom "they" names
_OPENING_GROUP = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:[a-z-]+\s+)?(?P<head>[a-z]+s)\b")
ORGAN = re.compile(rf"^(?:(?P<det>the|its|their)\s+(?:[a-z-]+\s+)?|"
                   rf"(?:the\s+)?(?P<owner>company|firm|bank|group)['’]s\s+)"
                   rf"(?P<noun>{alternation(ORGAN_NOUNS)})$", re.IGNORECASE)
# "the president", "its chief executive", "the U.S. ambassador"
TITLE_DESCRIPTION = re.compile(
    rf"^(?:the|its|their|his|her)\s+(?:(?:[a-z]+|u\.s\.)\s+)?(?P<title>{alternation(REFERRING_TITLES)})$",
    re.IGNORECASE,
)
# After a name, these make it a modifier ("the Trump administration", "a State Department official").
MODIFIED_BY = re.compile(rf"\s+(?:{alternation(MODIFIER_HEADS)})\b")
ATTRIBUTION = re.compile(rf"\s*,?\s+(?:\w+\s+)?(?:{alternation(ATTRIBUTION_VERBS)})\b")
# After a group's noun, a word that shows the noun heads the phrase ("officials said", "leaders, ...").
GROUP_END = re.compile(rf"\s*(?:[,.;:!?)\]\"”’'-]|$|(?:{alternation(GROUP_END_WORDS)})\b)")
_DETERMINER = re.compile(rf"^(?:{alternation(DETERMINERS)})\s+", re.IGNORECASE)
_SPAN_PREPOSITION = re.compile(rf"^(?:{alternation(SPAN_PREPOSITIONS)})\s+")
_HEAD_BREAK = re.compile(rf"\s+(?:{alternation(HEAD_BREAKS)})\s+")
_GROUP_TAIL = re.compile(r"(?:\s+(?:and|or)\s+[A-Z][\w-]+)?((?:\s+[a-z][\w-]*){1,3})")
_BODY = re.compile(  # "FDIC board", "ECB's 21 policymakers": an owner's body or members
    r"(?P<owner>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*?)(?:['’]s)?\s+(?:\d+\s+)?(?P<head>[a-z]+)")
_APPOSITION = re.compile(r"(?:\s+(?:to|at|in)(?:\s+[A-Z][\w.-]*)+)?\s*,\s*(?:the\s+)?")  # " to Malawi, "
_LOWER_PREFIX = re.compile(r"^(?:['’]?s\s+|(?:[a-z][\w.-]*\s+){1,3}(?=[A-Z]))")
_SPLIT_SPAN = re.compile(r"(?<=[a-z\]\)])[.!?;]+\s+|\s*\n+\s*|\s+[-–—]+\s+")


def _fullest_tokens(art: Article, name: tuple[str, ...], pos: int) -> tuple[str, ...] | None:
    """The fullest person name in the article ending with (or, surname first, starting with) ``name``."""
    core = name_core(name)
    if not core:
        return None
    cands = [(p, full) for p, full in art.by_last.get(core[-1], [])
             if len(name_core(full)) >= len(core) and name_core(full)[-len(core):] == core]
    if not cands and len(core) == 1:
        cands = list(art.surname_first.get(core[0], []))
    if not cands:
        return None
    people: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for p, full in cands:
        people.setdefault(word_key(full[0]), []).append((p, full))
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


def _long_form(art: Article, name: str) -> str | None:
    """The long form the article gives of an acronym ("ECB", "BOJ") or a short name ("Fed"), if any."""
    short = name.replace(".", "")
    if short.isupper():
        return art.acronyms.get(short)
    if " " not in short and short.lower() in aliased_names():
        return art.acronyms.get(short.upper())
    return None


def _corporate(art: Article, word: str) -> str | None:
    """'Merck' -> 'Merck & Co' when the article names the company with its legal suffix."""
    for m in art.mentions:
        words = m.name.split()
        if m.kind == "org" and len(words) > 1 and words[0] == word and words[-1].lower() in CORPORATE:
            return m.name
    return None


@dataclass(slots=True)
class _Ctx:
    art: Article
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
            return _long_form(art, m.name) or _corporate(art, m.name) or m.name
        return m.name
    if m.kind in ("org", "country", "venue") and _locative(art, m):
        return None
    if m.kind == "org":
        long = _long_form(art, m.name)
        if long and long.split()[-1].lower() in EVENT_HEADS:
            return None  # "NAFTA": an agreement, not a party
        return long or m.name
    if m.kind == "country" and _adjectival(art, m):
        return None
    return m.name if m.kind in ("country", "venue", "group") else None


_HEADED = re.compile(rf"(?:\s+[a-z-]+){{0,2}}\s+(?:{alternation(EVENT_HEADS)})\b")  # "... annual meeting"


def _locative(art: Article, m: Mention) -> str | None:
    """The preposition or verb before a mention that makes it a place ("in", "to", "visit"), if any.

    A place coordinated with one ("in Syria and Iraq") is a place too.
    """
    if art.text.startswith(("'s", "’s"), m.end):
        return None  # "at OPEC's next meeting": the owner of the place is a party
    if m.kind == "org" and _HEADED.match(art.text, m.end):
        return None  # "at the American Society of Clinical Oncology annual meeting": "at" governs the meeting
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


def _adjectival(art: Article, m: Mention) -> bool:
    """"U.S. demands": an abbreviated country used as an adjective."""
    after = art.text[m.end:m.end + 30]
    return ("." in m.name or m.name.isupper()) and bool(re.match(r"\s+[a-z]", after))


def _group(art: Article, m: Mention) -> str | None:
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


def _modifier(art: Article, m: Mention, end: int | None = None) -> bool:
    """Is the mention a modifier ("the Trump administration") or an unnamed source ("U.S. officials say")?"""
    end = m.end if end is None else end
    if MODIFIED_BY.match(art.text, end) or _before_title(art, m, end):
        return True
    source = art.text[m.start:end].split()[-1].lower() in SOURCE_NOUNS
    return source and bool(ATTRIBUTION.match(art.text, end))


_TITLE_GAP = re.compile(  # "CEO", "foreign policy chief"; not "and Chinese President"
    r"(?:['’]s)?(?:\s+(?!(?:and|or|with)\b)[\w.-]+){0,3}?\s+([\w.-]+)\s+")


def _before_title(art: Article, m: Mention, end: int) -> bool:
    """An organisation or country qualifying the name after it: 'EU' in 'EU Economic Affairs Commissioner Olli
    Rehn' or 'EU foreign policy chief Catherine Ashton', 'BP' in 'BP CEO Tony Hayward', 'Japan' in "Japan's Prime
    Minister Shinzo Abe", 'China' in "China's Sinopec Corp"."""
    if m.kind not in ("org", "country", "venue"):
        return False
    nxt = next((n for n in art.mentions if n.start >= end), None)
    if nxt is None:
        return False
    gap = art.text[end:nxt.start].strip()
    if (nxt.titled and not gap) or (gap in ("'s", "’s") and nxt.kind in ("person", "org")):
        return True
    person = next((n for n in art.mentions if n.start >= end and n.kind == "person"), None)
    title = _TITLE_GAP.fullmatch(art.text[end:person.start]) if person else None
    return bool(title) and title.group(1).lower() in CORE_TITLES  # "BP CEO Tony Hayward", "EU foreign policy
    # chief Catherine Ashton": the title ends right before the person


def _find_words(article: str, text: str, start: int = 0, end: int | None = None) -> int | None:
    """Where ``text`` first stands in ``article[start:end]`` as whole words (not inside a longer word)."""
    end = len(article) if end is None else min(end, len(article))
    bounded = text[:1].isalnum() and text[-1:].isalnum()  # a span with punctuation at an end: anywhere
    i = article.find(text, start, end)
    while i >= 0:
        j = i + len(text)
        if not bounded or not ((i > 0 and _word_char(article[i - 1])) or (j < end and _word_char(article[j]))):
            return i
        i = article.find(text, i + 1, end)
    return None


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _position(ctx: _Ctx, text: str) -> int | None:
    """Where a span lies as whole words: in its sentence, else anywhere in the article."""
    article = ctx.art.text
    for where in ((ctx.span,) if ctx.span else ()) + ((ctx.sentence_start, ctx.sentence_end + len(text)), (0,)):
        if (at := _find_words(article, text, *where)) is not None:
            return at
    return None


def _pair(ctx: _Ctx, parties_first: bool, count: int = 2) -> list[str]:
    """The two (or ``count``) people, else parties, of the nearest earlier sentence naming as many, else the
    last ones named."""
    art = ctx.art
    here = art.sentence_index(ctx.sentence_start)
    window = range(here - 1, max(-1, here - 6), -1)
    kinds = [("org", "country", "name"), ("person", "name")]
    if not parties_first:
        kinds.reverse()
    kinds.append(("org", "country", "name", "person"))  # "GM and the union ... the two sides": one of each
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


def _is_person(art: Article, m: Mention) -> bool:
    return m.kind == "person" or _fullest_tokens(art, tuple(m.name.split()), m.start) is not None


def _may_be(art: Article, m: Mention, kind: str) -> bool:
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


def _most_named(art: Article, people: list[str]) -> list[str]:
    """The one of ``people`` named more often in the article than every other (by surname), else none."""
    counts = collections.Counter(m.name.split()[-1] for m in art.mentions if m.kind in ("person", "name"))
    ranked = sorted(people, key=lambda n: counts[n.split()[-1]], reverse=True)
    top, second = (counts[n.split()[-1]] for n in ranked[:2])
    return ranked[:1] if top > second else []


def _is_organisation(art: Article, m: Mention, kinds: tuple[str, ...]) -> bool:
    """A mention of one of ``kinds``, or a bare name the article uses for an organisation (an acronym it
    spells out, "Merck" of "Merck & Co"), never a person's."""
    return m.kind in kinds or (m.kind == "name" and not _is_person(art, m) and (
        m.name in art.acronyms or _corporate(art, m.name) is not None))


def _organisation(ctx: _Ctx, pos: int) -> list[str]:
    """'it', 'its board' -> the organisation named last before ``pos`` in its sentence, else the first one
    named in the previous sentence (its subject, as a rule); never a person."""
    art = ctx.art

    def orgs(start: int, end: int) -> list[str]:
        out = []  # in order, repeats kept: the last is the one named last ("<ECB/INT> The ECB kept its")
        for m in art.mentions_in(max(start, dateline_end(art.text)), end):  # "NEW YORK (Reuters) -" is no org
            if not _is_organisation(art, m, ("org", "country")) or _modifier(art, m):
                continue
            if name := _resolve_mention(ctx, m):
                out.append(name)
        return out

    here = orgs(ctx.sentence_start, pos)
    if here:
        return here[-1:]
    i = art.sentence_index(ctx.sentence_start)
    return orgs(*art.sentences[i - 1])[:1] if i > 0 else []


def _main_company(ctx: _Ctx, pos: int) -> str | None:
    """The company the article is about by ``pos``: of the organisations that are no public body ("FERC", "the
    Justice Department"), the one named more often before it than any other (by its resolved name: "Lear" and
    "Lear Corp." are one; "Lear shares" counts), else None."""
    art = ctx.art
    counts: collections.Counter[str] = collections.Counter()
    for m in art.mentions_in(dateline_end(art.text), pos):
        if not _is_organisation(art, m, ("org",)) or TICKER.match(m.name):
            continue
        if not (name := _resolve_mention(ctx, m)):
            continue
        if not any(w.lower() in PUBLIC_BODY_WORDS for w in name.split()):
            counts[name] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _description(ctx: _Ctx, head: str, pos: int) -> str | None:
    """'the company' -> of the organisations of that kind named before ``pos``, the one the article names
    most often (by its full name or its first word: "Ford Motor Co" ... "Ford"), the last named on a tie."""
    wanted = DESCRIPTION_HEADS.get(head, {head})
    last: dict[str, int] = {}
    for m in ctx.art.mentions:
        if m.start >= pos:
            break
        name = ctx.art.acronyms.get(m.name, m.name) if m.name.isupper() else m.name
        if m.kind in ("org", "name") and any(w.lower().rstrip(".") in wanted for w in name.split()):
            last[name] = m.start
    if not last:
        return None
    counts = collections.Counter(m.name for m in ctx.art.mentions)
    return max(last, key=lambda n: (counts[n] + (counts[n.split()[0]] if " " in n else 0), last[n]))


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
    head_part = _HEAD_BREAK.split(phrase, maxsplit=1)[0]
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
    pieces = re.split(r"(\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)", phrase)  # parts with their separators
    out: list[str] = []
    sep = ""
    for k, part in enumerate(pieces[0::2]):
        sep += pieces[2 * k - 1] if k else ""
        if not part.strip():
            continue
        if out and not _plural_head(out[-1].split()[-1]):
            out[-1] = out[-1] + sep + part
        else:
            out.append(part)
        sep = ""
    return [re.sub(r"\s+(?:and|or)$", "", p.strip()) for p in out if p.strip()]


def _opening_group(ctx: _Ctx, pos: int) -> list[str]:
    """'they' -> the group of people that opens its sentence before it ("Indian investigators said on Friday they
    will travel to Italy", "OPEC ministers said they would meet"), named as a tagged span would be; else none."""
    start = max(ctx.sentence_start, dateline_end(ctx.art.text))
    while start < pos and not ctx.art.text[start].isalnum():
        start += 1
    found = _OPENING_GROUP.match(ctx.art.text, start, pos)
    if found is None or not _plural(found.group("head")):
        return []
    return _resolve_piece(ctx, found.group()) or [found.group()]


def _lowercase_span(ctx: _Ctx, text: str, pos: int) -> list[str]:
    """Pronouns, 'the two', descriptions ('the central bank', 'the president') and groups of people."""
    low = text.lower()
    plural = PLURAL_REF.match(low)
    if plural:
        noun = (plural.group("noun") or "").lower()
        return _pair(ctx, parties_first=noun in PARTY_NOUNS, count=3 if "three" in low else 2)
    if low in PRONOUNS_ONE:
        return _pronoun(ctx, low, pos)
    if low in PRONOUNS_ORG:
        return _organisation(ctx, pos)
    if low in PRONOUNS_GROUP:
        return _opening_group(ctx, pos)
    if low in PRONOUNS_DROP:
        return []
    collective = COLLECTIVE.match(text)
    if collective:  # "the group": an organisation so named, else the one named last ("OPEC ... the group")
        found = _description(ctx, collective.group("noun").lower(), pos)
        if found:
            return [found]
        # "the deficit panel" with none so named: the body as described
        return _organisation(ctx, pos) or ([text] if collective.group("mod") else [])
    organ = ORGAN.match(text)
    if organ:  # "its board": its organisation; "the company's board": that company; "the board": one so named
        if (organ.group("det") or "").lower() in ("its", "their"):
            return _organisation(ctx, pos) or [text]
        found = _description(ctx, (organ.group("owner") or organ.group("noun")).lower(), pos)
        return [found] if found else [text]
    desc = DESCRIPTION.match(text)
    rest = (desc.group("rest") or "").strip() if desc else ""
    if rest[:1].isupper():
        return _resolve_piece(ctx, rest)  # "the central bank's Monetary Policy Committee"
    if desc:
        head = desc.group("head").lower()
        found = _description(ctx, head, pos) or (
            _main_company(ctx, pos) if head in BUSINESS_HEADS and not desc.group("adj") else None)
        return [found] if found else ([text] if head not in VAGUE_HEADS else [])
    title = TITLE_DESCRIPTION.match(low)
    if title:
        person = _titled_person(ctx, title.group("title"), pos)
        return [person] if person else []
    phrase = _DETERMINER.sub("", _SPAN_PREPOSITION.sub("", text))
    return [g for g in _split_group(phrase) if _plural_head(g)] or _office(ctx, phrase, pos)


def _office(ctx: _Ctx, phrase: str, pos: int) -> list[str]:
    """One unnamed office-holder: "the head of the U.S. Federal Aviation Administration", "Iowa's attorney general",
    "the civil aviation regulator" -> the person the article introduced with that title, else the office as
    described. An office needs an owner, a complement or a modifier ("the president" alone names no one)."""
    bare = _DETERMINER.sub("", phrase)
    *owner, office = re.split(r"['’]s\s+", bare, maxsplit=1)
    head_part, *complement = re.split(r"\s+(?:of|for)\s+", office, maxsplit=1)
    title = head_part.split()
    head = title[-2] if len(title) > 1 and title[-1] == "general" else (title[-1] if title else "")
    modified = len(title) > 2 or any(w[:1].isupper() for w in title)  # "civil aviation regulator", "U.S. envoy"
    named_owner = bool(owner) and owner[0][:1].isupper()  # "Iowa's"; not "the country's", which names none
    if head not in OFFICES or not (named_owner or complement or modified):
        return []
    person = _apposed(ctx, bare, pos) or _titled_person(ctx, " ".join(title).lower(), pos)
    return [person] if person else [bare]


def _apposed(ctx: _Ctx, description: str, pos: int) -> str | None:
    """The person named right after a description, in apposition ("Italy's industry minister, Flavio Zanonato")."""
    at = _find_words(ctx.art.text, description, pos)
    gap = _APPOSITION.match(ctx.art.text, at + len(description)) if at is not None else None
    nxt = next((m for m in ctx.art.mentions if gap and m.start >= gap.end()), None)
    if nxt is None or nxt.start != gap.end() or not (
            nxt.kind in ("person", "name") or (nxt.kind == "title" and " " in nxt.name)):  # "Mervyn King"
        return None
    full = _fullest_tokens(ctx.art, tuple(nxt.name.split()), nxt.start)
    return " ".join(full) if full else nxt.name


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
    if shouted(piece) and len(under) == 1 and under[0].kind in ("person", "name") and under[0].name != piece:
        return [art.acronyms.get(piece, piece)]  # "SEC" in "SEC Speaks"
    owned = art.text[under[-1].end:pos + len(piece)]
    if re.fullmatch(r"['’]s(?:\s+[a-z][\w-]*)+", owned) and (office := _office(ctx, piece, pos)):
        return office  # "Iowa's attorney general", "Bank of America's home mortgage chief"
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
    cut = title_split(words)
    return " ".join(words[cut:]) if cut is not None else name


def _resolve_loose(ctx: _Ctx, m: Mention) -> str | None:
    """A mention of a span the article does not contain verbatim: resolved against the article's names."""
    if m.kind in ("person", "name"):
        full = _fullest_tokens(ctx.art, tuple(m.name.split()), ctx.sentence_start)
        return " ".join(full) if full else m.name
    return m.name if m.kind in ("org", "country", "venue", "group") else None


def _resolve_piece(ctx: _Ctx, piece: str) -> list[str]:
    shouted = re.match(r"([A-Z]{2,})\s+(?=\S)", piece)
    if shouted and shouted.group(1).lower() in common_words():
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
    bare = _DETERMINER.sub("", piece)
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
    out = text.strip(QUOTES)
    if text.rstrip(" ,;:\"'“”’").endswith(")") and out.count("(") > out.count(")"):
        out += ")"
    return out


def _pieces(span: str) -> list[str]:
    """A tagger span cut at sentence punctuation, line breaks and dashes; '(Anatoly)' unwrapped."""
    span = re.sub(r"\((?=[A-Z][a-z])([^()]*)\)", r"\1", span)
    return [p for p in (_trim(x) for x in _SPLIT_SPAN.split(_trim(span))) if p]


def _joint_parties(piece: str) -> list[str]:
    """'House-Senate' -> House, Senate: each side of a one-word pair is a chamber or a country."""
    parts = piece.split("-")
    if " " in piece or len(parts) != 2 or not all(p[:1].isupper() for p in parts):
        return [piece]
    if all(p.lower() in LEGISLATURES or place_kind(p) == "country" for p in parts):
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


def _without_members(names: list[str]) -> list[str]:
    """Bare 'commissioners' beside the 'Commodity Futures Trading Commission' are its members, not a party."""
    if not any(n[:1].isupper() and any(w.lower() in ORG_WORDS for w in n.split()) for n in names):
        return names
    return [n for n in names if n.lower() not in MEMBER_PLURALS]


def one_party_per_body(participants: list[str]) -> list[str]:
    """An organisation beside its own board ("FDIC board" / "Federal Deposit Insurance Corp") is one party, the
    board; beside its own members ("ECB's 21 policymakers" / "European Central Bank"), the organisation. Applied
    to a meeting's parties from all its mentions (``assembly.rows``, rule group ``one-body``), as
    :func:`_without_members` is to one span's."""
    out = list(participants)
    for name in participants:
        body = _BODY.fullmatch(name)
        owners = [p for p in out if p != name and one_party(body.group("owner"), p)] if body else []
        if not owners:
            continue
        if body.group("head") in ORGAN_NOUNS:
            out = [p for p in out if p not in owners]
        elif body.group("head") in MEMBER_PLURALS:
            out = [p for p in out if p != name]
    return out


def resolve_participants(spans: Sequence[str], article_text: str, sentence_start: int,
                         offsets: Sequence[int] | None = None,
                         sentences: Sequence[tuple[int, int]] | None = None) -> list[str]:
    """Names for the participant spans of one event (order kept, duplicates dropped); a hyphenated pair
    of chambers or countries names both ("House-Senate", "U.S.-China"); an organisation's bare members
    ("commissioners") are not listed beside it. ``offsets``: where each span starts
    in the article, when known (else each is looked up in its sentence). ``sentences``: the article's
    sentence spans, passed to :func:`~extractors.language.names.recognise.analyse`."""
    art = analyse(article_text, sentences)
    end = next((e for _, e in art.sentences if e > sentence_start), len(article_text))
    ctx = _Ctx(art, sentence_start, end)
    names: list[str] = []
    for span, at in zip(spans, offsets if offsets is not None else [None] * len(spans), strict=True):
        known = at is not None and article_text.startswith(span, at)
        ctx.span = (at, at + len(span)) if known else None
        for piece in _pieces(span):
            names += [part for name in _resolve_piece(ctx, piece) for part in _joint_parties(name)]
    return _without_members(_dedupe([_without_ticker(n) for n in names]))


def _without_ticker(name: str) -> str:
    """A stock ticker after a company's name is no part of it ("News Corp. NWSa.N" -> "News Corp.")."""
    words = name.split()
    while len(words) > 1 and TICKER.match(words[-1].strip("()")):
        words.pop()
    return " ".join(words) if len(words) < len(name.split()) else name
