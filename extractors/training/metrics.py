"""Sentence-level validation metrics of the tagger: spans, status, kind, scheduled events, linking."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from extractors.tagger.spans import STATUSES, SentenceEvent

SPAN_LABELS = ("trigger", "participant", "time", "place", "event_name")


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(200 * p * r / (p + r) if p + r else 0.0, 2),
            "gold": n_gold}


def _gold_spans(ev: dict) -> dict[str, list[tuple[int, int]]]:
    out = {"trigger": [(ev["trigger"]["start"], ev["trigger"]["end"])],
           "participant": [(p["start"], p["end"]) for p in ev.get("participants") or []]}
    for f in ("time", "place", "event_name"):
        out[f] = [(ev[f]["start"], ev[f]["end"])] if ev.get(f) else []
    return out


def _arguments(spans: dict[str, list[tuple[int, int]]]) -> set[tuple[str, tuple[int, int]]]:
    """An event's (label, span) arguments: every span but its trigger."""
    return {(k, s) for k, ss in spans.items() if k != "trigger" for s in ss}


def _pred_spans(ev: SentenceEvent) -> dict[str, list[tuple[int, int]]]:
    out = {"trigger": [(ev.trigger.start, ev.trigger.end)],
           "participant": [(p.start, p.end) for p in ev.participants]}
    for f in ("time", "place", "event_name"):
        sp = getattr(ev, f)
        out[f] = [(sp.start, sp.end)] if sp else []
    return out


def _macro_f1(pairs: list[tuple[str, str]], classes: Sequence[str]) -> float:
    f1s = []
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        n_pred = sum(1 for _, p in pairs if p == c)
        n_gold = sum(1 for g, _ in pairs if g == c)
        if n_gold or n_pred:
            f1s.append(_prf(tp, n_pred, n_gold)["f1"])
    return round(sum(f1s) / len(f1s), 2) if f1s else 0.0


def evaluate(rows: list[dict], predicted: list[list[SentenceEvent]]) -> dict:
    """Span P/R/F1 per label (exact char offsets), status/kind on matched triggers, argument linking.

    ``headline`` = mean of micro span F1, status accuracy and kind accuracy (the int8 gate).
    """
    gold_sets: dict[str, set] = {k: set() for k in SPAN_LABELS}
    pred_sets: dict[str, set] = {k: set() for k in SPAN_LABELS}
    status_pairs: list[tuple[str, str]] = []
    kind_pairs: list[tuple[str, str]] = []
    link_tp = link_pred = link_gold = head_tp = 0
    arg_errors = {"other_event": 0, "boundary": 0, "missed": 0, "spurious": 0}
    sched = {"tp": 0, "pred": 0, "gold": 0}
    for i, (row, preds) in enumerate(zip(rows, predicted, strict=True)):
        golds = {(e["trigger"]["start"], e["trigger"]["end"]): e for e in row["events"]}
        gold_args = set().union(*(_arguments(_gold_spans(e)) for e in row["events"]))
        for ev in row["events"]:
            for k, spans in _gold_spans(ev).items():
                gold_sets[k].update((i, *s) for s in spans)
            sched["gold"] += ev["status"] == "scheduled"
        for ev in preds:
            for k, spans in _pred_spans(ev).items():
                pred_sets[k].update((i, *s) for s in spans)
            sched["pred"] += ev.status == "scheduled"
            g = golds.get((ev.trigger.start, ev.trigger.end))
            if g is None:
                continue
            status_pairs.append((g["status"], ev.status))
            kind_pairs.append((g["kind"], ev.kind))
            sched["tp"] += g["status"] == ev.status == "scheduled"
            ga, pa = _arguments(_gold_spans(g)), _arguments(_pred_spans(ev))
            link_tp, link_pred, link_gold = link_tp + len(ga & pa), link_pred + len(pa), link_gold + len(ga)
            head_tp += sum(any(k == pk and end == pe for pk, (_, pe) in pa) for k, (_, end) in ga)
            _count_arg_errors(arg_errors, ga, pa, gold_args)
    spans = {k: _prf(len(gold_sets[k] & pred_sets[k]), len(pred_sets[k]), len(gold_sets[k])) for k in SPAN_LABELS}
    micro = _prf(sum(len(gold_sets[k] & pred_sets[k]) for k in SPAN_LABELS),
                 sum(len(pred_sets[k]) for k in SPAN_LABELS), sum(len(gold_sets[k]) for k in SPAN_LABELS))
    n = len(status_pairs)
    status_acc = round(100 * sum(g == p for g, p in status_pairs) / n, 2) if n else 0.0
    kind_acc = round(100 * sum(g == p for g, p in kind_pairs) / n, 2) if n else 0.0
    return {
        "sentences": len(rows),
        "spans": spans,
        "span_micro_f1": micro["f1"],
        "matched_triggers": n,
        "status_accuracy": status_acc,
        "status_macro_f1": _macro_f1(status_pairs, sorted({g for g, _ in status_pairs})),
        "status_confusion": _confusion(status_pairs),
        "kind_accuracy": kind_acc,
        "scheduled_event": _prf(sched["tp"], sched["pred"], sched["gold"]),
        "argument_linking": _prf(link_tp, link_pred, link_gold),
        "argument_linking_head": _prf(head_tp, link_pred, link_gold),
        "argument_errors": arg_errors,
        "headline": round((micro["f1"] + status_acc + kind_acc) / 3, 2),
    }


def _count_arg_errors(errors: dict[str, int], gold: set, pred: set, sentence_gold: set) -> None:
    """Sort one matched event's argument errors: a predicted argument that is another gold event's of the sentence
    (``other_event``: in ``sentence_gold``, every gold event's arguments), one that overlaps a gold argument of its
    label but is cut differently (``boundary``, counted on both sides), a gold argument nothing overlaps
    (``missed``), a predicted one that is in no gold event (``spurious``)."""

    def overlaps(arg: tuple, others: set) -> bool:
        k, (a, b) = arg
        return any(k == ok and oa < b and a < ob for ok, (oa, ob) in others)

    for arg in pred - gold:
        key = "other_event" if arg in sentence_gold else "boundary" if overlaps(arg, gold) else "spurious"
        errors[key] += 1
    for arg in gold - pred:
        errors["boundary" if overlaps(arg, pred) else "missed"] += 1


def _confusion(pairs: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """gold status -> predicted status -> count, on matched triggers."""
    out: dict[str, dict[str, int]] = {}
    for g, p in pairs:
        out.setdefault(g, {})
        out[g][p] = out[g].get(p, 0) + 1
    return out


def format_confusion(confusion: dict[str, dict[str, int]]) -> str:
    """The status confusion matrix as a Markdown table (rows gold, columns predicted)."""
    labels = [s for s in STATUSES if s in confusion or any(s in row for row in confusion.values())]
    lines = ["| gold \\ predicted | " + " | ".join(labels) + " |", "| --- |" + " ---: |" * len(labels)]
    lines += [f"| {g} | " + " | ".join(str(confusion.get(g, {}).get(p, 0)) for p in labels) + " |" for g in labels]
    return "\n".join(lines)


def three_statuses(predicted: list[list[SentenceEvent]]) -> list[list[SentenceEvent]]:
    """Predictions with ``ongoing`` read as ``scheduled``: the original three-status labels of
    ``shared/train`` call a negotiation under way ``scheduled``."""
    return [[dataclasses.replace(e, status="scheduled") if e.status == "ongoing" else e for e in events]
            for events in predicted]


def format_metrics(m: dict) -> str:
    lines = [f"  {'label':<12}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}"]
    for k, v in m["spans"].items():
        lines.append(f"  {k:<12}{v['p']:>7.1f}{v['r']:>7.1f}{v['f1']:>7.1f}{v['gold']:>6}")
    lines += [
        f"  span micro F1 {m['span_micro_f1']:.1f}",
        f"  status accuracy {m['status_accuracy']:.1f}, macro F1 {m['status_macro_f1']:.1f}; "
        f"kind accuracy {m['kind_accuracy']:.1f} (on {m['matched_triggers']} matched triggers)",
        f"  scheduled events (trigger+status) F1 {m['scheduled_event']['f1']:.1f}; "
        f"argument linking F1 {m['argument_linking']['f1']:.1f} (same end as the gold span: "
        f"{m['argument_linking_head']['f1']:.1f}); headline {m['headline']:.1f}",
        "  argument errors: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in m["argument_errors"].items()),
    ]
    return "\n".join(lines)
