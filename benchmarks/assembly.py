"""Cost of the document layer and assembly against the assembly this work started from, in one run.

    python benchmarks/assembly.py [--articles 3000] [--repeat 3] [--base a2ed115]

The first ``--articles`` Reuters archive articles are split and tagged once with the shipped tagger; the
same tagged sentences then go, ``--repeat`` times each, alternating, through (a) this tree's
``Document.build`` + ``assemble`` and (b) the assembly of commit ``--base`` (``git archive`` into a temp
folder, run in a child process on the same pickled input: it splits the article again and runs its own
time, name and place rules). Both first warm up on 200 articles (gazetteers load on first use). The document
also splits the article and runs the candidate filter, which that commit's extractor did before its assembly:
the old side is timed both without them and with them (the same work as the new side). Printed: the median
seconds of each, articles/s, and new/old.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "reuters-2006-2013"

_OLD_DRIVER = """
import pickle, sys, time
from extractors.assembly.assemble import assemble
from extractors.language.candidates import candidate_sentences
from extractors.language.sentences import split_sentences
items = pickle.load(open(sys.argv[1], "rb"))
for article, found in items[:200]:  # warm: gazetteers and caches load on first use
    assemble(article, found, extractor="old")
t0 = time.perf_counter()
rows = sum(len(assemble(article, found, extractor="old")) for article, found in items)
t1 = time.perf_counter()
for article, _ in items:  # what its extractor did per article besides: split, then the candidate filter
    candidate_sentences(article.text, list(split_sentences(article.text)))
print(t1 - t0, time.perf_counter() - t1, rows)
"""


def _articles(n: int) -> list:
    from extractors.ingest.articles import Article
    from extractors.ingest.readers.dates import parse_published

    out = []
    for path in sorted(CORPUS.glob("*/reuters.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                out.append(Article(row["id"], row["text"], parse_published(row["published"])))
                if len(out) >= n:
                    return out
    return out


def main(argv: list[str] | None = None) -> None:
    from extractors.assembly import assemble
    from extractors.language.document import Document
    from extractors.runs.extractor import load_extractor

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--base", default="a2ed115")
    a = ap.parse_args(argv)
    articles = _articles(a.articles)
    extractor = load_extractor("model")
    docs = [Document.build(art) for art in articles]
    tagged = extractor.tagger.tag([d.sentences[i].text for d in docs for i in d.candidates])
    items, k = [], 0
    for art, d in zip(articles, docs, strict=True):
        items.append((art, [(d.sentences[i], tagged[k + j]) for j, i in enumerate(d.candidates)]))
        k += len(d.candidates)
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = Path(tmp) / "old"
        old_tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", a.base, "extractors"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive, check=True)
        data = Path(tmp) / "items.pickle"
        data.write_bytes(pickle.dumps(items))
        new_s, old_s, old_split_s = [], [], []
        rows_new = rows_old = 0
        for art, found in items[:200]:  # warm, as the child does
            assemble(Document.build(art), found, extractor="new")
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            rows_new = sum(len(assemble(Document.build(art), found, extractor="new")) for art, found in items)
            new_s.append(time.perf_counter() - t0)
            done = subprocess.run([sys.executable, "-c", _OLD_DRIVER, str(data)], cwd=old_tree, check=True,
                                  capture_output=True, text=True, env={"PYTHONPATH": str(old_tree)})
            seconds, split_seconds, rows_old = done.stdout.split()
            old_s.append(float(seconds))
            old_split_s.append(float(seconds) + float(split_seconds))
    new, old, old_split = statistics.median(new_s), statistics.median(old_s), statistics.median(old_split_s)
    print(f"{len(items)} articles, {sum(len(f) for _, f in items)} tagged sentences; medians of {a.repeat}:")
    print("| assembly | seconds | articles/s | rows |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| {a.base}: its assembly (splits again; rules in code) | {old:.2f} | {len(items) / old:.0f} | {rows_old} |")
    print(f"| {a.base}: its split and candidate filter, then its assembly | {old_split:.2f} | "
          f"{len(items) / old_split:.0f} | {rows_old} |")
    print(f"| this tree: Document.build (split, candidate filter) + assembly | {new:.2f} | {len(items) / new:.0f} | "
          f"{rows_new} |")
    print(f"new / old time: {new / old:.2f}x against its assembly alone, {new / old_split:.2f}x against the same "
          "work (split, filter, assembly)")


if __name__ == "__main__":
    main()
