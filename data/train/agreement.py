"""Agreement between two annotators on the double-annotated sentences (``data/train/README.md``).

    python data/train/agreement.py A.jsonl B.jsonl ...   (pairs of converted files, same sids)

Triggers match when their spans overlap; on matched triggers, status and kind agreement and the F1 of
the exact participant, time and place spans; and Cohen's kappa of "the sentence has a scheduled event".
"""

from __future__ import annotations

import json
import sys
from collections import Counter


def _rows(path: str) -> dict[str, dict]:
    return {r["sid"]: r for r in (json.loads(line) for line in open(path, encoding="utf-8") if line.strip())}


def compare(pairs: list[tuple[dict, dict]]) -> dict:
    tp = n_a = n_b = 0
    status = kind = 0
    confusion: Counter[tuple[str, str]] = Counter()
    arg_tp = arg_a = arg_b = 0
    sched = Counter()
    for a, b in pairs:
        ea, eb = a["events"], b["events"]
        n_a, n_b = n_a + len(ea), n_b + len(eb)
        used: set[int] = set()
        for x in ea:
            t = x["trigger"]
            j = next((j for j, y in enumerate(eb) if j not in used and y["trigger"]["start"] < t["end"]
                      and t["start"] < y["trigger"]["end"]), None)
            if j is None:
                continue
            used.add(j)
            y = eb[j]
            tp += 1
            status += x["status"] == y["status"]
            kind += x["kind"] == y["kind"]
            confusion[x["status"], y["status"]] += 1
            sa = {(p["start"], p["end"]) for p in x["participants"]} | {
                (k, x[k]["start"], x[k]["end"]) for k in ("time", "place") if x.get(k)}
            sb = {(p["start"], p["end"]) for p in y["participants"]} | {
                (k, y[k]["start"], y[k]["end"]) for k in ("time", "place") if y.get(k)}
            arg_tp, arg_a, arg_b = arg_tp + len(sa & sb), arg_a + len(sa), arg_b + len(sb)
        sched[(any(e["status"] == "scheduled" for e in ea), any(e["status"] == "scheduled" for e in eb))] += 1

    def f1(t: int, x: int, y: int) -> float:
        return round(200 * t / (x + y), 1) if x + y else 0.0

    n = sum(sched.values())
    po = (sched[True, True] + sched[False, False]) / n
    pa = (sched[True, True] + sched[True, False]) / n
    pb = (sched[True, True] + sched[False, True]) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return {"sentences": n, "events": [n_a, n_b], "trigger_f1": f1(tp, n_a, n_b),
            "status_agreement": round(100 * status / max(tp, 1), 1),
            "kind_agreement": round(100 * kind / max(tp, 1), 1), "argument_span_f1": f1(arg_tp, arg_a, arg_b),
            "scheduled_sentence_kappa": round((po - pe) / (1 - pe), 3) if pe < 1 else 1.0,
            "status_confusion": {f"{k[0]}/{k[1]}": v for k, v in sorted(confusion.items())}}


def main(argv: list[str]) -> None:
    pairs = []
    for first, second in zip(argv[::2], argv[1::2], strict=True):
        a, b = _rows(first), _rows(second)
        pairs += [(a[sid], b[sid]) for sid in a if sid in b]
    print(json.dumps(compare(pairs), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
