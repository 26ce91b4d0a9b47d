"""Candidate sentences: the cheap lexical gate in front of the tagger.

Only sentences that contain a word that can name a gathering reach the model. The lexicon is broad on
purpose (recall first); ``benchmarks/`` reports the share of gold meeting sentences that pass it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extractors.language.sentences import Sentence

_STEMS = (
    r"meet(?:s|ing|ings)?|met|summit(?:s|ry)?|talks?|negotiat\w*|visit\w*|conferenc\w*|hearings?"
    r"|trips?|sessions?|discussions?|forums?|travel\w*|tour(?:s|ed|ing)?|calls?|called|briefings?"
    r"|arriv\w*|conven\w*|reconven\w*|congress\w*|assembl(?:y|ies)|gather\w*|council|testi\w*"
    r"|interviews?|appointments?|luncheons?|dinners?|workshops?|roadshows?|road\s+shows?|hosts?|hosting"
    r"|hosted|attend\w*|conversations?|spoke|speak\w*|heads?\s+(?:to|for)|heading|fl(?:y|ies|ew)\s+to"
    r"|destination|swing|sit\s+down|get\s+together|g8|g-8|g20|g-20|g7|g-7|apec|asean|opec|fomc|davos"
    r"|agm|plenary|caucus|consultations?|dialogue|parley|rendezvous|audience|tête-à-tête|retreat"
)
CANDIDATE_RE = re.compile(rf"\b(?:{_STEMS})\b", re.IGNORECASE)
# Searching lower-cased text case-sensitively, behind a first-letter lookahead, is 5x faster.
_FIRST = "".join(sorted({alt.lstrip("(?:")[0] for alt in _STEMS.split("|")}))
_LOWER_RE = re.compile(rf"(?<!\w)(?=[{_FIRST}])(?:{_STEMS})\b")


def is_candidate(sentence: str) -> bool:
    """True when the sentence may mention a meeting event."""
    return CANDIDATE_RE.search(sentence) is not None


def candidate_sentences(text: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of ``text`` that may mention a meeting event (one regex pass over the text)."""
    lower = text.lower()
    pattern = _LOWER_RE if len(lower) == len(text) else CANDIDATE_RE  # lower() can change lengths
    hits = [m.start() for m in pattern.finditer(lower if pattern is _LOWER_RE else text)]
    out = []
    for s in sentences:
        i = bisect.bisect_left(hits, s.start)
        if i < len(hits) and hits[i] < s.end:
            out.append(s)
    return out
