"""Training data: the shared annotated sentences with this repo's corrections, added gold, teacher labels.

- ``shared/train/sentences.jsonl``: the original annotation (three statuses). ``data/train/corrections.jsonl``
  re-labels the events a second reading found wrong under ``data/train/ANNOTATING.md`` (mostly negotiations
  merely under way: ``ongoing``) or removes those that are no meetings under the version-2 guidelines.
- ``data/train/added.jsonl``: sentences annotated for this repo (``data/train/README.md`` says how they
  were chosen and checked); training only.
- teacher labels (``extractors.training.distill``): corpus sentences labelled by the teacher, stored as
  article offsets (the text stays in ``shared/corpus``), read back with ``load_teacher_labels``.

The validation split is always the same: 15% of the shared articles (seed 13), so figures compare
across models.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from extractors.tagger.labels import LabelScheme, encode_events, token_shapes

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "data" / "train"
CORRECTIONS = DATA_DIR / "corrections.jsonl"
ADDED = DATA_DIR / "added.jsonl"
TEACHER_LABELS = DATA_DIR / "teacher-labels.jsonl.gz"
SHARED_TRAIN = REPO.parent / "shared" / "train" / "sentences.jsonl"  # beside the repo; training only
SPLIT_SEED = 13
VAL_FRAC = 0.15


def load_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def apply_corrections(rows: list[dict], corrections: Iterable[dict]) -> list[dict]:
    """Rows with each correction applied: ``{sid, event, status}`` re-labels an event, ``{sid, event,
    remove: true}`` drops it. Unknown sids or event indices raise (the corrections must fit the data)."""
    by_sid: dict[str, list[dict]] = {}
    for c in corrections:
        by_sid.setdefault(c["sid"], []).append(c)
    out, seen = [], set()
    for row in rows:
        changes = by_sid.get(row["sid"])
        if not changes:
            out.append(row)
            continue
        seen.add(row["sid"])
        events = [dict(e) for e in row["events"]]
        drop = set()
        for c in changes:
            if not 0 <= c["event"] < len(events):
                raise ValueError(f"correction {c}: {row['sid']} has {len(events)} events")
            if c.get("remove"):
                drop.add(c["event"])
            else:
                events[c["event"]]["status"] = c["status"]
        out.append({**row, "events": [e for i, e in enumerate(events) if i not in drop]})
    missing = set(by_sid) - seen
    if missing:
        raise ValueError(f"corrections name sentences not in the data: {sorted(missing)[:5]}")
    return out


def split_by_article(rows: list[dict], val_frac: float = VAL_FRAC, seed: int = SPLIT_SEED
                     ) -> tuple[list[dict], list[dict]]:
    """Train/validation split with every article's sentences on one side."""
    articles = sorted({r["article_id"] for r in rows})
    random.Random(seed).shuffle(articles)
    held = set(articles[:round(len(articles) * val_frac)])
    return [r for r in rows if r["article_id"] not in held], [r for r in rows if r["article_id"] in held]


def sentence_key(text: str) -> str:
    """A short digest that checks a teacher-labelled sentence was cut from the same text again."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def write_teacher_labels(path: Path, rows: list[dict]) -> None:
    """Teacher-labelled rows, without their text: ``{article_id, start, end, key, published, events}``."""
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"article_id": r["article_id"], "start": r["start"], "end": r["end"],
                                "key": sentence_key(r["sentence"]), "published": r["published"],
                                "events": r["events"]}, ensure_ascii=False) + "\n")


def load_teacher_labels(path: Path, articles: dict[str, str]) -> list[dict]:
    """Teacher-labelled rows with their sentence text restored from ``articles`` (id -> text); a row whose
    article is missing or whose text no longer matches is skipped."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = articles.get(r["article_id"])
            if text is None:
                continue
            sentence = text[r["start"]:r["end"]]
            if sentence_key(sentence) == r["key"]:
                out.append({**r, "sentence": sentence, "sid": f"t:{r['article_id']}:{r['start']}"})
    return out


def encode_rows(tokenizer, rows: list[dict], scheme: LabelScheme, weight: float = 1.0) -> list[dict]:
    """Token ids, word shapes and targets for each row."""
    out = []
    for row, enc in zip(rows, tokenizer.encode_batch([r["sentence"] for r in rows]), strict=True):
        offsets = np.asarray(enc.offsets, np.int64)
        targets = encode_events(offsets, np.asarray(enc.special_tokens_mask, bool), row["events"], scheme)
        targets.weight = weight
        out.append({"ids": np.asarray(enc.ids, np.int64), "shapes": token_shapes(row["sentence"], offsets,
                                                                                 enc.word_ids),
                    "targets": targets})
    return out


def make_batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of similar length: shuffle, sort within pools of 8 batches, shuffle batches."""
    order = rng.permutation(len(lengths))
    pool = batch_size * 8
    batches = []
    for lo in range(0, len(order), pool):
        chunk = order[lo:lo + pool]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]
