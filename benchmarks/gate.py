"""Judge a training recipe's seeds against a gate declared in the shipped model's card.

    python benchmarks/gate.py state/models/X state/models/X-seed7 state/models/X-seed21   # one recipe's seeds
    python benchmarks/gate.py --gate x state/models/Z state/models/Z-seed7 ...             # Z's gate

The gates (``models/agenda-tagger-v4/MODEL_CARD.md``), as data in ``GATES``: ``x``, declared with candidate X
before it was trained (it judges X, Y and Z), ``after-z``, declared before dev11 and dev12 were scored (it judged
AA, shipped as agenda-tagger-v4), and ``after-aa``, declared when v4 shipped (the candidates after it, against
AA's recipe means). Each asks that the mean of the recipe's three seeds beat the shipped recipe's means
on validation scheduled-event F1 and linking F1, reach the shipped model's detection F1 and pass its strict F1 on
the unread sets pooled (``x``: dev2+dev9; the others: dev2, dev9, dev10, dev11 and dev12), and keep dev detection
F1. The validation and article figures are measured with the code the gate was declared with (its commit, checked
out into a temporary worktree: its decoder and rules), the shipped model's in the same run, so a later change of the
decoder or the rules cannot move a recipe across it.
Printed: each seed's figures (and, for reading, the article figures with this tree's rules), the means, and each
condition. Whether the seed to ship passes the whole test suite (the seed article's rows) is the last condition,
checked by hand (``AGENDA_MODEL_DIR=DIR python -m pytest``). The gate before them (recipes R-W) stays in the card
as written.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.tagger.runtime import resolve_model_dir  # noqa: E402

SHIPPED = "shipped"  # a threshold measured on the shipped model in the same run
UNREAD = "dev2+dev9+dev10+dev11+dev12"


class Gate(NamedTuple):
    """One gate of the card: the commit whose rules and status threshold the article figures use, the unread sets
    scored as one, and the shipped recipe's validation means that scheduled-event F1 and linking F1 must beat."""

    rules: str
    pooled: str
    sched: float
    link: float

    def conditions(self) -> tuple[tuple[str, str, str, float | str], ...]:
        """(name, what is measured, comparison, threshold) of each condition."""
        return (
            ("validation scheduled-event F1", "sched", ">", self.sched),
            ("validation linking F1", "link", ">", self.link),
            (f"{self.pooled} detection F1", "pooled_f1", ">=", SHIPPED),
            (f"{self.pooled} strict F1", "pooled_strict", ">", SHIPPED),
            ("dev detection F1", "dev_f1", ">=", 0.78),
        )


GATES = {
    "x": Gate("788c517", "dev2+dev9", 75.9, 75.7),  # the rules of 847d089, which declared it (pools added since)
    "after-z": Gate("01c7e7e", UNREAD, 75.9, 75.7),  # the commit that declared it; agenda-tagger-v3's recipe means
    "after-aa": Gate("dea01be", UNREAD, 78.94, 77.19),  # the commit that shipped v4 and declared it; AA's means
}
DEFAULT_GATE = "after-aa"
# The sets printed with this tree's rules, for reading
SETS = ("dev", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev2")


_VALIDATE = """
import inspect, json, sys
from pathlib import Path
from validation import measure, validation_rows
from extractors.tagger import decoding
argmax = {"scheduled_min_p": 0.0} if "scheduled_min_p" in inspect.signature(measure).parameters else {}
if not argmax:
    decoding.SCHEDULED_MIN_P = 0.0  # an older decoder reads its threshold from the module
m = measure(Path(sys.argv[1]), validation_rows(), **argmax)
print(json.dumps({"sched": m["scheduled_event"]["f1"], "link": m["argument_linking"]["f1"],
                  "status": m["status_accuracy"], "part": m["spans"]["participant"]["f1"]}))
"""


def validation(model: Path, tree: Path) -> dict[str, float]:
    """The card's sentence-level figures of one model dir (``benchmarks/validation.py``'s measure) as ``tree``'s
    code measures them: the gate's commit, whose decoder measured the bars (a later change of the decoder moves
    every model's figures, not a recipe across its gate); status by argmax, as the bars were."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(tree), str(tree / "benchmarks")))}
    done = subprocess.run([sys.executable, "-c", _VALIDATE, str(model.resolve())], cwd=tree, env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def parse_quality(output: str) -> dict[str, tuple[float, float]]:
    """Detection F1 and strict F1 per set, from the "all rules" row of ``benchmarks/quality.py``'s table."""
    head = next(line for line in output.splitlines() if line.startswith("| configuration"))
    sets = re.findall(r"\| ([\w+]+) P / R", head)
    row = next(line for line in output.splitlines() if line.startswith("| all rules"))
    cells = [c.strip() for c in row.strip().strip("|").split("|")][1:]
    out = {}
    for name, cell in zip(sets, cells, strict=True):
        values = [float(v) for v in cell.split(" / ")]
        out[name] = (values[2], values[3])
    return out


def articles(model: Path, tree: Path, sets: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """``benchmarks/quality.py`` of ``tree`` (its rules) with ``model``'s tagger."""
    env = {**os.environ, "AGENDA_MODEL_DIR": str(model.resolve()), "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, str(tree / "benchmarks" / "quality.py"), "--no-ablation",
                           "--sets", ",".join(sets)], cwd=tree, env=env, check=True, capture_output=True, text=True)
    return parse_quality(done.stdout)


def figures(v: dict[str, float], a: dict[str, tuple[float, float]], pooled: str) -> dict[str, float]:
    return {**v, "pooled_f1": a[pooled][0], "pooled_strict": a[pooled][1], "dev_f1": a["dev"][0]}


def verdict(means: dict[str, float], shipped: dict[str, float],
            gate: Gate) -> list[tuple[str, float, str, float, bool]]:
    """Each gate condition: (name, the recipe's mean, comparison, threshold, holds); a ``SHIPPED`` threshold is
    the shipped model's figure."""
    out = []
    for name, key, op, limit in gate.conditions():
        bar = shipped[key] if limit == SHIPPED else limit
        out.append((name, means[key], op, bar, means[key] > bar if op == ">" else means[key] >= bar))
    return out


def _worktree(commit: str, tmp: Path) -> Path:
    tree = tmp / "rules"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), commit], check=True,
                   capture_output=True)
    (tmp / "shared").symlink_to(ROOT.parent / "shared")  # the tree finds ../shared beside it
    return tree


def _cells(figs: dict[str, tuple[float, float]], sets: tuple[str, ...]) -> str:
    return " | ".join(f"{figs[s][0]:.3f} / {figs[s][1]:.3f}" for s in sets)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="+", type=Path, help="the recipe's seeds (model dirs)")
    ap.add_argument("--gate", choices=tuple(GATES), default=DEFAULT_GATE,
                    help="the gate the recipe was declared under (model card)")
    a = ap.parse_args(argv)
    gate = GATES[a.gate]
    gate_sets = ("dev", gate.pooled)
    rows = {}
    shipped_dir = resolve_model_dir(None)
    with tempfile.TemporaryDirectory() as tmp:
        tree = _worktree(gate.rules, Path(tmp))
        try:
            for model in (shipped_dir, *a.models):
                rows[model] = (validation(model, tree), articles(model, tree, gate_sets),
                               articles(model, ROOT, SETS))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False,
                           capture_output=True)
    print(f"gate {a.gate}: validation (int8) and detection F1 / strict F1 with the gate's code ({gate.rules}), "
          "then per set with this tree's rules\n")
    print("| model | sched. | linking | status | participants | " + " | ".join(gate_sets) + " | "
          + " | ".join(f"{s} now" for s in SETS) + " |")
    print("| --- |" + " ---: |" * 4 + " --- |" * (len(gate_sets) + len(SETS)))
    for model, (v, judged, now) in rows.items():
        name = f"{model} (shipped)" if model == shipped_dir else str(model)
        print(f"| {name} | {v['sched']:.1f} | {v['link']:.1f} | {v['status']:.1f} | {v['part']:.1f} | "
              f"{_cells(judged, gate_sets)} | {_cells(now, SETS)} |")
    shipped = figures(*rows[shipped_dir][:2], gate.pooled)
    per_seed = [figures(v, judged, gate.pooled) for model, (v, judged, _) in rows.items() if model != shipped_dir]
    means = {key: statistics.mean(f[key] for f in per_seed) for key in per_seed[0]}
    print(f"\n| condition (mean of the {len(per_seed)} seeds; the card asks for three) | mean | gate | holds |\n"
          "| --- | ---: | --- | --- |")
    for name, value, op, limit, holds in verdict(means, shipped, gate):
        print(f"| {name} | {value:.3f} | {op} {limit:.3f} | {'yes' if holds else 'NO'} |")
    print("\nLast condition: the seed that would ship (13; 7 only if 13 fails, then 21) passes the whole suite: "
          "AGENDA_MODEL_DIR=DIR python -m pytest")


if __name__ == "__main__":
    main()
