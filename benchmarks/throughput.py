"""End-to-end throughput and memory of `agenda extract` on the Reuters archive.

    python benchmarks/throughput.py --articles 5000                  # model vs baseline vs naive pipeline
    python benchmarks/throughput.py --days 30 --extractors model     # the first 30 archive days
    python benchmarks/throughput.py --articles 0 --extractors model  # the whole archive (headline figure)
    python benchmarks/throughput.py --articles 3000 --scaling        # 1 vs 2 workers, memory at 1x/4x/16x
    python benchmarks/throughput.py --days 60 --device cuda          # + the GPU path, its tagger alone, agreement

The slice is the first ``--articles`` articles (or ``--days`` days) of the archive, copied as daily files.
Each configuration runs in a fresh process (so peak memory is its own) ``--repeat`` times; the table shows
medians. Columns: articles/s end to end (read, dedup, split, candidate filter, model, resolution, Parquet
write and publish); each stage's share of the wall time, from the run's own counters (``read`` is reading
and parsing, ``dedup`` hashing and duplicate look-ups, ``tag`` the model or lexical tagger, ``resolve``
assembly: time/participant/place resolution and clustering; the rest, ``other``, is set-up, run records
and the hand-over between stages); sentences sent to the tagger per article; peak RSS (the largest of the
run's processes, and all of them together, sampled); Parquet bytes written per article. The naive
``transformers.pipeline("token-classification")`` tags every sentence (no candidate filter) of the first
``--naive-articles`` articles of the same slice (it runs at ~8 articles/s); ratios are articles/s ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "reuters-2006-2013"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
STAGES = ("read", "dedup", "split", "filter", "tag", "resolve", "write", "other")


def make_slice(n: int, out: Path, corpus: Path = CORPUS, copies: int = 1, days: int = 0) -> tuple[Path, int]:
    """The first ``n`` articles (0: all) or ``days`` days of the archive, ``copies`` times (with fresh ids
    and text, so the copies are extracted, not skipped as duplicates), as daily files under ``out``."""
    all_days = sorted(p for p in corpus.iterdir() if (p / "reuters.jsonl.gz").is_file())
    if days:
        all_days = all_days[:days]
        n = 0
    if n == 0 and copies == 1 and not days:
        return corpus, sum(1 for d in all_days for _ in gzip.open(d / "reuters.jsonl.gz"))
    written = 0
    for copy in range(copies):
        taken = 0
        for day in all_days:
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


class _RssSampler:
    """Peak RSS of this process plus its children, sampled every 0.2 s (for multi-process runs)."""

    def __init__(self) -> None:
        import psutil

        self._me = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.wait(0.2):
            total = 0
            for p in [self._me, *self._me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)


def _peak_rss_mb() -> float:
    """The largest peak RSS of this process and of any child it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_agenda(data: str, extractor: str, workers: int | None, threads: int | None, device: str = "cpu") -> dict:
    """One `agenda extract` run in this process (``workers`` None: the defaults); returns its figures."""
    from extractors.ingest.reading import discover
    from extractors.runs.extractor import load_extractor
    from extractors.runs.pipeline import default_workers, run_extract

    n_workers = default_workers() if workers is None else workers
    processes = min(n_workers, len(discover([data]))) if n_workers > 1 else 1
    with tempfile.TemporaryDirectory() as wh, _RssSampler() as rss:
        options = {"threads": threads} if threads and extractor == "model" else {}
        ex = load_extractor(extractor, **options) if n_workers == 1 and device == "cpu" else extractor
        t0 = time.perf_counter()
        s = run_extract([data], wh, extractor=ex, workers=n_workers, batch_size=256, device=device)
        wall = time.perf_counter() - t0
        out_bytes = sum(p.stat().st_size for p in Path(wh).rglob("*.parquet"))
    figures = {"wall": wall, "articles": s.articles_read, "events": s.events, "out_bytes": out_bytes,
               "rss_mb": _peak_rss_mb(), "rss_total_mb": max(rss.peak / 2**20, _peak_rss_mb()),
               "workers": n_workers, "processes": processes, "sentences": s.sentences, "candidates": s.candidates,
               "read": s.read_seconds - s.dedup_seconds, "dedup": s.dedup_seconds, "split": s.split_seconds,
               "filter": s.filter_seconds, "tag": s.tag_seconds, "resolve": s.assemble_seconds,
               "write": s.write_seconds}
    # Stage shares are of the processes' busy time (wall x processes): with several workers they overlap.
    figures["busy"] = wall * processes
    figures["other"] = max(0.0, figures["busy"] - sum(figures[k] for k in STAGES[:-1]))
    return figures


def _candidates(data: str, limit: int) -> list[str]:
    """The sentences of the slice that reach the tagger (split and candidate filter), at most ``limit``."""
    from extractors.ingest.articles import Article
    from extractors.ingest.reading import read_inputs
    from extractors.language.document import Document
    from extractors.language.sentences import split_sentences

    out: list[str] = []
    for rec in read_inputs([data]):
        if isinstance(rec, Article):
            doc = Document.build(rec, list(split_sentences(rec.text)))
            out += [doc.sentences[i].text for i in doc.candidates]
            if len(out) >= limit:
                break
    return out[:limit]


def run_tagger_alone(data: str, device: str, limit: int, agree: int) -> dict:
    """The torch tagger alone on ``device`` over the slice's candidates (big token-budget batches, median
    of 3 passes after a warm-up), and the share of ``agree`` sentences whose events are identical to the
    int8 ONNX tagger's (spans, kind, status, arguments)."""
    from extractors.runs.tagging_service import SERVICE_BATCH_SENTENCES, SERVICE_MAX_TOKENS, check_device
    from extractors.tagger.runtime import OnnxTagger, TorchTagger

    torch_device = device.removeprefix("torch:")
    check_device(torch_device)
    sentences = _candidates(data, limit)
    tagger = TorchTagger(device=torch_device, batch_size=SERVICE_BATCH_SENTENCES, max_tokens=SERVICE_MAX_TOKENS)
    tagger.tag(sentences[:2000])
    walls = []
    for _ in range(3):
        t0 = time.perf_counter()
        found = tagger.tag(sentences)
        walls.append(time.perf_counter() - t0)
    sample = sentences[:agree]
    int8 = OnnxTagger().tag(sample)

    def key(events: list) -> list:
        return [(e.trigger, e.kind, e.status, tuple(e.participants), e.time, e.place, e.event_name) for e in events]

    same = sum(key(a) == key(b) for a, b in zip(found[:agree], int8, strict=True))
    return {"sentences": len(sentences), "wall": statistics.median(walls), "agree": same, "compared": len(sample)}


def run_naive(data: str, limit: int) -> dict:
    """transformers.pipeline("token-classification") over every sentence (torch; no candidate filter)."""
    import torch
    from transformers import pipeline

    from extractors.ingest.reading import read_inputs
    from extractors.language.sentences import split_sentences
    from extractors.tagger.runtime import SHIPPED_MODEL

    torch.set_num_threads(os.cpu_count() or 1)
    model_dir = ROOT / "models" / SHIPPED_MODEL
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
    rss = _peak_rss_mb()
    return {"wall": time.perf_counter() - t0, "articles": n, "sentences": sentences, "candidates": sentences,
            "rss_mb": rss, "rss_total_mb": rss}


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
    from extractors.language.candidates import is_candidate

    if not DEV.exists():
        return "n/a"
    gold = [m for line in DEV.open() for m in json.loads(line)["meetings"]]
    hit = sum(any(is_candidate(s) for s in (m["sentence"], *m.get("also_in", []))) for m in gold)
    return f"{hit}/{len(gold)} = {hit / len(gold):.3f}"


def _workers_label(asked: int | None, run: dict) -> str:
    n = run["workers"]
    return f"defaults: {n} worker{'s' * (n > 1)}" if asked is None else f"--workers {asked}"


def _rate(r: dict) -> float:
    return r["articles"] / r["wall"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=5000, help="slice size (0 = the whole archive)")
    ap.add_argument("--days", type=int, default=0, help="slice = the first N days of the archive instead")
    ap.add_argument("--extractors", default="model,baseline,naive")
    ap.add_argument("--workers", type=int, default=None, help="default: agenda's default (one per usable core)")
    ap.add_argument("--threads", type=int, default=None, help="ONNX Runtime threads per process")
    ap.add_argument("--device", default="cpu", help="also run the model on this device (cuda; torch:cpu to try "
                    "the same code on CPU): end to end, the tagger alone, and its agreement with int8 on CPU")
    ap.add_argument("--tagger-sentences", type=int, default=50_000, help="candidates for the tagger-alone run")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--naive-articles", type=int, default=300, help="the naive pipeline runs on this many")
    ap.add_argument("--scaling", action="store_true", help="also 1 vs 2 workers, and memory at 4x and 16x the slice")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        c = json.loads(args.child)
        if c["kind"] == "naive":
            res = run_naive(c["data"], c["limit"])
        elif c["kind"] == "tagger-alone":
            res = run_tagger_alone(c["data"], c["device"], c["limit"], c["agree"])
        else:
            res = run_agenda(c["data"], c["kind"], c["workers"], c.get("threads"), c.get("device", "cpu"))
        print(json.dumps(res))
        return
    from rich.console import Console
    from rich.table import Table

    kinds = args.extractors.split(",")
    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data, n = make_slice(args.articles, Path(tmp) / "x1", days=args.days)
        for kind in kinds:
            config = {"kind": kind, "data": str(data), "workers": args.workers, "threads": args.threads,
                      "limit": args.naive_articles}
            runs = [_child(config) for _ in range(1 if kind == "naive" else args.repeat)]
            rows.append((f"{kind} (first {runs[0]['articles']:,})" if kind == "naive" else
                         f"{kind} ({_workers_label(args.workers, runs[0])})", _median(runs)))
            if kind == kinds[0] != "naive" and args.workers is None and runs[0]["workers"] > 1:
                runs = [_child({**config, "workers": 1}) for _ in range(args.repeat)]
                rows.append((f"{kind} (--workers 1)", _median(runs)))
        if args.device != "cpu":
            config = {"kind": "model", "data": str(data), "workers": args.workers, "device": args.device}
            runs = [_child(config) for _ in range(args.repeat)]
            rows.append((f"model --device {args.device} ({_workers_label(args.workers, runs[0])})", _median(runs)))
            alone = _child({"kind": "tagger-alone", "data": str(data), "device": args.device,
                            "limit": args.tagger_sentences, "agree": 3000})
        if args.scaling:
            main_kind = kinds[0]
            base = {"kind": main_kind, "data": str(data), "threads": args.threads}
            for w in (1, 2):
                runs = [_child({**base, "workers": w}) for _ in range(args.repeat)]
                rows.append((f"{main_kind} ({w} worker{'s' * (w > 1)})", _median(runs)))
            for copies in (4, 16):
                bigger, _ = make_slice(args.articles, Path(tmp) / f"x{copies}", copies=copies, days=args.days)
                rows.append((f"{main_kind} {copies}x slice", _child({**base, "data": str(bigger), "workers": 1})))
    what = f"the first {args.days} days ({n:,} articles)" if args.days else f"{n:,} Reuters articles"
    table = Table(title=f"agenda extract on {what} (medians of {args.repeat}; {os.cpu_count()} CPUs)")
    for col in ("config", "articles", "wall s", "articles/s", "sent/s to tagger", "tagger sent/article",
                "peak RSS MB (max|all)", "out bytes/article", "|".join(STAGES) + " %"):
        table.add_column(col, justify="right")
    for name, r in rows:
        shares = "|".join(f"{100 * r[k] / r['busy']:.0f}" for k in STAGES) if "tag" in r else "-"
        table.add_row(name, f"{r['articles']:,}", f"{r['wall']:.1f}", f"{_rate(r):.1f}",
                      f"{r['candidates'] / r['wall']:.0f}" if "candidates" in r else "-",
                      f"{r['candidates'] / r['articles']:.2f}" if "candidates" in r else "-",
                      f"{r['rss_mb']:.0f}|{r['rss_total_mb']:.0f}",
                      f"{r['out_bytes'] / r['articles']:.0f}" if "out_bytes" in r else "-", shares)
    console = Console(width=200)
    console.print(table)
    first: dict[str, dict] = {}
    for name, r in rows:
        first.setdefault(name.split(" ")[0], r)
    for kind in ("baseline", "naive"):
        if kind in first and kinds[0] != kind:
            console.print(f"{kinds[0]} / {kind}: {_rate(first[kinds[0]]) / _rate(first[kind]):.2f}x articles/s")
    if "tag" in first.get(kinds[0], {}):
        r = first[kinds[0]]
        console.print(f"{kinds[0]} tagger: {r['candidates'] / r['tag']:.0f} sentences/s while tagging; "
                      f"{r['candidates']:,} of {r['sentences']:,} sentences reach it")
    if args.device != "cpu":
        share = alone["agree"] / max(1, alone["compared"])
        console.print(f"torch tagger alone on {args.device}: {alone['sentences'] / alone['wall']:,.0f} sentences/s "
                      f"({alone['sentences']:,} candidates, median of 3); identical events to int8 on CPU for "
                      f"{alone['agree']:,} of {alone['compared']:,} sentences ({share:.1%})")
    console.print(f"candidate filter recall on dev gold meetings: {candidate_recall()}")


if __name__ == "__main__":
    main()
