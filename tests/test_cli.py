"""The agenda command as a user runs it (a real subprocess)."""

import json
import re
import subprocess
import sys

from conftest import DEV, ROOT, SAMPLE, SCORE_PY, needs_shared, write_jsonl


def agenda(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractors.cli", *args], capture_output=True, text=True,
                          timeout=600)


def usage_error(done: subprocess.CompletedProcess) -> str:
    """The text of a usage-error panel as one line: the panel wraps a long message (a long tmp path) wherever the
    line runs out, so words of one phrase may lie on two lines between border characters."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", done.stderr).split())


def test_extract_then_sql(tmp_path):
    wh = str(tmp_path / "wh")
    done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--ingest-date", "2016-11-10")
    assert done.returncode == 0, done.stderr
    assert "1 articles read" in done.stdout and "0 quarantined" in done.stdout
    q = agenda("sql", "SELECT count(*) AS n FROM articles", "--warehouse", wh, "--format", "csv")
    assert q.returncode == 0 and q.stdout.splitlines() == ["n", "1"]
    bad = agenda("sql", "SELECT nope FROM events", "--warehouse", wh)
    assert bad.returncode == 1 and "nope" in bad.stderr


def test_quarantine_sets_exit_status(tmp_path, seed):
    src = write_jsonl(tmp_path / "in.jsonl", [seed])
    with src.open("a") as f:
        f.write("[1, 2]\n")
    done = agenda("extract", str(src), "--warehouse", str(tmp_path / "wh"), "--ingest-date", "2016-11-10")
    assert done.returncode == 3
    assert "1 quarantined" in done.stdout


def test_errors_are_clear(tmp_path):
    missing = agenda("extract", str(tmp_path / "nope.jsonl"), "--warehouse", str(tmp_path / "wh"))
    assert missing.returncode == 1 and "nope.jsonl" in missing.stderr
    baddate = agenda("extract", str(SAMPLE), "--warehouse", str(tmp_path), "--ingest-date", "10/11/2016")
    assert baddate.returncode == 2 and "YYYY-MM-DD" in baddate.stderr


@needs_shared
def test_evaluate_matches_score_py(tmp_path):
    wh = str(tmp_path / "wh")
    assert agenda("extract", str(DEV), "--warehouse", wh, "--ingest-date", "2020-01-01").returncode == 0
    ours = agenda("evaluate", "--gold", str(DEV), "--warehouse", wh)
    theirs = subprocess.run([sys.executable, str(SCORE_PY), "--gold", str(DEV), "--events", f"{wh}/events"],
                            capture_output=True, text=True, check=True)
    assert ours.returncode == 0
    assert ours.stdout.splitlines()[-1] == theirs.stdout.splitlines()[-1]


def test_two_workers_give_the_same_rows_as_one(tmp_path):
    query = "SELECT article_id, duplicate_of, content_hash FROM articles ORDER BY ALL"
    results = []
    for workers in ("1", "2"):
        wh = str(tmp_path / f"wh{workers}")
        done = agenda("extract", str(SAMPLE), "--warehouse", wh, "--ingest-date", "2013-03-18",
                      "--extractor", "baseline", "--workers", workers)
        assert done.returncode == 0, done.stderr
        results.append([agenda("sql", q, "--warehouse", wh, "--format", "csv").stdout
                        for q in (query, "SELECT event_id, evidence FROM events ORDER BY ALL")])
    assert results[0] == results[1]


def test_device_is_checked_before_anything_runs(tmp_path):
    wh = str(tmp_path / "wh")
    done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--device", "gpu")
    assert done.returncode == 2 and "choose cpu or cuda" in done.stderr
    import torch

    if not torch.cuda.is_available():
        done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--device", "cuda")
        assert done.returncode == 1 and "sees no CUDA GPU" in done.stderr and "use --device cpu" in done.stderr


def test_workers_come_from_the_environment(tmp_path):
    import os

    env = {**os.environ, "AGENDA_WORKERS": "none"}
    done = subprocess.run([sys.executable, "-m", "extractors.cli", "extract", str(SAMPLE / "2016-11-10"),
                           "--warehouse", str(tmp_path / "wh")], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 2 and "AGENDA_WORKERS" in done.stderr


def test_bad_max_chars_exits_2(tmp_path):
    for bad in ("0", "-5"):
        done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", str(tmp_path / "wh"), "--max-chars", bad)
        assert done.returncode == 2 and "--max-chars" in done.stderr


def test_sql_table_output_escapes_control_characters(tmp_path):
    write_jsonl(tmp_path / "in" / "feed.jsonl", [{"id": "esc", "title": "Hi\x1b]0;pwned\x07\x1b[2J there",
                                                  "text": "Merkel will meet Macron in Berlin on Friday.",
                                                  "published": "2016-11-10"}])
    wh = str(tmp_path / "wh")
    assert agenda("extract", str(tmp_path / "in"), "--warehouse", wh, "--ingest-date", "2016-11-10").returncode == 0
    shown = agenda("sql", "SELECT title FROM articles", "--warehouse", wh).stdout
    assert "\x1b" not in shown and "\x07" not in shown and "\\x1b]0;pwned\\x07" in shown
    raw = agenda("sql", "SELECT title FROM articles", "--warehouse", wh, "--format", "csv").stdout
    assert "\x1b]0;pwned" in raw  # machine formats keep the data as stored


def test_sql_never_installs_extensions(tmp_path):
    from extractors.storage.query import connect

    con = connect(str(tmp_path))
    assert con.execute("SELECT current_setting('autoinstall_known_extensions'), "
                       "current_setting('autoload_known_extensions')").fetchone() == (False, False)


def test_sql_is_read_only_unless_told(tmp_path):
    wh = str(tmp_path / "wh")
    assert agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--ingest-date", "2016-11-10",
                  "--extractor", "baseline").returncode == 0
    out = tmp_path / "out.csv"
    copy = agenda("sql", f"COPY (SELECT * FROM events) TO '{out}'", "--warehouse", wh)
    assert copy.returncode == 1 and "COPY statements are not run in read-only mode" in copy.stderr
    assert not out.exists()
    outside = agenda("sql", "SELECT * FROM read_csv('/etc/hostname')", "--warehouse", wh)
    assert outside.returncode == 1 and "disabled by configuration" in outside.stderr
    unlock = agenda("sql", "SET enable_external_access = true; SELECT 1", "--warehouse", wh)
    assert unlock.returncode == 1 and "SET statements are not run" in unlock.stderr
    assert agenda("sql", "WITH e AS (SELECT * FROM events) SELECT count(*) FROM e; DESCRIBE events",
                  "--warehouse", wh).returncode == 0
    wrote = agenda("sql", f"COPY (SELECT * FROM events) TO '{out}'", "--warehouse", wh, "--writable")
    assert wrote.returncode == 0 and out.exists()


def test_a_second_run_for_a_date_being_written_exits_4(tmp_path):
    import datetime as dt

    from extractors.storage.warehouse import Warehouse

    wh = str(tmp_path / "wh")
    with Warehouse(wh).writer_lock(dt.date(2016, 11, 10), run="nightly"):
        done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--ingest-date", "2016-11-10")
    assert done.returncode == 4 and "another agenda run is writing the same date" in done.stderr
    assert not (tmp_path / "wh" / "runs").exists()  # nothing was started


def test_bad_choices_and_missing_files_exit_2(tmp_path):
    wh = str(tmp_path / "wh")
    done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--extractor", "foo")
    assert done.returncode == 2 and "'foo' is not one of" in usage_error(done)
    done = agenda("sql", "SELECT 1", "--warehouse", wh, "--format", "xml")
    assert done.returncode == 2 and "'xml' is not one of" in usage_error(done)
    done = agenda("sql", str(tmp_path / "missing.sql"), "--warehouse", wh)
    assert done.returncode == 2 and "no such file" in usage_error(done)
    model = str(ROOT / "models" / "agenda-tagger-v4")
    done = agenda("distill", "--teacher", model, "--teacher", model, "--need", "3", "--out", str(tmp_path / "l.gz"))
    assert done.returncode == 2 and "--need must be between 1 and the 2 teacher(s)" in usage_error(done)
    assert not (tmp_path / "l.gz").exists()


def test_version_names_the_model():
    import re

    done = agenda("--version")
    assert done.returncode == 0 and re.fullmatch(r"agenda \d+\.\d+\.\d+ \(model [\w.-]+\)\n", done.stdout)


def test_sql_formats_are_valid_json_jsonl_and_csv_with_json_lists(tmp_path):
    import csv
    import io

    wh = str(tmp_path / "wh")
    done = agenda("extract", str(SAMPLE / "2016-11-10"), "--warehouse", wh, "--ingest-date", "2016-11-10")
    assert done.returncode == 0
    query = "SELECT participants, start_date, confidence FROM events WHERE status = 'scheduled' ORDER BY start_date"
    rows = json.loads(agenda("sql", query, "--warehouse", wh, "--format", "json").stdout)
    assert [r["start_date"] for r in rows] == ["2016-11-14", "2016-11-17"]
    assert rows[1]["participants"] == ["Shinzo Abe", "Donald Trump"] and isinstance(rows[1]["confidence"], float)
    lines = agenda("sql", query, "--warehouse", wh, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(agenda("sql", query, "--warehouse", wh, "--format", "csv").stdout)))
    assert json.loads(table[1]["participants"]) == ["Shinzo Abe", "Donald Trump"]
    empty = agenda("sql", "SELECT * FROM events WHERE false", "--warehouse", wh, "--format", "json")
    assert json.loads(empty.stdout) == []


def test_progress_lines_when_not_on_a_terminal(tmp_path):
    import os

    env = {**os.environ, "AGENDA_PROGRESS_EVERY": "0"}
    done = subprocess.run([sys.executable, "-m", "extractors.cli", "extract", str(SAMPLE), "--warehouse",
                           str(tmp_path / "wh"), "--ingest-date", "2013-03-18", "--extractor", "baseline"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("progress: ")]
    assert lines and lines[-1].startswith("progress: 4/4 files, 199 articles")


def test_sql_views_carry_the_column_docs(tmp_path):
    from extractors.storage.query import connect
    from schemas import TABLES

    con = connect(str(tmp_path))  # empty warehouse: the views exist all the same
    docs = dict(con.execute("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'events'").fetchall())
    assert docs["start_date"] == TABLES["events"].field("start_date").metadata[b"doc"].decode()
    (view_doc,) = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'runs'").fetchone()
    assert view_doc == TABLES["runs"].metadata[b"agenda.doc"].decode()


def _extract_process(wh: str, src: str, day: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "extractors.cli", "extract", src, "--warehouse", wh,
                             "--ingest-date", day, "--extractor", "baseline", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _published(wh: str, day: str) -> tuple:
    q = agenda("sql", f"SELECT (SELECT count(*) FROM articles WHERE ingest_date = DATE '{day}'), "
               f"(SELECT count(*) FROM events WHERE ingest_date = DATE '{day}'), "
               f"(SELECT list(status ORDER BY status) FROM runs WHERE ingest_date = DATE '{day}')",
               "--warehouse", wh, "--format", "json")
    assert q.returncode == 0, q.stderr
    return tuple(json.loads(q.stdout)[0].values())


def test_two_writers_of_one_date_started_together_or_staggered(tmp_path):
    """One writes, the other exits 4 touching nothing; the date holds exactly one clean run's rows."""
    import gzip
    import time

    day = "2013-03-18"
    with gzip.open(SAMPLE / day / "reuters.jsonl.gz", "rt") as f:
        articles = [json.loads(line) for line in f]
    src = write_jsonl(tmp_path / "drop" / "feed.jsonl",  # a drop big enough to take seconds
                      [dict(a, id=f"{a['id']}-{i}", text=f"{a['text']} ({i})") for i in range(40) for a in articles])
    clean = str(tmp_path / "clean")
    assert agenda("extract", str(src), "--warehouse", clean, "--ingest-date", day, "--extractor",
                  "baseline").returncode == 0
    expected = _published(clean, day)
    for staggered in (False, True):
        wh = tmp_path / f"wh-{staggered}"
        first = _extract_process(str(wh), str(src), day)
        while staggered and not ((wh / "_writer.lock").exists() and (wh / "_writer.lock").read_text()):
            time.sleep(0.05)  # the first run holds the lock and is staging
        second = _extract_process(str(wh), str(src), day)
        codes = sorted(p.wait(timeout=600) for p in (first, second))
        errors = first.stderr.read() + second.stderr.read()
        assert codes == [0, 4], errors
        assert "another agenda run is writing the same date" in errors
        assert _published(str(wh), day) == expected
        if staggered:
            assert first.returncode == 0 and second.returncode == 4


def test_the_command_exits_with_its_status_and_all_its_output(tmp_path):
    """``run`` ends the process itself once the command is done (no interpreter teardown to abort a finished run):
    the status and every line of output still come through."""
    assert agenda("--version").returncode == 0
    done = agenda("sql", "SELECT range AS n FROM range(3000)", "--warehouse", str(tmp_path / "wh"), "--format", "csv")
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "2999"
    assert agenda("no-such-command").returncode == 2
