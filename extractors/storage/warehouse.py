"""The warehouse: hive-partitioned Parquet tables on any fsspec filesystem, published atomically.

Layout: ``<root>/<table>/ingest_date=YYYY-MM-DD/part-*.parquet``. A run stages its files under
``<root>/_staging/ingest_date=D/<run_id>/`` (ignored by readers: the name starts with ``_``), then
publishes: it writes a ``_COMMIT`` journal, swaps each staged table partition in for the old one, and
removes the staging folder. A crash before ``_COMMIT`` leaves the old partitions untouched (the
staging is discarded on the next run for that date); a crash after it is rolled forward.

The swaps (and the ``runs`` row, and a ``meetings`` replacement) happen inside :meth:`Warehouse.publishing`,
and readers read through :meth:`Warehouse.read_consistent`: a query sees all of a publish or none of it,
across tables (a lock shared with readers on a local disk; a mark and a counter on an object store).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import posixpath
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import fsspec
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from extractors.storage import locks
from schemas import PARTITION_COLUMN, RESOLVED, TABLES

STAGING = "_staging"
COMMIT = "_COMMIT"
RUN_MARKER = "_RUN"  # in each published partition: the run that published it (readers skip "_" files)
ALIVE = "_ALIVE"  # in an orchestrated run's staging: the time of its last heartbeat
STALE_ENV = "AGENDA_STAGING_STALE"  # seconds without a heartbeat after which a staging run counts as dead
DEFAULT_STALE_S = 3600.0
LOCK_FILE = "_writer.lock"
PUBLISH_LOCK_FILE = "_publish.lock"  # held exclusively while a publish swaps, shared while a reader queries
PUBLISHING = "_publishing"  # on an object store: present while a publish swaps
PUBLISH_SEQ = "_publish.seq"  # on an object store: how many publishes have ended
READ_WAIT_ENV = "AGENDA_READ_WAIT"
DEFAULT_READ_WAIT_S = 60.0
ROW_GROUP_ROWS = 16_384  # at most this many rows per Parquet row group ...
ROW_GROUP_BYTES = 8 << 20  # ... and about this many bytes of data: what a writer buffers is bounded


T = TypeVar("T")


class StagingMissing(RuntimeError):
    """A publish for a run that has nothing staged and is not the published run."""


def partition_name(ingest_date: dt.date) -> str:
    return f"{PARTITION_COLUMN}={ingest_date.isoformat()}"


def row_bytes(row: dict) -> int:
    """About how many bytes a row's values take in Arrow: string lengths, 8 per other value."""
    n = 0
    for v in row.values():
        if isinstance(v, str | bytes):
            n += len(v) + 4
        elif isinstance(v, list | tuple):
            n += sum(len(x) + 4 if isinstance(x, str | bytes) else 8 for x in v) + 4
        else:
            n += 8
    return n


class TableWriter:
    """Buffers rows of one table and writes zstd Parquet row groups to one staged part file.

    A row group is written once ``max_rows`` rows or about ``max_bytes`` bytes are buffered (whichever
    comes first), so memory stays flat however many rows a run writes (article texts make the
    ``articles`` rows large: 16,384 of them held ~50 MB of text, plus their Arrow and Parquet copies; with
    ~8 MB row groups the writers' share of peak RSS no longer grows with the input, and files grow 0.1%).
    """

    def __init__(self, fs: fsspec.AbstractFileSystem, path: str, schema: pa.Schema, *,
                 max_rows: int | None = None, max_bytes: int | None = None) -> None:
        self.fs, self.path, self.schema = fs, path, schema
        self.max_rows = max(1, int(max_rows or ROW_GROUP_ROWS))
        self.max_bytes = max(1, int(max_bytes or ROW_GROUP_BYTES))
        self.rows: list[dict] = []
        self.buffered_bytes = 0
        self.count = 0
        self.row_groups = 0
        self._writer: pq.ParquetWriter | None = None
        self._file = None

    def write(self, rows: Iterable[dict]) -> None:
        for row in rows:
            self.rows.append(row)
            self.buffered_bytes += row_bytes(row)
            if len(self.rows) >= self.max_rows or self.buffered_bytes >= self.max_bytes:
                self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        self.rows, self.buffered_bytes = [], 0
        with self._naming_errors():
            if self._writer is None:
                self.fs.makedirs(posixpath.dirname(self.path), exist_ok=True)
                self._file = self.fs.open(self.path, "wb")
                self._writer = pq.ParquetWriter(self._file, self.schema, compression="zstd",
                                                coerce_timestamps="us", allow_truncated_timestamps=True)
            self._writer.write_table(table, row_group_size=self.max_rows)
        self.count += table.num_rows
        self.row_groups += 1

    def close(self) -> None:
        """Flush and close; a table with no rows gets no file (an empty partition folder is not made)."""
        self.flush()
        if self._writer is not None:
            with self._naming_errors():
                self._writer.close()
                self._file.close()

    def abort(self) -> None:
        """Close the file unfinished (a failed run): once its staging is removed, its space is free again,
        which it is not while a descriptor stays open (a full disk stays full)."""
        self.rows = []
        if self._file is not None:
            with contextlib.suppress(Exception):
                self._file.close()
        if self._writer is not None:
            self._writer.is_open = False  # its file is gone: nothing left to finish when it is collected
        self._writer = self._file = None

    @contextlib.contextmanager
    def _naming_errors(self) -> Iterator[None]:
        """An OSError (a full disk, a store that failed) names the file it was writing."""
        try:
            yield
        except OSError as exc:
            if self.path in str(exc):
                raise
            raise OSError(exc.errno, f"{exc.strerror or exc} (writing {self.path})") from exc


class Warehouse:
    """A warehouse rooted at a local path or fsspec URL."""

    def __init__(self, root: str) -> None:
        self.root_url = str(root)
        self.fs, self.root = fsspec.core.url_to_fs(self.root_url)
        self.fs.makedirs(self.root, exist_ok=True)
        self._publishing = 0  # depth of nested publishing() blocks (the flock is taken by the outermost)

    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def partition(self, table: str, ingest_date: dt.date) -> str:
        return self.path(table, partition_name(ingest_date))

    def resolved_file(self, table: str) -> str:
        """The one file of a table resolved over every date (``schemas.RESOLVED``: ``meetings``)."""
        return self.path(table, f"{table}.parquet")

    def write_resolved(self, table: str, data: pa.Table) -> None:
        """Replace a resolved table's one file at once: written under a temporary name, then renamed."""
        final = self.resolved_file(table)
        self.fs.makedirs(posixpath.dirname(final), exist_ok=True)
        with self.publishing(f"the {table} table"), self._atomic(final) as f:
            pq.write_table(data, f, compression="zstd")

    def staging(self, ingest_date: dt.date, run_id: str) -> str:
        return self.path(STAGING, partition_name(ingest_date), run_id)

    def writer(self, table: str, ingest_date: dt.date, run_id: str, part: str = "part-00000") -> TableWriter:
        """A writer for a staged part file of ``table``."""
        path = posixpath.join(self.staging(ingest_date, run_id), table, f"{part}.parquet")
        return TableWriter(self.fs, path, TABLES[table])

    # -- one writer at a time ------------------------------------------------------------------
    @contextlib.contextmanager
    def writer_lock(self, ingest_date: dt.date, run: str = "", timeout: float | None = None) -> Iterator[None]:
        """Hold the warehouse's writer lock for a run of ``ingest_date`` (``extractors.storage.locks``: flock on
        local folders, a conditional-write lease on S3, none elsewhere). A run for the same date already writing
        is refused at once with ``WriterConflict``; a run for another date is waited for, up to ``timeout``
        seconds (default ``$AGENDA_LOCK_TIMEOUT`` or an hour), so cross-day duplicate detection sees every
        committed day."""
        wait = locks.timeout_seconds(timeout)
        if self.is_local:
            with locks.local_lock(self.path(LOCK_FILE), ingest_date, run, wait, self.root_url):
                yield
        elif "s3" in _protocols(self.fs):
            with locks.object_lock(self.fs, self.path(LOCK_FILE), ingest_date, run, wait, self.root_url):
                yield
        else:
            yield

    # -- one snapshot for readers --------------------------------------------------------------
    @contextlib.contextmanager
    def publishing(self, what: str = "", timeout: float | None = None) -> Iterator[None]:
        """Mark a publish (re-entrant) so that readers (:meth:`read_consistent`) see all of it or none of it.

        On a local disk: the publish lock held exclusively; queries already running finish first (up to
        ``timeout``, default ``$AGENDA_LOCK_TIMEOUT``) and new ones wait. On an object store (no locks to
        share): a ``_publishing`` object while the block runs, and ``_publish.seq`` bumped at its end; a
        reader that saw either change while it read reads again. ``what``: the publish, for messages
        ("2016-11-10 run ...")."""
        with contextlib.ExitStack() as stack:
            if not self._publishing and self.is_local:
                stack.enter_context(locks.shared_or_exclusive(self.path(PUBLISH_LOCK_FILE), True,
                                                              locks.timeout_seconds(timeout),
                                                              f"publishing to {self.root_url}"))
            elif not self._publishing:  # a killed publish leaves its mark: readers wait, then say which
                since = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                self.fs.pipe_file(self.path(PUBLISHING), f"{what or 'a publish'} since {since}".encode())
                stack.callback(self._end_publish)
            self._publishing += 1
            try:
                yield
            finally:
                self._publishing -= 1

    def _end_publish(self) -> None:
        """On an object store: count the publish, then take its mark away (readers compare both)."""
        self.fs.pipe_file(self.path(PUBLISH_SEQ), str(self._publish_seq() + 1).encode())
        self.fs.rm_file(self.path(PUBLISHING))

    def _publish_seq(self) -> int:
        try:
            return int(self.fs.cat_file(self.path(PUBLISH_SEQ)))
        except FileNotFoundError:
            return 0

    def _publishing_since(self) -> str | None:
        """Which publish is in progress on an object store, since when (None when none is)."""
        try:
            return self.fs.cat_file(self.path(PUBLISHING)).decode()
        except FileNotFoundError:
            return None

    def read_consistent(self, read: Callable[[], T], timeout: float | None = None) -> T:
        """``read()``'s result, read from one snapshot of the warehouse: every table shows the same publishes.

        On a local disk ``read`` runs holding the publish lock shared. On an object store it runs when no
        publish is in progress, and again if one began or ended meanwhile, whether it returned or failed
        (a file it listed was swapped away): ``read`` must return what it read, not a lazy result. A publish
        in progress longer than ``timeout`` (default ``$AGENDA_READ_WAIT`` or 60 s) raises
        ``WriterConflict``: its run was killed, and a rerun of its date finishes or undoes it."""
        wait = float(os.environ.get(READ_WAIT_ENV) or DEFAULT_READ_WAIT_S) if timeout is None else timeout
        if self.is_local:
            with locks.shared_or_exclusive(self.path(PUBLISH_LOCK_FILE), False, wait, f"reading {self.root_url}"):
                return read()
        deadline = time.monotonic() + wait
        while True:
            while (since := self._publishing_since()) is not None:
                if time.monotonic() >= deadline:
                    raise locks.WriterConflict(
                        f"a publish to {self.root_url} is in progress ({since}; waited {wait:.0f}s); if its run "
                        f"was killed, rerun its date, which finishes or undoes it")
                time.sleep(locks.POLL_S)
            seq = self._publish_seq()
            try:
                result = read()
            except Exception:
                if self._publishing_since() is None and self._publish_seq() == seq:
                    raise  # no publish got in the way: the reader's own error
                continue  # a file it listed was swapped away under it: read again
            if self._publishing_since() is None and self._publish_seq() == seq:
                return result

    # -- publishing ----------------------------------------------------------------------------
    def open_stage(self, ingest_date: dt.date, run_id: str, *, heartbeat: bool = False) -> None:
        """Create the run's staging folder (with a file in it: object stores have no empty folders).

        ``heartbeat``: the run stages without holding the writer lock (an orchestrated run, whose steps are
        separate tasks), so it says it is alive (:meth:`heartbeat`) and no other run's recovery discards its
        staging while it does."""
        stage = self.staging(ingest_date, run_id)
        self.fs.makedirs(stage, exist_ok=True)
        self._write_text(posixpath.join(stage, RUN_MARKER), run_id)
        if heartbeat:
            self.heartbeat(ingest_date, run_id)

    def heartbeat(self, ingest_date: dt.date, run_id: str) -> None:
        """Say that the run staging ``ingest_date`` is alive (the time goes into its ``_ALIVE`` file)."""
        stage = self.staging(ingest_date, run_id)
        if self.fs.exists(stage):
            self._write_text(posixpath.join(stage, ALIVE), dt.datetime.now(dt.UTC).isoformat())

    def _silent_for(self, stage: str) -> float | None:
        """Seconds since the staging run's last heartbeat; None when it keeps none (it held the writer lock:
        found by a run that holds the lock now, it is dead) or the file is unreadable."""
        alive = posixpath.join(stage, ALIVE)
        try:
            last = dt.datetime.fromisoformat(self._read_text(alive))
        except (FileNotFoundError, ValueError):
            return None
        return (dt.datetime.now(dt.UTC) - last).total_seconds()

    def is_staging(self, ingest_date: dt.date, run_id: str) -> bool:
        """Whether the run has staged files and has not committed their publish (no journal yet)."""
        stage = self.staging(ingest_date, run_id)
        return self.fs.exists(stage) and not self.fs.exists(posixpath.join(stage, COMMIT))

    def discard_uncommitted(self, ingest_date: dt.date, run_id: str) -> bool:
        """Remove a run's staging unless its publish journal is written; True if something was removed."""
        if not self.is_staging(ingest_date, run_id):
            return False
        self.fs.rm(self.staging(ingest_date, run_id), recursive=True)
        return True

    def publish(self, ingest_date: dt.date, run_id: str, tables: Iterable[str]) -> None:
        """Atomically replace the ``ingest_date`` partition of each table with the staged one.

        Idempotent: publishing a run again (a retried task) finishes what an interrupted publish left, or
        does nothing when the run is already published; it never publishes an empty partition in its place.
        """
        tables = list(tables)
        stage = self.staging(ingest_date, run_id)
        commit = posixpath.join(stage, COMMIT)
        if not self.fs.exists(commit):
            if not self.fs.exists(stage):
                if self.published_by(ingest_date, tables) == {run_id}:
                    return  # published already: nothing to do
                raise StagingMissing(f"run {run_id} has nothing staged for {ingest_date} and is not the run "
                                     "published there (its staging was discarded?); rerun the date")
            if not self.fs.exists(posixpath.join(stage, RUN_MARKER)):  # discarded, then a late shard wrote
                raise StagingMissing(f"run {run_id}'s staging for {ingest_date} was discarded (silent too long?) "
                                     "and holds only what was written since; rerun the date")
            for table in tables:  # every table gets a staged folder, so "moved" is told from "empty"
                self.fs.makedirs(posixpath.join(stage, table), exist_ok=True)
                self._write_text(posixpath.join(stage, table, RUN_MARKER), run_id)
            self._write_text(commit, json.dumps({"ingest_date": ingest_date.isoformat(), "tables": tables}))
        with self.publishing(f"{ingest_date} run {run_id}"):
            self._roll_forward(stage, ingest_date, self._journal(commit)["tables"])

    def _move_tree(self, src: str, dst: str) -> None:
        """Move a folder: one rename on a local disk; file by file on an object store (no folders there)."""
        if self.is_local:
            self.fs.mv(src, dst, recursive=True)
            return
        for path in self.fs.find(src):
            self.fs.mv(path, dst + path[len(src):])
        if self.fs.exists(src):
            self.fs.rm(src, recursive=True)

    @property
    def is_local(self) -> bool:
        """Whether the warehouse is on a local disk (folders and atomic renames), not an object store."""
        return _is_local_fs(self.fs)

    def published_by(self, ingest_date: dt.date, tables: Iterable[str]) -> set[str]:
        """The run ids whose publish put the ``ingest_date`` partitions of ``tables`` in place."""
        out = set()
        for table in tables:
            marker = posixpath.join(self.partition(table, ingest_date), RUN_MARKER)
            out.add(self._read_text(marker) if self.fs.exists(marker) else None)
        return out

    @contextlib.contextmanager
    def _atomic(self, path: str, mode: str = "wb") -> Iterator[Any]:
        """A file to write ``path`` through: written under a temporary name, renamed once complete."""
        tmp = posixpath.join(posixpath.dirname(path), f".{posixpath.basename(path)}.tmp")
        with self.fs.open(tmp, mode) as f:
            yield f
        self.fs.mv(tmp, path)

    def _write_text(self, path: str, text: str) -> None:
        """Write a small file whole or not at all."""
        with self._atomic(path, "w") as f:
            f.write(text)

    def _read_text(self, path: str) -> str:
        return self.fs.cat_file(path).decode()

    def _journal(self, commit: str) -> dict:
        try:
            return json.loads(self._read_text(commit))
        except ValueError as exc:
            raise ValueError(f"{commit}: unreadable publish journal ({exc})") from exc

    def _roll_forward(self, stage: str, ingest_date: dt.date, tables: list[str]) -> None:
        """Swap in each table still staged (one already swapped has no staged folder), then drop the stage."""
        for table in tables:
            staged, final = posixpath.join(stage, table), self.partition(table, ingest_date)
            if not self.fs.exists(staged):
                continue  # swapped in by the interrupted publish this one finishes
            old = posixpath.join(stage, "_old", table)
            if self.fs.exists(final):
                if self.fs.exists(old):
                    self.fs.rm(old, recursive=True)
                self.fs.makedirs(posixpath.dirname(old), exist_ok=True)
                self._move_tree(final, old)
            self.fs.makedirs(posixpath.dirname(final), exist_ok=True)
            self._move_tree(staged, final)
        self.fs.rm(stage, recursive=True)

    def recover(self, ingest_date: dt.date, stale: float | None = None) -> list[str]:
        """Finish committed publishes and discard uncommitted staging for ``ingest_date`` (call it holding the
        writer lock). A run still staging without the lock (an orchestrated run whose last heartbeat is under
        ``stale`` seconds old, default ``$AGENDA_STAGING_STALE`` or an hour) is left alone, and the new run is
        refused with ``WriterConflict``."""
        base = self.path(STAGING, partition_name(ingest_date))
        if not self.fs.exists(base):
            return []
        stale = float(os.environ.get(STALE_ENV) or DEFAULT_STALE_S) if stale is None else stale
        stages = sorted(self.fs.ls(base, detail=False))
        for stage in stages:
            silent = self._silent_for(stage)
            if silent is not None and silent < stale and not self.fs.exists(posixpath.join(stage, COMMIT)):
                raise locks.WriterConflict(
                    f"run {posixpath.basename(stage)} is still staging {ingest_date} in {self.root_url} (last "
                    f"heartbeat {silent:.0f}s ago); wait for it to publish or fail, or stop it (a staging silent "
                    f"for {stale:.0f}s, ${STALE_ENV}, is discarded)")
        actions = []
        for stage in stages:
            commit = posixpath.join(stage, COMMIT)
            try:
                journal = self._journal(commit) if self.fs.exists(commit) else None
            except ValueError:
                journal = None  # a journal cut short was never a commit (journals are written by rename)
            if journal is not None:
                with self.publishing(f"{ingest_date} run {posixpath.basename(stage)} (recovered)"):
                    self._roll_forward(stage, ingest_date, journal["tables"])
                actions.append(f"rolled forward {posixpath.basename(stage)}")
            else:
                self.fs.rm(stage, recursive=True)
                actions.append(f"discarded {posixpath.basename(stage)}")
        return actions

    def append(self, table: str, ingest_date: dt.date, name: str, rows: list[dict]) -> None:
        """Add one file to a log table (``runs``): written under a temporary name, then renamed."""
        final = posixpath.join(self.partition(table, ingest_date), f"{name}.parquet")
        self.fs.makedirs(posixpath.dirname(final), exist_ok=True)
        with self.publishing(f"{ingest_date} {name}"), self._atomic(final) as f:
            pq.write_table(pa.Table.from_pylist(rows, schema=TABLES[table]), f, compression="zstd")

    # -- a frozen copy for outside engines ------------------------------------------------------
    def snapshot_to(self, dest: str) -> dict[str, int]:
        """Copy the warehouse's tables, as of one moment (:meth:`read_consistent`), to ``dest``: a folder that
        outside engines (Spark, Trino, Athena, DuckDB) can read while this warehouse goes on publishing, with
        every table from the same publishes. On one local disk the files are hard links (instant, no space);
        elsewhere copies (server-side on an object store). ``dest`` must not exist; it appears whole (a rename
        on a local disk; on an object store its ``_SNAPSHOT`` file, written last, says it is complete).
        Returns the data files per table."""
        fs, root = fsspec.core.url_to_fs(dest)
        if fs.exists(root):
            raise FileExistsError(f"{dest} exists: a snapshot goes to a new folder")
        local = self.is_local and _is_local_fs(fs)
        work = f"{root.rstrip('/')}.partial-{os.getpid()}" if local else root

        def copy() -> dict[str, int]:
            if fs.exists(work):
                fs.rm(work, recursive=True)
            counts: dict[str, int] = {}
            for table in TABLES.keys() | RESOLVED.keys():
                base = self.path(table)
                files = [f for f in (self.fs.find(base) if self.fs.exists(base) else [])
                         if f.endswith(".parquet") and not any(p.startswith(("_", ".")) for p in
                                                               f[len(base):].split("/"))]
                for f in files:
                    target = posixpath.join(work, table, f[len(base):].lstrip("/"))
                    fs.makedirs(posixpath.dirname(target), exist_ok=True)
                    if local:
                        try:
                            os.link(f, target)
                        except OSError:  # another device: a copy
                            fs.copy(f, target)
                    elif type(fs) is type(self.fs):  # one store: a server-side copy
                        self.fs.copy(f, target)
                    else:
                        with self.fs.open(f, "rb") as src, fs.open(target, "wb") as out:
                            shutil.copyfileobj(src, out)
                counts[table] = len(files)
            return counts

        counts = self.read_consistent(copy)
        fs.pipe_file(posixpath.join(work, "_SNAPSHOT"), json.dumps(
            {"warehouse": self.root_url, "taken": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
             "files": counts}).encode())
        if local:
            os.rename(work, root)
        return counts

    # -- reading -------------------------------------------------------------------------------
    def dataset(self, table: str) -> ds.Dataset | None:
        """The table as a pyarrow dataset (partition column typed as date), or None if it is empty."""
        path = self.path(table)
        if not self.fs.exists(path):
            return None
        partitioning = ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.date32())]), flavor="hive")
        dataset = ds.dataset(path, filesystem=self.fs, format="parquet", partitioning=partitioning,
                             schema=TABLES[table].append(pa.field(PARTITION_COLUMN, pa.date32())),
                             exclude_invalid_files=False)
        return dataset if dataset.files else None

    def known_hashes(self, exclude: dt.date | None = None) -> dict[str, str]:
        """content_hash -> article_id of every original article, except in partition ``exclude``."""
        dataset = self.dataset("articles")
        if dataset is None:
            return {}
        flt = ds.field("duplicate_of").is_null()
        if exclude is not None:
            flt &= ds.field(PARTITION_COLUMN) != pa.scalar(exclude, pa.date32())
        table = dataset.to_table(columns=["content_hash", "article_id"], filter=flt)
        return dict(zip(table.column("content_hash").to_pylist(), table.column("article_id").to_pylist(),
                        strict=True))



def _protocols(fs: Any) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def _is_local_fs(fs: Any) -> bool:
    """Whether an fsspec filesystem is a local disk (folders, renames, hard links, flock)."""
    return bool({"file", "local"} & set(_protocols(fs)))
