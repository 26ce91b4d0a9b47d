"""JSON Lines, and ``.json`` files holding JSON Lines, a JSON array or concatenated JSON objects."""

from __future__ import annotations

import codecs
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from extractors.ingest.readers.lines import CHUNK_BYTES, MAX_LINE_BYTES, Overlong, iter_chunks, split_lines
from extractors.ingest.readers.records import Item, ReadContext, from_mapping

MAX_VALUE_CHARS = 64 << 20  # a single JSON value larger than this is given up on
_GAP = re.compile(r"[\s,]*")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_UNICODE = "holds a \\u escape of an unpaired UTF-16 surrogate, which is not valid Unicode text"
_loads = json.loads
_DECODER = json.JSONDecoder()


def read_jsonl(f: BinaryIO, ctx: ReadContext) -> Iterator[Item]:
    """One JSON object a line; position = 1-based line number. Blank lines are skipped."""
    return _jsonl_lines(iter_chunks(f), ctx)


def _jsonl_lines(chunks: Iterable[bytes], ctx: ReadContext) -> Iterator[Item]:
    for number, raw in enumerate(split_lines(chunks), 1):
        if raw and not raw.isspace():
            yield from _line_record(ctx, number, raw)


def _line_record(ctx: ReadContext, number: int, raw: bytes) -> Iterator[Item]:
    if isinstance(raw, Overlong):
        detail = f"line of {raw.size:,} bytes is over the {MAX_LINE_BYTES:,}-byte limit for one record; skipped"
        yield ctx.quarantine(number, "too_long", detail, raw)
        return
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        detail = f"line is not valid UTF-8 ({exc.reason} at byte {exc.start})"
        yield ctx.quarantine(number, "encoding_error", detail, raw)
        return
    try:
        value = _loads(line)
    except (ValueError, RecursionError) as exc:
        yield ctx.quarantine(number, "malformed_record", f"line is not valid JSON: {exc}", raw)
        return
    if not isinstance(value, dict):
        detail = f"line holds a JSON {_json_type(value)}, not an object"
        yield ctx.quarantine(number, "malformed_record", detail, raw)
        return
    if (b"\\ud" in raw or b"\\uD" in raw) and _holds_surrogate(value):
        yield ctx.quarantine(number, "encoding_error", "line " + _NOT_UNICODE, raw)
        return
    yield from from_mapping(ctx, number, value, raw)


def _holds_surrogate(record: dict[str, Any]) -> bool:
    """Whether a string field (or a string in a list field) has a lone surrogate (json.loads lets them in)."""
    for value in record.values():
        items = value if isinstance(value, list) else (value,)
        if any(isinstance(v, str) and _SURROGATE.search(v) for v in items):
            return True
    return False


def _json_type(value: Any) -> str:
    names = {list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def read_json(f: BinaryIO, ctx: ReadContext) -> Iterator[Item]:
    """``[...]`` -> array elements; a first line of just ``{`` -> pretty-printed objects; else JSON Lines.

    Arrays and object streams are parsed incrementally (position = 1-based element number).
    """
    chunks = iter_chunks(f)
    head = b""
    for chunk in chunks:
        head += chunk
        if head.strip():
            break
    stripped = head.lstrip()
    stream = itertools.chain([head], chunks)
    if stripped.startswith(b"["):
        return _values(stream, ctx, array=True)
    if stripped.split(b"\n", 1)[0].strip() == b"{":
        return _values(stream, ctx, array=False)
    return _jsonl_lines(stream, ctx)


class _TextBuffer:
    """Decoded text of a byte stream, extended on demand; undecodable bytes kept as surrogates."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.text = ""
        self.pos = 0
        self.eof = False

    def fill(self, at_least: int = CHUNK_BYTES) -> None:
        """Drop the consumed text and append at least ``at_least`` more chars (unless at EOF)."""
        parts = [self.text[self.pos:]]
        got = 0
        while got < at_least and not self.eof:
            chunk = next(self._chunks, None)
            part = self._decoder.decode(chunk or b"", final=chunk is None)
            self.eof = chunk is None
            parts.append(part)
            got += len(part)
        self.text = "".join(parts)
        self.pos = 0

    def skip_gap(self) -> bool:
        """Skip whitespace and commas; False when the stream is exhausted."""
        while True:
            self.pos = _GAP.match(self.text, self.pos).end()
            if self.pos < len(self.text):
                return True
            if self.eof:
                return False
            self.fill()


def _values(chunks: Iterable[bytes], ctx: ReadContext, *, array: bool) -> Iterator[Item]:
    buf = _TextBuffer(chunks)
    buf.fill()
    if array:
        buf.skip_gap()
        buf.pos += 1  # the opening "["
    number = 0
    while buf.skip_gap():
        if array and buf.text[buf.pos] == "]":
            buf.pos += 1
            if buf.skip_gap():
                detail = "unexpected data after the closing ] of the JSON array; rest of file skipped"
                yield ctx.quarantine(number + 1, "malformed_record", detail, buf.text[buf.pos: buf.pos + 2048])
            return
        decoded = _decode_next(buf)
        number += 1
        if isinstance(decoded, str):
            raw = buf.text[buf.pos: buf.pos + 2048]
            yield ctx.quarantine(number, "malformed_record", decoded + "; rest of file skipped", raw)
            return
        value, end = decoded
        start, buf.pos = buf.pos, end
        raw = buf.text[start: min(end, start + 2048)]
        if _ESCAPED_BYTE.search(buf.text, start, end):
            yield ctx.quarantine(number, "encoding_error", "element is not valid UTF-8", raw)
        elif not isinstance(value, dict):
            detail = f"element holds a JSON {_json_type(value)}, not an object"
            yield ctx.quarantine(number, "malformed_record", detail, raw)
        elif _holds_surrogate(value):
            yield ctx.quarantine(number, "encoding_error", "element " + _NOT_UNICODE, raw)
        else:
            yield from from_mapping(ctx, number, value, raw)
    if array:
        yield ctx.quarantine(number + 1, "malformed_record", "JSON array is not closed (file cut short?)")


def _decode_next(buf: _TextBuffer) -> tuple[Any, int] | str:
    """The next value and its end, reading more text while it may be incomplete; else an error message."""
    while True:
        try:
            value, end = _DECODER.raw_decode(buf.text, buf.pos)
        except (ValueError, RecursionError) as exc:
            pending = len(buf.text) - buf.pos
            if buf.eof or pending > MAX_VALUE_CHARS or not _maybe_incomplete(exc, len(buf.text)):
                return f"invalid JSON: {getattr(exc, 'msg', exc)}"
            buf.fill(max(CHUNK_BYTES, pending))
            continue
        if end < len(buf.text) or buf.eof:
            return value, end
        buf.fill()  # a value ending exactly at the buffer end might continue (a number)


def _maybe_incomplete(exc: Exception, size: int) -> bool:
    if not isinstance(exc, json.JSONDecodeError):
        return False
    return exc.msg.startswith("Unterminated string") or exc.pos >= size - 16
