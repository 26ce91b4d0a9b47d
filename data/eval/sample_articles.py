"""Choose the articles of a development set (how ``data/eval/dev3.jsonl`` and ``dev4.jsonl`` were drawn;
``data/eval/README.md``).

    python data/eval/sample_articles.py --out /tmp/dev3 --articles 80 --per-batch 20
    python data/eval/sample_articles.py --out /tmp/dev4 --articles 60 --per-batch 15 --seed 29
    python data/eval/sample_articles.py --out /tmp/dev5 --articles 60 --per-batch 15 --seed 31 --unread
    python data/eval/sample_articles.py --out /tmp/dev11 --articles 80 --per-batch 20 --seed 61 --unread --chooser times
    python data/eval/sample_articles.py --out /tmp/dev12 --articles 80 --per-batch 20 --seed 67 --unread \
        --chooser baseline

From the Reuters 2006-2013 days (64 articles) and the news-pool's NYT, HuffPost, Fox and Reuters-politics articles
(16), never an article of dev, dev2, an earlier ``data/eval/dev*.jsonl``, ``shared/train`` or
``data/train/added.jsonl``; at most 5,000 characters. Like dev and dev2, about four in five articles report some
meeting the shipped tagger calls scheduled, the rest only mention meetings. ``--chooser baseline`` leaves the tagger
out of the choice (so that the set does not favour the shipped tagger's recall): the baseline extractor's
(spaCy + dateparser) scheduled events sort the articles instead; ``--chooser times`` uses no model: four in five
articles then have a candidate sentence with a time expression (the document layer's), the rest one without (few
of them report a meeting: 2 of the first 20 of dev11).
``--unread``: Reuters days only, and never an article of the news pool (its articles are read to write and check
rules). Seeded. Writes ``batch_N.jsonl`` files of ``{id, source, published, title, text}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractors.quality.goldsets import repo_set_ids  # noqa: E402

SHARED = ROOT.parent / "shared"


def _used() -> set[str]:
    ids = set()
    for name in ("dev.jsonl", "dev2.jsonl"):
        ids |= {json.loads(line)["id"] for line in (SHARED / "eval" / name).read_text().splitlines()}
    ids |= repo_set_ids()  # the sets drawn before
    for path in (SHARED / "train" / "sentences.jsonl", ROOT / "data" / "train" / "added.jsonl"):
        ids |= {json.loads(line)["article_id"] for line in path.read_text().splitlines() if line.strip()}
    return ids


def main(argv: list[str] | None = None) -> None:
    from extractors.ingest.articles import Article
    from extractors.language.document import Document
    from extractors.runs.extractor import load_extractor
    from extractors.tagger.runtime import OnnxTagger

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--articles", type=int, default=80)
    ap.add_argument("--per-batch", type=int, default=20)
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--unread", action="store_true", help="Reuters days only, no article of the news pool")
    ap.add_argument("--chooser", choices=("tagger", "baseline", "times"), default="tagger",
                    help="what sorts articles into the four in five and the rest: scheduled events of the shipped "
                         "tagger or of the baseline extractor, or (no model) a time expression in a candidate "
                         "sentence")
    a = ap.parse_args(argv)
    used, rng = _used(), random.Random(a.seed)
    reuters = []
    for f in sorted((SHARED / "corpus" / "reuters-2006-2013").glob("*/reuters.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            reuters.extend(json.loads(line) for line in fh if line.strip())
    pool = [json.loads(line) for line in (SHARED / "corpus" / "news-pool.jsonl").read_text().splitlines()]
    if a.unread:
        used |= {r["id"] for r in pool}
    pool = [r for r in pool if r["id"].split(":")[0] in ("basil", "allthenews", "isot-true")]
    tagger = OnnxTagger() if a.chooser == "tagger" else None
    baseline = load_extractor("baseline") if a.chooser == "baseline" else None
    chosen = []
    shares = ((reuters, a.articles),) if a.unread else (
        (reuters, a.articles * 4 // 5), (pool, a.articles - a.articles * 4 // 5))
    for rows, n in shares:
        rng.shuffle(rows)
        want = {True: n - n // 5, False: n // 5}
        for art in rows:
            if not sum(want.values()):
                break
            if art["id"] in used or len(art["text"]) > 5000:
                continue
            published = dt.datetime.fromisoformat(str(art["published"])[:10]).replace(tzinfo=dt.UTC)
            article = Article(str(art["id"]), art["text"], published)
            doc = Document.build(article)
            if not doc.candidates:
                continue
            if tagger is not None:
                found = tagger.tag([doc.sentences[i].text for i in doc.candidates])
                scheduled = any(e.status == "scheduled" for ev in found for e in ev)
            elif baseline is not None:
                scheduled = any(row["status"] == "scheduled" for row in baseline.extract([article])[0])
            else:
                scheduled = any(doc.times(i) for i in doc.candidates)
            if want[scheduled]:
                want[scheduled] -= 1
                used.add(art["id"])
                chosen.append({k: art.get(k) for k in ("id", "source", "published", "title", "text")})
    rng.shuffle(chosen)
    a.out.mkdir(parents=True, exist_ok=True)
    for b in range(0, len(chosen), a.per_batch):
        with open(a.out / f"batch_{b // a.per_batch}.jsonl", "w", encoding="utf-8") as fh:
            for art in chosen[b:b + a.per_batch]:
                fh.write(json.dumps({**art, "published": str(art["published"])[:10]}, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
