"""Check annotators' output and turn it into training rows with character offsets.

    python data/train/convert.py check BATCH.jsonl ANNOTATED.jsonl      # list every problem, exit 1 if any
    python data/train/convert.py merge OUT.jsonl BATCH.jsonl:ANNOTATED.jsonl ...

Annotated lines are ``{"sid", "events": [...]}`` with spans written as text (``"Abe"``) or, for a later
occurrence of the same text, ``{"text": "Abe", "nth": 2}`` (``ANNOTATING.md``). Merged rows have the shape
of ``shared/train/sentences.jsonl`` (``{sid, article_id, published, title, sentence, events}`` with
``{"text", "start", "end"}`` spans) plus ``stratum`` when ``selection.json`` lies beside the batch.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KINDS = ("meeting", "summit", "talks", "visit", "conference", "call")
STATUSES = ("scheduled", "ongoing", "past", "unclear")
FIELDS = ("time", "place", "event_name")


def _locate(sentence: str, span: object) -> dict:
    """``{"text", "start", "end"}`` of a span written as text or ``{"text", "nth"}``; ValueError if absent."""
    if isinstance(span, dict):
        text, nth = str(span.get("text", "")), int(span.get("nth", 1))
    else:
        text, nth = str(span), 1
    if not text.strip():
        raise ValueError("empty span")
    at = -1
    for _ in range(max(1, nth)):
        at = sentence.find(text, at + 1)
        if at < 0:
            raise ValueError(f"span {text!r} (occurrence {nth}) is not in the sentence")
    end = at + len(text)
    if (text[0].isalnum() and at > 0 and sentence[at - 1].isalnum()) or (
            text[-1].isalnum() and end < len(sentence) and sentence[end].isalnum()):
        context = sentence[max(0, at - 10):end + 10]
        raise ValueError(f"span {text!r} (occurrence {nth}) inside a word ({context!r}): count it in nth")
    return {"text": text, "start": at, "end": end}


def convert_event(sentence: str, event: dict) -> dict:
    """One annotated event with its spans located; ValueError naming the first problem."""
    if event.get("kind") not in KINDS:
        raise ValueError(f"kind {event.get('kind')!r} is not one of {KINDS}")
    if event.get("status") not in STATUSES:
        raise ValueError(f"status {event.get('status')!r} is not one of {STATUSES}")
    out = {"kind": event["kind"], "status": event["status"], "trigger": _locate(sentence, event.get("trigger")),
           "participants": [_locate(sentence, p) for p in event.get("participants") or []]}
    for field in FIELDS:
        out[field] = _locate(sentence, event[field]) if event.get(field) else None
    return out


def convert(batch: Path, annotated: Path) -> tuple[list[dict], list[str]]:
    """Rows for every sentence of ``batch`` and the problems found (missing sids count as problems)."""
    rows = {r["sid"]: r for r in _read(batch)}
    strata = json.loads((batch.parent / "selection.json").read_text()) if (
        batch.parent / "selection.json").is_file() else {}
    done: dict[str, dict] = {}
    problems: list[str] = []
    for line_no, ann in enumerate(_read(annotated), 1):
        sid = ann.get("sid")
        if sid not in rows:
            problems.append(f"line {line_no}: unknown sid {sid!r}")
            continue
        if sid in done:
            problems.append(f"line {line_no}: {sid} annotated twice")
            continue
        events = []
        for k, event in enumerate(ann.get("events") or []):
            try:
                events.append(convert_event(rows[sid]["sentence"], event))
            except (ValueError, TypeError, AttributeError) as exc:
                problems.append(f"{sid} event {k + 1}: {exc}")
        done[sid] = {**rows[sid], "events": events, **({"stratum": strata[sid]} if sid in strata else {})}
    problems += [f"{sid}: not annotated" for sid in rows if sid not in done]
    return [done[sid] for sid in rows if sid in done], problems


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "check":
        rows, problems = convert(Path(argv[1]), Path(argv[2]))
        print("\n".join(problems) or f"ok: {len(rows)} sentences, {sum(len(r['events']) for r in rows)} events")
        return 1 if problems else 0
    if len(argv) >= 3 and argv[0] == "merge":
        out, total = [], []
        for pair in argv[2:]:
            batch, annotated = pair.split(":")
            rows, problems = convert(Path(batch), Path(annotated))
            out += rows
            total += problems
        Path(argv[1]).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
        print(f"{len(out)} sentences written; {len(total)} problems", file=sys.stderr)
        print("\n".join(total), file=sys.stderr)
        return 1 if total else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
