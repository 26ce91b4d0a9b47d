"""From one raw record (a mapping, or fields a page reader found) to an Article or Quarantined items."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from extractors.ingest.articles import Article, Quarantined, excerpt
from extractors.ingest.normalize import hash_article_id
from extractors.ingest.readers.dates import parse_published

Item = Article | Quarantined
Raw = str | bytes | Mapping[str, Any]

ID_KEYS = ("id", "article_id", "guid", "uid", "doc_id")
TEXT_KEYS = ("text", "content", "body", "article", "article_text", "full_text", "story")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = (
    "published", "date", "published_at", "publication_date", "pub_date",
    "datetime", "timestamp", "time", "created_at",
)
SOURCE_KEYS = ("source", "publication", "publisher", "site", "sitename", "outlet")
URL_KEYS = ("url", "link")
AUTHOR_KEYS = ("author", "authors", "byline")
ALL_KEYS = frozenset(ID_KEYS + TEXT_KEYS + TITLE_KEYS + DATE_KEYS + SOURCE_KEYS + URL_KEYS + AUTHOR_KEYS)

_RAW_BYTES = 2048  # raw input kept for an excerpt


@dataclass(frozen=True, slots=True)
class ReadContext:
    """The file being read (as discovered) and the text cap."""

    file: str
    max_chars: int

    def quarantine(
        self, position: int, reason: str, detail: str, raw: Raw = "", article_id: str | None = None
    ) -> Quarantined:
        return Quarantined(self.file, position, reason, detail, _excerpt(raw), article_id)


def _excerpt(raw: Raw) -> str:
    if isinstance(raw, Mapping):
        short = {str(k): (v[:_RAW_BYTES] if isinstance(v, str | bytes) else v) for k, v in raw.items()}
        raw = json.dumps(short, ensure_ascii=False, default=str)
    return excerpt(raw[:_RAW_BYTES])


def _filled(value: Any) -> bool:
    if isinstance(value, str | bytes):
        return bool(value) and not value.isspace()
    return value is not None and not (isinstance(value, list | tuple) and not value)


def _pick(fields: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first key of ``keys`` with a non-empty value, and that value."""
    for key in keys:
        value = fields.get(key)
        if value is not None and (value and not value.isspace() if type(value) is str else _filled(value)):
            return key, value
    return None, None


def _label(value: Any) -> str | None:
    """A short metadata string: dicts give their name, lists are joined with ", "."""
    if type(value) is str:
        return value.strip() or None
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title")
    if isinstance(value, list | tuple):
        value = ", ".join(s for s in (_label(v) for v in value) if s)
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if value is None:
        return None
    return str(value).strip() or None


def from_mapping(ctx: ReadContext, position: int, record: Mapping[str, Any], raw: Raw) -> Iterator[Item]:
    """Map a record's fields (keys case-insensitive, unknown ones ignored) and build the article."""
    fields = {(k if type(k) is str else str(k)).strip().lower(): v for k, v in record.items()}
    text_key, text = _pick(fields, TEXT_KEYS)
    _, source_id = _pick(fields, ID_KEYS)
    article_id = _label(source_id)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            detail = f"field {text_key!r} is not valid UTF-8 ({exc.reason} at byte {exc.start})"
            yield ctx.quarantine(position, "encoding_error", detail, raw, article_id)
            return
    if text is not None and not isinstance(text, str):
        detail = f"field {text_key!r} holds a {type(text).__name__}, not a string"
        yield ctx.quarantine(position, "malformed_record", detail, raw, article_id)
        return
    yield from build(
        ctx, position, raw,
        text=text, text_missing=_missing_text_detail(fields),
        published=_published(fields),
        article_id=article_id,
        title=_label(_pick(fields, TITLE_KEYS)[1]),
        source=_label(_pick(fields, SOURCE_KEYS)[1]),
        url=_label(_pick(fields, URL_KEYS)[1]),
        author=_label(_pick(fields, AUTHOR_KEYS)[1]),
    )


def _missing_text_detail(fields: Mapping[str, Any]) -> str:
    present = [k for k in TEXT_KEYS if k in fields]
    if present:
        return f"text field {present[0]!r} is empty"
    return "no text field (looked for " + ", ".join(TEXT_KEYS) + ")"


MIN_YEAR, MAX_YEAR = 1000, 9000  # dates are resolved years around publication: far from datetime's 1..9999


def _published(fields: Mapping[str, Any]) -> dt.datetime | str:
    """The first parseable date field, else a message saying what was wrong."""
    first: tuple[str, Any] | None = None
    for key in DATE_KEYS:
        value = fields.get(key)
        if not _filled(value):
            continue
        parsed = parse_published(value)
        if parsed is not None and not MIN_YEAR <= parsed.year <= MAX_YEAR:
            return (f"publication date {str(value)[:80]!r} in field {key!r} is out of range (years {MIN_YEAR}-"
                    f"{MAX_YEAR}; a feed's 0001-01-01 usually means unknown)")
        if parsed is not None:
            return parsed
        first = first or (key, value)
    if first is None:
        return "no publication date field (looked for " + ", ".join(DATE_KEYS) + ")"
    return f"publication date {str(first[1])[:80]!r} in field {first[0]!r} could not be parsed"


def build(
    ctx: ReadContext,
    position: int,
    raw: Raw,
    *,
    text: str | None,
    published: dt.datetime | str | None,
    text_missing: str = "no text",
    article_id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    complete: bool = True,
) -> Iterator[Item]:
    """Check and yield one article (plus a too_long record when capped), or its quarantine record.

    ``published`` is a datetime, or a string explaining why there is none. ``complete`` is False
    when the reader stopped reading the text early (a page over its byte cap).
    """
    if text is None or not text or text.isspace():
        yield ctx.quarantine(position, "missing_text", text_missing, raw, article_id)
        return
    id_from_source = article_id is not None
    article_id = article_id if id_from_source else hash_article_id(text)
    if not isinstance(published, dt.datetime):
        yield ctx.quarantine(position, "missing_date", published or "no publication date", raw, article_id)
        return
    truncated = len(text) > ctx.max_chars
    yield Article(
        article_id=article_id,
        text=text[: ctx.max_chars] if truncated else text,
        published_at=published,
        title=title, source=source, url=url, author=author,
        input_file=ctx.file, input_position=position,
        truncated=truncated, id_from_source=id_from_source,
    )
    if truncated:
        size = f"{len(text)}" if complete else f"more than {len(text)}"
        detail = f"text of {size} chars capped at {ctx.max_chars}"
        yield ctx.quarantine(position, "too_long", detail, raw, article_id)
