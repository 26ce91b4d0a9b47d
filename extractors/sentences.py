"""Sentence splitting with character offsets into the text as received."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import blingfire


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def _spans(text: str) -> list[tuple[int, int]]:
    """blingfire's sentence spans. Its offsets API computes offsets in Python (3x slower), so the
    sentences are located with ``str.find``; the rare text it rewrites falls back to that API."""
    spans, pos = [], 0
    for sent in blingfire.text_to_sentences(text).split("\n"):
        if not sent:
            continue
        i = text.find(sent, pos)
        if i < 0:
            return list(blingfire.text_to_sentences_and_offsets(text)[1])
        spans.append((i, i + len(sent)))
        pos = i + len(sent)
    return spans


def split_sentences(text: str) -> Iterator[Sentence]:
    """Yield the sentences of ``text`` with offsets, trimmed of surrounding whitespace.

    Uses blingfire's finite-state sentence breaker: on the dev set it keeps 104 of 111 gold sentences
    whole at 36x the speed of pysbd. A blank line always ends a sentence.
    """
    if not text or text.isspace():
        return
    for start, end in _spans(text):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        yield Sentence(start + lead, start + lead + len(stripped), stripped)
