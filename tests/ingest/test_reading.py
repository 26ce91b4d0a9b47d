"""Tests for extractors.ingest.reading: formats, field mapping, dates, quarantine, discovery, fsspec URLs, memory."""

from __future__ import annotations

import bz2
import csv
import datetime as dt
import functools
import gzip
import http.server
import json
import lzma
import os
import threading
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.ingest.articles import QUARANTINE_REASONS, Article, Quarantined
from extractors.ingest.normalize import hash_article_id
from extractors.ingest.readers.dates import date_from_name, parse_published
from extractors.ingest.reading import DEFAULT_MAX_CHARS, discover, read_file, read_inputs

FIXTURES = Path(__file__).parents[1] / "fixtures" / "inputs"
UTC = dt.UTC
TEXT = "Prime Minister Shinzo Abe will meet Donald Trump in New York on November 17."


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def articles(items: list[Article | Quarantined]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def quarantined(items: list[Article | Quarantined]) -> list[Quarantined]:
    return [i for i in items if isinstance(i, Quarantined)]


def kinds(items: list[Article | Quarantined]) -> list[tuple[str, int]]:
    """(reason or "article", position) of every item, in stream order."""
    return [(i.reason if isinstance(i, Quarantined) else "article", i.input_position) for i in items]


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def read(path: Path | str, **kwargs: int) -> list[Article | Quarantined]:
    return list(read_inputs([str(path)], **kwargs))


def good(i: int | str, text: str = TEXT, **extra: object) -> dict[str, object]:
    return {"id": f"a{i}", "published": "2016-11-10T12:00:00Z", "text": text, **extra}


# --- formats -----------------------------------------------------------------------------------------


def test_jsonl_fixture_articles_in_order_with_positions() -> None:
    path = FIXTURES / "articles.jsonl"
    items = read(path)
    assert kinds(items) == [("article", 1), ("article", 2), ("article", 3)]
    first = items[0]
    assert first.article_id == "reuters21578:9831" and first.id_from_source
    assert first.published_at == utc(1987, 3, 26)
    assert first.title == "TURKEY COULD APPLY FOR EC MEMBERSHIP BY EARLY MAY"
    assert first.source == "Reuters-21578 Distribution 1.0 / Reuters"
    assert first.input_file == str(path.resolve())
    source = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert first.text == source["text"]  # exactly as received, blank lines included


def test_kaggle_csv_layout_with_unnamed_index_column() -> None:
    items = read(FIXTURES / "kaggle_news.csv")
    assert kinds(items) == [("article", 1), ("article", 2), ("article", 3)]
    abe, turkey, merkel = items
    assert (abe.article_id, abe.source, abe.author) == ("17283", "Breitbart", "Charlie Spiering")
    assert abe.title == "Abe to meet Trump on November 17" and abe.url is None
    assert abe.published_at == utc(2016, 11, 10)
    assert turkey.published_at == utc(1987, 3, 26)  # "1987/03/26"
    assert "\n\nThe Turkish embassy" in turkey.text  # multi-line quoted field kept exactly
    assert merkel.published_at == utc(2011, 12, 6)  # "Dec 6, 2011"
    assert merkel.url and merkel.url.startswith("http://www.reuters.com/")


def test_tsv_and_crlf_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.tsv"
    path.write_bytes(b"ID\tHeadline\tDate\tBody\r\n7\tA title\t2016-11-10\tLine one\r\n")
    [item] = read(path)
    assert (item.article_id, item.title, item.text) == ("7", "A title", "Line one")


@pytest.mark.parametrize(("suffix", "compress"), [
    (".jsonl.gz", gzip.compress), (".jsonl.bz2", bz2.compress), (".ndjson.xz", lzma.compress),
])
def test_compressed_jsonl(tmp_path: Path, suffix: str, compress: object) -> None:
    raw = "".join(json.dumps(good(i)) + "\n" for i in range(3)).encode()
    path = tmp_path / f"news{suffix}"
    path.write_bytes(compress(raw))  # type: ignore[operator]
    items = read(path)
    assert [a.article_id for a in articles(items)] == ["a0", "a1", "a2"]
    assert [a.input_position for a in items] == [1, 2, 3]


def test_parquet_batches_mapping_and_timestamp_types(tmp_path: Path) -> None:
    n = 700  # several record batches and row groups
    texts = [f"{TEXT} ({i})" for i in range(n)]
    texts[5] = None
    table = pa.table({
        "Article_ID": pa.array(range(n), pa.int64()),
        "Headline": [f"t{i}" for i in range(n)],
        "Content": texts,
        "Published_At": pa.array([dt.datetime(2016, 11, 10, 15, 4, 5, 123456)] * n,
                                 pa.timestamp("us", tz="America/New_York")),
        "ignored": [1.5] * n,
    })
    path = tmp_path / "news.parquet"
    pq.write_table(table, path, row_group_size=300)
    items = read(path)
    assert len(items) == n
    assert kinds(items)[:7] == [("article", 0), ("article", 1), ("article", 2), ("article", 3),
                                ("article", 4), ("missing_text", 5), ("article", 6)]
    first = items[0]
    assert (first.article_id, first.title, first.text) == ("0", "t0", f"{TEXT} (0)")
    assert first.published_at == utc(2016, 11, 10, 15, 4, 5, 123456)  # stored as UTC instant
    assert items[-1].input_position == n - 1


def test_parquet_naive_timestamp_and_date_columns(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(pa.table({
        "text": [TEXT, TEXT + "!"],
        "timestamp": pa.array([dt.datetime(2016, 11, 10, 8), None], pa.timestamp("ns")),
        "date": pa.array([None, dt.date(2016, 11, 11)], pa.date32()),
    }), path)
    first, second = read(path)
    assert first.published_at == utc(2016, 11, 10, 8)
    assert second.published_at == utc(2016, 11, 11)


def test_txt_title_and_date_from_file_name() -> None:
    path = FIXTURES / "2016-11-10-abe-trump.txt"
    [item] = read(path)
    assert item.text == path.read_text(encoding="utf-8")  # the whole file, exactly
    assert item.title == "Abe to meet Trump on November 17"
    assert item.published_at == utc(2016, 11, 10)
    assert item.input_position == 1 and not item.id_from_source
    assert item.article_id == hash_article_id(item.text)


def test_txt_leading_iso_date_line() -> None:
    [item] = read(FIXTURES / "merkel.txt")
    assert item.published_at == utc(2011, 12, 6, 13, 30)  # 14:30+01:00
    assert item.title == "What rating agency does is its own responsibility: Merkel"


def test_txt_labelled_date_line_and_no_title_for_one_liner(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Date: Nov 10, 2016 3:04 PM EST\nOnly one line of text.\n")
    [item] = read(tmp_path / "a.txt")
    assert item.published_at == utc(2016, 11, 10, 20, 4)
    assert item.title is None


def test_html_text_and_metadata() -> None:
    [item] = read(FIXTURES / "turkey-ec.html")
    assert "Turkey's European Affairs Minister Ali Bozer" in item.text
    assert "Copyright" not in item.text and "Home" not in item.text
    assert item.title == "Turkey Could Apply For Ec Membership By Early May"
    assert item.published_at == utc(1987, 3, 26, 14, 15)  # 09:15-05:00
    assert (item.source, item.author) == ("Example Wire", "Wire Staff")
    assert item.url == "https://news.example.com/1987/03/26/turkey-ec"


def test_html_without_text_is_missing_text(tmp_path: Path) -> None:
    path = tmp_path / "2016-11-10-empty.htm"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    [item] = read(path)
    assert item.reason == "missing_text" and "HTML" in item.detail


def test_json_array_and_pretty_printed_objects(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text(json.dumps([good(1), 42, good(2, published="not a date")], indent=2))
    assert kinds(read(array)) == [("article", 1), ("malformed_record", 2), ("missing_date", 3)]
    objects = tmp_path / "objects.json"
    objects.write_text(json.dumps(good(1), indent=2) + "\n" + json.dumps(good(2), indent=2) + "\n")
    assert [a.article_id for a in read(objects)] == ["a1", "a2"]
    lines = write_jsonl(tmp_path / "lines.json", [good(1), good(2)])
    assert [a.article_id for a in read(lines)] == ["a1", "a2"]


def test_json_array_streams_large_elements_across_chunks(tmp_path: Path) -> None:
    big = "é" * 300_000 + "\U0001f600"  # multi-byte chars straddle the 256 KiB read chunks
    path = tmp_path / "big.json"
    path.write_text(json.dumps([good(1, text=big), good(2)], ensure_ascii=False), encoding="utf-8")
    first, second = read(path, max_chars=1_000_000)
    assert first.text == big and second.article_id == "a2"


def test_json_array_cut_short_or_broken(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": 1, "date": "2016-11-10", "body": "a"}, {"id": 2, oops}, {"id": 3}]')
    items = read(broken)
    assert kinds(items) == [("article", 1), ("malformed_record", 2)]
    assert "rest of file skipped" in items[1].detail
    cut = tmp_path / "cut.json"
    cut.write_text('[{"id": 1, "date": "2016-11-10", "body": "a"}, {"id": 2, "da')
    assert kinds(read(cut)) == [("article", 1), ("malformed_record", 2)]


def test_json_array_element_with_bad_bytes_is_an_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "array.json"
    path.write_bytes(b'[{"id": 1, "date": "2016-11-10", "text": "Caf\xe9"},\n {"id": 2, "date": "2016-11-10", '
                     b'"text": "ok"}]')
    items = read(path)
    assert kinds(items) == [("encoding_error", 1), ("article", 2)]
    assert items[0].excerpt.startswith('{"id": 1')


def test_json_lines_of_arrays_are_not_one_array(tmp_path: Path) -> None:
    path = tmp_path / "arrays.json"
    path.write_text('[{"id": 1, "date": "2016-11-10", "body": "a"}]\n[{"id": 2}]\n')
    assert kinds(read(path)) == [("article", 1), ("malformed_record", 2)]


def test_zst_without_zstandard_is_unsupported(tmp_path: Path) -> None:
    if "zstd" in fsspec.available_compressions():
        pytest.skip("zstandard is installed")
    path = tmp_path / "news.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd")
    [item] = read(path)
    assert item.reason == "unsupported_format" and "zstd" in item.detail


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    [item] = read(path)
    assert (item.reason, item.input_position, item.input_file) == ("unsupported_format", 0, str(path))


# --- field mapping -----------------------------------------------------------------------------------


def test_field_aliases_are_case_insensitive_and_unknown_fields_ignored(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{
        "GUID": 12345, "Headline": "  A headline  ", "Story": TEXT, "Pub_Date": "2016-11-10",
        "Publisher": {"name": "Example Wire"}, "Link": "https://e.com/a", "Authors": ["Ann Lee", "Bo Chan"],
        "sentiment": 0.7, "tags": ["x"],
    }])
    [item] = read(path)
    assert item.article_id == "12345" and item.id_from_source
    assert (item.title, item.text, item.source) == ("A headline", TEXT, "Example Wire")
    assert (item.url, item.author) == ("https://e.com/a", "Ann Lee, Bo Chan")


ALIASES = {
    "id": ("id", "article_id", "guid", "uid", "doc_id"),
    "text": ("text", "content", "body", "article", "article_text", "full_text", "story"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publication_date", "pub_date", "datetime",
                  "timestamp", "time", "created_at"),
    "source": ("source", "publication", "publisher", "site", "sitename", "outlet"),
    "url": ("url", "link"),
    "author": ("author", "authors", "byline"),
}
VALUES = {"id": "x1", "text": TEXT, "title": "T", "published": "2016-11-10", "source": "S",
          "url": "https://u", "author": "Ann"}


@pytest.mark.parametrize(("field", "alias"), [(f, a) for f, group in ALIASES.items() for a in group])
def test_each_alias_maps(tmp_path: Path, field: str, alias: str) -> None:
    record = {group[-1]: VALUES[f] for f, group in ALIASES.items() if f != field}
    record[alias.upper()] = VALUES[field]
    [item] = read(write_jsonl(tmp_path / "a.jsonl", [record]))
    assert (item.article_id, item.text, item.published_at) == ("x1", TEXT, utc(2016, 11, 10))
    assert (item.title, item.source, item.url, item.author) == ("T", "S", "https://u", "Ann")


def test_empty_first_alias_falls_through_to_next(tmp_path: Path) -> None:
    record = {"id": "", "text": "  ", "content": TEXT, "date": "garbage", "published_at": "2016-11-10"}
    [item] = read(write_jsonl(tmp_path / "a.jsonl", [record]))
    assert item.text == TEXT and item.published_at == utc(2016, 11, 10)
    assert not item.id_from_source and item.article_id == hash_article_id(TEXT)


def test_text_kept_exactly(tmp_path: Path) -> None:
    text = "  \tLeading space,\r\nCRLF, e\u0301 combining, \u00a0nbsp, ＦＵＬＬ width, trailing\n\n"
    [from_jsonl] = read(write_jsonl(tmp_path / "a.jsonl", [good(1, text=text)]))
    csv_path = tmp_path / "a.csv"
    csv_path.write_bytes(b'id,date,text\r\n1,2016-11-10,"' + text.encode() + b'"\r\n')
    [from_csv] = read(csv_path)
    assert from_jsonl.text == text and from_csv.text == text


# --- publication times -------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("2016-11-10", utc(2016, 11, 10)),
    ("2006-10-20T18:15:00-04:00", utc(2006, 10, 20, 22, 15)),
    ("2016-11-10T15:04:05Z", utc(2016, 11, 10, 15, 4, 5)),
    ("2016-11-10T15:04:05.123456789+05:30", utc(2016, 11, 10, 9, 34, 5, 123456)),
    ("2016-11-10 15:04:05", utc(2016, 11, 10, 15, 4, 5)),  # naive: UTC
    ("2016-11-10 15:04:05 UTC", utc(2016, 11, 10, 15, 4, 5)),
    ("20161110", utc(2016, 11, 10)),
    (1478790245, utc(2016, 11, 10, 15, 4, 5)),
    (1478790245123, utc(2016, 11, 10, 15, 4, 5, 123000)),
    ("1478790245", utc(2016, 11, 10, 15, 4, 5)),
    (1478790245.5, utc(2016, 11, 10, 15, 4, 5, 500000)),
    ("November 10, 2016", utc(2016, 11, 10)),
    ("Nov 10, 2016 3:04 PM EST", utc(2016, 11, 10, 20, 4)),
    ("Nov. 10, 2016, 3:04 p.m. ET", utc(2016, 11, 10, 20, 4)),
    ("June 5, 2016 at 10:30 AM PDT", utc(2016, 6, 5, 17, 30)),
    ("Thu, 10 Nov 2016 15:04:05 +0000", utc(2016, 11, 10, 15, 4, 5)),
    ("Thu, 10 Nov 2016 15:04:05 -0500", utc(2016, 11, 10, 20, 4, 5)),
    ("Thursday, November 10, 2016", utc(2016, 11, 10)),
    ("2016/11/10", utc(2016, 11, 10)),
    ("10 Nov 2016", utc(2016, 11, 10)),
    ("10 November 2016 14:00 GMT+2", utc(2016, 11, 10, 12)),
    ("Sept. 5, 2016", utc(2016, 9, 5)),
    (dt.date(2016, 11, 10), utc(2016, 11, 10)),
    (dt.datetime(2016, 11, 10, 12), utc(2016, 11, 10, 12)),
])
def test_publication_time_forms(value: object, expected: dt.datetime) -> None:
    """The same instant as ``expected`` (UTC), kept in the offset the source gave (its local date counts)."""
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() is not None


@pytest.mark.parametrize("value", [
    None, "", "   ", "yesterday", "2016", "Nov 10 2016 15:04 XYZ", "2016-13-45", True, float("nan"), [],
])
def test_unparseable_publication_times(value: object) -> None:
    assert parse_published(value) is None


def test_date_from_file_name() -> None:
    assert date_from_name("/x/2016-11-10-foo.txt") == utc(2016, 11, 10)
    assert date_from_name("news_2016_11_10.txt") == utc(2016, 11, 10)
    assert date_from_name("/2016-11-10/foo.txt") is None  # the file's own name only
    assert date_from_name("2016-13-10.txt") is None


def test_epoch_and_offset_through_a_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"text": TEXT, "timestamp": 1478790245000},
        {"text": TEXT, "date": "2016-11-10T23:30:00-05:00"},
    ])
    first, second = read(path)
    assert first.published_at == utc(2016, 11, 10, 15, 4, 5)
    assert second.published_at == utc(2016, 11, 11, 4, 30)
    assert second.published_date == dt.date(2016, 11, 10)  # the date where it was published, not in UTC


# --- quarantine --------------------------------------------------------------------------------------


def check_quarantine_record(item: Quarantined, path: Path | str) -> None:
    assert item.reason in QUARANTINE_REASONS
    assert item.input_file == str(path) and item.detail


def test_jsonl_bad_records_do_not_stop_the_stream(tmp_path: Path) -> None:
    lines = [
        json.dumps(good(1)).encode(),
        b'{"id": "a2", "text": "unterminated',
        b'["an", "array"]',
        b"",  # blank lines are skipped, but counted
        json.dumps(good(5)).encode()[:-1] + b', "title": "caf\xe9 latin-1"}',
        json.dumps({"id": "a6", "published": "2016-11-10"}).encode(),
        json.dumps(good(7, text=" \n\t ")).encode(),
        json.dumps({"text": TEXT}).encode(),
        json.dumps(good(9, published="the day after tomorrow")).encode(),
        json.dumps(good(10, text="lone \ud800 surrogate")).encode(),
        json.dumps(good(11, text=["not", "a", "string"])).encode(),
        json.dumps(good(12)).encode(),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = read(path)
    assert kinds(items) == [
        ("article", 1), ("malformed_record", 2), ("malformed_record", 3), ("encoding_error", 5),
        ("missing_text", 6), ("missing_text", 7), ("missing_date", 8), ("missing_date", 9),
        ("encoding_error", 10), ("malformed_record", 11), ("article", 12),
    ]
    for item in quarantined(items):
        check_quarantine_record(item, path)
        assert item.excerpt  # the raw line, for a record-level problem
    by_position = {i.input_position: i for i in items}
    assert by_position[8].article_id == hash_article_id(TEXT)  # known even when the date is missing
    assert by_position[6].article_id == "a6"
    assert "could not be parsed" in by_position[9].detail
    assert "valid UTF-8" in by_position[5].detail


def test_csv_bad_rows_do_not_stop_the_stream(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(
        b"id,title,date,content\n"
        b"1,One,2016-11-10,First text\n"
        b"2,Two,2016-11-10\n"  # too few fields
        b"\n"  # blank: skipped, not counted
        b"3,Three,2016-11-10,Caf\xe9 latin-1\n"
        b'4,Four,2016-11-10,"quoted, with a comma",extra\n'
        b"5,Five,someday,Text\n"
        b"6,Six,2016-11-10,\n"
        b"7,Seven,2016-11-10,Last text\n"
    )
    items = read(path)
    assert kinds(items) == [
        ("article", 1), ("malformed_record", 2), ("encoding_error", 3), ("malformed_record", 4),
        ("missing_date", 5), ("missing_text", 6), ("article", 7),
    ]
    for item in quarantined(items):
        check_quarantine_record(item, path)
    assert "has 3 fields, the header has 4" in items[1].detail
    assert items[1].excerpt == "2,Two,2016-11-10"


def test_text_file_quarantines(tmp_path: Path) -> None:
    (tmp_path / "no-date.txt").write_text("A title\nSome text without any date.\n")
    (tmp_path / "2016-11-10-empty.txt").write_text(" \n\n")
    (tmp_path / "2016-11-10-latin1.txt").write_bytes(b"Title\nline two\nCaf\xe9\n")
    items = read(tmp_path)
    assert kinds(items) == [("missing_text", 1), ("encoding_error", 3), ("missing_date", 1)]
    assert "line 3" in items[1].detail
    for item in items:
        assert isinstance(item, Quarantined) and item.input_file.startswith(str(tmp_path))


def test_too_long_text_is_capped_and_recorded(tmp_path: Path) -> None:
    long_text = "x" * 120
    path = write_jsonl(tmp_path / "a.jsonl", [{"published": "2016-11-10", "text": long_text}, good(2)])
    items = read(path, max_chars=100)
    assert kinds(items) == [("article", 1), ("too_long", 1), ("article", 2)]
    article, note = items[0], items[1]
    assert article.truncated and article.text == long_text[:100]
    assert not items[2].truncated
    assert note.article_id == article.article_id == hash_article_id(long_text)
    assert note.detail == "text of 120 chars capped at 100"


def test_too_long_page_is_capped_at_read_time(tmp_path: Path) -> None:
    path = tmp_path / "2016-11-10-long.txt"
    path.write_text("y" * 5000)
    article, note = read(path, max_chars=100)
    assert article.truncated and article.text == "y" * 100
    assert note.reason == "too_long" and note.detail.startswith("text of 5000 chars")


def test_truncated_gzip_keeps_complete_lines_then_reports(tmp_path: Path) -> None:
    raw = "".join(json.dumps(good(i, text=f"{TEXT} {i} " * 40)) + "\n" for i in range(2000)).encode()
    packed = gzip.compress(raw)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    items = read(path)
    *good_items, last = items
    assert len(good_items) > 100
    assert kinds(good_items) == [("article", n) for n in range(1, len(good_items) + 1)]
    assert last.reason == "unreadable_file" and last.input_position == 0
    assert f"after {len(good_items)} records" in last.detail


def test_unreadable_files_do_not_stop_the_stream(tmp_path: Path) -> None:
    (tmp_path / "a-corrupt.jsonl.gz").write_bytes(b"this is not gzip data\n")
    (tmp_path / "b-corrupt.parquet").write_bytes(b"PAR1 not really parquet PAR1")
    write_jsonl(tmp_path / "c-good.jsonl", [good(1)])
    items = read(tmp_path)
    assert [(Path(i.input_file).name, kinds([i])[0]) for i in items] == [
        ("a-corrupt.jsonl.gz", ("unreadable_file", 0)),
        ("b-corrupt.parquet", ("unreadable_file", 0)),
        ("c-good.jsonl", ("article", 1)),
    ]
    assert "BadGzipFile" in items[0].detail


def test_file_gone_after_discovery_is_unreadable(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [good(1)])
    [url] = discover([str(path)])
    path.unlink()
    [item] = read_file(url)
    assert (item.reason, item.input_position) == ("unreadable_file", 0)
    assert "FileNotFoundError" in item.detail


def test_directory_in_place_of_a_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "looks-like.jsonl").mkdir()
    [item] = read_file(str(tmp_path / "looks-like.jsonl"))
    assert (item.reason, item.input_position) == ("unreadable_file", 0)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_permission_denied_is_unreadable(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [good(1)])
    path.chmod(0)
    [item] = read(path)
    assert item.reason == "unreadable_file"


def test_bom_and_crlf_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good(1)).encode() + b"\r\n" + json.dumps(good(2)).encode())
    assert [(a.article_id, a.input_position) for a in read(path)] == [("a1", 1), ("a2", 2)]


# --- ids ---------------------------------------------------------------------------------------------


def test_hashed_ids_are_stable(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"published": "2016-11-10", "text": TEXT},
        {"published": "2016-11-11", "text": TEXT.upper() + "  "},  # same normalised text, same id
        {"published": "2016-11-10", "text": TEXT + " More."},
    ])
    first_run = [a.article_id for a in read(path)]
    assert first_run == [a.article_id for a in read(path)]
    assert first_run[0] == first_run[1] != first_run[2]
    assert first_run[0] == hash_article_id(TEXT) == "sha256:7173f79f746e82ef03b12725"
    txt = tmp_path / "2016-11-10-same.txt"
    txt.write_text(TEXT)
    assert read(txt)[0].article_id == first_run[0]


def test_numeric_and_blank_source_ids(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": 0, "date": "2016-11-10", "text": TEXT},
        {"id": "  ", "date": "2016-11-10", "text": TEXT},
        {"id": None, "doc_id": "d-9", "date": "2016-11-10", "text": TEXT},
    ])
    assert [(a.article_id, a.id_from_source) for a in read(path)] == [
        ("0", True), (hash_article_id(TEXT), False), ("d-9", True),
    ]


# --- discovery and URLs ------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ("b.jsonl", "a.csv", "sub/c.json", "sub/deeper/d.txt", ".hidden.jsonl", "_SUCCESS",
                 ".git/e.jsonl", "_tmp/f.jsonl", "sub/_g.jsonl"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    return tmp_path


def test_discover_folders_recursively_sorted_without_hidden(tree: Path) -> None:
    found = discover([str(tree)])
    assert found == [str(tree / n) for n in ("a.csv", "b.jsonl", "sub/c.json", "sub/deeper/d.txt")]


def test_discover_globs_dedupes_and_keeps_explicit_files(tree: Path) -> None:
    found = discover([str(tree / "*.jsonl"), str(tree / "b.jsonl"), str(tree / "**" / "*.json"),
                      str(tree / ".hidden.jsonl"), "file://" + str(tree / "a.csv")])
    assert found == [str(tree / n) for n in (".hidden.jsonl", "a.csv", "b.jsonl", "sub/c.json")]


def test_discover_relative_paths_become_absolute(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert discover(["sub/c.json", "./sub/c.json"]) == [str(tree / "sub/c.json")]


@pytest.mark.parametrize("name", ["missing.jsonl", "missing-dir/", "*.nothing"])
def test_discover_missing_input_raises(tmp_path: Path, name: str) -> None:
    with pytest.raises(FileNotFoundError, match=r"input not found|no input file matches"):
        discover([str(tmp_path / name)])
    with pytest.raises(FileNotFoundError):
        read_inputs([str(tmp_path / name)])  # raised at the call, before any iteration


def test_read_inputs_rejects_a_non_positive_cap(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_chars"):
        read_inputs([str(tmp_path)], max_chars=0)
    assert DEFAULT_MAX_CHARS == 100_000


@pytest.fixture
def memory_root() -> Iterator[str]:
    fs = fsspec.filesystem("memory")
    root = f"/agenda-test-{uuid.uuid4().hex}"
    yield root
    fs.rm(root, recursive=True)


def test_memory_urls(memory_root: str) -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe(f"{memory_root}/day1/news.jsonl.gz", gzip.compress(json.dumps(good(1)).encode() + b"\n"))
    fs.pipe(f"{memory_root}/day2/news.csv", b"id,date,text\n2,2016-11-10,Hello there\n")
    fs.pipe(f"{memory_root}/day2/_SUCCESS", b"")
    found = discover([f"memory://{memory_root}"])
    assert found == [f"memory://{memory_root}/day1/news.jsonl.gz", f"memory://{memory_root}/day2/news.csv"]
    items = read(f"memory://{memory_root}")
    assert [(a.article_id, a.input_file) for a in items] == list(zip(["a1", "2"], found, strict=True))
    assert discover([f"memory://{memory_root}/*/*.csv"]) == found[1:]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def http_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("http")
    (root / "sub").mkdir()
    write_jsonl(root / "a.jsonl", [good(1), good(2)])
    (root / "sub" / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps(good(3)).encode() + b"\n"))
    pq.write_table(pa.table({"id": ["p1"], "date": ["2016-11-10"], "text": [TEXT]}), root / "sub" / "c.parquet")
    (root / "_private.jsonl").write_text("")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()
    server.server_close()


def test_http_folder_listing_and_reading(http_root: tuple[str, Path]) -> None:
    base, _ = http_root
    found = discover([base])
    assert found == [base + "a.jsonl", base + "sub/b.jsonl.gz", base + "sub/c.parquet"]
    assert discover([base + "sub"]) == found[1:]  # a folder without the trailing slash
    items = read(base)
    assert [(a.article_id, a.input_file, a.input_position) for a in items] == [
        ("a1", found[0], 1), ("a2", found[0], 2), ("a3", found[1], 1), ("p1", found[2], 0),
    ]


def test_http_explicit_files_glob_and_errors(http_root: tuple[str, Path]) -> None:
    base, _ = http_root
    assert discover([base + "a.jsonl", base + "*.jsonl"]) == [base + "a.jsonl"]
    with pytest.raises(FileNotFoundError):
        discover([base + "missing.jsonl"])
    [item] = read_file(base + "missing.jsonl")
    assert (item.reason, item.input_position) == ("unreadable_file", 0)


# --- streaming ---------------------------------------------------------------------------------------


def test_memory_stays_flat_on_a_50_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    body = "Officials said the leaders will meet in Geneva next week to discuss trade. " * 66
    with path.open("w", encoding="utf-8") as f:
        for i in range(10_000):
            f.write(json.dumps({"id": f"a{i}", "published": "2016-11-10T12:00:00Z", "text": body}) + "\n")
    size = path.stat().st_size
    assert size > 49_000_000
    started = time.perf_counter()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        count = sum(1 for _ in read_inputs([str(path)]))
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < 8_000_000, f"peak growth {peak} bytes for a {size}-byte file"
    assert time.perf_counter() - started < 10


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300))
def test_any_text_round_trips_exactly_through_jsonl_and_csv(tmp_path: Path, text: str) -> None:
    expected = "missing_text" if text.isspace() else "article"
    [from_jsonl] = read(write_jsonl(tmp_path / "a.jsonl", [good(1, text=text)]))
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "date", "text"], ["1", "2016-11-10", text]])
    [from_csv] = read(path)
    for item in (from_jsonl, from_csv):
        assert kinds([item]) == [(expected, 1)]
        if expected == "article":
            assert item.text == text
