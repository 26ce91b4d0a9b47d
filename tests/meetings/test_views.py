"""What an analyst types: `agenda upcoming`, `agenda ics`, `agenda calendar` on the seed day, for real: the model
extracts the sample drop, the CLI reads the warehouse, icalendar parses the file back, Chromium renders the page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def agenda(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractors.cli", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> str:
    wh = str(tmp_path_factory.mktemp("seed") / "wh")
    done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--ingest-date", "2016-11-10")
    assert done.returncode == 0, done.stderr
    assert "meetings:" in done.stdout
    return wh


def upcoming(wh: str, *args: str) -> list[dict]:
    done = agenda("upcoming", "--warehouse", wh, "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_seed_days_upcoming_meetings(warehouse) -> None:
    rows = upcoming(warehouse, "--as-of", "2016-11-10", "--days", "14")
    abe_trump = [r for r in rows if {"Shinzo Abe", "Donald Trump"} <= set(r["participants"])]
    assert [(r["start_date"], r["end_date"]) for r in abe_trump] == [("2016-11-17", "2016-11-17")]
    apec = [r for r in rows if r["location_country"] == "PE"]
    assert [(r["start_date"], r["end_date"], r["kind"]) for r in apec] == [("2016-11-14", "2016-11-20", "summit")]
    assert all(r["start_date"] <= "2016-11-24" and r["end_date"] >= "2016-11-10" for r in rows)


def test_as_of_sees_only_what_was_published(warehouse) -> None:
    assert upcoming(warehouse, "--as-of", "2016-11-09", "--days", "30") == []  # nothing published yet
    under_way = upcoming(warehouse, "--as-of", "2016-11-18", "--days", "14", "--participant", "abe")
    assert [r["location"] for r in under_way] == ["Peru"]  # the meeting is over, the summit under way
    assert upcoming(warehouse, "--as-of", "2016-11-21", "--days", "14", "--participant", "abe") == []


def test_filters(warehouse) -> None:
    peru = upcoming(warehouse, "--as-of", "2016-11-10", "--days", "14", "--country", "pe")
    assert peru and {r["location_country"] for r in peru} == {"PE"}
    trump = upcoming(warehouse, "--as-of", "2016-11-10", "--days", "14", "--participant", "TRUMP")
    assert trump and all(any("trump" in p.lower() for p in r["participants"]) for r in trump)
    every = upcoming(warehouse, "--as-of", "2016-11-10", "--days", "14")
    most = max(r["mentions_known"] for r in every)
    talked = upcoming(warehouse, "--as-of", "2016-11-10", "--days", "14", "--min-mentions", str(most))
    assert talked and {r["meeting_id"] for r in talked} == {r["meeting_id"] for r in every
                                                            if r["mentions_known"] == most}
    assert upcoming(warehouse, "--as-of", "2016-11-10", "--days", "14", "--min-mentions", str(most + 1)) == []


def test_jsonl_and_csv(warehouse) -> None:
    done = agenda("upcoming", "--warehouse", warehouse, "--as-of", "2016-11-10", "--format", "jsonl")
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert lines and all("meeting_id" in x for x in lines)
    done = agenda("upcoming", "--warehouse", warehouse, "--as-of", "2016-11-10", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and all(isinstance(json.loads(r["participants"]), list) for r in rows)


def test_ics_round_trip(warehouse, tmp_path) -> None:
    from icalendar import Calendar

    path = tmp_path / "m.ics"
    done = agenda("ics", "--warehouse", warehouse, "--from", "2016-11-01", "--to", "2016-11-30", "-o", str(path))
    assert done.returncode == 0, done.stderr
    cal = Calendar.from_ical(path.read_bytes())
    events = {(e.decoded("dtstart"), e.decoded("dtend")): e for e in cal.walk("VEVENT")}
    meeting = events[(dt.date(2016, 11, 17), dt.date(2016, 11, 18))]  # all day: DTEND is the day after
    assert "Shinzo Abe" in str(meeting["summary"]) and "Donald Trump" in str(meeting["summary"])
    assert "meet" in str(meeting["description"])
    summit = events[(dt.date(2016, 11, 14), dt.date(2016, 11, 21))]
    assert str(summit["location"]) == "Peru"
    assert len({str(e["uid"]) for e in cal.walk("VEVENT")}) == len(cal.walk("VEVENT"))


def test_bad_window_exits_2(warehouse, tmp_path) -> None:
    done = agenda("ics", "--warehouse", warehouse, "--from", "2016-11-30", "--to", "2016-11-01", "-o",
                  str(tmp_path / "x.ics"))
    assert done.returncode == 2


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
def test_calendar_page_in_a_real_browser(warehouse, tmp_path) -> None:
    page = tmp_path / "calendar.html"
    done = agenda("calendar", "--warehouse", warehouse, "--from", "2016-11-01", "--to", "2016-11-30", "-o",
                  str(page))
    assert done.returncode == 0, done.stderr
    text = page.read_text()
    assert "http://" not in text and "https://" not in text  # self-contained: nothing to fetch
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1400"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    # the script ran: the month grid and the list exist only in the rendered DOM
    assert "November 2016" in dom and 'class="ev ' in dom
    assert "Shinzo Abe, Donald Trump" in dom and "2016-11-17" in dom
    assert "2016-11-14 .. 2016-11-20" in dom and "Peru" in dom
    shot = tmp_path / "calendar.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    out = Path(__file__).resolve().parents[2] / "state" / "calendar.png"  # kept for the README's picture
    out.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, out)


def test_agenda_meetings_catches_up_and_is_idempotent(warehouse, tmp_path) -> None:
    done = agenda("meetings", "--warehouse", warehouse)
    assert done.returncode == 0, done.stderr
    assert "0 dates changed" in done.stdout  # extract updated it for its date already
    copy = tmp_path / "wh"
    shutil.copytree(warehouse, copy)
    (copy / "meetings" / "meetings.parquet").unlink()
    done = agenda("meetings", "--warehouse", str(copy))
    assert "1 dates changed" in done.stdout
    assert upcoming(str(copy), "--as-of", "2016-11-10") == upcoming(warehouse, "--as-of", "2016-11-10")
