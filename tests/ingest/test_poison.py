"""The poison-record corpus: every record-level fault becomes one quarantine row, and reading goes on."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import resource
from pathlib import Path

import pytest

from extractors.ingest.articles import Article, Quarantined
from extractors.ingest.readers import lines
from extractors.ingest.reading import discover, read_file

RECORD = {"id": "a1", "text": "Merkel will meet Macron in Berlin on Friday.", "published": "2016-11-10"}


def read(path: Path) -> list[Article | Quarantined]:
    return list(read_file(str(path)))


def reasons(items: list[Article | Quarantined]) -> list[tuple[str, int]]:
    return [(i.reason if isinstance(i, Quarantined) else "article", i.input_position) for i in items]


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0999-05-01"])
def test_a_date_out_of_range_is_quarantined_and_the_next_record_read(tmp_path: Path, published: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({**RECORD, "published": published}) + "\n" + json.dumps(RECORD) + "\n")
    items = read(path)
    assert reasons(items) == [("missing_date", 1), ("article", 2)]
    assert "out of range" in items[0].detail


def test_a_decompression_bomb_is_one_too_long_record_in_bounded_memory(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines, "MAX_LINE_BYTES", 1 << 20)
    monkeypatch.setattr(lines.split_lines, "__defaults__", (1 << 20,))
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write(json.dumps(RECORD).encode() + b"\n")
        f.write(b"\0" * (64 << 20))  # 64 MiB of zeros and no newline: 64 KB on disk
        f.write(b"\n" + json.dumps({**RECORD, "id": "a2"}).encode() + b"\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = read(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert reasons(items) == [("article", 1), ("too_long", 2), ("article", 3)]
    assert items[1].detail.startswith("line of 67,108,864 bytes is over") and len(items[1].excerpt) <= 2048
    assert grown_mb < 48  # the 64 MiB line was never held whole


def test_a_file_over_the_decompressed_size_limit_stops_with_what_it_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text((json.dumps(RECORD) + "\n") * 200)
    with open(path, "rb") as f:
        chunks = lines.iter_chunks(f, size=4096, max_bytes=10_000)
        with pytest.raises(ValueError, match="decompresses to more than 10,000 bytes"):
            list(chunks)


def test_a_fifo_is_skipped_with_a_reason_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    (items,) = [read(Path(f)) for f in discover([str(tmp_path)])]
    assert reasons(items) == [("not_a_regular_file", 0)] and "FIFO" in items[0].detail


def test_a_symlink_out_of_the_drop_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.jsonl"
    secret.write_text(json.dumps({**RECORD, "text": "AWS_SECRET=abc"}) + "\n")
    drop = tmp_path / "drop"
    (drop / "day").mkdir(parents=True)
    (drop / "day" / "feed.jsonl").write_text(json.dumps(RECORD) + "\n")
    (drop / "leak.jsonl").symlink_to(secret)
    (drop / "inside.jsonl").symlink_to(drop / "day" / "feed.jsonl")
    assert discover([str(drop)]) == [str(drop / "day" / "feed.jsonl"), str(drop / "inside.jsonl")]
    assert discover([str(drop / "*.jsonl")]) == [str(drop / "inside.jsonl")]
    assert discover([str(drop / "leak.jsonl")]) == [str(drop / "leak.jsonl")]  # named explicitly: the user's call


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    boms = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}
    text = "\n".join(json.dumps({**RECORD, "id": f"a{i}", "text": f"Éric Zemmour will meet Ōe on day {i}."},
                                ensure_ascii=False) for i in range(3000))  # several chunks
    path = tmp_path / "feed.jsonl"
    path.write_bytes(boms.get(encoding, b"") + text.encode(encoding))
    items = read(path)
    assert [i.text for i in items] == [f"Éric Zemmour will meet Ōe on day {i}." for i in range(3000)]


def test_an_empty_file_is_reported(tmp_path: Path) -> None:
    for name, content in (("empty.jsonl", ""), ("blank.jsonl", "\n \n"), ("empty.csv", "")):
        items = read(tmp_path / name) if (tmp_path / name).write_text(content) is not None else []
        assert reasons(items) == [("empty_file", 0)], name


def test_a_bad_json_array_element_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([RECORD, 5, "x", {**RECORD, "id": "a3"}]))
    assert reasons(read(path)) == [("article", 1), ("malformed_record", 2), ("malformed_record", 3), ("article", 4)]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_csv_and_jsonl_with_any_line_ending_are_read(tmp_path: Path, newline: str) -> None:
    rows = [f'"c{i}","Merkel will meet Macron on day {i}.","2016-11-10"' for i in range(3)]
    csv_path = tmp_path / "feed.csv"
    csv_path.write_bytes(newline.join(["id,text,published", *rows]).encode() + newline.encode())
    assert [i.article_id for i in read(csv_path)] == ["c0", "c1", "c2"]
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_bytes(newline.join(json.dumps({**RECORD, "id": f"j{i}"}) for i in range(3)).encode())
    assert [i.article_id for i in read(jsonl)] == ["j0", "j1", "j2"]


def test_split_lines_caps_lines_across_chunks() -> None:
    chunks = [b"ab", b"cdefgh", b"ij\nkl", b"\n", b"mnopqrstuv"]
    out = list(lines.split_lines(chunks, max_line=5))
    assert len(out) == 3 and out[1] == b"kl"
    assert isinstance(out[0], lines.Overlong) and out[0].size == 10 and bytes(out[0]).startswith(b"ab")
    assert isinstance(out[2], lines.Overlong) and out[2].size == 10
    assert list(lines.split_lines([b"a\rb\rc"])) == [b"a", b"b", b"c"]
    assert list(lines.split_lines([b"a\r\nb\r\n"])) == [b"a\r", b"b\r"]
