"""The ``meetings`` table in the warehouse: updated incrementally, published atomically, order-independent.

The table is one Parquet file, ``<warehouse>/meetings/meetings.parquet``, replaced whole by one rename (one
PUT on an object store): a reader or a crash sees the old table or the new one, never a mix. Its metadata
records, for every ingest date it reflects, the run whose ``events`` partition it read (``_RUN`` markers), so
an update knows which dates changed: new, rerun (another run published) or gone.

Its metadata also records the fingerprint of the rules that resolved it (:func:`resolver_fingerprint`): after
an upgrade or a changed word list, the next update resolves every date again instead of patching a table the
old rules made. Otherwise an update reads only the changed dates' ``events`` partitions and the stored
meetings of the months they reach. Their old mentions leave, their new mentions come in; the anchor groups
that lose an anchor or that an incoming anchor matches are resolved again, and the undated or coarse mentions
that may now choose another meeting choose again (see :func:`update`); every other meeting is kept as it is.
The result is the same whatever the order of the days, and the same as one pass over them all
(``tests/meetings/test_store.py`` shuffles 12 archive days).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extractors.meetings.matching import (
    DATE_SLACK_DAYS,
    UNDATED_HORIZON_DAYS,
    WEEK,
    anchor_groups,
    anchors,
    attach,
    cross_pairs,
    match,
    months_of,
    resolve_groups,
)
from extractors.meetings.mentions import RECORD_FIELDS, Mention, eligible, mention
from extractors.meetings.merging import meeting_id, meeting_row
from extractors.storage.warehouse import Warehouse, partition_name
from schemas import MEETINGS, PARTITION_COLUMN

TABLE = "meetings"
LOCK_DATE = dt.date.min  # the writer lock's "date" of a meetings update
SOURCES_KEY = b"agenda.meetings.sources"  # JSON {ingest_date: run_id of the events partition read}
RESOLVER_KEY = b"agenda.meetings.resolver"  # the fingerprint of the rules that resolved the table
_PACKAGE = Path(__file__).resolve().parents[1]
# What decides which mentions are one meeting and what its row says: this package's code, the name keys, the
# places, and the language data (word sets, venues, calendar) they read.
_RESOLVER_SOURCES = (*sorted((_PACKAGE / "meetings").glob("*.py")), _PACKAGE / "language" / "names" / "keys.py",
                     _PACKAGE / "language" / "places.py", _PACKAGE.parent / "schemas" / "tables.py",
                     *sorted(p for p in (_PACKAGE / "data").iterdir() if p.is_file()))
_EVENT_COLUMNS = [f for f in RECORD_FIELDS if f != PARTITION_COLUMN]  # what a mention reads of an events row


@dataclass(frozen=True)
class UpdateSummary:
    """What one update did."""

    dates_changed: int
    mentions_in: int
    mentions_out: int
    meetings_resolved: int
    meetings: int
    rules_changed: bool = False  # the stored table was resolved by other rules: every date was resolved again

    def __str__(self) -> str:
        again = "resolution rules changed since the table was written: all resolved again; " * self.rules_changed
        return (f"{again}{self.dates_changed} dates changed, {self.mentions_in} mentions in, {self.mentions_out} "
                f"out, {self.meetings_resolved} meetings resolved again, {self.meetings} meetings")


@cache
def resolver_fingerprint() -> str:
    """The sha256 (first 16 hex digits) of the code and data that resolve meetings: a table resolved by other
    rules (an upgrade, a changed word list) is resolved again whole by the next update, not patched."""
    digest = hashlib.sha256()
    for path in _RESOLVER_SOURCES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def path(wh: Warehouse) -> str:
    return wh.resolved_file(TABLE)


def read(wh: Warehouse) -> tuple[pa.Table, dict[str, str]]:
    """The stored table (empty when there is none, or when other rules resolved it) and the sources it
    reflects."""
    table, sources, _ = _stored_table(wh)
    return table, sources


def _stored_table(wh: Warehouse) -> tuple[pa.Table, dict[str, str], str | None]:
    """The table as stored, its sources and the fingerprint of the rules that resolved it; a table that other
    rules resolved is not read (an empty table and no sources, with its fingerprint)."""
    if not wh.fs.exists(path(wh)):
        return MEETINGS.empty_table(), {}, resolver_fingerprint()
    with wh.fs.open(path(wh), "rb") as f:
        file = pq.ParquetFile(f)
        meta = file.schema_arrow.metadata or {}
        resolver = meta.get(RESOLVER_KEY, b"").decode() or None
        if resolver != resolver_fingerprint():  # other rules, perhaps another schema: not read
            return MEETINGS.empty_table(), {}, resolver
        table = file.read()
    return table.cast(MEETINGS), json.loads(meta.get(SOURCES_KEY, b"{}")), resolver


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
        (run,) = wh.published_by(dt.date.fromisoformat(day), ["events"])
        if run is not None:
            out[day] = run
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


class _MonthIndex:
    """Which stored group each stored mention belongs to, the months it is filed under (blocking's months,
    over Arrow arrays) and its ingest date: built once per update, asked several times."""

    def __init__(self, table: pa.Table) -> None:
        mentions = table.column("mentions")
        flat = pc.list_flatten(mentions).combine_chunks()
        groups = np.asarray(table.column("resolution_group").to_pylist(), dtype=object)
        self.group = groups[np.asarray(pc.list_parent_indices(mentions), dtype=np.int64)] if len(flat) else groups
        self.lo, self.hi = _month_spans(flat)
        self.ingest = np.asarray(pc.strftime(flat.field("ingest_date").cast(pa.timestamp("s")), "%Y-%m-%d"),
                                 dtype=object)

    def groups(self, months: set[str], changed: set[str]) -> set[str]:
        """The groups with a mention filed under one of ``months`` or of a ``changed`` ingest date."""
        hit = np.isin(self.ingest, sorted(changed))
        for month in {_month_index(m) for m in months}:
            hit |= (self.lo <= month) & (month <= self.hi)
        return set(self.group[hit])


@dataclass
class _Stored:
    """The stored meetings an update reads: each meeting's mentions and group, each mention's meeting."""

    meetings: dict[str, list[Mention]]
    group: dict[str, str]  # meeting id -> resolution group
    meeting_of: dict[str, str]  # event id -> meeting id

    def add(self, other: _Stored) -> None:
        self.meetings |= other.meetings
        self.group |= other.group
        self.meeting_of |= other.meeting_of


def _month_spans(flat: pa.StructArray) -> tuple[np.ndarray, np.ndarray]:
    """Each mention's first and last month of blocking (months since 1970-01; see ``matching.time_span``)."""
    none = -(1 << 30)
    days = {f: np.asarray(flat.field(f).cast(pa.int32()).fill_null(none)) for f in
            ("start_date", "end_date", "published_date")}
    dated = (days["start_date"] > none) & (days["end_date"] > none)
    # a dated mention may be read a week earlier (Mention.week_ambiguous): every one is filed that far back
    lo = np.where(dated, days["start_date"] - DATE_SLACK_DAYS - WEEK.days,
                  days["published_date"] - 1).astype("datetime64[D]")
    hi = np.where(dated, days["end_date"] + DATE_SLACK_DAYS,
                  days["published_date"] + UNDATED_HORIZON_DAYS).astype("datetime64[D]")
    return lo.astype("datetime64[M]").astype(np.int64), hi.astype("datetime64[M]").astype(np.int64)


def _stored(table: pa.Table, wanted: set[str]) -> _Stored:
    """The stored meetings of the ``wanted`` groups."""
    out = _Stored({}, {}, {})
    rows = table.filter(pc.is_in(table.column("resolution_group"), pa.array(sorted(wanted), pa.string())))
    for mid, group, mentions in zip(rows.column("meeting_id").to_pylist(), rows.column("resolution_group").to_pylist(),
                                    rows.column("mentions").to_pylist(), strict=True):
        out.meetings[mid] = [mention(record) for record in mentions]
        out.group[mid] = group
        out.meeting_of.update((m.event_id, mid) for m in out.meetings[mid])
    return out


def _group_id(meetings: list[list[Mention]]) -> str:
    """A group's id: the id its first-reported anchor (or its one mention) would give a meeting."""
    members = [m for meeting in meetings for m in meeting]
    return meeting_id(min((m for m in members if anchors(m)), default=None, key=lambda m: m.sort_key)
                      or min(members, key=lambda m: m.sort_key))


def resolve(mentions: list[Mention]) -> list[dict]:
    """The meeting rows of ``mentions`` (whole groups)."""
    rows = []
    for group in resolve_groups(mentions):
        rows += [meeting_row(meeting, _group_id(group)) for meeting in group]
    return rows


def update(wh: Warehouse, dates: Iterable[dt.date] | None = None) -> UpdateSummary:
    """Bring ``meetings`` up to date with the published ``events`` (only ``dates``, when given; else every
    date, found by listing the partitions). Hold the warehouse's writer lock around it.

    What changes: the anchor groups (:func:`~extractors.meetings.matching.anchor_groups`) that lose an anchor
    or whose anchors an incoming anchor matches are resolved again from their remaining and incoming anchors;
    then every undated or coarse mention that is incoming, was attached to such a group, or matches one of
    their anchors chooses its meeting again (:func:`~extractors.meetings.matching.attach`) among every anchor
    meeting it matches. Every other meeting keeps its mentions, so the result is the one-pass result. A table
    that other rules resolved (:func:`resolver_fingerprint` differs) is resolved again from every published date.
    """
    table, sources, resolver = _stored_table(wh)
    rules_changed = resolver != resolver_fingerprint()
    if rules_changed:  # resolved by other rules: every published date is resolved again
        table, sources, dates = MEETINGS.empty_table(), {}, None
    if dates is None:
        current = published_runs(wh)
        asked = set(current) | set(sources)
    else:
        asked = {d.isoformat() for d in dates}
        current = {k: v for k, v in sources.items() if k not in asked} | published_runs(wh, dates)
    changed = sorted(d for d in asked if current.get(d) != sources.get(d))
    if not changed and not rules_changed:
        return UpdateSummary(0, 0, 0, 0, table.num_rows)
    changed_set = set(changed)
    incoming = [m for day in changed if day in current for m in _events(wh, day)]
    index = _MonthIndex(table)
    # Read the groups filed under the incoming months or holding a changed date's mentions, then those of the
    # months of their anchors: every stored mention that may choose its meeting again is then read.
    months = set().union(*(months_of(m) for m in incoming))
    st = _stored(table, index.groups(months, changed_set))
    months |= {mo for ms in st.meetings.values() for m in ms if anchors(m) for mo in months_of(m)}
    st.add(_stored(table, index.groups(months, changed_set) - set(st.group.values())))

    leaving = [m for ms in st.meetings.values() for m in ms if m.ingest_date.isoformat() in changed_set]
    gone = {m.event_id for m in leaving}
    stored = [m for ms in st.meetings.values() for m in ms if m.event_id not in gone]
    group_of = {e: st.group[mid] for e, mid in st.meeting_of.items()}
    # 1. anchor groups touched: one lost an anchor, or an incoming anchor matches one of theirs
    touched = {group_of[m.event_id] for m in leaving if anchors(m)}
    new_anchors = [m for m in incoming if anchors(m)]
    old_anchors = [m for m in stored if anchors(m)]
    for i, j in cross_pairs(new_anchors, old_anchors):
        if match(new_anchors[i], old_anchors[j]):
            touched.add(group_of[old_anchors[j].event_id])
    redone = anchor_groups(new_anchors + [m for m in old_anchors if group_of[m.event_id] in touched])
    # 2. loose mentions that choose again: incoming, attached to a touched group, or matching an anchor of one
    was_touched_anchor = [m for ms in st.meetings.values() for m in ms
                          if anchors(m) and group_of[m.event_id] in touched]
    redone_anchors = [m for g in redone for meeting in g for m in meeting]
    loose_stored = [m for m in stored if not anchors(m)]
    choosing = {m.event_id: m for m in incoming if not anchors(m)}
    choosing |= {m.event_id: m for m in loose_stored if group_of[m.event_id] in touched}
    probe = was_touched_anchor + redone_anchors
    for i, j in cross_pairs(loose_stored, probe):
        if match(loose_stored[i], probe[j]):
            choosing[loose_stored[i].event_id] = loose_stored[i]
    # 3. their choices among every anchor meeting they may match (read now: the months of the choosing mentions),
    # the redone ones and the kept ones (anchors only)
    months |= {mo for m in choosing.values() for mo in months_of(m)}
    st.add(_stored(table, index.groups(months, changed_set) - set(st.group.values())))
    kept_meetings = {mid: [m for m in ms if anchors(m)] for mid, ms in st.meetings.items()
                     if st.group[mid] not in touched and any(anchors(m) for m in ms)}
    kept_ids = list(kept_meetings)
    targets = [meeting for g in redone for meeting in g] + [kept_meetings[mid] for mid in kept_ids]
    loose = sorted(choosing.values(), key=lambda m: m.sort_key)
    chosen = attach(loose, targets)
    # 4. the rows to write again: redone groups, kept meetings that lose or gain a loose mention, new singles
    n_redone = sum(len(g) for g in redone)

    def remaining(mid: str) -> list[Mention]:
        """A kept meeting's mentions that neither leave nor choose again."""
        return [m for m in st.meetings[mid] if m.event_id not in gone and m.event_id not in choosing]

    members: dict[str, list[Mention]] = {}
    for mid in {st.meeting_of[e] for e in gone} | {st.meeting_of[e] for e in choosing if e in st.meeting_of}:
        if st.group[mid] not in touched and mid in kept_meetings:
            members[mid] = remaining(mid)
    groups = [list(g) for g in redone]
    flat = [meeting for g in groups for meeting in g]
    singles = []
    for u, k in zip(loose, chosen, strict=True):
        if k is None:
            singles.append([[u]])
        elif k < n_redone:
            flat[k].append(u)
        else:
            mid = kept_ids[k - n_redone]
            members.setdefault(mid, remaining(mid)).append(u)
    new_rows = []
    for g in groups + singles:
        gid = _group_id(g)
        new_rows += [meeting_row(sorted(meeting, key=lambda m: m.sort_key), gid) for meeting in g]
    new_rows += [meeting_row(sorted(ms, key=lambda m: m.sort_key), st.group[mid]) for mid, ms in members.items()]
    # drop: every meeting of a touched group, every rewritten kept meeting, every meeting of a choosing or
    # leaving mention (single groups included)
    drop = {mid for mid, g in st.group.items() if g in touched} | set(members)
    drop |= {st.meeting_of[e] for e in gone | set(choosing) if e in st.meeting_of}
    kept = table.filter(pc.invert(pc.is_in(table.column("meeting_id"), pa.array(sorted(drop), pa.string()))))
    merged = pa.concat_tables([kept, pa.Table.from_pylist(new_rows, schema=MEETINGS)])
    order = pc.sort_indices(merged, [("start_date", "ascending"), ("meeting_id", "ascending")])
    write(wh, merged.take(order), {d: current[d] for d in sorted(current)})
    return UpdateSummary(len(changed), len(incoming), len(gone), len(new_rows), merged.num_rows, rules_changed)


def write(wh: Warehouse, table: pa.Table, sources: dict[str, str]) -> None:
    """Replace the table at once, with the sources it reflects in its metadata."""
    meta = dict(MEETINGS.metadata or {}) | {SOURCES_KEY: json.dumps(sources, sort_keys=True).encode(),
                                            RESOLVER_KEY: resolver_fingerprint().encode()}
    wh.write_resolved(TABLE, table.replace_schema_metadata(meta))


def update_locked(warehouse: str | Warehouse, dates: Iterable[dt.date] | None = None) -> UpdateSummary:
    """:func:`update` under the warehouse's writer lock (it waits for an extract run; two updates at once: the
    second is refused with ``WriterConflict``)."""
    wh = warehouse if isinstance(warehouse, Warehouse) else Warehouse(warehouse)
    with wh.writer_lock(LOCK_DATE, run="meetings"):
        return update(wh, dates)
