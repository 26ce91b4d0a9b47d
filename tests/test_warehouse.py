import datetime as dt
import multiprocessing
import os

import pyarrow.parquet as pq
import pytest

from extractors.warehouse import STAGING, Warehouse

DAY = dt.date(2016, 11, 10)
ROW = {"input_file": "f", "input_position": 1, "reason": "missing_text", "detail": "d", "excerpt": "",
       "article_id": None}


def _stage(wh: Warehouse, run_id: str, marker: str) -> None:
    for table in ("quarantine", "events"):
        w = wh.writer(table, DAY, run_id)
        if table == "quarantine":
            w.write([dict(ROW, detail=marker, run_id=run_id)])
        w.close()


def _details(wh: Warehouse) -> list[str]:
    return wh.dataset("quarantine").to_table().column("detail").to_pylist()


def test_publish_replaces_partition(tmp_path):
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    _stage(wh, "r2", "second")
    wh.publish(DAY, "r2", ["quarantine", "events"])
    assert _details(wh) == ["second"]
    assert not os.listdir(tmp_path / STAGING / "ingest_date=2016-11-10")
    files = list((tmp_path / "quarantine" / "ingest_date=2016-11-10").iterdir())
    assert [f.name for f in files] == ["part-00000.parquet"]
    assert pq.read_metadata(files[0]).row_group(0).column(0).compression == "ZSTD"


def test_uncommitted_staging_is_discarded(tmp_path):
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    _stage(wh, "r2", "half-written")  # crash before _COMMIT: never published
    assert _details(wh) == ["first"]
    assert wh.recover(DAY) == ["discarded r2"]
    assert _details(wh) == ["first"]


def _die_during_publish(root: str) -> None:
    wh = Warehouse(root)
    real_mv, calls = wh.fs.mv, []

    def mv(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:  # quarantine swapped in; crash while moving the old events partition
            os._exit(17)
        return real_mv(*args, **kwargs)

    wh.fs.mv = mv
    _stage(wh, "r2", "second")
    wh.publish(DAY, "r2", ["quarantine", "events"])


def test_crash_mid_publish_rolls_forward(tmp_path):
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    proc = multiprocessing.get_context("spawn").Process(target=_die_during_publish, args=(str(tmp_path),))
    proc.start()
    proc.join(60)
    assert proc.exitcode == 17
    assert wh.recover(DAY) == ["rolled forward r2"]
    assert _details(wh) == ["second"]
    assert (tmp_path / "events" / "ingest_date=2016-11-10").is_dir()


def test_append_is_a_log(tmp_path):
    wh = Warehouse(str(tmp_path))
    assert wh.dataset("quarantine") is None
    for name in ("a", "b"):
        wh.append("quarantine", DAY, name, [dict(ROW, run_id=name)])
    assert sorted(_details(wh)) == ["d", "d"]
    assert not [p for p in (tmp_path / "quarantine" / "ingest_date=2016-11-10").iterdir() if p.name.startswith(".")]


def test_memory_filesystem_warehouse():
    wh = Warehouse("memory://agenda-test-wh")
    _stage(wh, "r1", "in memory")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    assert _details(wh) == ["in memory"]


@pytest.mark.parametrize("exclude, expected", [(None, {"h1": "a1", "h2": "a2"}), (DAY, {"h2": "a2"})])
def test_known_hashes_skip_the_partition_being_replaced(tmp_path, exclude, expected):
    wh = Warehouse(str(tmp_path))
    base = {"published_at": dt.datetime(2016, 11, 10, tzinfo=dt.UTC), "published_date": DAY, "text": "t",
            "text_chars": 1, "truncated": False, "input_file": "f", "input_position": 1, "run_id": "r"}
    for day, h, a in ((DAY, "h1", "a1"), (DAY + dt.timedelta(days=1), "h2", "a2")):
        w = wh.writer("articles", day, "r")
        w.write([dict(base, article_id=a, content_hash=h, duplicate_of=None),
                 dict(base, article_id=a + "dup", content_hash=h, duplicate_of=a)])
        w.close()
        wh.publish(day, "r", ["articles"])
    assert wh.known_hashes(exclude=exclude) == expected
