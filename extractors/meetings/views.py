"""What an analyst asks of the ``meetings`` table: upcoming meetings as of a date, an iCalendar file, a page.

Every view reads the warehouse through DuckDB and the macros of ``schemas/macros.sql``, so the CLI and SQL
give the same rows: ``agenda upcoming --as-of D --days N`` is ``SELECT * FROM upcoming(D, N)``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

import duckdb

UPCOMING_COLUMNS = ("start_date", "end_date", "kind", "participants", "location", "event_name", "mentions_known",
                    "evidence")  # the terminal table's; csv and json have every column


def upcoming(con: duckdb.DuckDBPyConnection, as_of: dt.date, days: int, *, country: str | None = None,
             participant: str | None = None, min_mentions: int = 1) -> list[dict[str, Any]]:
    """Meetings known on ``as_of`` still to come within ``days`` days, optionally in one country (ISO code),
    with a participant whose name contains ``participant`` (any case), or reported at least ``min_mentions``
    times by then (what the news talks about)."""
    sql = "SELECT * FROM upcoming(?, ?) WHERE mentions_known >= ?"
    params: list[Any] = [as_of, days, min_mentions]
    if country:
        sql += " AND upper(location_country) = upper(?)"
        params.append(country)
    if participant:
        sql += " AND len(list_filter(participants, lambda p: contains(lower(p), lower(?)))) > 0"
        params.append(participant)
    return _records(con.execute(sql, params))


def between(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Dated meetings whose interval meets [start, end] (as known today), soonest first."""
    cur = con.execute(
        "SELECT * FROM meetings WHERE start_date IS NOT NULL AND start_date <= ? AND end_date >= ? "
        "ORDER BY start_date, end_date, mention_count DESC, meeting_id", [end, start])
    return _records(cur)


def _records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _title(m: dict[str, Any]) -> str:
    who = ", ".join(m["participants"][:4])
    what = m["event_name"] or m["kind"]
    where = f" in {m['location']}" if m["location"] else ""
    return f"{what}: {who}{where}" if who else f"{what}{where}"


def to_ics(meetings: list[dict[str, Any]]) -> bytes:
    """An iCalendar file: one all-day (or multi-day) VEVENT per meeting, with participants, place, evidence
    and source articles; UIDs are the meeting ids, so a re-import updates events instead of duplicating them."""
    from icalendar import Calendar, Event, vText

    cal = Calendar()
    cal.add("prodid", "-//Agenda//meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Agenda meetings")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for m in meetings:
        ev = Event()
        ev.add("uid", f"{m['meeting_id']}@agenda")
        ev.add("dtstamp", stamp)
        ev.add("summary", _title(m))
        ev.add("dtstart", m["start_date"])
        ev.add("dtend", m["end_date"] + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        if m["location"]:
            ev.add("location", m["location"])
        if m.get("latitude") is not None and m.get("longitude") is not None:
            ev.add("geo", (m["latitude"], m["longitude"]))
        ev.add("categories", [m["kind"]])
        lines = [m["evidence"], "", f"Participants: {', '.join(m['participants']) or 'unknown'}",
                 f"Dates: {m['start_date']}..{m['end_date']} ({m['granularity']})"
                 + ("; other dates given: " + ", ".join(m["date_alternatives"]) if m["date_alternatives"] else ""),
                 f"Mentions: {m['mention_count']} in {m['article_count']} articles, "
                 f"first {m['first_seen']}, last {m['last_seen']}",
                 "Articles: " + ", ".join(m["article_ids"][:20])]
        ev.add("description", "\n".join(lines))
        for who in m["participants"]:
            ev.add("x-agenda-participant", vText(who))
        ev.add("x-agenda-confidence", vText(f"{m['confidence']:.3f}"))
        cal.add_component(ev)
    return cal.to_ical()


def to_html(meetings: list[dict[str, Any]], start: dt.date, end: dt.date) -> str:
    """A self-contained page (no network: its CSS and script are inline): a month grid per month of
    [start, end] with each meeting on its days, and the list below it."""
    data = [{"id": m["meeting_id"], "start": m["start_date"].isoformat(), "end": m["end_date"].isoformat(),
             "title": _title(m), "kind": m["kind"], "participants": m["participants"],
             "location": m["location"], "evidence": m["evidence"], "mentions": m["mention_count"]}
            for m in meetings]
    payload = json.dumps(data).replace("</", "<\\/")
    return _PAGE.replace("{{TITLE}}", html.escape(f"Agenda meetings {start} .. {end}")) \
        .replace("{{START}}", start.isoformat()).replace("{{END}}", end.isoformat()).replace("{{DATA}}", payload)


def write_text(path: str | Path, text: str | bytes) -> None:
    """Write a file whole: under a temporary name, then renamed."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    tmp.replace(path)


_PAGE = (Path(__file__).with_name("calendar.html")).read_text(encoding="utf-8")
