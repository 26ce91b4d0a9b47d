"""The label carry-over of ``data/meetings/carry_labels.py`` (how ``sample3.jsonl`` and ``sample4.jsonl`` were made),
and the samples it made: every mention labelled once, in each of the six fortnights."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import ROOT, load_script


def _carry_labels():
    return load_script("data/meetings/carry_labels.py")


def _row(event_id: str, sentence: str, trigger: str, meeting: str | None = None) -> dict:
    row = {"event_id": event_id, "article_id": "invented:1", "evidence": sentence, "trigger": trigger,
           "published_date": "2016-11-10"}
    if meeting:
        row["gold"] = {"meeting": meeting, "not_a_meeting": False, "vague": False}
    return row


def test_labels_follow_the_sentence_and_trigger_and_split_sentences_are_labelled_anew() -> None:
    carry = _carry_labels().carry
    talks = "Abe and Trump will meet on November 17."
    both = "Abe will attend the APEC summit next week and meet Xi on its sidelines."
    first = [_row("a", talks, "meet", "abe-trump"), _row("b", both, "summit", "apec")]
    fresh = [_row("x", talks, "meet"), _row("y", both, "summit"), _row("z", both, "meet")]
    rows = {r["event_id"]: r["gold"] for r in carry(first, fresh)}
    assert rows["x"] == {"meeting": "abe-trump", "not_a_meeting": False, "vague": False,
                         "carried": "same sentence and trigger"}
    assert rows["y"]["meeting"] == "apec" and rows["y"]["carried"] == "same sentence and trigger"
    assert rows["z"] is None  # a second meeting found in the sentence: labelled by a reader

    renamed = carry([_row("a", talks, "meet", "abe-trump")], [_row("x", talks, "talks")])
    assert renamed[0]["gold"]["carried"] == "same sentence"  # one mention, its trigger word changed


@pytest.mark.parametrize("sample", ["sample3.jsonl", "sample4.jsonl"])
def test_sample_labels_every_mention_once_in_the_six_fortnights(sample: str) -> None:
    rows = [json.loads(line) for line in (ROOT / "data" / "meetings" / sample).read_text().splitlines()]
    assert len({r["event_id"] for r in rows}) == len(rows)
    assert all(r["gold"]["meeting"] for r in rows)
    years = Counter(r["published_date"][:4] for r in rows)
    assert set(years) == {"2008", "2009", "2010", "2011", "2012", "2013"}


def test_labels_carry_from_a_named_sample() -> None:
    """``--labels`` reads that file's mentions of the year (how sample4 carried sample3's labels)."""
    first = _carry_labels()._first(2013, "sample3.jsonl")
    assert first and {r["published_date"][:4] for r in first} == {"2013"}
    with pytest.raises(SystemExit, match="--labels"):
        _carry_labels()._first(2013)
