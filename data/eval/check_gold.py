"""Check an article-level gold file against its articles (the form of ``shared/eval/GUIDELINES.md``).

    python data/eval/check_gold.py ARTICLES.jsonl GOLD.jsonl     # lists every problem; exit 1 if any
"""

from __future__ import annotations

import datetime as dt
import json
import sys

KINDS = {"meeting", "summit", "talks", "visit", "conference", "call"}
GRAINS = {"day", "week", "month", "quarter", "year", None}


def problems(articles: dict[str, dict], gold: list[dict]) -> list[str]:
    out = []
    seen = set()
    for row in gold:
        art = articles.get(row.get("id"))
        if art is None:
            out.append(f"{row.get('id')}: not an article of the batch")
            continue
        seen.add(row["id"])
        for k, m in enumerate(row.get("meetings", [])):
            where = f"{row['id']} meeting {k + 1}"
            for s in [m.get("sentence", ""), *m.get("also_in", [])]:
                if not s or s not in art["text"]:
                    out.append(f"{where}: sentence not an exact substring of the text: {s[:80]!r}")
            if m.get("kind") not in KINDS:
                out.append(f"{where}: kind {m.get('kind')!r}")
            if m.get("granularity") not in GRAINS:
                out.append(f"{where}: granularity {m.get('granularity')!r}")
            if not isinstance(m.get("participants"), list):
                out.append(f"{where}: participants must be a list")
            dates = [m.get("start_date"), m.get("end_date")]
            if (dates[0] is None) != (dates[1] is None) or (dates[0] is None) != (m.get("granularity") is None):
                out.append(f"{where}: start_date, end_date and granularity are all set or all null")
            elif dates[0] is not None:
                try:
                    a, b = (dt.date.fromisoformat(d) for d in dates)
                    if b < a:
                        out.append(f"{where}: end_date before start_date")
                except (TypeError, ValueError):
                    out.append(f"{where}: dates must be YYYY-MM-DD")
    out += [f"{i}: not annotated (write an empty meetings list if it has none)" for i in articles if i not in seen]
    return out


def _read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def main(argv: list[str]) -> int:
    articles = {r["id"]: r for r in _read(argv[0])}
    gold = _read(argv[1])
    found = problems(articles, gold)
    print("\n".join(found) or f"ok: {len(gold)} articles, {sum(len(g['meetings']) for g in gold)} meetings")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
