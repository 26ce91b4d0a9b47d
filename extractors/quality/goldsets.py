"""The article-level gold sets extraction is measured on (for benchmarks and tests; never read at run time).

- ``dev``: ``shared/eval/dev.jsonl``, what the rules were developed on;
- ``dev3``: ``data/eval/dev3.jsonl``, 70 corpus articles annotated for this repo (``data/eval/README.md``),
  stored without their text, which ``load`` restores from ``shared/corpus``: a second development set,
  so that a rule written on dev is checked on articles it was not written from before dev2 is looked at;
- ``dev4``: ``data/eval/dev4.jsonl``, 52 more corpus articles annotated the same way, drawn after every rule
  of the assembly before 2026-12-05 was written: scored, never read for rules;
- ``dev5``, ``dev6``: ``data/eval/dev5.jsonl`` and ``dev6.jsonl``, 60 Reuters articles each, never in the news
  pool the rules are read on, drawn and annotated on 2026-12-05 (dev6 after every rule of that day): scored, never
  read for rules;
- ``dev7``: ``data/eval/dev7.jsonl``, 60 more such Reuters articles, drawn and annotated at the start of
  2026-12-05's sixth session (before its rules): scored, never read for rules;
- ``dev8``: ``data/eval/dev8.jsonl``, 60 more such Reuters articles, drawn and annotated at the start of
  2026-12-06's thirteenth session (before its model decision): scored, never read for rules;
- ``dev9``: ``data/eval/dev9.jsonl``, 60 more such Reuters articles, drawn and annotated in 2026-12-07's
  twenty-third session after its rules were written: scored, never read for rules;
- ``dev10``: ``data/eval/dev10.jsonl``, 60 more such Reuters articles, drawn and annotated in 2026-12-07's
  twenty-fourth session before any of its rule or model decisions: scored, never read for rules;
- ``dev11``, ``dev12``: ``data/eval/dev11.jsonl`` and ``dev12.jsonl``, 80 Reuters articles each, drawn in 2026-12-07's
  twenty-fifth session without the shipped tagger choosing them (dev11 by a time expression in a candidate
  sentence, dev12 by the baseline extractor's scheduled events): scored, never read for rules;
- ``dev2``: ``shared/eval/dev2.jsonl``, held out: checked after a step is finished, never tuned on.

Sets joined by ``+`` ("dev2+dev9") are scored as one set (their articles together), as the tagger's gate pools the
unread sets.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
REPO_EVAL = REPO / "data" / "eval"
GOLD_SETS = {"dev": SHARED / "eval" / "dev.jsonl", **{f"dev{n}": REPO_EVAL / f"dev{n}.jsonl" for n in range(3, 13)},
             "dev2": SHARED / "eval" / "dev2.jsonl"}


def repo_set_ids(folder: Path = REPO_EVAL) -> set[str]:
    """The article ids of every evaluation set this repo keeps (``data/eval/dev*.jsonl``: dev3 onwards, and any
    drawn later): no sample for annotation or training may draw from them."""
    return {json.loads(line)["id"] for path in sorted(folder.glob("dev[0-9]*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def load(name: str) -> list[dict]:
    """The gold articles of a set (or of sets joined by ``+``), each with its ``text``."""
    if "+" in name:
        return [row for part in name.split("+") for row in load(part)]
    path = GOLD_SETS[name]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    missing = {r["id"] for r in rows if "text" not in r}
    if missing:
        from extractors.training.distill import corpus_articles

        texts = {a["id"]: a["text"] for a in corpus_articles(SHARED / "corpus") if a["id"] in missing}
        rows = [r if "text" in r else {**r, "text": texts[r["id"]]} for r in rows]
    return rows


def write(name: str, path: Path) -> Path:
    """The set as a JSON Lines gold file with text (the form ``agenda extract`` and score.py read)."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in load(name)), encoding="utf-8")
    return path
