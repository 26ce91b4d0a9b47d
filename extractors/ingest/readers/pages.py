"""Single-article files: plain text and HTML pages, read up to a byte cap."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterator
from typing import BinaryIO

from extractors.ingest.readers.dates import date_from_name, parse_published
from extractors.ingest.readers.lines import read_capped
from extractors.ingest.readers.records import Item, ReadContext, build

PAGE_BYTES = 8 << 20  # a page is one article: never read more than this (or 4 bytes a char of the cap)
TITLE_CHARS = 200  # a first line up to this long is taken as the title
_DATE_LABEL = re.compile(r"(?i)(?:date|published|publication date|pub_?date|posted)\s*:\s*")
# htmldate (via trafilatura): keep the time and offset, prefer the original date, allow pre-1995 archives.
_DATE_PARAMS = {
    "extensive_search": True, "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z", "min_date": "1900-01-01",
}
_NO_DATE = "no publication date: no leading date line and no YYYY-MM-DD in the file name"


def _cap(ctx: ReadContext) -> int:
    return max(PAGE_BYTES, 4 * ctx.max_chars + 4)


def read_text(f: BinaryIO, ctx: ReadContext) -> Iterator[Item]:
    """The whole file is one article (position 1), its text kept exactly as read.

    Publication date: a leading date line (``2016-11-10``, ``Date: ...``), else a date in the file
    name. Title: the first line (after the date line) when short and followed by more text.
    """
    data, complete = read_capped(f, _cap(ctx))
    try:
        text = codecs.getincrementaldecoder("utf-8")("strict").decode(data, final=complete)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        detail = f"file is not valid UTF-8 ({exc.reason} at byte {exc.start}, line {line})"
        yield ctx.quarantine(line, "encoding_error", detail, data[:2048])
        return
    published, title = _text_header(text)
    published = published or date_from_name(ctx.file) or _NO_DATE
    yield from build(
        ctx, 1, data[:2048], text=text, text_missing="file holds no text",
        published=published, title=title, complete=complete,
    )


def _text_header(text: str) -> tuple[dt.datetime | None, str | None]:
    """(date of a leading date line, title) from the first lines of a text file."""
    head = text[:4096]
    lines = head.splitlines()
    if len(text) > len(head):
        lines = lines[:-1]  # the last one may be cut at the 4096-char mark
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return None, None
    label = _DATE_LABEL.match(lines[0])
    published = parse_published(lines[0][label.end():] if label else lines[0])
    if published is not None:
        lines = lines[1:]
    title = lines[0] if len(lines) > 1 and len(lines[0]) <= TITLE_CHARS else None
    return published, title


def read_html(f: BinaryIO, ctx: ReadContext) -> Iterator[Item]:
    """Main text and metadata (title, date, author, sitename, url) extracted with trafilatura."""
    import trafilatura

    data, complete = read_capped(f, _cap(ctx))
    doc = trafilatura.bare_extraction(
        data,
        url=ctx.file if ctx.file.startswith(("http://", "https://")) else None,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(doc, "text", None)
    date = getattr(doc, "date", None)
    published = parse_published(date) or date_from_name(ctx.file)
    if published is None:
        published = "no publication date found in the page metadata or the file name"
    author = getattr(doc, "author", None)
    yield from build(
        ctx, 1, data[:2048],
        text=text, text_missing="no main text could be extracted from the HTML page",
        published=published,
        title=getattr(doc, "title", None) or None,
        source=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
        author=author.replace("; ", ", ") if author else None,
        complete=complete,
    )
