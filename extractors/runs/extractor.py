"""The extraction interface: a tagger finds events in sentences; the extractor does the rest.

Every extractor is ``split -> candidate filter -> tagger -> assembly``; only the tagger differs
(``baseline``: lexical rules; ``model``: the transformer). ``load_extractor(name)`` is the one
place that maps names to taggers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from extractors.assembly import ALL, RuleSet, assemble
from extractors.ingest.articles import Article
from extractors.language.document import Document
from extractors.language.sentences import split_sentences
from extractors.tagger.spans import SentenceEvent

T = TypeVar("T")


class Tagger(Protocol):
    """Finds meeting events in sentences."""

    name: str
    version: str

    def tag(self, sentences: Sequence[str]) -> list[list[SentenceEvent]]:
        """One list of events per input sentence (offsets relative to that sentence)."""
        ...


class MeetingExtractor:
    """Turns articles into event rows (dicts keyed by ``schemas.EVENTS`` columns, minus run metadata)."""

    def __init__(self, tagger: Tagger, rules: RuleSet = ALL) -> None:
        self.tagger = tagger
        self.rules = rules
        self.stats = ExtractionStats()

    @property
    def label(self) -> str:
        """Name and version, as written to ``events.extractor`` and ``runs.extractor``."""
        return f"{self.tagger.name}-{self.tagger.version}"

    def extract(self, articles: Sequence[Article],
                on_failure: Callable[[Article, Exception], None] | None = None) -> list[list[dict]]:
        """Event rows for each article, in order. Sentences of all articles are tagged in one call.

        An article whose own steps (splitting, document, assembly) fail gives no rows and is handed to
        ``on_failure`` with the error, and the others go on; without ``on_failure`` the error is raised.
        """
        st = self.stats
        failed: set[int] = set()

        def guarded(k: int, step: Callable[[], T], empty: T) -> T:
            if k in failed:
                return empty
            try:
                return step()
            except Exception as exc:
                if on_failure is None:
                    raise
                failed.add(k)
                on_failure(articles[k], exc)
                return empty

        t0 = time.perf_counter()
        split = [guarded(k, lambda a=a: list(split_sentences(a.text)), []) for k, a in enumerate(articles)]
        t1 = time.perf_counter()
        docs = [guarded(k, lambda a=a, s=s: Document.build(a, s), None)
                for k, (a, s) in enumerate(zip(articles, split, strict=True))]
        t2 = time.perf_counter()
        flat = [doc.sentences[i].text for doc in docs if doc for i in doc.candidates]
        tagged = self.tagger.tag(flat) if flat else []
        t3 = time.perf_counter()
        out: list[list[dict]] = []
        at = 0
        for k, doc in enumerate(docs):
            if doc is None:
                out.append([])
                continue
            found = [(doc.sentences[i], tagged[at + j]) for j, i in enumerate(doc.candidates)]
            at += len(doc.candidates)
            out.append(guarded(k, lambda doc=doc, found=found: assemble(doc, found, extractor=self.label,
                                                                        rules=self.rules), []))
        t4 = time.perf_counter()
        st.articles += len(articles)
        st.sentences += sum(map(len, split))
        st.candidates += len(flat)
        st.split_seconds += t1 - t0
        st.filter_seconds += t2 - t1
        st.tag_seconds += t3 - t2
        st.assemble_seconds += t4 - t3
        return out


@dataclass
class ExtractionStats:
    """Running totals of an extractor's work, per stage (read by benchmarks)."""

    articles: int = 0
    sentences: int = 0
    candidates: int = 0
    split_seconds: float = 0.0
    filter_seconds: float = 0.0
    tag_seconds: float = 0.0
    assemble_seconds: float = 0.0


EXTRACTORS = ("model", "baseline")
DEFAULT_EXTRACTOR = "model"


def load_extractor(name: str = DEFAULT_EXTRACTOR, **options: object) -> MeetingExtractor:
    """The extractor called ``name``; options go to its tagger (e.g. ``threads`` for the model)."""
    if name == "baseline":
        from extractors.tagger.baseline import LexicalTagger

        return MeetingExtractor(LexicalTagger())
    if name == "model":
        from extractors.tagger.runtime import OnnxTagger

        return MeetingExtractor(OnnxTagger(**options))
    raise ValueError(f"unknown extractor {name!r}; choose one of {', '.join(EXTRACTORS)}")


def extractor_label(name: str) -> str:
    """``name-version`` of an extractor, for run records made where the extractor is not loaded."""
    if name == "model":
        from extractors.tagger.runtime import model_version

        return f"model-{model_version()}"
    return load_extractor(name).label
