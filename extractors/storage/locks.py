"""The warehouse's writer lock: one run writes a warehouse at a time.

A run for a date that another run is writing is refused at once; a run for another date waits for the lock
(cross-day duplicate detection then sees every committed day), up to a timeout. The holder of the lock is
written into it (date, run, host, pid, since), so a refusal names the run that holds it.

- **Local folders:** ``flock`` on ``_writer.lock``; the kernel releases it when the holder dies.
- **S3:** the lock object ``_writer.lock`` is created with a conditional write (``If-None-Match: *``), so two
  runs never both create it. It is a lease: its holder renews it every ``lease / 3`` seconds with a write
  conditional on the object being unchanged (``If-Match`` on its ETag); a lock whose lease has run out (its
  holder was killed) is taken over with the same conditional write, so two runs never both take it over.
- Other filesystems have no lock: one writer at a time is then the scheduler's job.

The **publish lock** (local folders) gives readers one snapshot across tables: a publish holds it exclusively
while it swaps the date's partitions in and logs the run (milliseconds), a reader holds it shared while it
queries, so a query sees every table before a publish or every table after it, never a mix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)

LOCK_TIMEOUT_ENV = "AGENDA_LOCK_TIMEOUT"
LOCK_LEASE_ENV = "AGENDA_LOCK_LEASE"
DEFAULT_LOCK_TIMEOUT_S = 3600.0
DEFAULT_LEASE_S = 300.0
POLL_S = 0.5


class WriterConflict(RuntimeError):
    """Another run holds the warehouse's writer lock (for the same date, or past the wait for another)."""


def _holder(ingest_date: dt.date, run: str, lease: float | None = None) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    holder: dict[str, Any] = {"ingest_date": ingest_date.isoformat(), "run": run, "pid": os.getpid(),
                              "host": socket.gethostname(), "since": now.isoformat(timespec="seconds")}
    if lease is not None:
        holder["expires"] = (now + dt.timedelta(seconds=lease)).isoformat(timespec="milliseconds")
    return holder


def _refuse_or_wait(holder: dict, ingest_date: dt.date, where: str, deadline: float, timeout: float) -> None:
    """Raise ``WriterConflict`` when the holder writes the same date or the wait is over; else wait a little."""
    same = holder.get("ingest_date") == ingest_date.isoformat()
    if same or time.monotonic() >= deadline:
        who = ", ".join(f"{k} {v}" for k, v in holder.items()) or "unknown"
        raise WriterConflict(
            f"another agenda run is writing {'the same date' if same else 'to'} {where} ({who}); "
            f"{'wait for it to finish' if same else f'waited {timeout:.0f}s'} or stop it, then run again")
    time.sleep(POLL_S)


def timeout_seconds(timeout: float | None) -> float:
    return float(os.environ.get(LOCK_TIMEOUT_ENV) or DEFAULT_LOCK_TIMEOUT_S) if timeout is None else timeout


@contextlib.contextmanager
def local_lock(path: str, ingest_date: dt.date, run: str, timeout: float, where: str) -> Iterator[None]:
    """``flock`` on ``path`` (a killed holder releases it)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                try:
                    holder = json.loads(os.pread(fd, 4096, 0) or b"{}")
                except ValueError:
                    holder = {}  # being written
                _refuse_or_wait(holder, ingest_date, where, deadline, timeout)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(_holder(ingest_date, run)).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_lock(path: str, exclusive: bool) -> int | None:
    """A lock file's descriptor; None for a reader that can neither create nor open it (a read-only copy of
    the warehouse, where nothing can publish)."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if exclusive:
            raise
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


def _flock(fd: int, op: int, deadline: float, message: str) -> None:
    """``flock(fd, op)``, polling until ``deadline`` (then ``WriterConflict(message)``)."""
    while True:
        try:
            fcntl.flock(fd, op | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WriterConflict(message) from None
            time.sleep(POLL_S / 50)


@contextlib.contextmanager
def shared_or_exclusive(path: str, exclusive: bool, timeout: float, what: str) -> Iterator[None]:
    """``flock`` on ``path``, shared (readers) or exclusive (a publish), waiting up to ``timeout`` seconds.

    Writers go first: a publish announces itself on ``path + ".gate"`` (exclusive) before it waits for the
    queries already running, and a new reader passes the gate (shared, for an instant) before it takes its
    shared lock, so a stream of readers never starves a publish."""
    gate, lock = _open_lock(f"{path}.gate", exclusive), _open_lock(path, exclusive)
    if gate is None or lock is None:
        yield
        return
    deadline = time.monotonic() + timeout
    message = f"{what}: {'queries' if exclusive else 'a publish'} held {path} for {timeout:.0f}s; try again"
    try:
        if exclusive:
            _flock(gate, fcntl.LOCK_EX, deadline, message)
            _flock(lock, fcntl.LOCK_EX, deadline, message)
        else:
            _flock(gate, fcntl.LOCK_SH, deadline, message)
            try:
                _flock(lock, fcntl.LOCK_SH, deadline, message)
            finally:
                fcntl.flock(gate, fcntl.LOCK_UN)
        yield
    finally:
        os.close(lock)  # closing the descriptors releases their locks
        os.close(gate)


class _Lease:
    """A held S3 lock object: its ETag, renewed from a thread until released."""

    def __init__(self, fs: Any, path: str, holder: dict, etag: str, lease: float) -> None:
        self.fs, self.path, self.holder, self.etag, self.lease = fs, path, holder, etag, lease
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, name="agenda-lock-lease", daemon=True)
        self._thread.start()

    def _renew(self) -> None:
        while not self._stop.wait(self.lease / 3):
            expires = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.lease)
            body = json.dumps({**self.holder, "expires": expires.isoformat(timespec="milliseconds")}).encode()
            try:
                self.etag = self.fs.pipe_file(self.path, body, IfMatch=self.etag)["ETag"]
            except OSError as exc:
                if self._still_ours():
                    log.warning("could not renew the writer lock %s (%s); retrying", self.path, exc)
                    continue
                self.lost = True  # changed under us: its lease ran out and another run took it over
                log.error("lost the writer lock %s: another run took it over", self.path)
                return

    def _still_ours(self) -> bool:
        """Whether the lock object is still this holder's (a failed renewal was then a passing error)."""
        try:
            current, etag = _read(self.fs, self.path)
        except OSError:
            return True  # the store is unreachable: try again at the next renewal
        mine = all(current.get(k) == self.holder[k] for k in ("run", "pid", "host", "since"))
        if mine and etag:
            self.etag = etag
        return mine

    def release(self) -> None:
        self._stop.set()
        self._thread.join()
        if not self.lost:
            with contextlib.suppress(FileNotFoundError):
                self.fs.rm_file(self.path)


def _read(fs: Any, path: str) -> tuple[dict, str | None]:
    """The lock object's holder and ETag (an empty holder and None when it is gone)."""
    etag = None
    try:
        etag = fs.info(path, refresh=True)["ETag"]
        return json.loads(fs.cat_file(path) or b"{}"), etag
    except FileNotFoundError:
        return {}, None
    except ValueError:
        return {}, etag  # not a holder this code wrote: it holds no lease


def _expired(holder: dict) -> bool:
    expires = holder.get("expires")
    return expires is None or dt.datetime.fromisoformat(expires) < dt.datetime.now(dt.UTC)


@contextlib.contextmanager
def object_lock(fs: Any, path: str, ingest_date: dt.date, run: str, timeout: float, where: str,
                lease: float | None = None) -> Iterator[None]:
    """An S3 lock object created and taken over only by conditional writes, held as a renewed lease."""
    lease = float(os.environ.get(LOCK_LEASE_ENV) or DEFAULT_LEASE_S) if lease is None else lease
    holder = _holder(ingest_date, run, lease)
    body = json.dumps(holder).encode()
    deadline = time.monotonic() + timeout
    while True:
        try:
            etag = fs.pipe_file(path, body, mode="create")["ETag"]
            break
        except FileExistsError:
            current, etag = _read(fs, path)
            if etag is not None and _expired(current):
                try:  # the holder's lease ran out: take the lock over, unless someone else just did
                    etag = fs.pipe_file(path, body, IfMatch=etag)["ETag"]
                    log.warning("took over the writer lock %s from an expired holder (%s)", path, current)
                    break
                except OSError:
                    pass
            _refuse_or_wait(current, ingest_date, where, deadline, timeout)
    held = _Lease(fs, path, holder, etag, lease)
    try:
        yield
    finally:
        held.release()
