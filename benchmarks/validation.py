"""Sentence-level validation of tagger model dirs: the shared data's held-out 15% through the int8 runtime.

    python benchmarks/validation.py [MODEL_DIR ...]        # default: the shipped model

The validation sentences are the ones ``agenda train`` validates on (15% of the shared articles, seed 13, with
``data/train/corrections.jsonl`` applied); each model dir is run as the pipeline runs it (``OnnxTagger``, one
thread) and scored by ``extractors.training.metrics.evaluate``: the model issue's four figures (scheduled events,
argument linking, status accuracy, participant F1), linking counted with a span right when it ends where the gold
one ends (a title or determiner more or less), and the argument errors sorted by cause.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.tagger.runtime import OnnxTagger, resolve_model_dir  # noqa: E402
from extractors.training.data import SHARED_TRAIN  # noqa: E402
from extractors.training.metrics import evaluate  # noqa: E402
from extractors.training.train import load_training_set  # noqa: E402


def validation_rows() -> list[dict]:
    """The sentences every model is validated on (what ``agenda train`` holds out)."""
    return load_training_set(SHARED_TRAIN).val


def measure(model: Path, rows: list[dict], scheduled_min_p: float | None = None) -> dict:
    """``extractors.training.metrics.evaluate`` of one model dir, run as the pipeline runs it (int8, one thread;
    ``scheduled_min_p``: another status threshold than the shipped one, e.g. 0.0 for argmax)."""
    tagger = OnnxTagger(model, threads=1)
    if scheduled_min_p is not None:
        tagger.scheduled_min_p = scheduled_min_p
    return evaluate(rows, tagger.tag([r["sentence"] for r in rows]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="*", type=Path, help="model dirs (default: the shipped model)")
    a = ap.parse_args(argv)
    rows = validation_rows()
    print(f"{len(rows)} validation sentences\n")
    print("| model | sched. events F1 | linking F1 | linking F1, same end | status acc. | participant F1 | "
          "argument errors: other event / boundary / missed / spurious |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for d in a.models or [resolve_model_dir(None)]:
        m = measure(d, rows)
        e = m["argument_errors"]
        print(f"| {d} | {m['scheduled_event']['f1']:.1f} | {m['argument_linking']['f1']:.1f} | "
              f"{m['argument_linking_head']['f1']:.1f} | {m['status_accuracy']:.1f} | "
              f"{m['spans']['participant']['f1']:.1f} | "
              f"{e['other_event']} / {e['boundary']} / {e['missed']} / {e['spurious']} |")


if __name__ == "__main__":
    main()
