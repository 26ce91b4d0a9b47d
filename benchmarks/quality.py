"""Article-level quality: dev, dev3 to dev12 and dev2 with every rule group on, and with each group off (ablation).

    python benchmarks/quality.py [--sets dev,dev3,dev4,dev5,dev6,dev7,dev8,dev9,dev10,dev11,dev12,dev2]
                                 [--extractor model|baseline] [--no-ablation] [--torch-model DIR | --vote DIR,...]

Each gold set is read as the pipeline reads articles, tagged once, then assembled with every rule group
on and once more with each group off, and scored with ``extractors.quality.evaluate`` (the rules of
``shared/eval/score.py``). A group that pays on dev but not on dev3 and dev2 is a rule fitted to dev.
dev2 is held out: read its column to check a finished step, never to choose the next rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.assembly import RULES, RuleSet, assemble
from extractors.ingest.articles import Article
from extractors.language.document import Document
from extractors.quality import goldsets
from extractors.quality.evaluate import score
from extractors.runs.extractor import load_extractor

COLUMNS = ("precision", "recall", "f1", "strict_f1", "date_exact", "location", "participants_f1")


def tagged(rows: list[dict], extractor) -> list[tuple[Document, list]]:
    """Each gold article as a document with its tagged candidate sentences (tagged once, in one call)."""
    docs = []
    for r in rows:
        published = dt.datetime.fromisoformat(str(r["published"])[:10]).replace(tzinfo=dt.UTC)
        docs.append(Document.build(Article(str(r["id"]), r["text"], published)))
    flat = [d.sentences[i].text for d in docs for i in d.candidates]
    events = extractor.tagger.tag(flat)
    out, k = [], 0
    for d in docs:
        out.append((d, [(d.sentences[i], events[k + j]) for j, i in enumerate(d.candidates)]))
        k += len(d.candidates)
    return out


def measure(gold: list[dict], docs: list[tuple[Document, list]], rules: RuleSet, label: str) -> dict:
    events = [row for doc, found in docs for row in assemble(doc, found, extractor=label, rules=rules)]
    return score(gold, events).report()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="dev,dev3,dev4,dev5,dev6,dev7,dev8,dev9,dev10,dev11,dev12,dev2")
    ap.add_argument("--extractor", default="model")
    ap.add_argument("--no-ablation", action="store_true")
    ap.add_argument("--without", default="", help="also score with these rule groups off together (a,b,...)")
    ap.add_argument("--torch-model", type=Path, help="tag with this model dir on torch (e.g. the teacher)")
    ap.add_argument("--vote", help="tag with the majority vote of these model dirs (DIR,DIR,...: the ensemble "
                                   "teacher of agenda distill)")
    a = ap.parse_args(argv)
    sets = a.sets.split(",")
    if a.torch_model:
        from extractors.runs.extractor import MeetingExtractor
        from extractors.tagger.runtime import TorchTagger

        extractor = MeetingExtractor(TorchTagger(a.torch_model, device="cpu"))
    elif a.vote:
        from extractors.runs.extractor import MeetingExtractor
        from extractors.tagger.runtime import OnnxTagger
        from extractors.training.vote import VotingTagger

        extractor = MeetingExtractor(VotingTagger([OnnxTagger(d) for d in a.vote.split(",")]))
    else:
        extractor = load_extractor(a.extractor)
    t0 = time.perf_counter()
    gold = {s: goldsets.load(s) for s in sets}
    docs = {s: tagged(gold[s], extractor) for s in sets}
    configs = [("all rules", RuleSet())]
    if a.without:
        configs.append((f"without {a.without}", RuleSet.without(a.without.split(","))))
    if not a.no_ablation:
        configs += [(f"without {name}", RuleSet.without([name])) for name in RULES]
    results = {label: {s: measure(gold[s], docs[s], rules, extractor.label) for s in sets}
               for label, rules in configs}
    head = "| configuration | " + " | ".join(f"{s} P / R / F1 / strict / date / loc / part" for s in sets) + " |"
    print(f"{extractor.label}; {', '.join(f'{s}: {len(gold[s])} articles' for s in sets)}; "
          f"{time.perf_counter() - t0:.0f} s\n")
    print(head)
    print("| --- |" + " --- |" * len(sets))
    base = results["all rules"]
    for label, by_set in results.items():
        cells = []
        for s in sets:
            r = by_set[s]
            text = " / ".join(f"{r[c]:.3f}" for c in COLUMNS)
            if label != "all rules":
                text += f" ({r['strict_f1'] - base[s]['strict_f1']:+.3f})"
            cells.append(text)
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
