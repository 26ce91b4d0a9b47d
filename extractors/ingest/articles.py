"""The records that flow through a run: articles read from input files, and quarantined input."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(slots=True)
class Article:
    """One article as received. ``text`` is kept exactly as read (offsets point into it)."""

    article_id: str
    text: str
    published_at: dt.datetime  # timezone-aware, in the article's own offset (UTC if it gave none)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    input_file: str = ""
    input_position: int = 0  # line number (1-based) or row index, per format
    truncated: bool = False  # text was capped at the configured maximum length
    id_from_source: bool = True  # False when article_id is a content hash

    @property
    def published_date(self) -> dt.date:
        """The local publication date: what "tomorrow" and "on Friday" are counted from."""
        return self.published_at.date()


@dataclass(slots=True)
class Quarantined:
    """Input that could not become an article, with the reason why."""

    input_file: str
    input_position: int  # line/row/byte position; 0 for a whole file
    reason: str  # one of QUARANTINE_REASONS
    detail: str
    excerpt: str = ""  # truncated raw input
    article_id: str | None = None


QUARANTINE_REASONS = (
    "unreadable_file",  # cannot open / decompress / parse the file as a whole
    "unsupported_format",  # no reader for this file type
    "malformed_record",  # a line/row that does not parse (bad JSON, wrong CSV shape, not an object)
    "encoding_error",  # bytes that are not valid UTF-8
    "missing_text",  # no text field or empty text
    "missing_date",  # no publication date, one that cannot be parsed, or one out of range (year 1, 9999)
    "too_long",  # text over the cap: kept truncated, and recorded here; or a line over the record limit
    "not_a_regular_file",  # a FIFO, socket or device in the drop: not read
    "empty_file",  # a file with no records: nothing lost, reported so an empty drop is noticed
    "id_collision",  # another article of the run has this id and a different text: kept under a new id
    "extraction_failed",  # the article was read and stored, but extracting its meetings failed
    "orphaned_duplicates",  # a rerun dropped articles that a later date holds duplicates of: rerun that date
)

EXCERPT_CHARS = 500


def excerpt(raw: str | bytes, limit: int = EXCERPT_CHARS) -> str:
    """A short, printable excerpt of raw input for the quarantine table."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    return raw[:limit]
