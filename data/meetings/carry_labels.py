"""Carry the meeting labels of a fortnight onto a fresh extraction of its days (how ``sample3.jsonl`` and
``sample4.jsonl`` were made).

    agenda extract ../shared/corpus/reuters-2006-2013/DAY/reuters.jsonl.gz --ingest-date DAY -w /tmp/wh2008 \
        --workers 1 --no-meetings                     # each day of the fortnight
    python data/meetings/carry_labels.py todo --warehouse /tmp/wh2008 --year 2008 --out /tmp/relabel
    # a reader labels /tmp/relabel/2008-todo.jsonl into 2008-labels.jsonl (LABELLING.md; 2008-labelled.jsonl is
    # the fortnight's other mentions with their labels, the label vocabulary)
    python data/meetings/carry_labels.py merge --year 2008 --out /tmp/relabel >> data/meetings/sample3.jsonl

``--labels sample3.jsonl`` carries from that file's mentions of the year instead of the first extraction's (how
``sample4.jsonl`` was made from ``sample3.jsonl``).

A fresh mention keeps the label of the first extraction's mention of the same sentence and trigger, or of the same
sentence when that sentence had one label and the new extraction finds no more mentions in it than the old one
did (a changed trigger word); every other mention is labelled anew. ``gold.carried`` says which.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractors.meetings.mentions import eligible  # noqa: E402

HERE = Path(__file__).resolve().parent
FIRST = {2009: "sample.jsonl", 2010: "sample.jsonl", 2008: "sample2.jsonl", 2011: "sample2.jsonl",
         2012: "sample2.jsonl"}
TODO_FIELDS = ("event_id", "article_id", "published_date", "status", "kind", "trigger", "participants", "location",
               "event_name", "date_text", "start_date", "end_date", "evidence")


def _first(year: int, labels: str | None = None) -> list[dict]:
    """The labelled mentions of ``year``: of ``labels`` (a file of this folder), else of its first extraction."""
    if labels is None and year not in FIRST:
        raise SystemExit(f"{year} has no first extraction: name the labelled file with --labels")
    path = HERE / (labels or FIRST[year])
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return [r for r in rows if r["published_date"][:4] == str(year)]


def _fresh(warehouse: str) -> list[dict]:
    import duckdb

    cur = duckdb.connect().execute(
        f"SELECT * FROM read_parquet('{warehouse}/events/*/*.parquet', hive_partitioning = true) "
        "ORDER BY ingest_date, article_id, event_id")
    cols = [d[0] for d in cur.description]
    return [r for r in (dict(zip(cols, t, strict=True)) for t in cur.fetchall()) if eligible(r)]


def _plain(value: object) -> object:
    return value.isoformat()[:10] if isinstance(value, dt.date | dt.datetime) else value


def carry(first: list[dict], fresh: list[dict]) -> list[dict]:
    """The fresh mentions in the first sample's row form, each with the label it inherits (``gold`` None if none)."""
    def key(r: dict) -> tuple:
        return r["article_id"], r["evidence"], r["trigger"]

    def sentence(r: dict) -> tuple:
        return r["article_id"], r["evidence"]

    by_key = {key(r): r["gold"] for r in first}
    by_sentence: dict[tuple, list[dict]] = defaultdict(list)
    for r in first:
        by_sentence[sentence(r)].append(r["gold"])
    fresh_keys = {key(r) for r in fresh}
    old_left = Counter(sentence(r) for r in first if key(r) not in fresh_keys)
    new_left = Counter(sentence(r) for r in fresh if key(r) not in by_key)
    fields = [f for f in first[0] if f != "gold"]
    out = []
    for r in fresh:
        row = {f: _plain(r.get(f)) for f in fields}
        golds = by_sentence.get(sentence(r), [])
        if key(r) in by_key:
            row["gold"] = {**by_key[key(r)], "carried": "same sentence and trigger"}
        elif len({g["meeting"] for g in golds}) == 1 and new_left[sentence(r)] <= old_left[sentence(r)]:
            row["gold"] = {**golds[0], "carried": "same sentence"}
        else:
            row["gold"] = None
        out.append(row)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("todo", "merge"))
    ap.add_argument("--year", type=int, required=True, choices=(*sorted(FIRST), 2013))
    ap.add_argument("--labels", help="carry from this labelled file of data/meetings (default: the first extraction)")
    ap.add_argument("--out", type=Path, required=True, help="working folder")
    ap.add_argument("--warehouse", help="the fresh extraction of the fortnight (todo)")
    args = ap.parse_args()
    rows_file = args.out / f"{args.year}-rows.json"
    if args.step == "todo":
        args.out.mkdir(parents=True, exist_ok=True)
        rows = carry(_first(args.year, args.labels), _fresh(args.warehouse))
        rows_file.write_text(json.dumps(rows))
        with (args.out / f"{args.year}-todo.jsonl").open("w") as todo, \
                (args.out / f"{args.year}-labelled.jsonl").open("w") as done:
            for r in rows:
                if r["gold"] is None:
                    todo.write(json.dumps({f: r[f] for f in TODO_FIELDS}) + "\n")
                else:
                    done.write(json.dumps({"meeting": r["gold"]["meeting"], **{f: r[f] for f in (
                        "published_date", "kind", "date_text", "evidence")}, "not_a_meeting": r["gold"][
                        "not_a_meeting"], "vague": r["gold"]["vague"]}) + "\n")
        counts = Counter(r["gold"]["carried"] if r["gold"] else "to label" for r in rows)
        print(f"{args.year}: {len(rows)} mentions; " + ", ".join(f"{k}: {v}" for k, v in counts.items()),
              file=sys.stderr)
        return
    rows = json.loads(rows_file.read_text())
    labels = {}
    for line in (args.out / f"{args.year}-labels.jsonl").read_text().splitlines():
        label = json.loads(line)
        labels[label.pop("event_id")] = label
    missing = [r["event_id"] for r in rows if r["gold"] is None and r["event_id"] not in labels]
    if missing:
        raise SystemExit(f"{len(missing)} mentions have no label, e.g. {missing[0]}")
    for r in rows:
        gold = r["gold"] or labels[r["event_id"]]
        r["gold"] = {k: gold[k] for k in ("meeting", "not_a_meeting", "vague", "note", "carried") if k in gold}
        print(json.dumps(r))


if __name__ == "__main__":
    main()
