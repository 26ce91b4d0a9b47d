import dataclasses
import datetime as dt
import os

import pytest
from conftest import SEED_FILE, write_jsonl

from extractors.runs.extractor import load_extractor
from extractors.runs.pipeline import default_workers, finish_run, run_extract, threads_per_worker
from extractors.storage.query import connect
from extractors.storage.warehouse import Warehouse
from schemas import SCHEMA_VERSION

DAY = dt.date(2016, 11, 10)


def _rows(wh: Warehouse, table: str) -> list[dict]:
    return connect(wh).execute(f"SELECT * EXCLUDE (run_id) FROM {table} ORDER BY ALL").fetchall()


def test_seed_article_end_to_end(tmp_path, seed):
    summary = run_extract([str(SEED_FILE)], str(tmp_path), DAY)
    assert (summary.articles_read, summary.articles_new, summary.quarantined) == (1, 1, 0)
    assert summary.status == "success" and summary.events >= 1
    con = connect(str(tmp_path))
    text = con.execute("SELECT text FROM articles").fetchone()[0]
    assert text == seed["text"]
    for evidence, start, end in con.execute("SELECT evidence, evidence_start, evidence_end FROM events").fetchall():
        assert text[start:end] == evidence
    kinds = {k for (k,) in con.execute("SELECT kind FROM events WHERE status = 'scheduled'").fetchall()}
    assert "meeting" in kinds
    assert con.execute("SELECT DISTINCT ingest_date FROM events").fetchall() == [(DAY,)]
    assert con.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_rerun_is_idempotent(tmp_path):
    run_extract([str(SEED_FILE)], str(tmp_path), DAY)
    wh = Warehouse(str(tmp_path))
    first = {t: _rows(wh, t) for t in ("articles", "events", "quarantine")}
    second_summary = run_extract([str(SEED_FILE)], str(tmp_path), DAY)
    assert second_summary.articles_duplicate == 0  # its own partition is being replaced
    assert {t: _rows(wh, t) for t in first} == first
    assert connect(wh).execute("SELECT count(*), count(DISTINCT run_id) FROM runs").fetchone() == (2, 2)


def test_duplicates_within_run_and_against_warehouse(tmp_path, seed):
    copy = dict(seed, id="copy-1", text="  " + seed["text"].replace("  ", " ") + "\n")
    run_extract([str(write_jsonl(tmp_path / "in" / "a.jsonl", [seed, copy]))], str(tmp_path / "wh"), DAY)
    con = connect(str(tmp_path / "wh"))
    rows = con.execute("SELECT article_id, duplicate_of, text IS NULL FROM articles ORDER BY article_id").fetchall()
    assert rows == [("copy-1", seed["id"], True), (seed["id"], None, False)]
    assert con.execute("SELECT DISTINCT article_id FROM events").fetchall() == [(seed["id"],)]
    later = run_extract([str(write_jsonl(tmp_path / "in" / "b.jsonl", [dict(seed, id="copy-2")]))],
                        str(tmp_path / "wh"), DAY + dt.timedelta(days=1))
    assert (later.articles_duplicate, later.articles_new, later.events) == (1, 0, 0)


def test_bad_records_are_quarantined_and_the_rest_goes_on(tmp_path, seed):
    src = tmp_path / "in" / "mixed.jsonl"
    write_jsonl(src, [seed])
    with src.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write('{"id": "no-text", "published": "2016-11-10", "text": ""}\n')
    summary = run_extract([str(src)], str(tmp_path / "wh"), DAY)
    assert (summary.articles_read, summary.quarantined, summary.status) == (1, 2, "partial")
    con = connect(str(tmp_path / "wh"))
    reasons = con.execute("SELECT reason, input_position FROM quarantine ORDER BY 2").fetchall()
    assert reasons == [("malformed_record", 2), ("missing_text", 3)]


class _Exploding:
    """A tagger that fails on its second batch, as a crashed model would."""

    name, version = "exploding", "0"

    def __init__(self):
        self.calls = 0

    def tag(self, sentences):
        self.calls += 1
        if self.calls > 1:
            raise RuntimeError("model crashed")
        return [[] for _ in sentences]


def test_failed_run_leaves_the_previous_partition(tmp_path, seed):
    run_extract([str(SEED_FILE)], str(tmp_path / "wh"), DAY)
    wh = Warehouse(str(tmp_path / "wh"))
    before = _rows(wh, "events")
    many = [dict(seed, id=f"a{i}", text=seed["text"] + f" Variant {i}.") for i in range(5)]
    ex = load_extractor("baseline")
    ex.tagger = _Exploding()
    with pytest.raises(RuntimeError, match="model crashed"):
        run_extract([str(write_jsonl(tmp_path / "in" / "m.jsonl", many))], wh, DAY, extractor=ex, batch_size=2)
    assert _rows(wh, "events") == before
    statuses = connect(wh).execute("SELECT status, error FROM runs ORDER BY started_at").fetchall()
    assert statuses == [("success", None), ("failed", "RuntimeError: model crashed")]


def test_memory_warehouse_via_fsspec(seed):
    summary = run_extract([str(SEED_FILE)], "memory://agenda-pipeline-test", DAY)
    con = connect("memory://agenda-pipeline-test")
    assert con.execute("SELECT count(*) FROM events").fetchone() == (summary.events,)


def test_seed_meetings_resolved_exactly_by_the_default_model(tmp_path):
    run_extract([str(SEED_FILE)], str(tmp_path), DAY)
    rows = connect(str(tmp_path)).execute(
        "SELECT start_date, end_date, granularity, participants, location, location_country, event_name "
        "FROM events WHERE status = 'scheduled' ORDER BY start_date DESC").fetchall()
    assert len(rows) == 2
    meeting, summit = rows
    assert meeting[:4] == (dt.date(2016, 11, 17), dt.date(2016, 11, 17), "day", ["Shinzo Abe", "Donald Trump"])
    assert summit[:3] == (dt.date(2016, 11, 14), dt.date(2016, 11, 20), "week")
    assert summit[3] == ["Shinzo Abe"] and summit[4:6] == ("Peru", "PE") and "APEC" in summit[6]


def test_worker_processes_share_the_cores(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert [threads_per_worker(w) for w in (1, 2, 3, 4, 8)] == [4, 2, 1, 1, 1]


def test_workers_default_to_the_usable_cores_or_the_environment(monkeypatch):
    monkeypatch.delenv("AGENDA_WORKERS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert default_workers() == 3
    monkeypatch.setenv("AGENDA_WORKERS", "1")
    assert default_workers() == 1
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("AGENDA_WORKERS", bad)
        with pytest.raises(ValueError, match="AGENDA_WORKERS"):
            default_workers()


def test_default_workers_give_the_rows_of_one_process(tmp_path, monkeypatch):
    """The model extractor in one process and in one process per file (the default on several cores)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.jsonl").write_text(SEED_FILE.read_text())
    for i, text in enumerate(("Merkel will meet Macron in Berlin on Monday to talk about the budget.",
                              "Finance ministers of the G7 will meet in Tokyo on Friday to discuss the yen.")):
        write_jsonl(tmp_path / "in" / f"{i}.jsonl", [{"id": f"a{i}", "text": text, "published": "2016-11-10"}])
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    monkeypatch.delenv("AGENDA_WORKERS", raising=False)
    wh_default, wh_one = Warehouse(str(tmp_path / "default")), Warehouse(str(tmp_path / "one"))
    many = run_extract([str(tmp_path / "in")], wh_default, DAY)
    one = run_extract([str(tmp_path / "in")], wh_one, DAY, workers=1)
    assert many.events == one.events >= 3
    assert _rows(wh_default, "events") == _rows(wh_one, "events")
    assert _rows(wh_default, "articles") == _rows(wh_one, "articles")


def test_stage_timings_add_up(tmp_path):
    summary = run_extract([str(SEED_FILE)], str(tmp_path), DAY, extractor="baseline")
    assert 0 < summary.dedup_seconds <= summary.read_seconds
    assert summary.extract_seconds > 0 and summary.write_seconds > 0
    stages = summary.split_seconds + summary.filter_seconds + summary.tag_seconds + summary.assemble_seconds
    assert 0 < stages <= summary.extract_seconds
    assert summary.sentences > summary.candidates > 0
    (row,) = connect(str(tmp_path)).execute("SELECT orchestrator_run_id, schema_version FROM runs").fetchall()
    assert row == (None, SCHEMA_VERSION)  # a CLI run


def test_two_texts_with_one_id_are_both_kept_and_the_collision_recorded(tmp_path):
    rows = [{"id": "dup", "text": "Merkel will meet Macron in Berlin on Friday.", "published": "2016-11-10"},
            {"id": "dup", "text": "Putin will visit Beijing next week for talks with Xi.", "published": "2016-11-10"},
            {"id": "dup", "text": "Merkel will meet Macron in Berlin on Friday.", "published": "2016-11-10"}]
    write_jsonl(tmp_path / "in" / "feed.jsonl", rows)
    summary = run_extract([str(tmp_path / "in")], str(tmp_path / "wh"), DAY, extractor="baseline")
    con = connect(str(tmp_path / "wh"))
    articles = con.execute("SELECT article_id, duplicate_of FROM articles ORDER BY input_position").fetchall()
    assert articles[0] == ("dup", None) and articles[1][0].startswith("dup#") and articles[1][1] is None
    assert articles[2] == ("dup", "dup")  # the same text again is a duplicate, as before
    assert con.execute("SELECT count(DISTINCT article_id) FROM events").fetchone() == (2,)
    [(reason, detail)] = con.execute("SELECT reason, detail FROM quarantine").fetchall()
    assert reason == "id_collision" and articles[1][0] in detail
    assert (summary.articles_new, summary.articles_duplicate, summary.quarantined) == (2, 1, 1)


def test_an_article_whose_extraction_fails_is_quarantined_and_the_batch_goes_on():
    """A publication date at the end of the calendar makes "next week" overflow (readers refuse such dates;
    an extractor used on its own must still not lose the batch)."""
    from extractors.ingest.articles import Article

    late = Article("late", "Merkel will meet Macron in Berlin next week.", dt.datetime(9999, 12, 30, tzinfo=dt.UTC))
    fine = Article("fine", "Merkel will meet Macron in Berlin on Friday.", dt.datetime(2016, 11, 10, tzinfo=dt.UTC))
    ex = load_extractor("baseline")
    with pytest.raises(OverflowError):
        ex.extract([late, fine])
    failures = []
    out = ex.extract([late, fine], lambda article, exc: failures.append((article.article_id, type(exc).__name__)))
    assert failures == [("late", "OverflowError")]
    assert out[0] == [] and out[1] and out[1][0]["article_id"] == "fine"


def test_relative_dates_count_from_the_local_publication_date(tmp_path):
    """"tomorrow" at 22:00 in New York (03:00 UTC the next day) is the next New York day."""
    write_jsonl(tmp_path / "in" / "feed.jsonl", [{"id": "ny", "published": "2016-11-10T22:00:00-05:00",
                                                  "text": "Merkel will meet Macron in Berlin tomorrow."}])
    run_extract([str(tmp_path / "in")], str(tmp_path / "wh"), DAY, extractor="baseline")
    con = connect(str(tmp_path / "wh"))
    assert con.execute("SELECT published_at, published_date FROM articles").fetchone() == (
        dt.datetime(2016, 11, 11, 3, 0, tzinfo=dt.UTC), dt.date(2016, 11, 10))
    assert con.execute("SELECT start_date FROM events").fetchall() == [(dt.date(2016, 11, 11),)]


def _orphaning_days(tmp_path):
    """Day 2 holds a duplicate of a day-1 article; then day 1's drop is corrected without it."""
    meet = "Merkel will meet Macron in Berlin on Friday to discuss the budget."
    other = "Putin will visit Beijing next week for talks with Xi Jinping."
    day1, day2 = DAY, DAY + dt.timedelta(days=1)
    write_jsonl(tmp_path / "d1" / "feed.jsonl", [{"id": "a", "text": meet, "published": "2016-11-10"},
                                                 {"id": "b", "text": other, "published": "2016-11-10"}])
    write_jsonl(tmp_path / "d2" / "feed.jsonl", [{"id": "c", "text": meet, "published": "2016-11-11"}])
    wh = str(tmp_path / "wh")
    run_extract([str(tmp_path / "d1")], wh, day1, extractor="baseline")
    assert run_extract([str(tmp_path / "d2")], wh, day2, extractor="baseline").articles_duplicate == 1
    assert connect(wh).execute("SELECT count(*) FROM events WHERE article_id = 'c'").fetchone() == (0,)
    write_jsonl(tmp_path / "d1" / "feed.jsonl", [{"id": "b", "text": other, "published": "2016-11-10"}])
    return wh, day1, day2


def test_rerunning_an_earlier_day_reruns_the_later_day_whose_duplicates_it_orphans(tmp_path):
    wh, day1, _ = _orphaning_days(tmp_path)
    rerun = run_extract([str(tmp_path / "d1")], wh, day1, extractor="baseline")
    assert (rerun.status, rerun.quarantined) == ("success", 0)
    (again,) = rerun.reruns
    assert (again["ingest_date"], again["orphans"], again["status"]) == ("2016-11-11", 1, "success")
    con = connect(wh)
    # day 2's article is an original now, and its meeting is extracted, in events and in meetings
    assert con.execute("SELECT duplicate_of FROM articles WHERE article_id = 'c'").fetchall() == [(None,)]
    assert con.execute("SELECT count(*) FROM events WHERE article_id = 'c'").fetchone()[0] >= 1
    assert con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL AND duplicate_of NOT IN "
                       "(SELECT article_id FROM articles)").fetchone() == (0,)  # nothing points at a gone article
    assert con.execute("SELECT count(*) FROM meetings WHERE list_contains(article_ids, 'c')").fetchone() == (1,)
    assert con.execute("SELECT list(run_id ORDER BY ingest_date) FROM runs WHERE run_id IN (?, ?)",
                       [rerun.run_id, again["run_id"]]).fetchone()[0] == [rerun.run_id, again["run_id"]]
    assert run_extract([str(tmp_path / "d1")], wh, day1, extractor="baseline").reruns == []  # nothing orphaned


def test_an_orphaned_day_whose_inputs_are_gone_is_reported_with_the_command_that_restores_it(tmp_path):
    wh, day1, day2 = _orphaning_days(tmp_path)
    (tmp_path / "d2" / "feed.jsonl").rename(tmp_path / "feed.jsonl")  # day 2's drop was moved away
    rerun = run_extract([str(tmp_path / "d1")], wh, day1, extractor="baseline")
    assert rerun.status == "partial" and rerun.quarantined == 1 and rerun.reruns == []
    (detail,) = connect(wh).execute("SELECT detail FROM quarantine WHERE reason = 'orphaned_duplicates'").fetchone()
    assert "1 articles of ingest date 2016-11-11" in detail and "--ingest-date 2016-11-11" in detail
    assert str(tmp_path / "d2" / "feed.jsonl") in detail
    finish_run(wh, dataclasses.replace(rerun, quarantined=0), [])  # a retried publish: already published
    assert connect(wh).execute("SELECT count(*) FROM quarantine WHERE reason = 'orphaned_duplicates'").fetchone() \
        == (1,)
    # What the row says to do restores the meeting: day 2's article is an original again and is extracted.
    (tmp_path / "feed.jsonl").rename(tmp_path / "d2" / "feed.jsonl")
    fixed = run_extract([str(tmp_path / "d2")], wh, day2, extractor="baseline")
    assert (fixed.articles_new, fixed.articles_duplicate) == (1, 0)
    assert connect(wh).execute("SELECT count(*) FROM events WHERE article_id = 'c'").fetchone()[0] >= 1
    again = run_extract([str(tmp_path / "d1")], wh, day1, extractor="baseline")
    assert again.quarantined == 0 and again.reruns == []  # nothing orphaned any more


def test_a_failed_run_removes_what_it_staged_and_keeps_the_partition(tmp_path, monkeypatch):
    """Staging left behind fills the disk that other dates' runs need: a failed run cleans up after itself."""
    import extractors.runs.pipeline as pipeline

    wh = Warehouse(str(tmp_path / "wh"))
    run_extract([str(SEED_FILE)], wh, DAY, extractor="baseline")
    before = _rows(wh, "events")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline.Warehouse, "publish", disk_full)  # staged, then the disk fills up
    with pytest.raises(OSError, match="No space left"):
        run_extract([str(SEED_FILE)], wh, DAY, extractor="baseline")
    assert not list((tmp_path / "wh" / "_staging" / "ingest_date=2016-11-10").iterdir())
    assert _rows(wh, "events") == before
    statuses = connect(wh).execute("SELECT status FROM runs ORDER BY started_at").fetchall()
    assert statuses == [("success",), ("failed",)]
