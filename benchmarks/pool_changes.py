"""What a rule group changes on unannotated news: the rows it adds, drops or alters on the news pool, to read.

    python benchmarks/pool_changes.py --without place-within            # 3,000 pool articles, seed 5
    python benchmarks/pool_changes.py --without refine-kinds,tag-merge --articles 500 --seed 7

How the assembly's rules are checked before they are kept (README, "Rule groups"): the pool articles of
``shared/corpus/news-pool.jsonl`` (never an article of dev, dev2 or a ``data/eval`` set) are tagged once and
assembled with every rule group on and with the named groups off; each article whose scheduled rows differ is
printed with both sides' rows (kind, dates, place, parties, evidence), then the count. A change is kept when
the rows it changes read as right by the guidelines.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quality import tagged

from extractors.assembly import RuleSet, assemble
from extractors.quality import goldsets
from extractors.runs.extractor import load_extractor

POOL = goldsets.SHARED / "corpus" / "news-pool.jsonl"


def pool_articles(n: int, seed: int) -> list[dict]:
    """``n`` pool articles (seeded shuffle), none of an evaluation set."""
    held = {json.loads(line)["id"] for path in goldsets.GOLD_SETS.values()  # ids only: no texts restored
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    rows = [json.loads(line) for line in POOL.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["id"] not in held and r.get("published") and r.get("text")]
    random.Random(seed).shuffle(rows)
    return rows[:n]


def _key(r: dict) -> tuple:
    return r["event_id"], r["start_date"], r["end_date"], r["location"], tuple(r["participants"])


def _line(r: dict) -> str:
    return (f"{r['kind']} {r['start_date']}..{r['end_date']} | {r['location']} | {r['participants'][:4]} | "
            f"{r['evidence'][:160]}".replace("\n", " "))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--without", required=True, help="rule groups to switch off, comma-separated")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args(argv)
    off = RuleSet.without(a.without.split(","))
    docs = tagged(pool_articles(a.articles, a.seed), load_extractor("model"))
    changed = 0
    for doc, found in docs:
        on = [r for r in assemble(doc, found, extractor="m") if r["status"] == "scheduled"]
        without = [r for r in assemble(doc, found, extractor="m", rules=off) if r["status"] == "scheduled"]
        keys_on, keys_off = {_key(r) for r in on}, {_key(r) for r in without}
        if keys_on == keys_off:
            continue
        changed += 1
        print(f"== {doc.article.article_id} ({doc.article.published_date}): {len(without)} rows off -> {len(on)} on")
        print("\n".join(f"  - {_line(r)}" for r in without if _key(r) not in keys_on))
        print("\n".join(f"  + {_line(r)}" for r in on if _key(r) not in keys_off))
    print(f"{changed} of {len(docs)} articles change with {a.without} on")


if __name__ == "__main__":
    main()
