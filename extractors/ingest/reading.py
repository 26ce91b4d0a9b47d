"""Read news articles from files and fsspec URLs: a flat stream of Article and Quarantined records.

Formats by extension (optionally compressed ``.gz``/``.bz2``/``.xz``, ``.zst`` when zstandard is
installed): ``.jsonl``/``.ndjson``/``.json``, ``.csv``/``.tsv``, ``.parquet``, ``.txt``, ``.html``/``.htm``.
Bad input never stops the stream: it becomes a Quarantined record and reading goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

import fsspec

from extractors.ingest.articles import Article, Quarantined
from extractors.ingest.readers.delimited import read_csv, read_tsv
from extractors.ingest.readers.files import expand, open_binary, special_file, split_name
from extractors.ingest.readers.jsonfmt import read_json, read_jsonl
from extractors.ingest.readers.pages import read_html, read_text
from extractors.ingest.readers.parquet import read_parquet
from extractors.ingest.readers.records import ReadContext

__all__ = ["DEFAULT_MAX_CHARS", "READERS", "discover", "read_file", "read_inputs"]

DEFAULT_MAX_CHARS = 100_000

Reader = Callable[[BinaryIO, ReadContext], Iterator[Article | Quarantined]]
READERS: dict[str, Reader] = {
    "jsonl": read_jsonl, "ndjson": read_jsonl, "json": read_json,
    "csv": read_csv, "tsv": read_tsv,
    "parquet": read_parquet,
    "txt": read_text,
    "html": read_html, "htm": read_html,
}
_RANDOM_ACCESS = frozenset({"parquet"})  # needs seek; everything else is read front to back


def discover(paths: Sequence[str]) -> list[str]:
    """Expand files, folders (recursive) and globs, local paths or fsspec URLs, into a sorted list.

    Local files come back as absolute paths, others as URLs. Hidden or private names (``.``/``_``)
    found inside folders or by globs are skipped; a file named explicitly is kept. http folders are
    URLs ending in ``/`` whose index page links the files. Raises FileNotFoundError for a path that
    does not exist or a glob that matches nothing.
    """
    if isinstance(paths, str):
        paths = [paths]
    known = frozenset(READERS)
    return sorted({url for path in paths for url in expand(path, known)})


def read_inputs(
    paths: Sequence[str], *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Quarantined]:
    """Stream every article of every file (discover() first), one record at a time, memory flat.

    Discovery happens now (so a missing input raises here); reading happens as the stream is consumed.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    files = discover(paths)
    return (item for url in files for item in read_file(url, max_chars=max_chars))


def read_file(url: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | Quarantined]:
    """Stream the records of one discovered file; a file that cannot be read gives unreadable_file."""
    ctx = ReadContext(url, max_chars)
    ext, compression = split_name(url)
    reader = READERS.get(ext)
    if reader is None:
        yield ctx.quarantine(0, "unsupported_format", f"no reader for files named like {_basename(url)!r}")
        return
    if compression is not None and compression not in fsspec.available_compressions():
        detail = f"{compression} decompression is not available (install its Python package)"
        yield ctx.quarantine(0, "unsupported_format", detail)
        return
    if (kind := special_file(url)) is not None:  # a FIFO would block the run, a device never ends
        yield ctx.quarantine(0, "not_a_regular_file", f"{kind}, not a regular file; not read")
        return
    count = 0
    try:
        with open_binary(url, compression, streaming=ext not in _RANDOM_ACCESS) as f:
            for item in reader(f, ctx):
                count += 1
                yield item
    except Exception as exc:  # any failure of one file (I/O, decompression, HTTP, parser) ends that file only
        yield ctx.quarantine(0, "unreadable_file", _failure(exc, count))
        return
    if not count:
        yield ctx.quarantine(0, "empty_file", "the file holds no records (empty, or only blank lines)")


def _basename(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _failure(exc: Exception, count: int) -> str:
    message = f"{type(exc).__name__}: {exc}".rstrip(": ")
    if count:
        return f"file is damaged or cut short after {count} records were read; the rest is lost ({message})"
    return f"cannot read the file ({message})"
