import datetime as dt
import multiprocessing
import os
from collections.abc import Callable

import pyarrow.parquet as pq
import pytest

from extractors.storage.locks import WriterConflict
from extractors.storage.warehouse import STAGING, StagingMissing, Warehouse, row_bytes

DAY = dt.date(2016, 11, 10)
ROW = {"input_file": "f", "input_position": 1, "reason": "missing_text", "detail": "d", "excerpt": "",
       "article_id": None}


def _stage(wh: Warehouse, run_id: str, marker: str) -> None:
    wh.open_stage(DAY, run_id)
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
    files = sorted((tmp_path / "quarantine" / "ingest_date=2016-11-10").iterdir())
    assert [f.name for f in files] == ["_RUN", "part-00000.parquet"]  # readers skip "_" files
    assert files[0].read_text() == "r2"
    files = files[1:]
    assert pq.read_metadata(files[0]).row_group(0).column(0).compression == "ZSTD"


def test_uncommitted_staging_is_discarded(tmp_path):
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    _stage(wh, "r2", "half-written")  # crash before _COMMIT: never published
    assert _details(wh) == ["first"]
    assert wh.recover(DAY) == ["discarded r2"]
    assert _details(wh) == ["first"]


def test_a_run_still_staging_without_the_lock_is_left_alone_and_the_new_run_refused(tmp_path):
    """An orchestrated run stages in separate tasks, without the writer lock; it keeps a heartbeat."""
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    wh.open_stage(DAY, "r2", heartbeat=True)
    _stage(wh, "r2", "second")
    with pytest.raises(WriterConflict, match=r"run r2 is still staging 2016-11-10 .*last heartbeat 0s ago"):
        wh.recover(DAY)
    wh.publish(DAY, "r2", ["quarantine", "events"])  # untouched: it publishes whole
    assert _details(wh) == ["second"]

    wh.open_stage(DAY, "r3", heartbeat=True)
    _stage(wh, "r3", "third")
    assert wh.recover(DAY, stale=0) == ["discarded r3"]  # silent too long: dead
    _stage_late = wh.writer("quarantine", DAY, "r3")  # a late shard of r3 writes after the discard
    _stage_late.write([dict(ROW, detail="late", run_id="r3")])
    _stage_late.close()
    with pytest.raises(StagingMissing, match="r3's staging for 2016-11-10 was discarded"):
        wh.publish(DAY, "r3", ["quarantine", "events"])
    assert _details(wh) == ["second"]


def _die_during_publish(root: str, at: int) -> None:
    wh = Warehouse(root)
    real_mv, calls = wh.fs.mv, []

    def mv(*args, **kwargs):
        calls.append(args)
        if len(calls) == at:  # killed before this rename
            os._exit(17)
        return real_mv(*args, **kwargs)

    wh.fs.mv = mv
    wh.publish(DAY, "r2", ["quarantine", "events"])


PUBLISH_RENAMES = 7  # two run markers, the journal, then per table: old partition aside, staged one in


@pytest.mark.parametrize("at", range(1, PUBLISH_RENAMES + 1))
@pytest.mark.parametrize("then", ["retry", "recover"])
def test_a_publish_killed_at_any_rename_is_finished_by_a_retry_or_undone(tmp_path, at, then):
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    _stage(wh, "r2", "second")
    proc = multiprocessing.get_context("fork").Process(target=_die_during_publish, args=(str(tmp_path), at))
    proc.start()
    proc.join(60)
    assert proc.exitcode == 17
    if then == "retry":  # what an Airflow retry of the publish task does
        wh.publish(DAY, "r2", ["quarantine", "events"])
        assert _details(wh) == ["second"]
    else:  # what the next run for the date does first
        committed = at > 3
        assert wh.recover(DAY) == ["rolled forward r2" if committed else "discarded r2"]
        assert _details(wh) == ["second" if committed else "first"]
    assert (tmp_path / "events" / "ingest_date=2016-11-10").is_dir()
    assert not os.listdir(tmp_path / STAGING / "ingest_date=2016-11-10")


def test_publishing_a_run_twice_changes_nothing(tmp_path):
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    wh.publish(DAY, "r1", ["quarantine", "events"])
    assert _details(wh) == ["first"]
    assert wh.published_by(DAY, ["quarantine", "events"]) == {"r1"}
    with pytest.raises(StagingMissing, match="r0 has nothing staged"):
        wh.publish(DAY, "r0", ["quarantine", "events"])  # an older run, its staging gone: never an empty publish
    assert _details(wh) == ["first"]


def test_a_journal_cut_short_is_not_a_commit(tmp_path):
    wh = Warehouse(str(tmp_path))
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    _stage(wh, "r2", "second")
    (tmp_path / STAGING / "ingest_date=2016-11-10" / "r2" / "_COMMIT").write_text("")  # disk full, say
    assert wh.recover(DAY) == ["discarded r2"]
    assert _details(wh) == ["first"]


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
        wh.open_stage(day, "r")
        w = wh.writer("articles", day, "r")
        w.write([dict(base, article_id=a, content_hash=h, duplicate_of=None),
                 dict(base, article_id=a + "dup", content_hash=h, duplicate_of=a)])
        w.close()
        wh.publish(day, "r", ["articles"])
    assert wh.known_hashes(exclude=exclude) == expected


def _article(i: int, text: str) -> dict:
    return {"article_id": f"a{i}", "published_at": dt.datetime(2016, 11, 10, tzinfo=dt.UTC), "published_date": DAY,
            "text": text, "text_chars": len(text), "truncated": False, "content_hash": f"h{i}", "duplicate_of": None,
            "input_file": "f", "input_position": i, "run_id": "r"}


def test_writer_flushes_row_groups_by_bytes(tmp_path):
    """Big rows are written out once about max_bytes are buffered: memory stays flat, the rows do not change."""
    rows = [_article(i, f"article {i} " + "x" * (1000 + 37 * (i % 5))) for i in range(300)]
    wh = Warehouse(str(tmp_path))
    by_bytes = wh.writer("articles", DAY, "bytes")
    by_bytes.max_bytes = 20_000
    peak = 0
    for lo in range(0, len(rows), 7):
        by_bytes.write(rows[lo:lo + 7])
        peak = max(peak, by_bytes.buffered_bytes)
    by_bytes.close()
    one_group = wh.writer("articles", DAY, "rows")  # the row cap alone: one row group
    one_group.write(rows)
    one_group.close()

    assert peak < 20_000 and by_bytes.count == one_group.count == 300
    assert by_bytes.row_groups > 10 and one_group.row_groups == 1
    staged = tmp_path / STAGING / "ingest_date=2016-11-10"
    meta = pq.read_metadata(staged / "bytes" / "articles" / "part-00000.parquet")
    assert meta.num_row_groups == by_bytes.row_groups
    assert all(meta.row_group(i).num_rows <= 20 for i in range(meta.num_row_groups))
    read = {r: pq.read_table(staged / r / "articles" / "part-00000.parquet") for r in ("bytes", "rows")}
    assert read["bytes"].equals(read["rows"])
    assert read["bytes"].column("text").to_pylist() == [r["text"] for r in rows]


def test_writer_caps_rows_per_group(tmp_path):
    wh = Warehouse(str(tmp_path))
    w = wh.writer("quarantine", DAY, "r")
    w.max_rows = 4
    w.write([dict(ROW, detail=str(i), run_id="r") for i in range(10)])
    w.close()
    meta = pq.read_metadata(tmp_path / STAGING / "ingest_date=2016-11-10" / "r" / "quarantine" / "part-00000.parquet")
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4, 4, 2]


def test_row_bytes_counts_strings_and_lists():
    assert row_bytes({"a": "x" * 100, "b": 3, "c": None, "d": ["ab", "cd"]}) == 104 + 8 + 8 + (6 + 6 + 4)


def test_a_second_writer_for_the_same_date_is_refused_and_another_date_waits(tmp_path):
    import threading
    import time

    wh = Warehouse(str(tmp_path))
    other = dt.date(2016, 11, 11)
    with wh.writer_lock(DAY, run="first"):
        second = Warehouse(str(tmp_path))
        with pytest.raises(WriterConflict, match=r"writing the same date .*run first"), second.writer_lock(DAY):
            pass
        with pytest.raises(WriterConflict, match="waited 0s"), second.writer_lock(other, timeout=0.2):
            pass
    released = threading.Event()

    def hold() -> None:
        with wh.writer_lock(DAY):
            released.wait(5)
            time.sleep(0.3)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    released.set()
    t0 = time.monotonic()
    with Warehouse(str(tmp_path)).writer_lock(other, timeout=10):  # waits for the first run, then goes
        assert time.monotonic() - t0 > 0.1
    holder.join()


EVENT = {"event_id": "e", "article_id": "a", "published_date": DAY, "kind": "meeting", "status": "scheduled",
         "trigger": "meet", "participants": [], "evidence": "", "evidence_start": 0, "evidence_end": 0,
         "confidence": 1.0, "extractor": "test"}


def _publish_slowly(root: str, runs: int, landed: Callable[[str], None] | None = None) -> None:
    """Publish ``runs`` runs of DAY, each swapping its two tables 50 ms apart (a wide window for a reader);
    ``landed(run)``, when given, is called after each publish (it may wait for a reader)."""
    import time

    wh = Warehouse(root)
    real_move = wh._move_tree

    def slow_move(src: str, dst: str) -> None:
        real_move(src, dst)
        time.sleep(0.05)

    wh._move_tree = slow_move
    for i in range(runs):
        run = f"r{i:03d}"
        wh.open_stage(DAY, run)
        for table in ("quarantine", "events"):
            w = wh.writer(table, DAY, run)
            w.write([dict(ROW, run_id=run)] if table == "quarantine" else [dict(EVENT, run_id=run)])
            w.close()
        wh.publish(DAY, run, ["quarantine", "events"])
        if landed is not None:
            landed(run)


def test_a_reader_sees_every_table_of_one_publish_while_a_writer_publishes(tmp_path):
    import time

    from extractors.storage.query import read

    fork = multiprocessing.get_context("fork")
    last_read = fork.Value("i", -1)  # the newest run number the reader has seen, shared with the writer process

    def landed(run: str) -> None:
        """The next publish waits until the reader has read this one (or 30 s): on a busy machine a read may
        otherwise span several publishes and the reader see few of them."""
        deadline = time.monotonic() + 30
        while last_read.value < int(run[1:]) and time.monotonic() < deadline:
            time.sleep(0.01)

    _publish_slowly(str(tmp_path), 1)
    writer = fork.Process(target=_publish_slowly, args=(str(tmp_path), 25), kwargs={"landed": landed})
    writer.start()
    seen = []
    while writer.is_alive():
        seen.append(read(str(tmp_path), lambda con: [  # what agenda sql, upcoming, ics and calendar read through
            con.execute(f"SELECT list(DISTINCT run_id) FROM {t}").fetchone()[0] for t in ("quarantine", "events")]))
        last_read.value = max(last_read.value, *(int(r[1:]) for r in seen[-1][0]))
    writer.join()
    assert writer.exitcode == 0
    assert all(q == e and len(q) == 1 for q, e in seen), [s for s in seen if s[0] != s[1] or len(s[0]) != 1][:3]
    assert len({q[0] for q, _ in seen}) > 10  # the reader saw most of the 25 publishes land


def test_on_an_object_store_a_publish_left_by_a_killed_run_is_named_to_readers():
    wh = Warehouse("memory://agenda-test-killed-publish")
    _stage(wh, "r1", "first")
    wh.publish(DAY, "r1", ["quarantine", "events"])
    assert wh.read_consistent(lambda: _details(wh)) == ["first"]
    with wh.publishing("2016-11-10 run r2"):  # killed inside: its mark stays
        wh.fs.pipe_file(wh.path("_publishing.copy"), wh.fs.cat_file(wh.path("_publishing")))
    wh.fs.pipe_file(wh.path("_publishing"), wh.fs.cat_file(wh.path("_publishing.copy")))
    with pytest.raises(WriterConflict, match=r"in progress \(2016-11-10 run r2 since .*rerun its date"):
        wh.read_consistent(lambda: _details(wh), timeout=0.2)


def _runs_in(folder) -> list[list[str]]:
    """What an outside engine reads in a snapshot folder: each table's run ids (DuckDB on the files)."""
    import duckdb

    return [sorted({r for (r,) in duckdb.sql(f"SELECT run_id FROM read_parquet('{folder}/{t}/*/*.parquet')")
                    .fetchall()}) for t in ("quarantine", "events")]


def test_a_snapshot_holds_every_table_of_one_publish_and_stays_as_it_was(tmp_path):
    root = tmp_path / "wh"
    _publish_slowly(str(root), 1)
    writer = multiprocessing.get_context("fork").Process(target=_publish_slowly, args=(str(root), 20))
    writer.start()
    snaps = []
    while writer.is_alive():
        dest = tmp_path / f"snap{len(snaps)}"
        counts = Warehouse(str(root)).snapshot_to(str(dest))
        assert counts["quarantine"] == counts["events"] == 1
        snaps.append((dest, _runs_in(dest)))
    writer.join()
    assert writer.exitcode == 0 and len(snaps) > 5
    assert all(q == e and len(q) == 1 for _, (q, e) in snaps), [s for _, s in snaps if s[0] != s[1]][:3]
    assert len({q[0] for _, (q, _) in snaps}) > 2  # publishes landed between snapshots
    assert all(_runs_in(dest) == seen for dest, seen in snaps)  # later publishes left every snapshot alone
    assert (snaps[0][0] / "_SNAPSHOT").exists() and not list(tmp_path.glob("*.partial-*"))
    with pytest.raises(FileExistsError):
        Warehouse(str(root)).snapshot_to(str(snaps[0][0]))
