"""The steps of one orchestrated run, as plain functions (Airflow tasks, the CLI and tests call the same code).

A run covers one ingest date: ``plan_run`` (find the day's drop under the landing location, open the run,
split the files into shards) -> ``run_shard`` once per shard -> ``publish_run`` (cross-shard dedup, atomic
publish, ``runs`` row) -> ``check_partition`` (data-quality checks over what was published). Everything that
crosses a process boundary is plain JSON (dicts, lists, ISO date strings), so it can travel through XCom.

This module imports only the standard library at import time (pyarrow, duckdb and the extractor load inside
the functions), so the Airflow scheduler and DAG parser can import it cheaply.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.runs.extractor import DEFAULT_EXTRACTOR

if TYPE_CHECKING:
    from extractors.runs.pipeline import Counts, RunSummary

HEARTBEAT_SECONDS = float(os.environ.get("AGENDA_HEARTBEAT_SECONDS", "60"))

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LANDING_TEMPLATE = "{landing}/{date}/"
DISCOVERY_ATTEMPTS = 3
DISCOVERY_BACKOFF_SECONDS = 0.5
MAX_VIOLATIONS_SHOWN = 25
SHARDS_AT_ONCE = 2  # extract tasks of one run that may run together (the DAG's max_active_tis_per_dagrun)
# Failures of a REMOTE input that mean "the store is down", not "the file is bad": aiohttp / asyncio / socket
# errors, and "not found" for a file that discovery listed moments ago (fsspec's http filesystem reports a
# refused connection as FileNotFoundError).
_TRANSIENT = re.compile(r"ClientConnectorError|ClientOSError|ServerDisconnectedError|ClientPayloadError|"
                        r"ServerTimeoutError|TimeoutError|ConnectionError|ConnectionResetError|"
                        r"ConnectionRefusedError|Cannot connect to host|FileNotFoundError")


class LandingUnavailable(RuntimeError):
    """The landing location could not be reached (after retries)."""


class TransientFetchError(RuntimeError):
    """An input file could not be fetched because the remote store failed; retrying may help."""


class DataQualityError(RuntimeError):
    """The published partition violates one or more data-quality rules."""

    def __init__(self, message: str, violations: list[str]) -> None:
        super().__init__(message)
        self.violations = violations


# -- settings ------------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Settings:
    """Where a run reads and writes, and how it splits work. All plain values (XCom-safe via ``asdict``)."""

    landing: str = str(REPO_ROOT / "samples" / "landing")
    warehouse: str = str(REPO_ROOT / "warehouse")
    extractor: str = DEFAULT_EXTRACTOR
    landing_template: str = DEFAULT_LANDING_TEMPLATE
    shard_size: int = 8  # input files per extract task
    max_shards: int = 32  # cap on extract tasks per run


def resolve_settings(overrides: Mapping[str, Any] | None = None,
                     lookup: Callable[[str], str | None] | None = None,
                     environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from, in order of precedence: ``overrides`` (DAG params / run conf), ``lookup("agenda_<key>")``
    (Airflow Variables), environment ``AGENDA_<KEY>``, then the defaults (repo's samples/landing, ./warehouse).
    """
    overrides = overrides or {}
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        value = overrides.get(f.name)
        if value in (None, "") and lookup is not None:
            value = lookup(f"agenda_{f.name}")
        if value in (None, ""):
            value = environ.get(f"AGENDA_{f.name.upper()}")
        if value in (None, ""):
            continue
        values[f.name] = int(value) if f.type in ("int", int) else str(value)
    settings = Settings(**values)
    if settings.shard_size < 1 or settings.max_shards < 1:
        raise ValueError(f"shard_size and max_shards must be positive: {settings}")
    return settings


def ingest_day(logical_date: dt.datetime | None, run_after: dt.datetime | None = None,
               override: str | dt.date | None = None) -> dt.date:
    """The ingest date a run covers: ``override`` if given, else ``logical_date``'s UTC date (the start of the
    day the run covers), else the day before ``run_after`` (a manual run without logical date)."""
    if override:
        return override if isinstance(override, dt.date) else dt.date.fromisoformat(str(override))
    if logical_date is not None:
        return logical_date.astimezone(dt.UTC).date() if logical_date.tzinfo else logical_date.date()
    if run_after is None:
        raise ValueError("a run needs a logical date, a run_after time or an explicit ingest_date")
    return (run_after.astimezone(dt.UTC) if run_after.tzinfo else run_after).date() - dt.timedelta(days=1)


def landing_location(settings: Settings, day: dt.date) -> str:
    """The day's drop: ``landing_template`` filled with ``{landing}``, ``{date}`` (YYYY-MM-DD), ``{yyyy}``,
    ``{mm}``, ``{dd}``. Local paths are made absolute."""
    landing = settings.landing.rstrip("/")
    if "://" not in landing:
        landing = str(Path(landing).resolve())
    return settings.landing_template.format(landing=landing, date=day.isoformat(), yyyy=f"{day.year:04d}",
                                            mm=f"{day.month:02d}", dd=f"{day.day:02d}")


# -- discovery -----------------------------------------------------------------------------------------------

def _probe(location: str) -> bool:
    """True if the location exists, False if it does not; any other failure (network, auth) propagates.

    ``fs.ls`` is used because, unlike ``exists``/``info``, fsspec's http filesystem lets connection errors
    through instead of reporting them as "not found".
    """
    import fsspec

    fs, path = fsspec.core.url_to_fs(location)
    if magic := re.search(r"[*?\[]", path):  # a glob: probe the folder it starts in, discover() does the rest
        path = path[:magic.start()].rpartition("/")[0] or "/"
    try:
        fs.ls(path, detail=False)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        return True
    return True


def discover_day(location: str, *, attempts: int = DISCOVERY_ATTEMPTS,
                 backoff: float = DISCOVERY_BACKOFF_SECONDS) -> list[str]:
    """The input files of one day's drop; [] when the folder does not exist or is empty.

    Failures other than "not found" (a remote store that is down) are retried ``attempts`` times with
    exponential backoff, then raised as LandingUnavailable naming the location.
    """
    from extractors.ingest.reading import discover

    last: BaseException | None = None
    for attempt in range(1, attempts + 1):
        try:
            if not _probe(location):
                return []
            return discover([location])
        except FileNotFoundError:
            return []
        except Exception as exc:  # fsspec backends raise many types (aiohttp, botocore, OSError...)
            last = exc
            if attempt < attempts:
                delay = backoff * 2 ** (attempt - 1)
                log.warning("landing %s unreachable (attempt %d/%d: %s: %s); retrying in %.1fs",
                            location, attempt, attempts, type(exc).__name__, exc, delay)
                time.sleep(delay)
    raise LandingUnavailable(f"cannot reach the landing location {location} after {attempts} attempts: "
                             f"{type(last).__name__}: {last}") from last


# -- (de)serialising run state for XCom ----------------------------------------------------------------------

def summary_to_dict(summary: RunSummary) -> dict[str, Any]:
    """RunSummary as JSON-safe dict (dates and datetimes as ISO strings)."""
    row = dataclasses.asdict(summary)
    for key, value in row.items():
        if isinstance(value, dt.date | dt.datetime):
            row[key] = value.isoformat()
    return row


def summary_from_dict(data: Mapping[str, Any]) -> RunSummary:
    """Inverse of ``summary_to_dict``."""
    from extractors.runs.pipeline import RunSummary

    d = dict(data)
    d["ingest_date"] = dt.date.fromisoformat(d["ingest_date"])
    for key in ("started_at", "finished_at"):
        if d.get(key):
            d[key] = dt.datetime.fromisoformat(d[key])
    d["inputs"] = list(d.get("inputs") or [])
    return RunSummary(**d)


def counts_from_dict(data: Mapping[str, Any]) -> Counts:
    from extractors.runs.pipeline import Counts

    return Counts(**data)


# -- the steps -----------------------------------------------------------------------------------------------

def plan_run(settings: Settings, day: dt.date, *, record_failure: bool = False,
             orchestrator_run_id: str | None = None) -> dict[str, Any]:
    """Discover the day's files, open a run and shard the files.

    Returns ``{"run": {...}, "summary": {...}, "shards": [{"shard": i, "files": [...]}, ...]}``. A day with no
    files gives zero shards (the run then publishes empty partitions and records 0 articles). If the landing
    location is unreachable, LandingUnavailable is raised; with ``record_failure`` (the last attempt) a failed
    run is recorded first.
    """
    from extractors.runs.extractor import extractor_label
    from extractors.runs.pipeline import begin_run, fail_run, shard_files
    from extractors.storage.warehouse import Warehouse

    location = landing_location(settings, day)
    if "://" not in settings.landing and not Path(settings.landing).exists():
        raise FileNotFoundError(f"the landing folder {settings.landing} does not exist (set AGENDA_LANDING)")
    label = extractor_label(settings.extractor)
    wh = Warehouse(settings.warehouse)
    try:
        files = discover_day(location)
    except LandingUnavailable as exc:
        if record_failure:
            with wh.writer_lock(day, run="plan"):
                summary = begin_run(wh, day, label, [location], orchestrator_run_id)
            fail_run(wh, summary, exc)
        raise
    # Under the writer lock, as every recovery: a run of the same date still staging refuses this one.
    with wh.writer_lock(day, run="plan"):
        summary = begin_run(wh, day, label, files, orchestrator_run_id, heartbeat=True)
    if files:
        n = min(settings.max_shards, math.ceil(len(files) / settings.shard_size))
        groups = shard_files(files, n)
        log.info("run %s for %s: %d files at %s in %d shards", summary.run_id, day, len(files), location,
                 len(groups))
    else:
        groups = []
        log.warning("run %s for %s: no input files at %s; zero shards, the run will publish empty partitions "
                    "and record 0 articles", summary.run_id, day, location)
    run = {"run_id": summary.run_id, "ingest_date": day.isoformat(), "warehouse": settings.warehouse,
           "extractor": settings.extractor, "location": location}
    return {"run": run, "summary": summary_to_dict(summary),
            "shards": [{"shard": i, "files": g} for i, g in enumerate(groups)]}


def _transient_failures(warehouse: str, run: Mapping[str, Any], shard: int) -> list[str]:
    """Quarantine rows of this shard that say a remote file could not be fetched because the store failed."""
    import posixpath

    import pyarrow.parquet as pq

    from extractors.storage.warehouse import Warehouse

    wh = Warehouse(warehouse)
    path = posixpath.join(wh.staging(dt.date.fromisoformat(run["ingest_date"]), run["run_id"]), "quarantine",
                          f"part-{shard:05d}.parquet")
    if not wh.fs.exists(path):
        return []
    with wh.fs.open(path, "rb") as f:
        rows = pq.read_table(f, columns=["input_file", "reason", "detail"]).to_pylist()
    return [f"{r['input_file']}: {r['detail']}" for r in rows
            if r["reason"] == "unreadable_file" and "://" in r["input_file"] and _TRANSIENT.search(r["detail"])]


def shard_label(shard: Mapping[str, Any]) -> str:
    """How the UI names a mapped extract task: its shard and files ("shard 2: 3 files, a.jsonl .. c.jsonl")."""
    names = [str(f).rstrip("/").rsplit("/", 1)[-1] for f in shard["files"]]
    files = names[0] if len(names) == 1 else f"{len(names)} files, {names[0]} .. {names[-1]}"
    return f"shard {shard['shard']}: {files}"


def run_shard(run: Mapping[str, Any], shard: Mapping[str, Any]) -> dict[str, Any]:
    """Extract one shard into the run's staging area; returns its Counts as a dict.

    Idempotent (a retry rewrites the same staged part files). An input that cannot be fetched because the store
    is down (before or while reading) raises TransientFetchError, so that the task is retried rather than the
    file quarantined.
    """
    from extractors.runs.extractor import load_extractor
    from extractors.runs.pipeline import extract_shard, threads_per_worker
    from extractors.storage.warehouse import Warehouse

    day = dt.date.fromisoformat(run["ingest_date"])
    # Shards of a run run side by side: each takes its share of the cores rather than all of them.
    options = {"threads": threads_per_worker(SHARDS_AT_ONCE)} if run["extractor"] == "model" else {}
    started = last = time.monotonic()
    wh = Warehouse(run["warehouse"])
    wh.heartbeat(day, run["run_id"])  # the run is alive: a run of the same date started now is refused

    def heartbeat(counts: Counts) -> None:  # a long shard says how far it got, at most every HEARTBEAT_SECONDS
        nonlocal last
        if time.monotonic() - last >= HEARTBEAT_SECONDS:
            last = time.monotonic()
            wh.heartbeat(day, run["run_id"])
            log.info("shard %s: %s so far", shard["shard"], counts_line(counts, last - started))

    try:
        counts = extract_shard(shard["files"], wh, day, run["run_id"], int(shard["shard"]),
                               extractor=load_extractor(run["extractor"], **options), on_batch=heartbeat)
    except FileNotFoundError as exc:  # discovered by plan, gone now: the store is down (or the file was removed)
        raise TransientFetchError(f"an input file of shard {shard['shard']} could not be fetched: {exc}") from exc
    if counts.quarantined and (failed := _transient_failures(run["warehouse"], run, int(shard["shard"]))):
        raise TransientFetchError(f"{len(failed)} input file(s) could not be fetched: " + "; ".join(failed[:5]))
    log.info("shard %s of run %s done: %s", shard["shard"], run["run_id"],
             counts_line(counts, time.monotonic() - started))
    return dataclasses.asdict(counts)


def counts_line(counts: Counts, seconds: float) -> str:
    """A shard's counts as one readable log line."""
    rate = counts.articles_read / seconds if seconds > 0 else 0.0
    return (f"{counts.files_done} files, {counts.articles_read:,} articles ({counts.articles_new:,} new, "
            f"{counts.articles_duplicate:,} duplicate, {rate:,.0f}/s), {counts.quarantined:,} quarantined, "
            f"{counts.events:,} events ({counts.events_scheduled:,} scheduled) in {seconds:,.1f}s "
            f"(read {counts.read_seconds:.1f}s, extract {counts.extract_seconds:.1f}s, write "
            f"{counts.write_seconds:.1f}s)")


def publish_run(run: Mapping[str, Any], summary: Mapping[str, Any],
                shards: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Combine the shards, deduplicate across them, publish atomically and record the run, under the
    warehouse's writer lock: a run of another date publishing waits, a run of the same date publishing fails
    this try (``WriterConflict``; Airflow retries it)."""
    from extractors.runs.pipeline import finish_run, rerun_orphaned
    from extractors.storage.warehouse import Warehouse

    wh = Warehouse(run["warehouse"])
    with wh.writer_lock(dt.date.fromisoformat(run["ingest_date"]), run=run["run_id"]):
        result = finish_run(wh, summary_from_dict(summary), [counts_from_dict(c) for c in shards])
        for again in rerun_orphaned(wh, result, run["extractor"]):  # dates whose duplicates this run orphaned
            log.info("reran %s, whose duplicates this run orphaned: %s", again.ingest_date, again.line())
    line = result.line()
    if not result.inputs:
        line += f" (no input files at {run.get('location', 'the landing location')})"
    log.info("%s", line)
    return summary_to_dict(result)


def record_failed_run(run: Mapping[str, Any], summary: Mapping[str, Any], reason: str) -> bool:
    """Record the run as failed unless it already has a ``runs`` row (finish_run records its own failures).

    Nothing is published: the staged files are discarded by the next run for the date. Returns True if a row
    was written.
    """
    from extractors.runs.pipeline import fail_run

    if _run_rows(run["warehouse"], dt.date.fromisoformat(run["ingest_date"]), run["run_id"]):
        return False
    fail_run(run["warehouse"], summary_from_dict(summary), RuntimeError(reason))
    return True


def _run_rows(warehouse: str, day: dt.date, run_id: str) -> list[dict]:
    import pyarrow.dataset as ds

    from extractors.storage.warehouse import Warehouse

    dataset = Warehouse(warehouse).dataset("runs")
    if dataset is None:
        return []
    flt = (ds.field("run_id") == run_id) & (ds.field("ingest_date") == day)
    return dataset.to_table(filter=flt).to_pylist()


# -- data quality --------------------------------------------------------------------------------------------

def _schema_violations(table: str, path: str, actual: Any, expected: Any) -> list[str]:
    out = []
    name = path.rsplit("/", 1)[-1]
    want = {f.name: f for f in expected}
    have = {f.name: f for f in actual}
    for col in want.keys() - have.keys():
        out.append(f"{table}/{name}: column {col!r} is missing")
    for col in have.keys() - want.keys():
        out.append(f"{table}/{name}: unexpected column {col!r}")
    for col in want.keys() & have.keys():
        w, h = want[col], have[col]
        if not h.type.equals(w.type):
            out.append(f"{table}/{name}: column {col!r} has type {h.type}, expected {w.type}")
        elif h.nullable != w.nullable:
            out.append(f"{table}/{name}: column {col!r} nullable={h.nullable}, expected {w.nullable}")
    if not out and actual.names != expected.names:
        out.append(f"{table}/{name}: columns are in the order {actual.names}, expected {expected.names}")
    return out


def _load_partition(wh: Any, table: str, day: dt.date, violations: list[str]) -> Any:
    """The partition of ``table`` as one pyarrow Table (checked file by file against the schema)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from schemas import TABLES

    expected = TABLES[table]
    part = wh.partition(table, day)
    files = sorted(wh.fs.glob(f"{part}/*.parquet")) if wh.fs.exists(part) else []
    parts = []
    for path in files:
        with wh.fs.open(path, "rb") as f:
            data = pq.read_table(f)
        bad = _schema_violations(table, path, data.schema, expected)
        violations.extend(bad)
        if not bad:
            parts.append(data.replace_schema_metadata(expected.metadata))
    return pa.concat_tables(parts) if parts else expected.empty_table()


def check_partition(warehouse: str, summary: Mapping[str, Any] | RunSummary) -> dict[str, Any]:
    """Data-quality checks over the published ``ingest_date`` partition of a finished run.

    Checks: every file matches ``schemas.TABLES``; row counts equal the run summary; the rows belong to this
    run; no nulls in non-null columns; every event's article_id is in ``articles`` for the date; evidence
    offsets lie inside the article text and point at the evidence. Raises DataQualityError listing every
    violation; returns the row counts otherwise.
    """
    import pyarrow.compute as pc

    from extractors.storage.warehouse import Warehouse
    from schemas import TABLES

    s = summary if isinstance(summary, dict) else summary_to_dict(summary)  # type: ignore[arg-type]
    day, run_id = dt.date.fromisoformat(str(s["ingest_date"])), s["run_id"]
    wh = Warehouse(warehouse)
    v: list[str] = []
    data = {t: _load_partition(wh, t, day, v) for t in ("articles", "events", "quarantine", "runs")}
    articles, events, quarantine, runs = (data[t] for t in ("articles", "events", "quarantine", "runs"))

    # row counts against the run summary
    originals = articles.filter(pc.is_null(articles["duplicate_of"])).num_rows
    scheduled = events.filter(pc.equal(events["status"], "scheduled")).num_rows
    for what, got, want in [
        ("articles rows", articles.num_rows, s["articles_read"]),
        ("original articles (duplicate_of null)", originals, s["articles_new"]),
        ("duplicate articles", articles.num_rows - originals, s["articles_duplicate"]),
        ("events rows", events.num_rows, s["events"]),
        ("scheduled events", scheduled, s["events_scheduled"]),
        ("undated scheduled events", events.filter(pc.and_(pc.equal(events["status"], "scheduled"),
                                                            pc.is_null(events["start_date"]))).num_rows,
         s.get("events_scheduled_undated", 0)),
        ("quarantine rows", quarantine.num_rows, s["quarantined"]),
    ]:
        if got != want:
            v.append(f"{what}: {got} in the partition, the run summary says {want}")
    early = events.filter(pc.and_(pc.equal(events["status"], "scheduled"),
                                  pc.less(events["end_date"], events["published_date"]))).num_rows
    if early:
        v.append(f"events: {early} scheduled rows end before their article's publication date")
    mine = [r for r in runs.to_pylist() if r["run_id"] == run_id]
    if not mine:
        v.append(f"runs: no row for run {run_id}")
    elif mine[-1]["status"] not in ("success", "partial"):
        v.append(f"runs: run {run_id} is recorded as {mine[-1]['status']!r}")

    # the partition was published by this run (no concurrent rerun overwrote it)
    for name in ("articles", "events", "quarantine"):
        others = sorted(set(data[name]["run_id"].to_pylist()) - {run_id, None})
        if others:
            v.append(f"{name}: rows of other runs {others[:3]} (the partition was overwritten by another run)")

    # nulls in non-null columns
    for name, table in data.items():
        for field in TABLES[name]:
            if not field.nullable and field.name in table.column_names and (n := table[field.name].null_count):
                v.append(f"{name}.{field.name}: {n} nulls in a non-null column")

    # referential integrity and evidence offsets
    texts = dict(zip(articles["article_id"].to_pylist(), articles["text"].to_pylist(), strict=True))
    cols = ["event_id", "article_id", "evidence", "evidence_start", "evidence_end"]
    for e in events.select(cols).to_pylist():
        if e["article_id"] not in texts:
            v.append(f"events {e['event_id']}: article_id {e['article_id']!r} is not in articles for {day}")
            continue
        text, start, end = texts[e["article_id"]], e["evidence_start"], e["evidence_end"]
        if text is None:
            v.append(f"events {e['event_id']}: article {e['article_id']!r} has no text (a duplicate has events)")
        elif start is None or end is None or not 0 <= start < end <= len(text):
            v.append(f"events {e['event_id']}: evidence offsets [{start}, {end}) outside the article text "
                     f"(0..{len(text)})")
        elif text[start:end] != e["evidence"]:
            v.append(f"events {e['event_id']}: article text at [{start}, {end}) is not the evidence sentence")

    counts = {name: table.num_rows for name, table in data.items()}
    if v:
        shown = "\n".join(f"  - {x}" for x in v[:MAX_VIOLATIONS_SHOWN])
        more = f"\n  ... and {len(v) - MAX_VIOLATIONS_SHOWN} more" if len(v) > MAX_VIOLATIONS_SHOWN else ""
        raise DataQualityError(f"data-quality checks failed for ingest_date={day} (run {run_id}), "
                               f"{len(v)} violation(s):\n{shown}{more}", v)
    log.info("data-quality checks passed for ingest_date=%s (run %s): %s", day, run_id, counts)
    return {"ingest_date": day.isoformat(), "run_id": run_id, "rows": counts}


# -- scheduling policy ---------------------------------------------------------------------------------------

PRIORITY_BOOST = 1000
BOOSTED_DAGS = frozenset({"news_meetings"})


def prioritise(task_instance: Any, dag_run: Any | None = None) -> None:
    """Cluster policy (``task_instance_mutation_hook``): non-backfill runs of Agenda's DAG outrank backfills.

    Airflow orders queued tasks by priority_weight, then by the OLDEST logical date, so without this a long
    backfill would be served before the nightly run whenever both wait for the ``agenda`` pool. Idempotent.
    """
    if getattr(task_instance, "dag_id", None) not in BOOSTED_DAGS:
        return
    run_type = getattr(dag_run, "run_type", None) or ""
    run_type = str(getattr(run_type, "value", run_type))
    if not run_type:
        run_id = str(getattr(task_instance, "run_id", "") or "")
        run_type = run_id.split("__", 1)[0] if "__" in run_id else ""
    base = (task_instance.priority_weight or 0) % PRIORITY_BOOST
    task_instance.priority_weight = base if run_type.endswith("backfill") else base + PRIORITY_BOOST


def update_meetings(run: dict[str, Any], published: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The resolve_meetings task: update ``meetings`` for the run's published date and the dates its publish
    reran (``published["reruns"]``; idempotent: a retry finds nothing changed)."""
    from extractors.meetings.store import update_locked

    dates = [run["ingest_date"], *(r["ingest_date"] for r in (published or {}).get("reruns") or [])]
    summary = update_locked(run["warehouse"], [dt.date.fromisoformat(d) for d in dates])
    log.info("meetings: %s", summary)
    return dataclasses.asdict(summary)
