"""The batch decoder finds exactly what the per-sentence decoder it replaced found (``reference_decoding``)."""

from __future__ import annotations

import gzip
import itertools
import json

import numpy as np
import pytest
import reference_decoding as reference
from conftest import DEV, SHARED, needs_shared

from extractors.tagger import decoding
from extractors.tagger.decoding import decode_batch
from extractors.tagger.labels import batch_shapes, word_bounds
from extractors.tagger.runtime import OnnxTagger
from extractors.tagger.spans import Span

TRICKY = [
    "The U.S.-China talks in São Paulo, Zürich and ÉCOLE sites resume on 3rd March with AT&T and IMF/World Bank.",
    "NATO's closed-door SUMMIT: Ｆull-width ＡＢＣ, Ωmega and İstanbul ½ meet at 10 a.m. in the U.K.",
    "\u00a0 leading space and a trailing one ",
    "“Quoted” — dashes… and emoji 🙂 before the G20 summit in Osaka.",
    "x",
]


def _archive_sentences(n: int) -> list[str]:
    """Sentences of the archive that mention a meeting word (the candidates the tagger mostly sees)."""
    from extractors.language.sentences import split_sentences

    days = sorted((SHARED / "corpus" / "reuters-2006-2013").glob("2009-0[4-6]-*/reuters.jsonl.gz"))
    words = ("meet", "talks", "summit", "visit", "conference")
    out: list[str] = []
    for day in days:
        with gzip.open(day, "rt", encoding="utf-8") as f:
            for line in f:
                out += [s.text for s in split_sentences(json.loads(line)["text"]) if any(w in s.text for w in words)]
        if len(out) >= n:
            return out[:n]
    return out


def _dev_sentences() -> list[str]:
    from extractors.language.sentences import split_sentences

    return [s.text for line in DEV.open() for s in split_sentences(json.loads(line)["text"])]


def _key(ev) -> tuple:
    return (ev.trigger, ev.kind, ev.status, tuple(ev.participants), ev.time, ev.place, ev.event_name)


def _check(tagger: OnnxTagger, sentences: list[str]) -> int:
    """Decode batches both ways; return how many sentences had events."""
    encs = tagger.tokenizer.encode_batch(sentences)
    lengths = np.array([len(e.ids) for e in encs])
    found = 0
    for chunk in tagger.batches(lengths):
        texts = [sentences[i] for i in chunk]
        feed, offsets, words = tagger._padded(texts, [encs[i] for i in chunk], lengths[chunk])
        if tagger.uses_shapes:
            want = [reference.token_shapes(t, np.asarray(encs[i].offsets), encs[i].word_ids)
                    for t, i in zip(texts, chunk, strict=True)]
            assert all((feed["shape_ids"][r, :len(w)] == w).all() for r, w in enumerate(want))
        logits, states = tagger._forward(feed)
        first, last = word_bounds(texts, offsets, words)
        batch = decode_batch(texts, offsets, first, last, logits, states, lengths[chunk], tagger.scheme, tagger.heads,
                             scheduled_min_p=0.0)  # the reference decodes status by argmax
        for r, (text, i) in enumerate(zip(texts, chunk, strict=True)):
            n = int(lengths[i])
            if n <= 2:
                assert batch[r] == []
                continue
            off = offsets[r, 1:n - 1]
            f, la = reference.word_bounds(encs[i].word_ids[1:n - 1], off, text)
            assert (first[r, 1:n - 1] - 1 == f).all() and (last[r, 1:n - 1] - 1 == la).all()
            one = reference.decode_sentence(text, off, f, la, logits[r, 1:n - 1], states[r, 1:n - 1], states[r, 0],
                                            tagger.scheme, tagger.heads)
            assert [_key(e) for e in batch[r]] == [_key(e) for e in one], text
            assert [e.confidence for e in batch[r]] == pytest.approx([e.confidence for e in one], abs=2e-4)
            found += bool(one)
    return found


@needs_shared
def test_an_unsure_scheduled_status_gives_way_to_the_runner_up(tagger: OnnxTagger,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert tagger.scheduled_min_p == decoding.SCHEDULED_MIN_P > 0  # the shipped threshold, by default
    sentences = _archive_sentences(1500)
    sure = tagger.tag(sentences)
    monkeypatch.setattr(tagger, "scheduled_min_p", 0.0)
    argmax = tagger.tag(sentences)
    changed = 0
    for a, b in zip(argmax, sure, strict=True):
        assert [_key(e)[:2] + _key(e)[3:] for e in a] == [_key(e)[:2] + _key(e)[3:] for e in b]  # all but status
        for x, y in zip(a, b, strict=True):
            if x.status != y.status:
                assert x.status == "scheduled" and y.status != "scheduled"
                changed += 1
    assert changed > 0


def test_invented_sentences_decode_alike(tagger: OnnxTagger) -> None:
    sentences = [*TRICKY, "Merkel and Sarkozy spoke on Tuesday and will hold a summit in Brussels on Thursday."]
    assert _check(tagger, sentences) >= 1


@needs_shared
def test_dev_and_archive_sentences_decode_alike(tagger: OnnxTagger) -> None:
    sentences = list(itertools.chain(_dev_sentences(), _archive_sentences(2000)))
    assert len(sentences) > 3000
    assert _check(tagger, sentences) > 500


def test_shapes_of_a_batch_match_one_sentence_at_a_time(tagger: OnnxTagger) -> None:
    encs = tagger.tokenizer.encode_batch(TRICKY)
    lengths = np.array([len(e.ids) for e in encs])
    _, offsets, words = tagger._padded(TRICKY, encs, lengths)
    shapes = batch_shapes(TRICKY, offsets, words)
    for r, (text, enc) in enumerate(zip(TRICKY, encs, strict=True)):
        want = reference.token_shapes(text, np.asarray(enc.offsets), enc.word_ids)
        assert shapes[r, :len(want)].tolist() == want.tolist()
        assert not shapes[r, len(want):].any()


@pytest.mark.parametrize(("text", "want"), [
    ("BP,", "BP"), ("ConocoPhillips and", "ConocoPhillips"), ("the Senate ;", "the Senate"), ("Abe or", "Abe"),
    ("Procter & Gamble", "Procter & Gamble"), ("Bosnia and Herzegovina", "Bosnia and Herzegovina"),
    ("Tuesday, ", "Tuesday"), ("and", "and"),
])
def test_a_participant_never_ends_with_a_comma_or_a_joining_and(text: str, want: str) -> None:
    span = decoding._tight(Span(10, 10 + len(text), text))
    assert (span.text, span.start, span.end) == (want, 10, 10 + len(want))


def test_a_comma_tagged_into_a_party_is_left_out(tagger: OnnxTagger) -> None:
    text = "Executives of BP, Total and Exxon will meet senators in Washington on Tuesday."
    enc = tagger.tokenizer.encode_batch([text])
    lengths = np.array([len(enc[0].ids)])
    feed, offsets, words = tagger._padded([text], enc, lengths)
    logits, states = tagger._forward(feed)
    comma = int(np.flatnonzero(offsets[0, :, 0] == text.index(","))[0])
    tags = tagger.scheme.tags
    for token, tag in ((comma - 1, "B-PARTICIPANT"), (comma, "I-PARTICIPANT"), (comma + 1, "B-PARTICIPANT")):
        # "BP" and the comma after it, then "Total" on its own
        logits[0, token, :len(tags)] = -10.0
        logits[0, token, tags.index(tag)] = 10.0
    first, last = word_bounds([text], offsets, words)
    events = decode_batch([text], offsets, first, last, logits, states, lengths, tagger.scheme, tagger.heads)[0]
    spans = {p.text for e in events for p in e.participants}
    assert "BP" in spans and "BP," not in spans, spans
