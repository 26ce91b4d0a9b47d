"""Binary chunk and line iteration: files are read in bounded chunks and decoded line by line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

CHUNK_BYTES = 1 << 18
BOM = b"\xef\xbb\xbf"


def iter_chunks(f: BinaryIO, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Chunks of at most ``size`` bytes, a leading UTF-8 BOM dropped.

    ``read1`` is preferred: a decompressor that fails mid-way has then already handed over
    everything it decoded before the damage.
    """
    read = getattr(f, "read1", None) or f.read
    first = True
    while chunk := read(size):
        if first:
            first = False
            chunk = chunk.removeprefix(BOM)
        if chunk:
            yield chunk


def split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Lines split on ``\\n`` (terminator dropped, ``\\r`` kept); a last unterminated line counts."""
    parts: list[bytes] = []
    for chunk in chunks:
        if b"\n" not in chunk:
            parts.append(chunk)
            continue
        lines = chunk.split(b"\n")
        if parts:
            parts.append(lines[0])
            lines[0] = b"".join(parts)
            parts = []
        tail = lines.pop()
        yield from lines
        if tail:
            parts.append(tail)
    if parts:
        yield b"".join(parts)


def read_capped(f: BinaryIO, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` bytes of ``f`` (BOM dropped), and whether that was the whole file."""
    parts: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = f.read(cap + 1 - size)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    data = b"".join(parts).removeprefix(BOM)
    return data[:cap], size <= cap
