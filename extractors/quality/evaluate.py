"""Scoring against a gold file, with the same rules as the shared ``eval/score.py``.

A predicted ``scheduled`` event matches a gold meeting when its evidence span overlaps one of the
gold meeting's sentences (at most one prediction per gold meeting; spans over 1,000 characters match
nothing); where several predictions and meetings share sentences, the pairing with the most pairs, then
the most agreeing attributes, is scored (score.py version 2). On matches: exact date interval, location
containment, and participant F1 (names match on containment or on the last word, after dropping
punctuation and the words the/a/an/in/at/of).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MAX_EVIDENCE = 1000
_PUNCT = re.compile(r"[^\w\s]")
_FILLER = re.compile(r"\b(?:the|a|an|in|at|of)\b")


@dataclass
class Scores:
    articles: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    strict_tp: int = 0
    date_ok: int = 0
    start_ok: int = 0
    location_ok: int = 0
    participants_sum: float = 0.0
    errors: list[dict] = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self) -> dict:
        p, r, f = self._prf(self.tp, self.fp, self.fn)
        loose = self.tp - self.strict_tp
        _, _, sf = self._prf(self.strict_tp, self.fp + loose, self.fn + loose)
        n = max(self.tp, 1)
        return {
            "articles": self.articles, "gold_meetings": self.tp + self.fn, "predicted": self.tp + self.fp,
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4), "date_exact": round(self.date_ok / n, 4), "start_date": round(self.start_ok / n, 4),
            "location": round(self.location_ok / n, 4), "participants_f1": round(self.participants_sum / n, 4),
            "strict_f1": round(sf, 4),
        }


def _norm(text: str | None) -> str:
    return " ".join(_FILLER.sub(" ", _PUNCT.sub(" ", (text or "").lower())).split())


def _iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()[:10] or None


def _find_ignoring_space(text: str, needle: str) -> tuple[int, int] | None:
    words = needle.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def evidence_span(row: dict, text: str) -> tuple[int, int] | None:
    """The row's evidence offsets when they point at its evidence text, else where that text is found."""
    start, end, evidence = row.get("evidence_start"), row.get("evidence_end"), row.get("evidence")
    if start is not None and end is not None:
        start, end = int(start), int(end)
        if not evidence or text[start:end].split() == str(evidence).split():
            return start, end
    if evidence:
        i = text.find(evidence)
        return (i, i + len(evidence)) if i >= 0 else _find_ignoring_space(text, str(evidence))
    return None


def names_match(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    return na in nb or nb in na or na.split()[-1] == nb.split()[-1]


def participants_f1(gold: list[str], pred: list[str]) -> float:
    if not gold and not pred:
        return 1.0
    if not gold or not pred:
        return 0.0
    recall = sum(any(names_match(g, p) for p in pred) for g in gold) / len(gold)
    precision = sum(any(names_match(p, g) for g in gold) for p in pred) / len(pred)
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def location_match(gold: str | None, pred: str | None) -> bool:
    g, p = _norm(gold), _norm(pred)
    return (not g and not p) or bool(g and p and (g in p or p in g))


def _agreement(gold: dict, pred: dict) -> int:
    """How many of date, location and participants (F1 >= 0.5) ``pred`` gets right for ``gold``."""
    return int(_date_ok(gold, pred)) + int(location_match(gold.get("location"), pred.get("location"))) + int(
        participants_f1(gold.get("participants", []), list(pred.get("participants") or [])) >= 0.5)


def _date_ok(gold: dict, pred: dict) -> bool:
    return (_iso(pred.get("start_date")), _iso(pred.get("end_date"))) == (gold.get("start_date"), gold.get("end_date"))


EXACT_PAIRING_LIMIT = 16  # predictions in play beyond which the pairing is greedy (as score.py)


def pairing(golds: list[dict], preds: list[dict], pred_spans: list, gold_spans: list) -> dict[int, int]:
    """Gold index -> prediction index (scorer version 2).

    A prediction can pair with a gold meeting when its evidence overlaps one of the meeting's sentences.
    Of all pairings, the one with the most pairs wins, then the one with the most agreeing attributes:
    two events of one sentence are scored against their own gold, not each other's. Exact search over
    the predictions in play; greedy (best agreement first, gold in order) beyond ``EXACT_PAIRING_LIMIT``.
    """
    options = [[(i, _agreement(g, preds[i])) for i, sp in enumerate(pred_spans)
                if sp is not None and sp[1] - sp[0] <= MAX_EVIDENCE and any(sp[0] < e and b < sp[1] for b, e in spans)]
               for g, spans in zip(golds, gold_spans, strict=True)]
    in_play = sorted({i for row in options for i, _ in row})
    if len(in_play) > EXACT_PAIRING_LIMIT:
        out: dict[int, int] = {}
        for gi, row in enumerate(options):
            free = [(i, a) for i, a in sorted(row, key=lambda c: -c[1]) if i not in out.values()]
            if free:
                out[gi] = free[0][0]
        return out
    bit = {i: 1 << k for k, i in enumerate(in_play)}

    @cache
    def best(gi: int, used: int) -> tuple[int, tuple[tuple[int, int], ...]]:
        if gi == len(golds):
            return 0, ()
        top = best(gi + 1, used)
        for i, agree in options[gi]:
            if not used & bit[i]:
                value, pairs = best(gi + 1, used | bit[i])
                if value + 1000 + agree > top[0]:  # one more pair outweighs any number of agreeing attributes
                    top = (value + 1000 + agree, ((gi, i), *pairs))
        return top

    return dict(best(0, 0)[1])


def _score_article(article: dict, preds: list[dict], s: Scores) -> None:
    text = article["text"]
    golds = article.get("meetings", [])
    spans = [evidence_span(p, text) for p in preds]
    gold_spans = [[(i, i + len(g)) for g in (gold["sentence"], *gold.get("also_in", [])) if (i := text.find(g)) >= 0]
                  for gold in golds]
    paired = pairing(golds, preds, spans, gold_spans)
    for gi, gold in enumerate(golds):
        match = paired.get(gi)
        if match is None:
            s.fn += 1
            s.errors.append({"article": article["id"], "miss": gold["sentence"][:160]})
            continue
        s.tp += 1
        p = preds[match]
        date_ok = _date_ok(gold, p)
        loc_ok = location_match(gold.get("location"), p.get("location"))
        pf = participants_f1(gold.get("participants", []), list(p.get("participants") or []))
        s.date_ok += date_ok
        s.start_ok += _iso(p.get("start_date")) == gold.get("start_date")
        s.location_ok += loc_ok
        s.participants_sum += pf
        if date_ok and loc_ok and pf >= 0.5:
            s.strict_tp += 1
        else:
            s.errors.append({"article": article["id"], "wrong": gold["sentence"][:120],
                             "gold": {k: gold.get(k) for k in ("start_date", "end_date", "location", "participants")},
                             "pred": {"start_date": _iso(p.get("start_date")), "end_date": _iso(p.get("end_date")),
                                      "location": p.get("location"), "participants": p.get("participants")}})
    used = set(paired.values())
    for i, sp in enumerate(spans):
        if i not in used:
            s.fp += 1
            found = text[sp[0]:sp[1]][:160] if sp else preds[i].get("evidence")
            s.errors.append({"article": article["id"], "false": found})


def score(gold_rows: list[dict], events: list[dict]) -> Scores:
    """Score event rows (dicts with the ``events`` columns) against gold articles."""
    by_article: dict[str, list[dict]] = {}
    for row in events:
        if str(row.get("status", "")).lower() == "scheduled":
            by_article.setdefault(str(row.get("article_id")), []).append(row)
    s = Scores(articles=len(gold_rows))
    for article in gold_rows:
        _score_article(article, by_article.get(str(article["id"]), []), s)
    return s


def score_warehouse(gold: Path, warehouse: str) -> Scores:
    """Score the ``events`` table of a warehouse against a gold file."""
    from extractors.storage.warehouse import Warehouse

    dataset = Warehouse(warehouse).dataset("events")
    return score(load_gold(gold), dataset.to_table().to_pylist() if dataset is not None else [])


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
