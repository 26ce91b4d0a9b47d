"""The annotated document: one article, read once, that every later step reads (think spaCy's ``Doc``).

``Document.build(article)`` splits the text into sentences (the one splitter) and marks the candidate
sentences (the lexical gate). The rest is computed on first use and kept: the time expressions of a
sentence, the article's names (kinds, acronyms, the fullest form of each person), its dateline. Nothing
after this re-splits the article or searches a sentence for time expressions twice.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property

from extractors.ingest.articles import Article
from extractors.language import timex
from extractors.language.candidates import candidate_sentences
from extractors.language.places import Place, dateline, dateline_end
from extractors.language.sentences import Sentence, split_sentences


@dataclass(eq=False)
class Document:
    """An article with its sentences, candidate flags and lazily computed annotations."""

    article: Article
    sentences: list[Sentence]
    candidates: list[int]  # indices of the sentences that may mention a gathering
    _times: dict[int, list[timex.TimeMention]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, article: Article, sentences: list[Sentence] | None = None) -> Document:
        """The document of ``article`` (``sentences``: its split, when the caller already made it)."""
        sentences = list(split_sentences(article.text)) if sentences is None else sentences
        gate = {s.start for s in candidate_sentences(article.text, sentences)}
        return cls(article, sentences, [i for i, s in enumerate(sentences) if s.start in gate])

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> dt.date:
        return self.article.published_date

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def index_of(self, sentence: Sentence) -> int:
        """The index of one of this document's sentences."""
        i = bisect.bisect_left(self._starts, sentence.start)
        if i == len(self.sentences) or self.sentences[i].start != sentence.start:
            raise ValueError(f"{sentence!r} is not a sentence of article {self.article.article_id}")
        return i

    def times(self, i: int) -> list[timex.TimeMention]:
        """The time expressions of sentence ``i`` (offsets in the sentence), found once; the dateline's date
        ("ROME, April 7 - This week's meeting") is the report's, not one of them."""
        if i not in self._times:
            sentence = self.sentences[i]
            skip = max(0, self.dateline_end - sentence.start)
            self._times[i] = [replace(t, start=t.start + skip, end=t.end + skip)
                              for t in timex.find_time_expressions(sentence.text[skip:])]
        return self._times[i]

    def week_frame(self, i: int, reach: int = 2) -> int:
        """+1 when one of the ``reach`` sentences before ``i`` says "next week": a bare weekday of sentence
        ``i`` then falls in that week ("Geithner travels to China next week. He meets Wen on Wednesday.")."""
        return int(any(t.text.lower() == "next week" for j in range(max(0, i - reach), i)
                       if "next week" in self.sentences[j].text.lower() for t in self.times(j)))  # parse only then

    @cached_property
    def dateline(self) -> Place | None:
        """The place of the article's dateline ("BRUSSELS, March 26 -"), if it has one."""
        return dateline(self.text)

    @cached_property
    def dateline_end(self) -> int:
        """Where the article's dateline ends ("BRUSSELS, March 26 - " is 21 characters), 0 without one."""
        return dateline_end(self.text)

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.sentences]
