"""Meeting resolution: pairwise precision and recall on the labelled sample, and its cost on a warehouse.

    python benchmarks/meetings.py                      # the labelled samples (data/meetings/sample*.jsonl)
    python benchmarks/meetings.py --warehouse PATH     # plus: events vs meetings, the largest meetings, and
                                                       # the time of one pass and of day-by-day updates

Pairwise scores: every pair of mentions the resolver puts in one meeting is a predicted pair; every pair the
labels put in one meeting is a gold pair. Precision = shared / predicted, recall = shared / gold. Mentions
labelled vague or not a meeting are scored too (as their labels say). See data/meetings/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.meetings.matching import components, pairs_within  # noqa: E402
from extractors.meetings.mentions import mention  # noqa: E402

SAMPLE = ROOT / "data" / "meetings" / "sample.jsonl"
SAMPLE2 = ROOT / "data" / "meetings" / "sample2.jsonl"
SAMPLE3 = ROOT / "data" / "meetings" / "sample3.jsonl"
SAMPLE4 = ROOT / "data" / "meetings" / "sample4.jsonl"
# Each labelled fortnight: (file, the year of its articles, its days, its role; data/meetings/README.md).
ROLES = {
    2009: ("2009-03-23..04-05", "rules written on it"),
    2010: ("2010-06-14..06-27", "rules written on it"),
    2008: ("2008-11-10..11-23", "drawn 2026-12-05; rules written on it since"),
    2011: ("2011-10-31..11-13", "drawn 2026-12-05; held out, scored only"),
    2012: ("2012-06-11..06-24", "drawn 2026-12-05 after the session's rules; held out"),
    2013: ("2013-08-26..09-08", "drawn 2026-12-06 after the seventeenth session's rules; held out"),
}
# The fortnights as first extracted (agenda-tagger-v2, 2026-12-05), then extracted again with agenda-tagger-v3 and the
# rules of 2026-12-06 (sample3, with a sixth fortnight, 2013, drawn and labelled whole after the seventeenth
# session's rules), then with agenda-tagger-v4 and the rules of 2026-12-07 (sample4): each time the labels carried
# over by sentence and the new mentions labelled.
EXTRACTIONS = {SAMPLE: "first (v2)", SAMPLE2: "first (v2)", SAMPLE3: "v3", SAMPLE4: "today's (v4)"}
FORTNIGHTS = tuple((path, year, *ROLES[year]) for path, years in (
    (SAMPLE, (2009, 2010)), (SAMPLE2, (2008, 2011, 2012)), (SAMPLE3, (2009, 2010, 2008, 2011, 2012, 2013)),
    (SAMPLE4, (2009, 2010, 2008, 2011, 2012, 2013)),
) for year in years)


def load_sample(path: Path = SAMPLE) -> tuple[list[dict], dict[str, str]]:
    """The sample's event rows (dates parsed) and their gold meeting labels."""
    rows, gold = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        for k in ("ingest_date", "published_date", "start_date", "end_date"):
            r[k] = dt.date.fromisoformat(r[k]) if r[k] else None
        gold[r["event_id"]] = r.pop("gold")["meeting"]
        rows.append(r)
    return rows, gold


def pairwise(rows: list[dict], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of the resolver's meetings against the labels."""
    predicted = pairs_within([m.event_id for m in g] for g in components([mention(r) for r in rows]))
    by_label: dict[str, list[str]] = defaultdict(list)
    for event_id, label in gold.items():
        by_label[label].append(event_id)
    truth = pairs_within(by_label.values())
    shared = len(predicted & truth)
    p = shared / len(predicted) if predicted else 1.0
    r = shared / len(truth) if truth else 1.0
    return {"predicted_pairs": len(predicted), "gold_pairs": len(truth), "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "mentions": len(rows),
            "gold_meetings": len(by_label)}


def sample_report() -> None:
    present = [f for f in FORTNIGHTS if f[0].is_file()]
    print("labelled samples: " + ", ".join(f"data/meetings/{p.name}" for p in dict.fromkeys(f[0] for f in present)))
    print("| fortnight | extraction | role | mentions | gold meetings | gold pairs | predicted pairs | precision | "
          "recall | F1 |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    samples = {path: load_sample(path) for path in dict.fromkeys(f[0] for f in present)}  # each file once
    for path, year, days, role in present:
        rows, gold = samples[path]
        sub = [r for r in rows if r["published_date"].year == year]
        if not sub:
            continue
        s = pairwise(sub, {r["event_id"]: gold[r["event_id"]] for r in sub})
        extraction = EXTRACTIONS[path]
        print(f"| {days} | {extraction} | {role} | {s['mentions']} | {s['gold_meetings']} | {s['gold_pairs']} | "
              f"{s['predicted_pairs']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")


def warehouse_report(path: str, days: int) -> None:
    """One pass over a warehouse, then day-by-day updates of its first ``days`` dates, timed."""
    import duckdb

    from extractors.meetings import store
    from extractors.meetings.store import update
    from extractors.storage.warehouse import Warehouse

    src = Warehouse(path)
    with tempfile.TemporaryDirectory() as tmp:
        # A copy that shares the events files (symlinks) so the meetings file is written outside the source.
        copy = Path(tmp) / "wh"
        (copy / "events").mkdir(parents=True)
        for part in sorted(Path(src.path("events")).iterdir()):
            if part.is_dir():
                (copy / "events" / part.name).symlink_to(part)
        t0 = time.perf_counter()
        summary = update(Warehouse(str(copy)))
        one_pass = time.perf_counter() - t0
        con = duckdb.connect()
        meetings = f"read_parquet('{copy}/meetings/*.parquet')"
        events = con.execute(f"SELECT count(*) FROM read_parquet('{copy}/events/*/*.parquet')").fetchone()[0]
        n, mentions = con.execute(f"SELECT count(*), sum(mention_count) FROM {meetings}").fetchone()
        print(f"\nwarehouse {path}: {events:,} events, {mentions:,} mentions (scheduled, dated past) -> "
              f"{n:,} meetings; one pass {one_pass:.1f} s ({summary})")
        print("\n| mentions | articles | kind | start | end | place | name | participants |")
        print("| ---: | ---: | --- | --- | --- | --- | --- | --- |")
        top = (f"SELECT mention_count, article_count, kind, start_date, end_date, location, event_name, "
               f"participants[1:4] FROM {meetings} ORDER BY mention_count DESC, meeting_id LIMIT 10")
        for row in con.execute(top).fetchall():
            print("| " + " | ".join("" if v is None else ", ".join(v) if isinstance(v, list) else str(v)
                                    for v in row) + " |")
        one_pass_rows = store.read(Warehouse(str(copy)))[0]
        shutil.rmtree(copy / "meetings")
        dates = sorted(p.name for p in (copy / "events").iterdir())
        dates = dates[:days] if days else dates
        staged = Path(tmp) / "days"
        (staged / "events").mkdir(parents=True)
        costs = []
        for name in dates:
            (staged / "events" / name).symlink_to((copy / "events" / name).resolve())
            t0 = time.perf_counter()
            update(Warehouse(str(staged)), dates=[dt.date.fromisoformat(name.split("=")[1])])
            costs.append(time.perf_counter() - t0)
        if costs:
            print(f"\nday-by-day updates of the first {len(costs)} dates: median "
                  f"{statistics.median(costs) * 1000:.0f} ms, total {sum(costs):.1f} s")
        if len(dates) == len(list((copy / "events").iterdir())):
            same = store.read(Warehouse(str(staged)))[0].equals(one_pass_rows)
            print(f"day by day gives the one-pass table: {same}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", help="also resolve this warehouse's events and time it")
    ap.add_argument("--days", type=int, default=60, help="dates updated one by one (with --warehouse; 0: all)")
    args = ap.parse_args()
    sample_report()
    if args.warehouse:
        warehouse_report(args.warehouse, args.days)


if __name__ == "__main__":
    main()
