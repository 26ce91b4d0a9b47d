"""End-to-end throughput and memory of `agenda extract` on the Reuters archive.

    python benchmarks/throughput.py --articles 5000                  # model vs baseline vs naive pipeline
    python benchmarks/throughput.py --articles 0 --extractors model  # the whole archive (headline figure)
    python benchmarks/throughput.py --articles 2000 --scaling        # 1 vs 2 workers, memory at 1x/4x/16x

Each configuration runs in a fresh process (so peak RSS is its own) ``--repeat`` times; the table shows
medians. Stage shares come from the run's own counters: read (incl. dedup), split, candidate filter,
tagger, assembly (time/participant/place resolution, clustering), Parquet write.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "reuters-2006-2013"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def make_slice(n: int, out: Path, corpus: Path = CORPUS, copies: int = 1) -> tuple[Path, int]:
    """The first ``n`` articles of the archive (``copies`` times, with fresh ids and text) as daily files."""
    if n == 0 and copies == 1:
        return corpus, sum(1 for d in corpus.iterdir() for _ in gzip.open(d / "reuters.jsonl.gz"))
    written = 0
    for copy in range(copies):
        taken = 0
        for day in sorted(corpus.iterdir()):
            if n and taken >= n:
                break
            with gzip.open(day / "reuters.jsonl.gz", "rt", encoding="utf-8") as f:
                lines = f.read().splitlines()
            if n:
                lines = lines[: n - taken]
            taken += len(lines)
            if copy:
                lines = [_variant(line, copy) for line in lines]
            target = out / f"{day.name}-{copy}" / "reuters.jsonl.gz"
            target.parent.mkdir(parents=True, exist_ok=True)
            with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as f:
                f.write("\n".join(lines) + "\n")
        written += taken
    return out, written


def _variant(line: str, copy: int) -> str:
    """A copy of an article that is not an exact duplicate (so it is extracted, not skipped)."""
    row = json.loads(line)
    row["id"] = f"{row['id']}#copy{copy}"
    row["text"] = f"{row['text']} (copy {copy})"
    return json.dumps(row)


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_agenda(data: str, extractor: str, workers: int, threads: int | None) -> dict:
    """One `agenda extract` run in this process; returns its figures."""
    from extractors.extractor import load_extractor
    from extractors.pipeline import run_extract

    with tempfile.TemporaryDirectory() as wh:
        options = {"threads": threads} if threads and extractor == "model" else {}
        ex = load_extractor(extractor, **options) if workers == 1 else extractor
        t0 = time.perf_counter()
        s = run_extract([data], wh, extractor=ex, workers=workers, batch_size=256)
        wall = time.perf_counter() - t0
        out_bytes = sum(p.stat().st_size for p in Path(wh).rglob("*.parquet"))
        stats = ex.stats if workers == 1 else None
    figures = {"wall": wall, "articles": s.articles_read, "events": s.events, "read": s.read_seconds,
               "write": s.write_seconds, "extract": s.extract_seconds, "out_bytes": out_bytes,
               "rss_mb": _peak_rss_mb()}
    if stats:
        figures.update(sentences=stats.sentences, candidates=stats.candidates, split=stats.split_seconds,
                       filter=stats.filter_seconds, tag=stats.tag_seconds, assemble=stats.assemble_seconds)
    return figures


def run_naive(data: str, limit: int) -> dict:
    """transformers.pipeline("token-classification") over every sentence (torch; no candidate filter)."""
    import torch
    from transformers import pipeline

    from extractors.reading import read_inputs
    from extractors.sentences import split_sentences

    torch.set_num_threads(2)
    model_dir = ROOT / "models" / "agenda-tagger-v1"
    tagger = pipeline("token-classification", model=str(model_dir), device=-1, dtype=torch.float32)
    t0 = time.perf_counter()
    n = sentences = 0
    for rec in read_inputs([data]):
        if getattr(rec, "text", None) is None:
            continue
        sents = [s.text for s in split_sentences(rec.text)]
        tagger(sents, batch_size=32)
        n, sentences = n + 1, sentences + len(sents)
        if n >= limit:
            break
    return {"wall": time.perf_counter() - t0, "articles": n, "sentences": sentences, "candidates": sentences,
            "rss_mb": _peak_rss_mb()}


def _child(config: dict) -> dict:
    cmd = [sys.executable, __file__, "--child", json.dumps(config)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"benchmark child failed: {config}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in runs) if isinstance(runs[0][k], int | float) else runs[0][k]
            for k in runs[0]}


def candidate_recall() -> str:
    """Share of dev gold meetings with at least one sentence that passes the candidate filter."""
    from extractors.candidates import is_candidate

    if not DEV.exists():
        return "n/a"
    gold = [m for line in DEV.open() for m in json.loads(line)["meetings"]]
    hit = sum(any(is_candidate(s) for s in (m["sentence"], *m.get("also_in", []))) for m in gold)
    return f"{hit}/{len(gold)} = {hit / len(gold):.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=5000, help="slice size (0 = the whole archive)")
    ap.add_argument("--extractors", default="model,baseline,naive")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=None, help="ONNX Runtime threads per process")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--naive-articles", type=int, default=300, help="the naive pipeline runs on this many")
    ap.add_argument("--scaling", action="store_true", help="also 2 workers, and memory at 4x and 16x the slice")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        c = json.loads(args.child)
        res = run_naive(c["data"], c["limit"]) if c["kind"] == "naive" else run_agenda(
            c["data"], c["kind"], c["workers"], c.get("threads"))
        print(json.dumps(res))
        return
    from rich.console import Console
    from rich.table import Table

    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data, n = make_slice(args.articles, Path(tmp) / "x1")
        for kind in args.extractors.split(","):
            config = {"kind": kind, "data": str(data), "workers": args.workers, "threads": args.threads,
                      "limit": args.naive_articles}
            runs = [_child(config) for _ in range(1 if kind == "naive" else args.repeat)]
            rows.append((f"{kind} ({args.workers} worker{'s' * (args.workers > 1)})", _median(runs)))
        if args.scaling:
            main_kind = args.extractors.split(",")[0]
            base = {"kind": main_kind, "data": str(data), "threads": args.threads}
            rows.append((f"{main_kind} (1 worker)", _child({**base, "workers": 1})))
            rows.append((f"{main_kind} (2 workers)", _child({**base, "workers": 2})))
            for copies in (4, 16):
                bigger, _ = make_slice(args.articles, Path(tmp) / f"x{copies}", copies=copies)
                rows.append((f"{main_kind} {copies}x slice", _child({**base, "data": str(bigger), "workers": 1})))
    table = Table(title=f"agenda extract on {n:,} Reuters articles (medians of {args.repeat})")
    for col in ("config", "articles", "wall s", "articles/s", "sent/s to tagger", "tagger sent/article",
                "peak RSS MB", "out bytes/article", "read|split|filter|tag|assemble|write %"):
        table.add_column(col, justify="right")
    for name, r in rows:
        rate = r["articles"] / r["wall"]
        shares = "-"
        if "tag" in r and "split" in r:
            parts = [r["read"], r["split"], r["filter"], r["tag"], r["assemble"], r["write"]]
            shares = "|".join(f"{100 * p / r['wall']:.0f}" for p in parts)
        table.add_row(name, f"{r['articles']:,}", f"{r['wall']:.1f}", f"{rate:.1f}",
                      f"{r.get('candidates', 0) / r['wall']:.0f}" if "candidates" in r else "-",
                      f"{r['candidates'] / r['articles']:.2f}" if "candidates" in r else "-",
                      f"{r['rss_mb']:.0f}", f"{r['out_bytes'] / r['articles']:.0f}" if "out_bytes" in r else "-",
                      shares)
    console = Console(width=200)
    console.print(table)
    base = next((r for name, r in rows if name.startswith("baseline")), None)
    if base:
        for name, r in rows:
            console.print(f"{name}: {r['articles'] / r['wall'] / (base['articles'] / base['wall']):.2f}x baseline")
    console.print(f"candidate filter recall on dev gold meetings: {candidate_recall()}")
    console.print(f"cpu count {os.cpu_count()}")


if __name__ == "__main__":
    main()
