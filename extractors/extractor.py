"""The extraction interface: a tagger finds events in sentences; the extractor does the rest.

Every extractor is ``split -> candidate filter -> tagger -> assembly``; only the tagger differs
(``baseline``: lexical rules; ``model``: the transformer). ``load_extractor(name)`` is the one
place that maps names to taggers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from extractors.articles import Article
from extractors.assembly import assemble
from extractors.candidates import is_candidate
from extractors.sentences import Sentence, split_sentences
from extractors.spans import SentenceEvent


class Tagger(Protocol):
    """Finds meeting events in sentences."""

    name: str
    version: str

    def tag(self, sentences: Sequence[str]) -> list[list[SentenceEvent]]:
        """One list of events per input sentence (offsets relative to that sentence)."""
        ...


class MeetingExtractor:
    """Turns articles into event rows (dicts keyed by ``schemas.EVENTS`` columns, minus run metadata)."""

    def __init__(self, tagger: Tagger) -> None:
        self.tagger = tagger

    @property
    def label(self) -> str:
        """Name and version, as written to ``events.extractor`` and ``runs.extractor``."""
        return f"{self.tagger.name}-{self.tagger.version}"

    def candidates(self, article: Article) -> list[Sentence]:
        return [s for s in split_sentences(article.text) if is_candidate(s.text)]

    def extract(self, articles: Sequence[Article]) -> list[list[dict]]:
        """Event rows for each article, in order. Sentences of all articles are tagged in one call."""
        per_article = [self.candidates(a) for a in articles]
        flat = [s.text for sents in per_article for s in sents]
        tagged = self.tagger.tag(flat) if flat else []
        out: list[list[dict]] = []
        i = 0
        for article, sents in zip(articles, per_article, strict=True):
            found = list(zip(sents, tagged[i:i + len(sents)], strict=True))
            i += len(sents)
            out.append(assemble(article, found, extractor=self.label))
        return out


EXTRACTORS = ("model", "baseline")
DEFAULT_EXTRACTOR = "baseline"


def load_extractor(name: str = DEFAULT_EXTRACTOR, **options: object) -> MeetingExtractor:
    """The extractor called ``name``; options go to its tagger (e.g. ``threads`` for the model)."""
    if name == "baseline":
        from extractors.baseline import LexicalTagger

        return MeetingExtractor(LexicalTagger())
    raise ValueError(f"unknown extractor {name!r}; choose one of {', '.join(EXTRACTORS)}")


def extractor_label(name: str) -> str:
    """``name-version`` of an extractor, for run records made where the extractor is not loaded."""
    return load_extractor(name).label
