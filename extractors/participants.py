"""Participant names: the fullest name the article gives, titles stripped, pronouns resolved."""

from __future__ import annotations

import re
from collections.abc import Sequence

TITLES = re.compile(
    r"^(?:(?:the\s+)?(?:former|new|outgoing|incoming|acting|then|u\.s\.|us|american|chinese|japanese|"
    r"russian|british|french|german|vice|deputy|prime|foreign|finance|defense|defence|trade|energy|"
    r"economy|interior|chief|executive|senior|top|minister|president|premier|chancellor|secretary|"
    r"state|general|governor|gov\.|sen\.|senator|rep\.|representative|mr\.?|mrs\.?|ms\.?|dr\.?|"
    r"king|queen|prince|pope|leader|chairman|chairwoman|chair|ceo|director|ambassador|envoy|"
    r"spokesman|spokeswoman|house|speaker|majority|minority|democratic|republican|gop|national|"
    r"security|adviser|advisor|cabinet|treasury|commerce|attorney|sheikh|emir|crown)\s+)+",
    re.IGNORECASE,
)
PLURAL_REFERENCES = re.compile(r"^\(?(?:the\s+)?(?:two|both|two\s+leaders|two\s+men|two\s+sides|pair)\)?$",
                               re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "him", "her", "them", "we", "i", "you", "it", "his", "their"}
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|di|del|la|le)){1,3}\b")
_STOP_CAPS = {"The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "We", "This",
              "That", "Prime", "President", "Minister", "Secretary", "Mr", "Mr.", "Mrs.", "Ms."}


def strip_title(name: str) -> str:
    """'Prime Minister Shinzo Abe' -> 'Shinzo Abe'; keeps names that are only a title."""
    stripped = TITLES.sub("", name.strip()).strip(" ,;:'\"“”()")
    return stripped or name.strip()


def person_names(text: str) -> list[str]:
    """Capitalised multi-word names in order of appearance, titles stripped (a cheap NER)."""
    names = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0] in _STOP_CAPS:
            words = words[1:]
        name = strip_title(" ".join(words))
        if len(name.split()) >= 2:
            names.append(name)
    return names


def fullest(name: str, article_text: str) -> str:
    """The longest name in the article that ends with ``name``'s last word and contains it."""
    if " " in name or not name[:1].isupper():
        return name
    pattern = re.compile(rf"\b((?:[A-Z][\w'’.-]*\s+){{1,2}}){re.escape(name)}\b")
    best = name
    for m in pattern.finditer(article_text):
        candidate = strip_title(m.group(0))
        words = candidate.split()
        if any(w in _STOP_CAPS for w in words):
            continue
        if len(candidate) > len(best):
            best = candidate
    return best


def resolve_participants(spans: Sequence[str], article_text: str, sentence_start: int) -> list[str]:
    """Names for the participant spans of one event (order kept, duplicates dropped)."""
    out: list[str] = []
    for span in spans:
        text = span.strip()
        if PLURAL_REFERENCES.match(text):
            out.extend(person_names(article_text[:sentence_start])[-2:])
            continue
        if text.lower() in PRONOUNS:
            continue
        out.append(fullest(strip_title(text), article_text))
    seen: set[str] = set()
    unique = []
    for name in out:
        key = name.lower().split()[-1] if name else ""
        if key and key not in seen:
            seen.add(key)
            unique.append(name)
    return unique
