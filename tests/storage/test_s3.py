"""Reading a drop from S3 and writing the warehouse to S3, against a local S3-compatible server (moto)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from conftest import SAMPLE

pytest.importorskip("s3fs", reason="the s3 extra (agenda[s3]) is not installed")
moto_server = pytest.importorskip("moto.server", reason="moto[server] (a dev dependency) is not installed")


@pytest.fixture(scope="module")
def s3_env() -> Iterator[dict[str, str]]:
    """A moto S3 server on loopback, started and stopped here; the environment that points boto at it."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {"AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_ACCESS_KEY_ID": "test",
           "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}
    try:
        yield env
    finally:
        server.stop()


def _agenda(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractors.cli", *args], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=600)


def test_a_drop_on_s3_into_a_warehouse_on_s3_and_back(s3_env: dict[str, str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in s3_env.items():
        monkeypatch.setenv(key, value)
    import s3fs

    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir("news")
    for day in ("2013-03-18", "2016-11-10"):
        for f in (SAMPLE / day).iterdir():
            fs.put(str(f), f"news/landing/{day}/{f.name}")
    args = ("extract", "s3://news/landing/", "--warehouse", "s3://news/wh", "--ingest-date", "2016-11-10")
    done = _agenda(s3_env, *args)
    assert done.returncode == 0, done.stderr
    assert "72 articles read" in done.stdout
    query = ("SELECT article_id, start_date, participants FROM events WHERE status = 'scheduled' "
             "AND article_id LIKE 'seed:%' ORDER BY start_date")
    rows = json.loads(_agenda(s3_env, "sql", query, "--warehouse", "s3://news/wh", "--format", "json").stdout)
    assert [(r["start_date"], r["participants"]) for r in rows] == [
        ("2016-11-14", ["Shinzo Abe"]), ("2016-11-17", ["Shinzo Abe", "Donald Trump"])]
    before = sorted(fs.find("news/wh/events"))
    again = _agenda(s3_env, *args)  # a rerun replaces the partition on the store, file by file
    assert again.returncode == 0, again.stderr
    assert json.loads(_agenda(s3_env, "sql", query, "--warehouse", "s3://news/wh", "--format", "json").stdout) == rows
    assert sorted(fs.find("news/wh/events")) == before and not fs.find("news/wh/_staging")
    runs = _agenda(s3_env, "sql", "SELECT status FROM runs", "--warehouse", "s3://news/wh", "--format", "json")
    assert [r["status"] for r in json.loads(runs.stdout)] == ["success", "success"]


def test_the_writer_lock_on_s3_is_exclusive_renewed_and_taken_over_when_expired(
        s3_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    import threading
    import time

    for key, value in s3_env.items():
        monkeypatch.setenv(key, value)
    import s3fs

    from extractors.storage.locks import WriterConflict
    from extractors.storage.warehouse import Warehouse

    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir("locks")
    day, other = dt.date(2016, 11, 10), dt.date(2016, 11, 11)
    monkeypatch.setenv("AGENDA_LOCK_LEASE", "1.5")
    first, second = Warehouse("s3://locks/wh"), Warehouse("s3://locks/wh")
    with first.writer_lock(day, run="first"):
        lock = "locks/wh/_writer.lock"
        before = json.loads(fs.cat_file(lock))
        with pytest.raises(WriterConflict, match=r"writing the same date .*run first"), second.writer_lock(day):
            pass
        with pytest.raises(WriterConflict, match="waited 0s"), second.writer_lock(other, timeout=0.2):
            pass
        time.sleep(2.0)  # past the first lease: renewed, so still held
        assert json.loads(fs.cat_file(lock))["expires"] >= before["expires"]
        with pytest.raises(WriterConflict, match="same date"), second.writer_lock(day):
            pass
    assert not fs.exists(lock)  # released

    released = threading.Event()

    def hold() -> None:
        with first.writer_lock(day, run="nightly"):
            released.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.3)
    took = time.monotonic()
    released.set()  # the other date waits for the first run to finish, then goes
    with second.writer_lock(other, timeout=10):
        assert time.monotonic() - took < 5
    holder.join()

    with first.writer_lock(day, run="slow"):  # its lease is taken over (as if it had stalled): it lets go
        other_holder = {"ingest_date": day.isoformat(), "run": "taker", "expires": "2099-01-01T00:00:00+00:00"}
        fs.pipe_file(lock, json.dumps(other_holder).encode())
        time.sleep(1.0)  # a renewal (every 0.5 s) fails on the changed ETag
    assert json.loads(fs.cat_file(lock))["run"] == "taker"  # not deleted by the run that lost it
    fs.rm_file(lock)

    killed = {"ingest_date": "2016-11-10", "run": "killed", "expires": "2016-11-10T00:00:00+00:00"}
    fs.pipe_file(lock, json.dumps(killed).encode())  # a holder killed without releasing: its lease ran out
    with second.writer_lock(day, run="after"):
        assert json.loads(fs.cat_file(lock))["run"] == "after"


def test_a_reader_on_s3_sees_every_table_of_one_publish_while_a_writer_publishes(
        s3_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """No locks to share on an object store: readers read again when a publish began or ended meanwhile."""
    import threading
    import time

    from test_warehouse import _publish_slowly

    for key, value in s3_env.items():
        monkeypatch.setenv(key, value)
    import s3fs

    from extractors.storage.query import read

    s3fs.S3FileSystem(skip_instance_cache=True).mkdir("snap")
    root = "s3://snap/wh"
    _publish_slowly(root, 1)
    read_runs: set[str] = set()

    def landed(run: str) -> None:
        """The next publish waits until the reader has read this one (or 30 s): on a slow machine a read on S3
        may otherwise span several publishes and see few of them."""
        deadline = time.monotonic() + 30
        while run not in read_runs and time.monotonic() < deadline:
            time.sleep(0.05)

    writer = threading.Thread(target=_publish_slowly, args=(root, 8), kwargs={"landed": landed})
    writer.start()
    seen = []
    while writer.is_alive():
        seen.append(read(root, lambda con: [con.execute(f"SELECT list(DISTINCT run_id) FROM {t}").fetchone()[0]
                                            for t in ("quarantine", "events")]))
        read_runs.update(seen[-1][0])
    writer.join()
    assert all(q == e and len(q) == 1 for q, e in seen), [s for s in seen if s[0] != s[1] or len(s[0]) != 1][:3]
    assert len({q[0] for q, _ in seen}) > 3  # the reader did see publishes land


def test_a_snapshot_of_a_warehouse_on_s3_is_a_warehouse_outside_engines_can_read(
        s3_env: dict[str, str], tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in s3_env.items():
        monkeypatch.setenv(key, value)
    import s3fs

    from extractors.storage.query import read

    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir("frozen")
    for f in (SAMPLE / "2016-11-10").iterdir():
        fs.put(str(f), f"frozen/landing/{f.name}")
    wh = "s3://frozen/wh"
    assert _agenda(s3_env, "extract", "s3://frozen/landing/", "--warehouse", wh, "--ingest-date",
                   "2016-11-10").returncode == 0
    done = _agenda(s3_env, "snapshot", "s3://frozen/snap", "--warehouse", wh)
    assert done.returncode == 0, done.stderr
    assert "events 1 files" in done.stdout and fs.exists("frozen/snap/_SNAPSHOT")
    query = "SELECT count(*) AS n FROM events"
    assert read("s3://frozen/snap", lambda con: con.execute(query).fetchall()) == read(
        wh, lambda con: con.execute(query).fetchall())
    local = tmp_path / "snap"
    assert _agenda(s3_env, "snapshot", str(local), "--warehouse", wh).returncode == 0  # to a local folder
    assert sorted(p.name for p in local.iterdir()) == ["_SNAPSHOT", "articles", "events", "meetings", "runs"]
    again = _agenda(s3_env, "snapshot", "s3://frozen/snap", "--warehouse", wh)
    assert again.returncode == 1 and "exists" in again.stderr
