"""Mentions for the meetings tests: invented rows, and the labelled sample's real event rows."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "meetings" / "sample.jsonl"
_ids = itertools.count()

D = dt.date


def row(**kw) -> dict:
    """An events row with defaults (a scheduled meeting published 2020-03-02, undated)."""
    base = {"event_id": f"e{next(_ids):05d}", "article_id": f"a{next(_ids):05d}", "published_date": D(2020, 3, 2),
            "status": "scheduled", "kind": "meeting", "participants": [], "location": None,
            "location_country": None, "latitude": None, "longitude": None, "event_name": None, "start_date": None,
            "end_date": None, "granularity": None, "confidence": 0.9, "evidence": "An invented sentence."}
    base.update(kw)
    if "day" in kw:
        base.pop("day")
        base["start_date"] = base["end_date"] = kw["day"]
        base["granularity"] = "day"
    base["ingest_date"] = base.get("ingest_date") or base["published_date"]
    return base


@pytest.fixture(scope="session")
def sample_rows() -> list[dict]:
    """The labelled sample's event rows (real extractor output on 28 archive days), dates parsed."""
    rows = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        r.pop("gold")
        for k in ("ingest_date", "published_date", "start_date", "end_date"):
            r[k] = dt.date.fromisoformat(r[k]) if r[k] else None
        rows.append(r)
    return rows
