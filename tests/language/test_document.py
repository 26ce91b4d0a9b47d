"""The annotated document: built once, read by every later step."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.ingest.articles import Article
from extractors.language.document import Document
from extractors.language.sentences import Sentence

TEXT = ("PARIS, May 4 - The minister travels to Asia next week. "
        "Markets were calm on Monday. "
        "He will meet Premier Li in Beijing on Thursday.")


def _doc(text: str = TEXT) -> Document:
    return Document.build(Article("a1", text, dt.datetime(2016, 5, 4, tzinfo=dt.UTC)))


def test_sentences_and_candidates_come_from_the_one_splitter_and_gate():
    doc = _doc()
    assert [s.text for s in doc.sentences] == ["PARIS, May 4 - The minister travels to Asia next week.",
                                               "Markets were calm on Monday.",
                                               "He will meet Premier Li in Beijing on Thursday."]
    assert doc.candidates == [0, 2]  # "travels", "meet"; the markets sentence names no gathering
    assert doc.published == dt.date(2016, 5, 4) and doc.text == TEXT


def test_time_expressions_are_found_once_per_sentence():
    doc = _doc()
    first = doc.times(2)
    assert [t.text for t in first] == ["Thursday"]
    assert doc.times(2) is first


def test_positions_map_to_sentences():
    doc = _doc()
    assert doc.index_of(doc.sentences[1]) == 1
    with pytest.raises(ValueError, match="not a sentence"):
        doc.index_of(Sentence(3, 9, "nonsense"))


def test_a_next_week_sets_the_week_frame_of_the_next_two_sentences():
    doc = _doc()
    assert [doc.week_frame(i) for i in range(3)] == [0, 1, 1]


def test_the_dateline_is_read_once():
    doc = _doc()
    assert doc.dateline is not None and doc.dateline.name == "Paris" and doc.dateline is doc.dateline


def test_the_dateline_date_is_the_reports_not_a_time_of_the_text():
    doc = _doc("ROME, April 7 - This week's meeting of the G7 in Washington may verify the accord.")
    assert doc.dateline_end == len("ROME, April 7 - ")
    assert [(t.text, doc.sentences[0].text[t.start:t.end]) for t in doc.times(0)] == [("This week", "This week")]
    assert _doc("Ministers meet on Monday.").dateline_end == 0
