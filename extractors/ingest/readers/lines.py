"""Binary chunk and line iteration: files are read in bounded chunks and decoded line by line."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from typing import BinaryIO

CHUNK_BYTES = 1 << 18
MAX_LINE_BYTES = 64 << 20  # one line (record) longer than this is skipped, never held in memory whole
MAX_FILE_BYTES = 16 << 30  # a file that decompresses to more than this is read no further
OVERLONG_HEAD = 2048  # bytes of an over-long line kept (for the quarantine excerpt)
BOM = b"\xef\xbb\xbf"
# Byte-order marks of the other Unicode encodings: the text is transcoded to UTF-8 as it is read.
# UTF-32-LE's mark begins with UTF-16-LE's, so it is tried first.
_OTHER_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
               (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


class Overlong(bytes):
    """What ``split_lines`` gives for a line over its cap: the line's first bytes; ``size`` is what was seen."""

    size: int


def iter_chunks(f: BinaryIO, size: int = CHUNK_BYTES, max_bytes: int = MAX_FILE_BYTES) -> Iterator[bytes]:
    """Chunks of at most ``size`` bytes of UTF-8: a leading UTF-8 BOM dropped, UTF-16/32 with a BOM transcoded.

    ``read1`` is preferred: a decompressor that fails mid-way has then already handed over
    everything it decoded before the damage. Past ``max_bytes`` (decompressed) it raises ``ValueError``.
    """
    read = getattr(f, "read1", None) or f.read
    decoder = None
    total = 0
    first = True
    while chunk := read(size):
        total += len(chunk)
        if total > max_bytes:
            raise ValueError(f"the file decompresses to more than {max_bytes:,} bytes; the rest is not read")
        if first:
            first = False
            for mark, encoding in _OTHER_BOMS:
                if chunk.startswith(mark):
                    decoder = codecs.getincrementaldecoder(encoding)("surrogateescape")
                    chunk = chunk[len(mark):]
                    break
            else:
                chunk = chunk.removeprefix(BOM)
        if decoder is not None:
            chunk = decoder.decode(chunk).encode("utf-8", "surrogateescape")
        if chunk:
            yield chunk
    if decoder is not None and (tail := decoder.decode(b"", final=True).encode("utf-8", "surrogateescape")):
        yield tail


def split_lines(chunks: Iterable[bytes], max_line: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """Lines split on ``\n`` (terminator dropped, ``\r`` kept), or on ``\r`` in a file whose first line ends
    with a lone ``\r`` (old Mac line endings); a last unterminated line counts. A line longer than
    ``max_line`` comes as an ``Overlong`` holding its first bytes, and is never held whole."""
    parts: list[bytes] = []
    held = 0  # bytes in parts
    skipped = 0  # bytes of an over-long line dropped so far
    cr_only: bool | None = None
    for chunk in chunks:
        if cr_only is None:
            cr_only = _lone_cr_first(chunk)
        if cr_only:
            chunk = chunk.replace(b"\r", b"\n")
        if b"\n" not in chunk:
            if skipped:
                skipped += len(chunk)
            elif held + len(chunk) > max_line:
                parts, held, skipped = [b"".join(parts)[:OVERLONG_HEAD]], 0, held + len(chunk)
            else:
                parts.append(chunk)
                held += len(chunk)
            continue
        lines = chunk.split(b"\n")
        if skipped or held + len(lines[0]) > max_line:
            head = b"".join(parts) if skipped else b"".join(parts) + lines[0][:OVERLONG_HEAD]
            lines[0] = _overlong(head, skipped + held + len(lines[0]))
        elif parts:
            parts.append(lines[0])
            lines[0] = b"".join(parts)
        parts, held, skipped = [], 0, 0
        tail = lines.pop()
        for line in lines:
            yield line if len(line) <= max_line or isinstance(line, Overlong) else _overlong(line, len(line))
        if tail:
            parts.append(tail)
            held = len(tail)
    if skipped:
        yield _overlong(b"".join(parts), skipped + held)
    elif parts:
        line = b"".join(parts)
        yield line if len(line) <= max_line else _overlong(line, len(line))


def _overlong(line: bytes, size: int) -> Overlong:
    out = Overlong(line[:OVERLONG_HEAD])
    out.size = size
    return out


def _lone_cr_first(chunk: bytes) -> bool | None:
    """Whether the first line break of the file is a ``\r`` not followed by ``\n`` (None: none seen yet)."""
    cr, lf = chunk.find(b"\r"), chunk.find(b"\n")
    if cr < 0 and lf < 0:
        return None
    if cr < 0 or (0 <= lf < cr):
        return False
    if cr == len(chunk) - 1:
        return None  # "\r" closes the chunk: the next chunk decides
    return chunk[cr + 1:cr + 2] != b"\n"


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
