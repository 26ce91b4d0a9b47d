"""One extraction run: read -> deduplicate -> extract -> stage -> publish -> record the run.

A run is ``begin_run`` (recover, pick a run id), one ``extract_shard`` per shard of the input files
(in-process, in worker processes, or as Airflow mapped tasks), and ``finish_run`` (deduplicate across
shards, publish atomically, record the run). ``run_extract`` does all three.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import itertools
import logging
import multiprocessing
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from extractors import __version__
from extractors.ingest.articles import Article, Quarantined, excerpt
from extractors.ingest.normalize import content_hash
from extractors.ingest.reading import DEFAULT_MAX_CHARS, discover, read_file
from extractors.runs.extractor import (
    DEFAULT_EXTRACTOR,
    ExtractionStats,
    MeetingExtractor,
    extractor_label,
    load_extractor,
)
from extractors.runs.tagging_service import Endpoints, TaggerService
from extractors.storage.warehouse import Warehouse
from schemas import PARTITION_COLUMN, SCHEMA_VERSION, TABLES

PUBLISHED_TABLES = ("articles", "events", "quarantine")
WORKERS_ENV = "AGENDA_WORKERS"
log = logging.getLogger(__name__)
DEFAULT_DEVICE = "cpu"  # the int8 ONNX model in every worker; anything else: see run_extract
BATCH_ARTICLES = 256


@dataclass
class Counts:
    """What one shard (or a whole run) did."""

    articles_read: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    quarantined: int = 0
    events: int = 0
    events_scheduled: int = 0
    events_scheduled_undated: int = 0
    read_seconds: float = 0.0  # reading, parsing and deduplicating (dedup_seconds is part of it)
    extract_seconds: float = 0.0
    write_seconds: float = 0.0
    # Not columns of the runs table (benchmarks read them): duplicate look-ups (part of read_seconds), and
    # the extractor's stages (parts of extract_seconds) with the sentences it split and tagged.
    dedup_seconds: float = 0.0
    files_done: int = 0  # input files read to their end (progress)
    split_seconds: float = 0.0
    filter_seconds: float = 0.0
    tag_seconds: float = 0.0
    assemble_seconds: float = 0.0
    sentences: int = 0
    candidates: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(Counts):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class RunSummary(Counts):
    """A run; also the row written to the ``runs`` table."""

    run_id: str = ""
    ingest_date: dt.date = dt.date.min
    extractor: str = ""
    inputs: list[str] = field(default_factory=list)
    status: str = "running"
    started_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished_at: dt.datetime | None = None
    error: str | None = None
    orchestrator_run_id: str | None = None  # Airflow's dag_run_id when Airflow ran it
    meetings: Any = None  # what the meetings update did (extractors.meetings.store.UpdateSummary), if it ran
    # later dates whose duplicates this run orphaned, to rerun from their recorded inputs once it is published:
    # [{"ingest_date": "YYYY-MM-DD", "inputs": [...], "orphans": n}] (not a column)
    reruns: list[dict[str, Any]] = field(default_factory=list)

    def line(self) -> str:
        seconds = ((self.finished_at or dt.datetime.now(dt.UTC)) - self.started_at).total_seconds()
        return (f"run {self.run_id} {self.status}: {self.articles_read} articles read, {self.articles_new} new, "
                f"{self.articles_duplicate} duplicate, {self.quarantined} quarantined, {self.events} events "
                f"({self.events_scheduled} scheduled, {self.undated_share:.0%} of them undated) in {seconds:.1f}s"
                + (f"; meetings: {self.meetings}" if self.meetings else ""))

    @property
    def undated_share(self) -> float:
        """The share of scheduled events with no resolved date."""
        return self.events_scheduled_undated / self.events_scheduled if self.events_scheduled else 0.0

    def row(self) -> dict:
        row = asdict(self)
        del row["ingest_date"], row["meetings"], row["reruns"]
        row.update(agenda_version=__version__, schema_version=SCHEMA_VERSION)
        return row


# The extractor's own counters (ExtractionStats) that a shard reports in its Counts.
STAGE_FIELDS = tuple(f.name for f in fields(ExtractionStats) if f.name in {g.name for g in fields(Counts)})


def _warehouse(warehouse: str | Warehouse) -> Warehouse:
    return warehouse if isinstance(warehouse, Warehouse) else Warehouse(warehouse)


def _extractor(extractor: str | MeetingExtractor) -> MeetingExtractor:
    return extractor if isinstance(extractor, MeetingExtractor) else load_extractor(extractor)


def begin_run(warehouse: str | Warehouse, ingest_date: dt.date, extractor_label: str,
              inputs: Sequence[str], orchestrator_run_id: str | None = None, *, heartbeat: bool = False) -> RunSummary:
    """Recover any interrupted publish for the date and open a new run (holding the writer lock).

    ``heartbeat``: the run will stage without the lock (orchestrated): its staging carries heartbeats, so a
    run of the same date started meanwhile is refused instead of discarding it (``Warehouse.recover``)."""
    wh = _warehouse(warehouse)
    wh.recover(ingest_date)
    run_id = f"{ingest_date.isoformat()}T{dt.datetime.now(dt.UTC):%H%M%S}-{uuid.uuid4().hex[:8]}"
    # the folder exists from here, so that a run that stages no rows still publishes (empty partitions)
    wh.open_stage(ingest_date, run_id, heartbeat=heartbeat)
    return RunSummary(run_id=run_id, ingest_date=ingest_date, extractor=extractor_label, inputs=list(inputs),
                      orchestrator_run_id=orchestrator_run_id)


_FILE_DONE = object()  # marks the end of one input file in the record stream (progress)


def _batches(records: Iterable[Article | Quarantined], size: int) -> Iterator[list[Article | Quarantined]]:
    it = iter(records)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _article_row(a: Article, digest: str, duplicate_of: str | None, run_id: str) -> dict:
    return {
        "article_id": a.article_id, "published_at": a.published_at, "published_date": a.published_date,
        "title": a.title, "source": a.source, "url": a.url, "author": a.author,
        "text": None if duplicate_of else a.text, "text_chars": len(a.text), "truncated": a.truncated,
        "content_hash": digest, "duplicate_of": duplicate_of, "input_file": a.input_file,
        "input_position": a.input_position, "run_id": run_id,
    }


def _quarantine_row(q: Quarantined, run_id: str) -> dict:
    return {"input_file": q.input_file, "input_position": q.input_position, "reason": q.reason,
            "detail": q.detail, "excerpt": excerpt(q.excerpt), "article_id": q.article_id, "run_id": run_id}


def extract_shard(
    files: Sequence[str],
    warehouse: str | Warehouse,
    ingest_date: dt.date,
    run_id: str,
    shard: int = 0,
    *,
    extractor: str | MeetingExtractor = DEFAULT_EXTRACTOR,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = BATCH_ARTICLES,
    on_batch: Callable[[Counts], None] | None = None,
) -> Counts:
    """Read, deduplicate and extract ``files`` into staged part files numbered ``shard``."""
    wh, ex = _warehouse(warehouse), _extractor(extractor)
    part = f"part-{shard:05d}"
    writers = {t: wh.writer(t, ingest_date, run_id, part) for t in PUBLISHED_TABLES}
    seen = wh.known_hashes(exclude=ingest_date)
    seen_ids: set[str] = set()
    counts = Counts()
    t_start = time.perf_counter()
    stages_before = dataclasses.replace(ex.stats)
    records = itertools.chain.from_iterable(itertools.chain(read_file(f, max_chars=max_chars), [_FILE_DONE])
                                            for f in files)
    try:
        for batch in _batches(records, batch_size):
            t_dedup = time.perf_counter()
            fresh: list[Article] = []
            rows: dict[str, list[dict]] = {"articles": [], "quarantine": []}
            for rec in batch:
                if rec is _FILE_DONE:
                    counts.files_done += 1
                    continue
                if isinstance(rec, Quarantined):
                    rows["quarantine"].append(_quarantine_row(rec, run_id))
                    counts.quarantined += 1
                    continue
                counts.articles_read += 1
                digest = content_hash(rec.text)
                original = seen.get(digest)
                if original is None and rec.article_id in seen_ids:  # same id, another text: keep both
                    unique = f"{rec.article_id}#{digest[:12]}"
                    detail = (f"another article of this run has the id {rec.article_id!r} and a different text; "
                              f"this one is kept as {unique!r}")
                    rows["quarantine"].append(_quarantine_row(
                        Quarantined(rec.input_file, rec.input_position, "id_collision", detail, rec.text, unique),
                        run_id))
                    counts.quarantined += 1
                    rec = dataclasses.replace(rec, article_id=unique)
                rows["articles"].append(_article_row(rec, digest, original, run_id))
                if original is not None:
                    counts.articles_duplicate += 1
                    continue
                seen[digest] = rec.article_id
                seen_ids.add(rec.article_id)
                fresh.append(rec)
            t_read = time.perf_counter()
            counts.read_seconds += t_read - t_start
            counts.dedup_seconds += t_read - t_dedup
            def failed(article: Article, exc: Exception, rows: dict[str, list[dict]] = rows) -> None:
                detail = f"extraction failed: {type(exc).__name__}: {exc}"
                rows["quarantine"].append(_quarantine_row(Quarantined(
                    article.input_file, article.input_position, "extraction_failed", detail, article.text,
                    article.article_id), run_id))
                counts.quarantined += 1

            events = [dict(r, run_id=run_id) for per_article in ex.extract(fresh, failed) for r in per_article]
            t_extract = time.perf_counter()
            for table in ("quarantine", "articles"):
                writers[table].write(rows[table])
            writers["events"].write(events)
            counts.articles_new += len(fresh)
            counts.events += len(events)
            counts.events_scheduled += sum(r["status"] == "scheduled" for r in events)
            counts.events_scheduled_undated += sum(r["status"] == "scheduled" and r["start_date"] is None
                                                   for r in events)
            t_start = time.perf_counter()
            counts.extract_seconds += t_extract - t_read
            counts.write_seconds += t_start - t_extract
            if on_batch:
                on_batch(counts)
        t0 = time.perf_counter()
        for w in writers.values():
            w.close()
        counts.write_seconds += time.perf_counter() - t0
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    for f in STAGE_FIELDS:
        setattr(counts, f, getattr(ex.stats, f) - getattr(stages_before, f))
    return counts


def _read_staged(wh: Warehouse, path: str, columns: list[str] | None = None) -> pa.Table:
    with wh.fs.open(path, "rb") as f:
        return pq.read_table(f, columns=columns)


def _write_staged(wh: Warehouse, path: str, table: pa.Table) -> None:
    with wh.fs.open(path, "wb") as f:
        pq.write_table(table, f, compression="zstd")


def _cross_shard_duplicates(wh: Warehouse, summary: RunSummary) -> None:
    """Mark articles that an earlier shard already holds as duplicates, and drop their events."""
    stage = wh.staging(summary.ingest_date, summary.run_id)
    first: dict[str, str] = {}  # content hash -> article_id of the first original
    for path in sorted(wh.fs.glob(f"{stage}/articles/part-*.parquet")):
        keys = _read_staged(wh, path, ["content_hash", "article_id", "duplicate_of"]).to_pylist()
        repeats: dict[int, str] = {}
        for i, row in enumerate(keys):
            if row["duplicate_of"] is None:
                original = first.setdefault(row["content_hash"], row["article_id"])
                if original != row["article_id"] or i in repeats:
                    repeats[i] = original
        if not repeats:
            continue
        rows = _read_staged(wh, path).to_pylist()
        for i, original in repeats.items():
            rows[i].update(duplicate_of=original, text=None)
        _write_staged(wh, path, pa.Table.from_pylist(rows, schema=TABLES["articles"]))
        summary.articles_new -= len(repeats)
        summary.articles_duplicate += len(repeats)
        events_path = path.replace("/articles/", "/events/")
        if wh.fs.exists(events_path):
            events = _read_staged(wh, events_path)
            dropped = pc.is_in(events.column("article_id"), pa.array([keys[i]["article_id"] for i in repeats]))
            gone = events.filter(dropped)
            summary.events -= gone.num_rows
            scheduled = gone.filter(pc.equal(gone.column("status"), "scheduled"))
            summary.events_scheduled -= scheduled.num_rows
            summary.events_scheduled_undated -= scheduled.filter(pc.is_null(scheduled.column("start_date"))).num_rows
            _write_staged(wh, events_path, events.filter(pc.invert(dropped)))


def _readable(path: str) -> bool:
    try:
        fs, local = fsspec.core.url_to_fs(path)
        return bool(fs.isfile(local))
    except (OSError, ValueError):
        return False


def _report_orphans(wh: Warehouse, summary: RunSummary) -> None:
    """Rerunning a date can drop an article that other dates hold duplicates of (a corrected drop): their
    meetings were never extracted, as duplicates, and now have no original. Such a date is rerun from its
    recorded inputs once this run is published (``summary.reruns``, see :func:`rerun_orphaned`): its
    duplicates then become originals and are extracted. A date whose inputs are gone gets a quarantine row
    (``orphaned_duplicates``) saying what is missing and the command that restores it."""
    day = summary.ingest_date
    dataset = wh.dataset("articles")
    if dataset is None or not wh.is_staging(day, summary.run_id):
        return  # nothing to compare: a retried publish of a run already (being) published
    this_day = ds.field(PARTITION_COLUMN) == pa.scalar(day, pa.date32())
    before = set(dataset.to_table(columns=["article_id"], filter=this_day & ds.field("duplicate_of").is_null())
                 .column("article_id").to_pylist())
    if not before:
        return
    staged = set()
    for path in wh.fs.glob(f"{wh.staging(day, summary.run_id)}/articles/part-*.parquet"):
        t = _read_staged(wh, path, ["article_id", "duplicate_of"])
        staged |= {a for a, d in zip(t.column("article_id").to_pylist(), t.column("duplicate_of").to_pylist(),
                                     strict=True) if d is None}
    gone = before - staged
    if not gone:
        return
    later = dataset.to_table(columns=[PARTITION_COLUMN],
                             filter=~this_day & ds.field("duplicate_of").isin(sorted(gone))).to_pylist()
    by_day = collections.Counter(row[PARTITION_COLUMN] for row in later)
    if not by_day:
        return
    runs = wh.dataset("runs")
    rows = []
    for other, n in sorted(by_day.items()):
        inputs = []
        if runs is not None:
            done = runs.to_table(columns=["inputs", "finished_at"], filter=(ds.field(PARTITION_COLUMN) == pa.scalar(
                other, pa.date32())) & (ds.field("status") != "failed")).to_pylist()
            inputs = max(done, key=lambda r: r["finished_at"])["inputs"] if done else []
        if inputs and all(_readable(f) for f in inputs):
            summary.reruns.append({"ingest_date": other.isoformat(), "inputs": list(inputs), "orphans": n})
            continue
        command = f"agenda extract {' '.join(inputs[:3]) or '<its input>'} --ingest-date {other.isoformat()}"
        detail = (f"{n} articles of ingest date {other.isoformat()} were duplicates of articles this rerun no longer "
                  f"has, and that date's recorded inputs cannot be read; their meetings are missing until that "
                  f"date is rerun: {command}")
        rows.append(_quarantine_row(Quarantined("", 0, "orphaned_duplicates", detail), summary.run_id))
    if not rows:
        return
    writer = wh.writer("quarantine", day, summary.run_id, "part-orphans")
    writer.write(rows)
    writer.close()
    summary.quarantined += len(rows)


def finish_run(warehouse: str | Warehouse, summary: RunSummary, shards: Iterable[Counts]) -> RunSummary:
    """Combine shard counts, deduplicate across shards, publish atomically and record the run."""
    wh = _warehouse(warehouse)
    for counts in shards:
        summary.add(counts)
    t0 = time.perf_counter()
    try:
        _cross_shard_duplicates(wh, summary)
        _report_orphans(wh, summary)
    except BaseException as exc:
        fail_run(wh, summary, exc)
        raise
    with wh.publishing(f"{summary.ingest_date} run {summary.run_id}"):  # readers see all the run or none of it
        try:
            wh.publish(summary.ingest_date, summary.run_id, PUBLISHED_TABLES)
            summary.status = "partial" if summary.quarantined else "success"
        except BaseException as exc:
            fail_run(wh, summary, exc)
            raise
        summary.write_seconds += time.perf_counter() - t0
        summary.finished_at = dt.datetime.now(dt.UTC)
        wh.append("runs", summary.ingest_date, f"run-{summary.run_id}", [summary.row()])
    return summary


def rerun_orphaned(wh: Warehouse, summary: RunSummary, extractor: str | MeetingExtractor = DEFAULT_EXTRACTOR, *,
                   workers: int = 1, max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = BATCH_ARTICLES,
                   _seen: frozenset[str] = frozenset()) -> list[RunSummary]:
    """Rerun, oldest first, the dates whose duplicates ``summary``'s run orphaned (``summary.reruns``), each from
    its recorded inputs: their duplicates of the articles gone become originals and are extracted. Call it
    holding the writer lock, once ``summary``'s run is published. Returns the reruns' summaries (and those of
    any date a rerun orphans in turn)."""
    done: list[RunSummary] = []
    seen = _seen | {summary.ingest_date.isoformat()}
    for item in sorted(summary.reruns, key=lambda r: r["ingest_date"]):
        if item["ingest_date"] in seen:
            continue
        day = dt.date.fromisoformat(item["ingest_date"])
        again = _run_locked(item["inputs"], wh, day, extractor, workers, max_chars, batch_size, DEFAULT_DEVICE,
                            None, None)
        item.update(run_id=again.run_id, status=again.status, events=again.events)
        done.append(again)
        done += rerun_orphaned(wh, again, extractor, workers=workers, max_chars=max_chars, batch_size=batch_size,
                               _seen=seen | {again.ingest_date.isoformat()})
    return done


def fail_run(warehouse: str | Warehouse, summary: RunSummary, exc: BaseException) -> None:
    """Record a failed run and remove what it staged, unless its publish was committed (then the next run
    for the date rolls it forward). Nothing of it is published."""
    wh = _warehouse(warehouse)
    summary.status, summary.error = "failed", f"{type(exc).__name__}: {exc}"
    summary.finished_at = dt.datetime.now(dt.UTC)
    with contextlib.suppress(OSError):  # a full or failing disk: the next run for the date discards it
        wh.discard_uncommitted(summary.ingest_date, summary.run_id)
    try:
        wh.append("runs", summary.ingest_date, f"run-{summary.run_id}", [summary.row()])
    except OSError as logged:  # the disk is still full: the run's own error is the one to report
        log.error("could not record the failed run %s in runs: %s", summary.run_id, logged)


def shard_files(files: Sequence[str], shards: int) -> list[list[str]]:
    """Split files into at most ``shards`` groups of similar total size (largest first, greedy)."""
    sizes = []
    for f in files:
        try:
            fs, path = fsspec.core.url_to_fs(f)
            sizes.append((fs.size(path) or 0, f))
        except (OSError, ValueError):
            sizes.append((0, f))
    groups: list[list[str]] = [[] for _ in range(max(1, min(shards, len(files))))]
    load = [0] * len(groups)
    for size, f in sorted(sizes, key=lambda x: (-x[0], x[1])):
        i = load.index(min(load))
        groups[i].append(f)
        load[i] += size
    return [sorted(g) for g in groups if g]


_SERVICE: Endpoints | None = None  # in worker processes of a --device run: how to reach the tagger service
_PROGRESS: Any = None  # in worker processes: the queue their shard's counts go to after every batch


def _init_worker(progress: Any, endpoints: Endpoints | None = None) -> None:
    global _PROGRESS, _SERVICE
    _PROGRESS, _SERVICE = progress, endpoints


def _shard_worker(args: tuple) -> Counts:
    files, root, day, run_id, shard, extractor, max_chars, batch_size, threads = args
    ex = MeetingExtractor(_SERVICE.client(shard)) if _SERVICE else load_extractor(extractor, threads=threads)
    report = (lambda c: _PROGRESS.put((shard, dataclasses.replace(c)))) if _PROGRESS is not None else None
    return extract_shard(files, root, day, run_id, shard, extractor=ex, max_chars=max_chars, batch_size=batch_size,
                         on_batch=report)


def _run_pool(jobs: list[tuple], on_batch: Callable[[Counts], None] | None,
              endpoints: Endpoints | None = None) -> list[Counts]:
    """Run shard jobs in one process each; their per-batch counts are summed into ``on_batch`` here."""
    ctx = multiprocessing.get_context()
    progress = ctx.Queue() if on_batch else None
    latest: dict[int, Counts] = {}

    def relay() -> None:
        while (item := progress.get()) is not None:
            latest[item[0]] = item[1]
            total = Counts()
            for c in latest.values():
                total.add(c)
            on_batch(total)

    thread = threading.Thread(target=relay, daemon=True) if progress is not None else None
    try:
        with ProcessPoolExecutor(len(jobs), mp_context=ctx, initializer=_init_worker,
                                 initargs=(progress, endpoints)) as pool:
            results = pool.map(_shard_worker, jobs)  # the workers are forked here, before the relay thread runs
            if thread:
                thread.start()
            return list(results)
    finally:
        if thread and thread.is_alive():
            progress.put(None)
            thread.join()


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's or taskset's limit counts)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """``$AGENDA_WORKERS`` if set, else one worker process per usable core."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    if not value:
        return usable_cores()
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{WORKERS_ENV}={value!r}: expected a whole number of processes, 1 or more")
    return int(value)


def threads_per_worker(workers: int) -> int:
    """Intra-op threads for each of ``workers`` processes: the cores shared out, at least one.

    Oversubscribing (every process with one thread per core) slows each run's many small kernels;
    two one-thread processes on two cores beat one two-thread process (benchmarks/throughput.py).
    """
    return max(1, usable_cores() // max(1, workers))


def run_extract(
    paths: Sequence[str],
    warehouse: str | Warehouse,
    ingest_date: dt.date | None = None,
    *,
    extractor: str | MeetingExtractor = DEFAULT_EXTRACTOR,
    workers: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = BATCH_ARTICLES,
    device: str = DEFAULT_DEVICE,
    on_batch: Callable[[Counts], None] | None = None,
    on_start: Callable[[list[str]], None] | None = None,
    meetings: bool = True,
) -> RunSummary:
    """Extract meetings from ``paths`` into the ``ingest_date`` partition of ``warehouse``.

    Reruns for the same date replace that partition; articles already stored under other dates are
    recorded as duplicates and not extracted again; a rerun that drops articles other dates hold duplicates
    of reruns those dates from their recorded inputs (``rerun_orphaned``; ``summary.reruns`` says which). One
    run writes a warehouse at a time (``writer_lock``: another run for the same date is refused, one for
    another date waits).

    ``workers`` (default: ``default_workers()``, one per usable core) > 1 extracts file shards in up to
    that many processes, each loading the extractor once (an extractor given by name; an extractor object
    runs in this process). The rows do not depend on it.

    ``device`` other than ``cpu`` (``cuda``, ``cuda:1``; the tests use torch's ``cpu`` through
    ``device="torch:cpu"``) runs the model tagger in one ``TaggerService`` process on that device, fed by
    the worker processes, which read, split, filter, assemble and write. ``on_start`` is given the input
    files once they are found; ``on_batch`` the counts so far after every batch of articles. ``meetings``:
    once the date is published, the ``meetings`` table is updated for it (under the same lock).
    """
    workers = default_workers() if workers is None else max(1, workers)
    wh = _warehouse(warehouse)
    day = ingest_date or dt.datetime.now(dt.UTC).date()
    with wh.writer_lock(day):
        summary = _run_locked(paths, wh, day, extractor, workers, max_chars, batch_size, device, on_batch, on_start)
        reruns = rerun_orphaned(wh, summary, extractor, workers=workers, max_chars=max_chars, batch_size=batch_size)
        if meetings:
            from extractors.meetings.store import update

            t0 = time.perf_counter()
            summary.meetings = update(wh, dates=[day, *(r.ingest_date for r in reruns)])
            summary.write_seconds += time.perf_counter() - t0
        return summary


def _run_locked(paths: Sequence[str], wh: Warehouse, day: dt.date, extractor: str | MeetingExtractor, workers: int,
                max_chars: int, batch_size: int, device: str, on_batch: Callable[[Counts], None] | None,
                on_start: Callable[[list[str]], None] | None) -> RunSummary:
    on_device = device != DEFAULT_DEVICE
    if on_device and extractor != "model":
        raise ValueError(f"--device {device} runs the model tagger; the {extractor!r} extractor runs on cpu")
    files = discover(paths)
    if on_start:
        on_start(files)
    parallel = workers > 1 and len(files) > 1 and isinstance(extractor, str)
    groups = shard_files(files, workers) if parallel else [list(files)]
    with contextlib.ExitStack() as stack:
        service = None
        if on_device:  # raises DeviceUnavailable before any run is opened
            service = stack.enter_context(TaggerService(len(groups), device.removeprefix("torch:")))
            ex = None if parallel else MeetingExtractor(service.client(0))
            label = f"{service.name}-{service.version}"
        else:
            ex = None if parallel else _extractor(extractor)
            label = ex.label if ex else extractor_label(str(extractor))
        summary = begin_run(wh, day, label, files)
        try:
            if parallel:
                threads = 1 if service else threads_per_worker(len(groups))
                jobs = [(g, wh.root_url, day, summary.run_id, i, extractor, max_chars, batch_size, threads)
                        for i, g in enumerate(groups)]
                shards = _run_pool(jobs, on_batch, service.endpoints() if service else None)
            else:
                shards = [extract_shard(files, wh, day, summary.run_id, extractor=ex, max_chars=max_chars,
                                        batch_size=batch_size, on_batch=on_batch)]
        except BaseException as exc:
            fail_run(wh, summary, exc)
            raise
    return finish_run(wh, summary, shards)
