"""The ``meetings`` table in the warehouse: updated incrementally, published atomically, order-independent.

The table is one Parquet file, ``<warehouse>/meetings/meetings.parquet``, replaced whole by one rename (one
PUT on an object store): a reader or a crash sees the old table or the new one, never a mix. Its metadata
records, for every ingest date it reflects, the run whose ``events`` partition it read (``_RUN`` markers), so
an update knows which dates changed: new, rerun (another run published) or gone.

An update reads only the changed dates' ``events`` partitions. Their old mentions leave, their new mentions
come in; the meetings that change are the resolution groups (connected groups of matches) that lost a
mention, and those whose mentions match an incoming one (found by blocking among the stored mentions). Those
groups are resolved again from their remaining and incoming mentions; every other meeting is kept as it is.
Because a meeting depends only on its group, the table is the same whatever the order of the days, and the
same as one pass over them all (``tests/meetings/test_store.py`` shuffles 12 archive days).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extractors.meetings.matching import (
    DATE_SLACK_DAYS,
    UNDATED_HORIZON_DAYS,
    candidate_pairs,
    match,
    months_of,
    resolve_groups,
)
from extractors.meetings.mentions import Mention, eligible, mention
from extractors.meetings.merging import meeting_id, meeting_row
from extractors.storage.warehouse import RUN_MARKER, Warehouse, partition_name
from schemas import MEETINGS, PARTITION_COLUMN

TABLE = "meetings"
FILE = "meetings.parquet"
LOCK_DATE = dt.date.min  # the writer lock's "date" of a meetings update
SOURCES_KEY = b"agenda.meetings.sources"  # JSON {ingest_date: run_id of the events partition read}
_EVENT_COLUMNS = ["event_id", "article_id", "published_date", "status", "kind", "participants", "location",
                  "location_country", "latitude", "longitude", "event_name", "start_date", "end_date", "granularity",
                  "confidence", "evidence"]


@dataclass(frozen=True)
class UpdateSummary:
    """What one update did."""

    dates_changed: int
    mentions_in: int
    mentions_out: int
    meetings_resolved: int
    meetings: int

    def __str__(self) -> str:
        return (f"{self.dates_changed} dates changed, {self.mentions_in} mentions in, {self.mentions_out} out, "
                f"{self.meetings_resolved} meetings resolved again, {self.meetings} meetings")


def path(wh: Warehouse) -> str:
    return wh.path(TABLE, FILE)


def read(wh: Warehouse) -> tuple[pa.Table, dict[str, str]]:
    """The stored table (empty when there is none) and the sources it reflects."""
    if not wh.fs.exists(path(wh)):
        return MEETINGS.empty_table(), {}
    with wh.fs.open(path(wh), "rb") as f:
        file = pq.ParquetFile(f)
        table, meta = file.read(), file.schema_arrow.metadata or {}
    return table.cast(MEETINGS), json.loads(meta.get(SOURCES_KEY, b"{}"))


def published_runs(wh: Warehouse, dates: Iterable[dt.date] | None = None) -> dict[str, str]:
    """{ingest date: run id} of the published ``events`` partitions (of ``dates`` only, when given; a date
    with no partition is left out)."""
    root = wh.path("events")
    if dates is None:
        if not wh.fs.exists(root):
            return {}
        names = [posixpath.basename(p.rstrip("/")) for p in wh.fs.ls(root, detail=False)]
        days = [n.split("=", 1)[1] for n in names if n.startswith(f"{PARTITION_COLUMN}=")]
    else:
        days = [d.isoformat() for d in dates]
    out = {}
    for day in sorted(days):
        marker = posixpath.join(root, partition_name(dt.date.fromisoformat(day)), RUN_MARKER)
        if wh.fs.exists(marker):
            out[day] = wh.fs.cat_file(marker).decode()
    return out


def _events(wh: Warehouse, day: str) -> list[Mention]:
    """The mentions of one published ``events`` partition."""
    folder = wh.path("events", partition_name(dt.date.fromisoformat(day)))
    ingest = dt.date.fromisoformat(day)
    out = []
    for file in sorted(p for p in wh.fs.find(folder) if p.endswith(".parquet")):
        with wh.fs.open(file, "rb") as f:
            for row in pq.read_table(f, columns=_EVENT_COLUMNS).to_pylist():
                if eligible(row):
                    out.append(mention(row, ingest))
    return out


def _month_index(month: str) -> int:
    """'YYYY-MM' as months since 1970-01 (numpy's datetime64[M])."""
    return (int(month[:4]) - 1970) * 12 + int(month[5:7]) - 1


def _groups_to_read(table: pa.Table, months: set[str], changed: set[str]) -> set[str]:
    """The stored groups that an update may touch: those with a mention of a changed date, or filed under a
    month of the incoming mentions (blocking's months; computed over Arrow arrays, not per mention)."""
    if table.num_rows == 0:
        return set()
    flat = pc.list_flatten(table.column("mentions")).combine_chunks()
    owner = np.asarray(pc.list_parent_indices(table.column("mentions")))
    groups = np.asarray(table.column("resolution_group").to_pylist(), dtype=object)
    days = {f: np.asarray(flat.field(f).cast(pa.int32()).fill_null(-(1 << 30))) for f in
            ("start_date", "end_date", "published_date", "ingest_date")}
    dated = (days["start_date"] > -(1 << 30)) & (days["end_date"] > -(1 << 30))
    slack, horizon = DATE_SLACK_DAYS, UNDATED_HORIZON_DAYS
    lo = np.where(dated, days["start_date"] - slack, days["published_date"] - 1).astype("datetime64[D]")
    hi = np.where(dated, days["end_date"] + slack, days["published_date"] + horizon).astype("datetime64[D]")
    lo_m, hi_m = lo.astype("datetime64[M]").astype(np.int64), hi.astype("datetime64[M]").astype(np.int64)
    hit = np.zeros(len(lo_m), dtype=bool)
    for month in {_month_index(m) for m in months}:
        hit |= (lo_m <= month) & (month <= hi_m)
    ingest = np.asarray(pc.strftime(flat.field("ingest_date").cast(pa.timestamp("s")), "%Y-%m-%d"), dtype=object)
    hit |= np.isin(ingest, sorted(changed))
    return set(groups[np.unique(owner[hit])])


def _stored_mentions(table: pa.Table, wanted: set[str]) -> tuple[dict[str, list[Mention]], dict[str, str]]:
    """The stored mentions of the ``wanted`` groups, by group, and each mention's group."""
    groups: dict[str, list[Mention]] = {}
    of: dict[str, str] = {}
    rows = table.filter(pc.is_in(table.column("resolution_group"), pa.array(sorted(wanted), pa.string())))
    for group, mentions in zip(rows.column("resolution_group").to_pylist(), rows.column("mentions").to_pylist(),
                               strict=True):
        for record in mentions:
            m = mention(record)
            groups.setdefault(group, []).append(m)
            of[m.event_id] = group
    return groups, of


def resolve(mentions: list[Mention]) -> list[dict]:
    """The meeting rows of ``mentions`` (whole resolution groups). A group's id is the id its first-reported
    mention would give a meeting."""
    rows = []
    for group in resolve_groups(mentions):
        group_id = meeting_id(min((m for meeting in group for m in meeting), key=lambda m: m.sort_key))
        rows += [meeting_row(meeting, group_id) for meeting in group]
    return rows


def update(wh: Warehouse, dates: Iterable[dt.date] | None = None) -> UpdateSummary:
    """Bring ``meetings`` up to date with the published ``events`` (only ``dates``, when given; else every
    date, found by listing the partitions). Hold the warehouse's writer lock around it."""
    table, sources = read(wh)
    if dates is None:
        current = published_runs(wh)
        asked = set(current) | set(sources)
    else:
        asked = {d.isoformat() for d in dates}
        current = {k: v for k, v in sources.items() if k not in asked} | published_runs(wh, dates)
    changed = sorted(d for d in asked if current.get(d) != sources.get(d))
    if not changed:
        return UpdateSummary(0, 0, 0, 0, table.num_rows)
    changed_set = set(changed)
    incoming = [m for day in changed if day in current for m in _events(wh, day)]
    months = set().union(*(months_of(m) for m in incoming))
    groups, group_of = _stored_mentions(table, _groups_to_read(table, months, changed_set))
    leaving = [m for ms in groups.values() for m in ms if m.ingest_date.isoformat() in changed_set]
    touched = {group_of[m.event_id] for m in leaving}
    # Stored groups an incoming mention matches: block the incoming with the stored mentions of their months.
    staying = [m for g, ms in groups.items() if g not in touched for m in ms if months_of(m) & months]
    pool = incoming + staying
    for i, j in candidate_pairs(pool):
        if i < len(incoming) <= j and match(pool[i], pool[j]):
            touched.add(group_of[pool[j].event_id])
    redo = incoming + [m for g in touched for m in groups[g] if m.ingest_date.isoformat() not in changed_set]
    new_rows = resolve(redo)
    kept = table.filter(pc.invert(pc.is_in(table.column("resolution_group"), pa.array(sorted(touched), pa.string()))))
    merged = pa.concat_tables([kept, pa.Table.from_pylist(new_rows, schema=MEETINGS)])
    order = pc.sort_indices(merged, [("start_date", "ascending"), ("meeting_id", "ascending")])
    write(wh, merged.take(order), {d: current[d] for d in sorted(current)})
    return UpdateSummary(len(changed), len(incoming), len(leaving), len(new_rows), merged.num_rows)


def write(wh: Warehouse, table: pa.Table, sources: dict[str, str]) -> None:
    """Replace the table at once: written under a temporary name, then renamed over the old one."""
    meta = dict(MEETINGS.metadata or {}) | {SOURCES_KEY: json.dumps(sources, sort_keys=True).encode()}
    table = table.replace_schema_metadata(meta)
    wh.fs.makedirs(wh.path(TABLE), exist_ok=True)
    target = path(wh)
    tmp = posixpath.join(posixpath.dirname(target), f".{FILE}.tmp")
    with wh.fs.open(tmp, "wb") as f:
        pq.write_table(table, f, compression="zstd")
    wh.fs.mv(tmp, target)


def update_locked(warehouse: str | Warehouse, dates: Iterable[dt.date] | None = None) -> UpdateSummary:
    """:func:`update` under the warehouse's writer lock (it waits for an extract run; two updates at once: the
    second is refused with ``WriterConflict``)."""
    wh = warehouse if isinstance(warehouse, Warehouse) else Warehouse(warehouse)
    with wh.writer_lock(LOCK_DATE, run="meetings"):
        return update(wh, dates)
