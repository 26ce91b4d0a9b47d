"""CSV and TSV with a header row (e.g. the Kaggle ``id,title,publication,author,date,url,content`` dumps)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from extractors.ingest.readers.lines import MAX_LINE_BYTES, Overlong, iter_chunks, split_lines
from extractors.ingest.readers.records import Item, ReadContext, from_mapping

FIELD_SIZE_LIMIT = 64 << 20  # chars in one field; a runaway quote stops there instead of eating the file


class _LineFeed:
    """Feeds decoded lines to ``csv.reader`` and remembers the raw lines and bad bytes of the current row."""

    def __init__(self, f: BinaryIO) -> None:
        self._lines = split_lines(iter_chunks(f))
        self.raw: list[bytes] = []
        self.bad: UnicodeDecodeError | None = None

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        if isinstance(raw, Overlong):
            raise ValueError(f"a line of {raw.size:,} bytes is over the {MAX_LINE_BYTES:,}-byte limit for one row")
        self.raw.append(raw)
        try:
            return raw.decode("utf-8") + "\n"
        except UnicodeDecodeError as exc:
            self.bad = self.bad or exc
            return raw.decode("utf-8", errors="replace") + "\n"

    def take(self) -> tuple[bytes, UnicodeDecodeError | None]:
        """The current row's raw bytes and first decoding error, and start a new row."""
        raw = self.raw[0] if len(self.raw) == 1 else b"\n".join(self.raw)
        bad = self.bad
        self.raw, self.bad = [], None
        return raw, bad


def read_csv(f: BinaryIO, ctx: ReadContext) -> Iterator[Item]:
    return _read(f, ctx, ",")


def read_tsv(f: BinaryIO, ctx: ReadContext) -> Iterator[Item]:
    return _read(f, ctx, "\t")


def _read(f: BinaryIO, ctx: ReadContext, delimiter: str) -> Iterator[Item]:
    """Rows after the header; position = 1-based data row (blank lines are not counted)."""
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    feed = _LineFeed(f)
    reader = csv.reader(feed, delimiter=delimiter)
    header = next(reader, None)
    raw, bad = feed.take()
    if header is None:
        return
    if bad is not None:
        raise UnicodeError(f"header row is not valid UTF-8 ({bad.reason} at byte {bad.start})")
    names = [name.strip().lower() for name in header]
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield ctx.quarantine(number, "malformed_record", f"row does not parse: {exc}", feed.take()[0])
            continue
        raw, bad = feed.take()
        if not row:
            continue
        number += 1
        yield from _row(ctx, number, names, row, raw, bad)


def _row(
    ctx: ReadContext, number: int, names: list[str], row: list[str], raw: bytes,
    bad: UnicodeDecodeError | None,
) -> Iterator[Item]:
    if bad is not None:
        detail = f"row is not valid UTF-8 ({bad.reason} at byte {bad.start} of its line)"
        yield ctx.quarantine(number, "encoding_error", detail, raw)
    elif len(row) != len(names):
        detail = f"row has {len(row)} fields, the header has {len(names)}"
        yield ctx.quarantine(number, "malformed_record", detail, raw)
    else:
        yield from from_mapping(ctx, number, dict(zip(names, row, strict=True)), raw)
