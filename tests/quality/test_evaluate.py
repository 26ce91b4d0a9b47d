"""agenda's scorer must agree with the shared eval/score.py on the same events."""

import json
import subprocess
import sys

from conftest import DEV, SCORE_PY, needs_shared

from extractors.quality.evaluate import load_gold, names_match, participants_f1, score


def test_names_and_participants():
    assert names_match("Shinzo Abe", "Abe")
    assert names_match("the European Union", "European Union")
    assert not names_match("Donald Trump", "Barack Obama")
    assert participants_f1(["Shinzo Abe", "Donald Trump"], ["Abe"]) == 2 * 0.5 * 1 / 1.5
    assert participants_f1([], []) == 1.0


def _gold_as_events(gold: list[dict]) -> list[dict]:
    """Predictions made from gold with deliberate damage, so every counter moves."""
    events = []
    for art in gold:
        for i, m in enumerate(art["meetings"]):
            start = art["text"].find(m["sentence"])
            events.append({"article_id": art["id"], "status": "scheduled" if i % 4 else "past",
                           "evidence": m["sentence"], "evidence_start": start,
                           "evidence_end": start + len(m["sentence"]),
                           "participants": m["participants"][:1], "location": m["location"] if i % 3 else "Mars",
                           "start_date": m["start_date"], "end_date": m["end_date"] if i % 2 else None})
        events.append({"article_id": art["id"], "status": "scheduled", "evidence": art["text"][:80]})
    return events


@needs_shared
def test_same_figures_as_shared_score_py(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    gold = load_gold(DEV)
    events = _gold_as_events(gold)
    ours = score(gold, events).report()
    table = pa.Table.from_pylist(events)
    pq.write_table(table, tmp_path / "events.parquet")
    proc = subprocess.run([sys.executable, str(SCORE_PY), "--gold", str(DEV), "--events",
                           str(tmp_path / "events.parquet"), "--json", str(tmp_path / "r.json")],
                          check=True, capture_output=True, text=True)
    theirs = json.loads((tmp_path / "r.json").read_text())
    assert proc.returncode == 0
    for key, value in ours.items():
        assert theirs[key] == value, key
    assert 0 < ours["f1"] < 1 and 0 < ours["date_exact"] < 1 and 0 < ours["location"] < 1


def test_two_events_of_one_sentence_are_scored_against_their_own_gold():
    """Scorer version 2: the pairing with the most agreeing attributes, not the first overlap."""
    text = "Abe will visit Peru next week for the APEC summit, and will meet Trump in New York on Thursday."
    meeting = {"sentence": text, "participants": ["Shinzo Abe", "Donald Trump"], "location": "New York",
               "start_date": "2016-11-17", "end_date": "2016-11-17"}
    summit = {"sentence": text, "participants": ["Shinzo Abe"], "location": "Peru",
              "start_date": "2016-11-14", "end_date": "2016-11-20"}
    gold = [{"id": "a", "text": text, "meetings": [meeting, summit]}]
    row = {"article_id": "a", "status": "scheduled", "evidence": text, "evidence_start": 0, "evidence_end": len(text)}
    events = [{**row, **{k: summit[k] for k in ("participants", "location", "start_date", "end_date")}},
              {**row, **{k: meeting[k] for k in ("participants", "location", "start_date", "end_date")}}]
    report = score(gold, events).report()
    assert (report["tp"], report["fp"], report["fn"]) == (2, 0, 0)
    assert report["strict_f1"] == report["date_exact"] == report["location"] == 1.0
