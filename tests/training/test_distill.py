"""Teacher labels never come from an evaluation article."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_teacher_labels_never_come_from_an_evaluation_article() -> None:
    from extractors.training.distill import excluded_articles

    ids, _ = excluded_articles()
    for path in sorted((ROOT / "data" / "eval").glob("dev[0-9]*.jsonl")):
        held = {json.loads(line)["id"] for line in path.read_text().splitlines() if line.strip()}
        assert held and held <= ids, path.name
