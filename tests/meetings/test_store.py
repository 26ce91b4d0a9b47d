"""The meetings table in a warehouse: order-independent, incremental, idempotent, atomic."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractors.meetings import store
from extractors.storage.query import connect
from extractors.storage.warehouse import RUN_MARKER, Warehouse, partition_name
from schemas import EVENTS

DAYS = 12


def publish_events(root: Path, day: dt.date, rows: list[dict], run_id: str) -> None:
    """An events partition as a run publishes it: Parquet rows and the _RUN marker."""
    folder = root / "events" / partition_name(day)
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.iterdir():
        f.unlink()
    full = [{"trigger": "meeting", "date_text": None, "evidence_start": 0, "evidence_end": len(r["evidence"]),
             "extractor": "test", "run_id": run_id} | {k: v for k, v in r.items() if k in EVENTS.names}
            for r in rows]
    pq.write_table(pa.Table.from_pylist(full, schema=EVENTS), folder / "part-00000.parquet")
    (folder / RUN_MARKER).write_text(run_id)


def by_day(sample_rows: list[dict]) -> dict[dt.date, list[dict]]:
    days: dict[dt.date, list[dict]] = defaultdict(list)
    for r in sample_rows:
        days[r["ingest_date"]].append(r)
    return dict(sorted(days.items()))


def table_rows(root: Path) -> list[dict]:
    table, _ = store.read(Warehouse(str(root)))
    return table.to_pylist()


@pytest.fixture(scope="module")
def one_pass(tmp_path_factory, sample_rows) -> list[dict]:
    root = tmp_path_factory.mktemp("one")
    for day, rows in list(by_day(sample_rows).items())[:DAYS]:
        publish_events(root, day, rows, f"run-{day}")
    summary = store.update(Warehouse(str(root)))
    assert summary.dates_changed == DAYS and summary.meetings > 0
    return table_rows(root)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_of_days_gives_the_one_pass_table(tmp_path, sample_rows, one_pass, seed) -> None:
    days = list(by_day(sample_rows).items())[:DAYS]
    random.Random(seed).shuffle(days)
    wh = Warehouse(str(tmp_path))
    for day, rows in days:
        publish_events(tmp_path, day, rows, f"run-{day}")
        store.update(wh, dates=[day])
    assert table_rows(tmp_path) == one_pass


def test_a_rerun_replaces_its_days_mentions(tmp_path, sample_rows) -> None:
    days = list(by_day(sample_rows).items())[:DAYS]
    wh = Warehouse(str(tmp_path))
    for day, rows in days:
        publish_events(tmp_path, day, rows, f"run-{day}")
        store.update(wh, dates=[day])
    day, rows = days[3]
    publish_events(tmp_path, day, rows[: len(rows) // 2], "rerun")  # a corrected drop: half the events
    changed = store.update(wh, dates=[day])
    assert changed.mentions_out == len(rows) and changed.mentions_in == len(rows) // 2
    fresh = tmp_path / "fresh"
    for d, rs in days:
        publish_events(fresh, d, rs[: len(rs) // 2] if d == day else rs, "rerun" if d == day else f"run-{d}")
    store.update(Warehouse(str(fresh)))
    assert table_rows(tmp_path) == table_rows(fresh)


def test_an_update_with_nothing_new_changes_nothing(tmp_path, sample_rows) -> None:
    day, rows = next(iter(by_day(sample_rows).items()))
    publish_events(tmp_path, day, rows, "r1")
    wh = Warehouse(str(tmp_path))
    store.update(wh)
    before = (tmp_path / "meetings" / "meetings.parquet").stat().st_mtime_ns
    assert store.update(wh).dates_changed == 0
    assert store.update(wh, dates=[day]).dates_changed == 0
    assert (tmp_path / "meetings" / "meetings.parquet").stat().st_mtime_ns == before


def test_a_crash_while_writing_leaves_the_old_table(tmp_path, sample_rows, monkeypatch) -> None:
    days = list(by_day(sample_rows).items())
    wh = Warehouse(str(tmp_path))
    publish_events(tmp_path, *days[0], "r1")
    store.update(wh)
    old = table_rows(tmp_path)
    publish_events(tmp_path, *days[1], "r2")

    def crash(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(wh.fs, "mv", crash)
    with pytest.raises(OSError):
        store.update(wh)
    monkeypatch.undo()
    assert table_rows(tmp_path) == old
    assert store.update(wh).dates_changed == 1  # the next update does what the crashed one did not


def test_the_table_is_a_view_with_its_schema(tmp_path, sample_rows) -> None:
    day, rows = next(iter(by_day(sample_rows).items()))
    publish_events(tmp_path, day, rows, "r1")
    store.update_locked(str(tmp_path))
    con = connect(str(tmp_path))
    n, ids = con.execute("SELECT count(*), count(DISTINCT meeting_id) FROM meetings").fetchone()
    assert n == ids > 0
    events = sum(1 for r in rows if r["status"] == "scheduled" or (r["status"] == "past" and r["start_date"]))
    assert con.execute("SELECT sum(mention_count) FROM meetings").fetchone()[0] == events
    # scheduled meetings never end before they were first reported
    assert con.execute("SELECT count(*) FROM meetings WHERE status = 'scheduled' AND end_date < first_seen"
                       ).fetchone()[0] == 0
    # the SQL as-of view over everything known gives the table's own intervals
    assert con.execute("SELECT count(*) FROM meetings m JOIN meetings_as_of(DATE '2100-01-01') a USING (meeting_id) "
                       "WHERE m.start_date IS DISTINCT FROM a.start_date OR m.end_date IS DISTINCT FROM a.end_date"
                       ).fetchone()[0] == 0


def test_a_date_whose_partition_is_gone_leaves_the_table(tmp_path, sample_rows) -> None:
    days = list(by_day(sample_rows).items())[:3]
    wh = Warehouse(str(tmp_path))
    for day, rows in days:
        publish_events(tmp_path, day, rows, f"run-{day}")
    store.update(wh)
    gone_day = days[1][0]
    for f in (tmp_path / "events" / partition_name(gone_day)).iterdir():
        f.unlink()
    (tmp_path / "events" / partition_name(gone_day)).rmdir()
    summary = store.update(wh)
    assert summary.dates_changed == 1 and summary.mentions_in == 0 and summary.mentions_out > 0
    table, sources = store.read(wh)
    assert gone_day.isoformat() not in sources
    assert all(m["ingest_date"] != gone_day for ms in table.column("mentions").to_pylist() for m in ms)
    fresh = tmp_path / "fresh"
    for day, rows in (days[0], days[2]):
        publish_events(fresh, day, rows, f"run-{day}")
    store.update(Warehouse(str(fresh)))
    assert table_rows(tmp_path) == table_rows(fresh)


def test_a_table_other_rules_resolved_is_resolved_again_whole(tmp_path, sample_rows, monkeypatch) -> None:
    days = list(by_day(sample_rows).items())[:3]
    wh = Warehouse(str(tmp_path))
    for day, rows in days:
        publish_events(tmp_path, day, rows, f"run-{day}")
    store.update(wh)
    before = table_rows(tmp_path)
    assert store.update(wh, dates=[days[0][0]]).dates_changed == 0
    monkeypatch.setattr(store, "resolver_fingerprint", lambda: "another-version")  # an upgrade changed the rules
    assert store.read(wh)[0].num_rows == 0  # the stored table is not these rules' table
    summary = store.update(wh, dates=[days[0][0]])
    assert summary.rules_changed and summary.dates_changed == len(days) and "resolved again" in str(summary)
    assert table_rows(tmp_path) == before  # the same events and rules as a fresh pass give the same table
    assert store.update(wh).dates_changed == 0  # and the new fingerprint is stored
