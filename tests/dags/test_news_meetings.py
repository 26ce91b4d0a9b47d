"""The news_meetings DAG under Airflow itself: parsing, and ``dag.test()`` runs over fixture days.

Airflow reads AIRFLOW_HOME when it is first imported, so everything that imports Airflow runs in a subprocess
with its own AIRFLOW_HOME (SQLite metadata DB in a temp folder). All ``dag.test()`` scenarios run in ONE
subprocess (this file, run as a script) to pay Airflow's start-up once; the tests then assert on its results.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "dags"
SAMPLE = ROOT / "samples" / "landing"
SEED_DAY = "2016-11-10"
REUTERS_DAY = "2013-03-18"
HEAVY = ("pyarrow", "duckdb", "onnxruntime", "transformers")
MARK = "SCENARIO-RESULTS "


def airflow_env(home: Path) -> dict[str, str]:
    """Environment for an isolated Airflow: SQLite under ``home``, this repo's DAGs, tiny retry delays."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "AGENDA_"))}
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home}/airflow.db",
        AIRFLOW__LOGGING__LOGGING_LEVEL="WARNING",
        AGENDA_RETRIES="1",
        AGENDA_RETRY_DELAY_SECONDS="0.2",
        PYTHONPATH=str(ROOT),
    )
    return env


# -- the scenario runner (runs in the Airflow subprocess) -------------------------------------------------------

def _snapshot(warehouse: str, day: str) -> dict[str, list[dict]]:
    from extractors.storage.query import connect

    con = connect(warehouse)
    out = {}
    for table in ("articles", "events", "quarantine", "runs"):
        cur = con.execute(f"SELECT * EXCLUDE (ingest_date) FROM {table} WHERE ingest_date = ? ORDER BY ALL",
                          [dt.date.fromisoformat(day)])
        cols = [c[0] for c in cur.description]
        out[table] = [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    cur = con.execute("SELECT meeting_id, kind, participants, location, start_date, end_date, mention_count "
                      "FROM meetings ORDER BY meeting_id")
    cols = [c[0] for c in cur.description]
    out["meetings"] = [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    return out


def run_scenarios(spec: dict[str, Any]) -> dict[str, Any]:
    """Run each scenario with ``dag.test()``; return DAG run and task states plus the day's warehouse rows."""
    from unittest import mock

    from airflow.dag_processing.dagbag import DagBag

    import extractors.runs.orchestration as orchestration

    def broken_shard(run: dict, shard: dict) -> dict:
        raise RuntimeError("injected extraction failure")

    dag = DagBag(dag_folder=str(DAGS)).dags["news_meetings"]
    results = {}
    for sc in spec["scenarios"]:
        patch = mock.patch.object(orchestration, "run_shard", broken_shard) if sc.get("fail_extract") else None
        if patch:
            patch.start()
        try:
            if sc.get("now"):  # a past day reprocessed now, as `make run` does: the day is a param
                dr = dag.test(run_conf={**sc["conf"], "ingest_date": sc["day"]})
            else:  # (one DAG object runs every scenario: dag.test keeps a run's conf as the params' default)
                dr = dag.test(logical_date=dt.datetime.fromisoformat(sc["day"]).replace(tzinfo=dt.UTC),
                              run_conf={**sc["conf"], "ingest_date": None})
        finally:
            if patch:
                patch.stop()
        tis = {(ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.map_index}]"):
               {"state": str(ti.state), "try_number": ti.try_number, "label": ti.rendered_map_index}
               for ti in dr.get_task_instances()}
        results[sc["name"]] = {"state": str(dr.state), "tis": tis,
                               "tables": _snapshot(sc["conf"]["warehouse"], sc["day"]),
                               "times": {k: getattr(dr, k) for k in ("logical_date", "start_date", "end_date")}}
    return results


# -- fixtures ------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    """A landing folder: a copy of one Reuters day, and a day with a good article plus a broken file."""
    root = tmp_path_factory.mktemp("landing")
    (root / REUTERS_DAY).mkdir()
    shutil.copy(SAMPLE / REUTERS_DAY / "reuters.jsonl.gz", root / REUTERS_DAY)
    broken = root / "2020-01-02"
    broken.mkdir()
    seed = json.loads((SAMPLE / SEED_DAY / "breitbart.jsonl").read_text())
    (broken / "good.jsonl").write_text(json.dumps(dict(seed, id="good-1", published="2020-01-02")) + "\n")
    (broken / "broken.jsonl.gz").write_bytes(b"this is not gzip data")
    return root


@pytest.fixture(scope="module")
def http_landing(landing):
    """``landing`` served by http.server on 127.0.0.1 from a thread."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(landing))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def airflow_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("airflow")
    subprocess.run([str(Path(sys.executable).parent / "airflow"), "db", "migrate"], env=airflow_env(home),
                   check=True, capture_output=True, timeout=180)
    return home


@pytest.fixture(scope="module")
def runs(airflow_home, landing, http_landing, tmp_path_factory) -> dict[str, Any]:
    wh1, wh2 = (str(tmp_path_factory.mktemp(n)) for n in ("warehouse1", "warehouse2"))
    dead = f"http://127.0.0.1:{_free_port()}"
    scenarios = [
        {"name": "seed", "day": SEED_DAY, "conf": {"warehouse": wh1}},  # default landing: samples/landing
        {"name": "rerun", "day": SEED_DAY, "conf": {"warehouse": wh1}, "now": True},
        {"name": "failed_extract", "day": SEED_DAY, "conf": {"warehouse": wh1}, "fail_extract": True},
        {"name": "empty", "day": "2016-11-11", "conf": {"warehouse": wh1}},
        {"name": "broken", "day": "2020-01-02", "conf": {"warehouse": wh2, "landing": str(landing)}},
        {"name": "http", "day": REUTERS_DAY, "conf": {"warehouse": wh2, "landing": http_landing}},
        {"name": "dead", "day": REUTERS_DAY, "conf": {"warehouse": wh2, "landing": dead}},
    ]
    proc = subprocess.run([sys.executable, __file__, json.dumps({"scenarios": scenarios})],
                          env=airflow_env(airflow_home), capture_output=True, text=True, timeout=600, cwd=ROOT)
    lines = [x for x in proc.stdout.splitlines() if x.startswith(MARK)]
    assert proc.returncode == 0 and lines, proc.stdout[-3000:] + proc.stderr[-5000:]
    return {"results": json.loads(lines[-1][len(MARK):]), "output": proc.stdout + proc.stderr, "dead": dead,
            "http": http_landing}


# -- parsing -------------------------------------------------------------------------------------------------

PARSE_CHECK = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("news_meetings_dag", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
heavy = [m for m in sys.argv[2].split(",") if m in sys.modules]
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=sys.argv[1])
dag = bag.dags["news_meetings"]
ex = dag.get_task("extract_shard")
print(json.dumps({
    "heavy": heavy, "errors": {k: str(v) for k, v in bag.import_errors.items()}, "dags": sorted(bag.dag_ids),
    "tasks": sorted(dag.task_ids), "timetable": type(dag.timetable).__name__, "catchup": dag.catchup,
    "max_active_runs": dag.max_active_runs, "pool": ex.pool, "retries": ex.retries,
    "backoff": ex.retry_exponential_backoff, "per_run": ex.max_active_tis_per_dagrun,
    "outlets": sorted(a.name for a in dag.get_task("publish").outlets), "params": sorted(dag.params),
    "uris": sorted(a.uri for a in dag.get_task("publish").outlets), "description": dag.description,
    "schema": {k: dag.params.get_param(k).schema for k in ("ingest_date", "extractor")},
    "map_index_template": ex.map_index_template,
}))
"""


def test_dag_parses_without_heavy_imports(tmp_path):
    env = {**airflow_env(tmp_path), "AGENDA_WAREHOUSE": str(tmp_path / "wh")}
    proc = subprocess.run([sys.executable, "-c", PARSE_CHECK, str(DAGS / "news_meetings.py"), ",".join(HEAVY)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    assert info["heavy"] == [], f"parsing the DAG imported {info['heavy']}"
    assert info["errors"] == {}
    assert info["dags"] == ["news_meetings"]
    assert info["tasks"] == ["extract_shard", "plan", "publish", "quality_checks", "record_failure", "resolve_meetings"]
    assert info["timetable"] == "CronDataIntervalTimetable" and info["catchup"] is False
    from extractors.runs.orchestration import SHARDS_AT_ONCE  # each shard's ONNX threads assume this many at once

    assert info["max_active_runs"] == 1 and info["pool"] == "agenda" and info["per_run"] == SHARDS_AT_ONCE == 2
    assert info["retries"] == 1 and info["backoff"] == 2.0  # AGENDA_RETRIES=1 in the test environment
    assert {"landing", "warehouse", "extractor", "shard_size", "ingest_date"} <= set(info["params"])
    warehouse = (tmp_path / "wh").resolve().as_uri()  # AGENDA_WAREHOUSE of the parse
    assert info["uris"] == info["outlets"] == [f"{warehouse}/{t}" for t in ("articles", "events", "quarantine", "runs")]
    assert info["description"] and info["map_index_template"] == "{{ shard_label }}"
    assert info["schema"]["ingest_date"]["format"] == "date"
    assert info["schema"]["extractor"]["enum"] == [None, "model", "baseline"]


# -- runs ----------------------------------------------------------------------------------------------------

def _states(result: dict) -> dict[str, str]:
    return {k: v["state"] for k, v in result["tis"].items()}


def _without_run_id(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "run_id"} for r in rows]


def test_seed_day_publishes_the_abe_trump_meeting(runs):
    r = runs["results"]["seed"]
    assert r["state"] == "success", _states(r)
    assert _states(r)["quality_checks"] == "success" and _states(r)["record_failure"] == "skipped"
    t = r["tables"]
    assert len(t["articles"]) == 1 and t["runs"][0]["status"] == "success"
    assert t["runs"][0]["orchestrator_run_id"].startswith("manual__")  # the Airflow dag_run_id
    assert t["runs"][0]["inputs"][0].endswith(f"samples/landing/{SEED_DAY}/breitbart.jsonl")
    meetings = [e for e in t["events"] if e["status"] == "scheduled" and e["kind"] == "meeting"
                and any("Abe" in p for p in e["participants"]) and any("Trump" in p for p in e["participants"])]
    assert meetings, t["events"]
    assert "2016-11-17" in {e["start_date"] for e in meetings}, meetings
    assert r["tis"]["extract_shard[0]"]["label"] == "shard 0: breitbart.jsonl"  # the UI's name of the mapped task
    assert _states(r)["resolve_meetings"] == "success"
    abe_trump = [m for m in t["meetings"] if {"Shinzo Abe", "Donald Trump"} <= set(m["participants"])]
    assert [(m["start_date"], m["end_date"]) for m in abe_trump] == [("2016-11-17", "2016-11-17")], t["meetings"]


def test_rerun_gives_the_same_rows_but_a_new_run_id(runs):
    first, second = runs["results"]["seed"]["tables"], runs["results"]["rerun"]["tables"]
    assert runs["results"]["rerun"]["state"] == "success"
    for table in ("articles", "events", "quarantine"):
        assert _without_run_id(second[table]) == _without_run_id(first[table]), table
    assert second["meetings"] == first["meetings"]  # the rerun's date is resolved again: same meetings, same ids
    assert {r["run_id"] for r in second["articles"]} != {r["run_id"] for r in first["articles"]}
    assert len(second["runs"]) == 2 and {r["status"] for r in second["runs"]} == {"success"}


def test_a_past_day_reprocessed_now_shows_a_true_start_and_duration(runs):
    """The rerun is the seed day as a param of a run made now (what `make run` does): honest UI timestamps."""
    times = {k: dt.datetime.fromisoformat(v) for k, v in runs["results"]["rerun"]["times"].items()}
    assert times["logical_date"].date() > dt.date.fromisoformat(SEED_DAY)
    assert abs(times["start_date"] - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=2)
    assert dt.timedelta(0) < times["end_date"] - times["start_date"] < dt.timedelta(hours=1)
    seed = {k: dt.datetime.fromisoformat(v) for k, v in runs["results"]["seed"]["times"].items()}
    assert seed["start_date"] == seed["logical_date"]  # a dags-test run AT the past day starts there (years)


def test_failed_extraction_records_a_failed_run_and_keeps_the_partition(runs):
    before, r = runs["results"]["rerun"]["tables"], runs["results"]["failed_extract"]
    assert r["state"] == "failed"
    states = _states(r)
    assert states["extract_shard[0]"] == "failed" and states["publish"] == "upstream_failed"
    assert states["record_failure"] == "success"
    assert r["tis"]["extract_shard[0]"]["try_number"] == 2  # retried once (AGENDA_RETRIES=1)
    for table in ("articles", "events", "quarantine"):
        assert r["tables"][table] == before[table], f"{table} partition changed"
    failed = [x for x in r["tables"]["runs"] if x["status"] == "failed"]
    assert len(failed) == 1 and "extract_shard" in failed[0]["error"]


def test_empty_day_succeeds_with_zero_rows(runs):
    r = runs["results"]["empty"]
    assert r["state"] == "success", _states(r)
    assert _states(r)["extract_shard"] == "skipped"  # zero shards: the mapped task expands to nothing
    t = r["tables"]
    assert t["articles"] == t["events"] == t["quarantine"] == []
    (row,) = t["runs"]
    assert (row["status"], row["articles_read"], row["events"], row["inputs"]) == ("success", 0, 0, [])
    assert "no input files at" in runs["output"]


def test_broken_file_is_quarantined_and_the_run_succeeds(runs):
    r = runs["results"]["broken"]
    assert r["state"] == "success", _states(r)
    t = r["tables"]
    assert [a["article_id"] for a in t["articles"]] == ["good-1"]
    assert [q["reason"] for q in t["quarantine"]] == ["unreadable_file"]
    assert t["quarantine"][0]["input_file"].endswith("broken.jsonl.gz")
    assert t["runs"][0]["status"] == "partial" and t["runs"][0]["quarantined"] == 1


def test_http_landing(runs):
    r = runs["results"]["http"]
    assert r["state"] == "success", _states(r)
    t = r["tables"]
    assert t["runs"][0]["inputs"] == [f"{runs['http']}/{REUTERS_DAY}/reuters.jsonl.gz"]
    assert len(t["articles"]) == 71 and t["events"]
    assert all(a["input_file"].startswith("http://127.0.0.1:") for a in t["articles"])


def test_dead_landing_url_fails_clearly_after_retries(runs):
    r, dead = runs["results"]["dead"], runs["dead"]
    assert r["state"] == "failed"
    assert r["tis"]["plan"] == {"state": "failed", "try_number": 2, "label": None}  # the first try and one retry
    message = f"cannot reach the landing location {dead}/{REUTERS_DAY}/ after 3 attempts"
    assert message in runs["output"]
    failed = [x for x in r["tables"]["runs"] if x["status"] == "failed"]
    assert len(failed) == 1 and message in failed[0]["error"]  # recorded once, on the last try
    before = runs["results"]["http"]["tables"]
    for table in ("articles", "events", "quarantine"):
        assert r["tables"][table] == before[table], f"{table} partition changed"


def test_backfill_creates_one_run_per_archive_day(runs, airflow_home):
    """The schedule decision: ``backfill create`` over 3 days gives 3 runs, logical_date = start of each day."""
    proc = subprocess.run([str(Path(sys.executable).parent / "airflow"), "backfill", "create", "--dag-id",
                           "news_meetings", "--from-date", "2013-04-01", "--to-date", "2013-04-03", "--dry-run"],
                          env=airflow_env(airflow_home), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    dates = re.findall(r"\| (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00) ", proc.stdout)
    assert dates == [f"2013-04-0{d} 00:00:00+00:00" for d in (1, 2, 3)], proc.stdout


# -- the plain functions (no Airflow) -----------------------------------------------------------------------

def test_quality_checks_list_violations(tmp_path):
    import pyarrow.parquet as pq

    from extractors.runs.orchestration import DataQualityError, check_partition, summary_to_dict
    from extractors.runs.pipeline import run_extract
    from extractors.storage.warehouse import Warehouse

    day = dt.date.fromisoformat(SEED_DAY)
    summary = summary_to_dict(run_extract([str(SAMPLE / SEED_DAY)], str(tmp_path), day))
    assert check_partition(str(tmp_path), summary)["rows"]["articles"] == 1
    wh = Warehouse(str(tmp_path))
    (events_file,) = wh.fs.glob(f"{wh.partition('events', day)}/*.parquet")
    events = pq.read_table(events_file)
    events = events.set_column(events.schema.get_field_index("evidence_end"), events.schema.field("evidence_end"),
                               [[10**6] * events.num_rows])
    pq.write_table(events, events_file)
    with pytest.raises(DataQualityError) as err:
        check_partition(str(tmp_path), dict(summary, articles_read=5))
    text = str(err.value)
    assert "articles rows: 1 in the partition, the run summary says 5" in text
    assert "outside the article text" in text and SEED_DAY in text


def test_a_remote_file_that_cannot_be_fetched_is_retried_not_quarantined(tmp_path):
    from extractors.runs.orchestration import TransientFetchError, run_shard

    run = {"run_id": "r1", "ingest_date": SEED_DAY, "warehouse": str(tmp_path), "extractor": "baseline"}
    dead = f"http://127.0.0.1:{_free_port()}/{SEED_DAY}/breitbart.jsonl"
    with pytest.raises(TransientFetchError, match="could not be fetched"):
        run_shard(run, {"shard": 0, "files": [dead]})
    local = run_shard(run, {"shard": 1, "files": [str(SAMPLE / SEED_DAY / "breitbart.jsonl")]})
    assert local["articles_read"] == 1


def test_discovery_tells_a_missing_day_from_an_unreachable_store(http_landing):
    from extractors.runs.orchestration import LandingUnavailable, discover_day

    assert discover_day(f"{SAMPLE}/{REUTERS_DAY}/*.jsonl.gz") == [str(SAMPLE / REUTERS_DAY / "reuters.jsonl.gz")]
    assert discover_day(f"{SAMPLE}/2099-01-01/*.jsonl.gz") == discover_day(f"{SAMPLE}/2099-01-01/") == []
    assert discover_day(f"{http_landing}/{REUTERS_DAY}/") == [f"{http_landing}/{REUTERS_DAY}/reuters.jsonl.gz"]
    assert discover_day(f"{http_landing}/2099-01-01/") == []  # 404: no drop that day
    dead = f"http://127.0.0.1:{_free_port()}"
    for location in (f"{dead}/{REUTERS_DAY}/", f"{dead}/{REUTERS_DAY}/*.jsonl.gz"):
        with pytest.raises(LandingUnavailable, match=f"cannot reach the landing location {re.escape(location)}"):
            discover_day(location, backoff=0.01)


def test_settings_dates_and_locations():
    from extractors.runs.orchestration import Settings, ingest_day, landing_location, resolve_settings

    env = {"AGENDA_LANDING": "/env/landing", "AGENDA_SHARD_SIZE": "3", "AGENDA_WAREHOUSE": "/env/wh"}
    s = resolve_settings({"landing": "s3://bucket/drops", "warehouse": None}, {"agenda_warehouse": "/var"}.get,
                         environ=env)
    assert (s.landing, s.warehouse, s.shard_size, s.extractor) == ("s3://bucket/drops", "/var", 3, "model")
    assert resolve_settings(environ={}).landing == str(ROOT / "samples" / "landing")
    day = dt.date(2013, 3, 18)
    assert landing_location(s, day) == "s3://bucket/drops/2013-03-18/"
    custom = Settings(landing="http://h/x/", landing_template="{landing}/{yyyy}/{mm}/{dd}/*.jsonl.gz")
    assert landing_location(custom, day) == "http://h/x/2013/03/18/*.jsonl.gz"
    midnight = dt.datetime(2013, 3, 18, tzinfo=dt.UTC)
    assert ingest_day(midnight) == day  # logical_date = start of the day covered
    assert ingest_day(None, run_after=midnight + dt.timedelta(days=1, minutes=5)) == day
    assert ingest_day(midnight, override="2016-11-10") == dt.date(2016, 11, 10)


def test_priority_hook_ranks_nightly_above_backfill():
    from extractors.runs.orchestration import PRIORITY_BOOST, prioritise

    spec = importlib.util.spec_from_file_location(
        "airflow_local_settings", ROOT / "docker" / "config" / "airflow_local_settings.py")
    settings = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings)
    nightly = SimpleNamespace(dag_id="news_meetings", priority_weight=3, run_id="scheduled__2013-03-18")
    backfill = SimpleNamespace(dag_id="news_meetings", priority_weight=3, run_id="backfill__2013-03-18")
    other = SimpleNamespace(dag_id="other", priority_weight=3, run_id="scheduled__x")
    settings.task_instance_mutation_hook(nightly, SimpleNamespace(run_type="scheduled"))
    settings.task_instance_mutation_hook(backfill, SimpleNamespace(run_type="backfill"))
    prioritise(other, None)
    prioritise(nightly, None)  # idempotent; the run type can also come from the run_id
    assert (nightly.priority_weight, backfill.priority_weight, other.priority_weight) == (3 + PRIORITY_BOOST, 3, 3)


if __name__ == "__main__":  # the scenario runner: python tests/test_dags.py '{"scenarios": [...]}'
    sys.path.insert(0, str(ROOT))
    print(MARK + json.dumps(run_scenarios(json.loads(sys.argv[1])), default=str), flush=True)


def test_a_retried_publish_task_gives_the_rows_of_one_publish(tmp_path):
    """What Airflow does when a publish task is retried or cleared after it succeeded."""
    from extractors.runs.orchestration import Settings, plan_run, publish_run, run_shard

    settings = Settings(landing=str(SAMPLE), warehouse=str(tmp_path / "wh"), extractor="baseline")
    plan = plan_run(settings, dt.date.fromisoformat(SEED_DAY))
    shards = [run_shard(plan["run"], s) for s in plan["shards"]]
    first = publish_run(plan["run"], plan["summary"], shards)
    once = _snapshot(settings.warehouse, SEED_DAY)
    again = publish_run(plan["run"], plan["summary"], shards)
    twice = _snapshot(settings.warehouse, SEED_DAY)
    assert once["events"] and all(twice[t] == once[t] for t in ("articles", "events", "quarantine"))
    assert [r["run_id"] for r in twice["runs"]] == [plan["run"]["run_id"]]  # one row, rewritten
    assert (again["articles_read"], again["events"]) == (first["articles_read"], first["events"])


def test_publishing_takes_the_writer_lock(tmp_path):
    """An Airflow publish of a date that another run is writing fails its try (and is retried) untouched."""
    from extractors.runs.orchestration import Settings, plan_run, publish_run, run_shard
    from extractors.storage.locks import WriterConflict
    from extractors.storage.warehouse import Warehouse

    settings = Settings(landing=str(SAMPLE), warehouse=str(tmp_path / "wh"), extractor="baseline")
    plan = plan_run(settings, dt.date.fromisoformat(SEED_DAY))
    shards = [run_shard(plan["run"], s) for s in plan["shards"]]
    with (Warehouse(settings.warehouse).writer_lock(dt.date.fromisoformat(SEED_DAY), run="cli"),
          pytest.raises(WriterConflict, match="run cli")):
        publish_run(plan["run"], plan["summary"], shards)
    assert publish_run(plan["run"], plan["summary"], shards)["events"] > 0


def test_a_run_of_a_date_still_staging_refuses_a_second_run_of_that_date(tmp_path):
    """Two Airflow runs (or an Airflow run and `agenda extract`) of one date: the second is refused while the
    first stages in its separate tasks, and the first publishes whole; once it has, the date can run again."""
    from extractors.runs.orchestration import Settings, plan_run, publish_run, run_shard
    from extractors.runs.pipeline import run_extract
    from extractors.storage.locks import WriterConflict

    day = dt.date.fromisoformat(SEED_DAY)
    settings = Settings(landing=str(SAMPLE), warehouse=str(tmp_path / "wh"), extractor="baseline")
    plan = plan_run(settings, day)
    with pytest.raises(WriterConflict, match=f"run {plan['run']['run_id']} is still staging {SEED_DAY}"):
        plan_run(settings, day)
    shards = [run_shard(plan["run"], s) for s in plan["shards"]]
    with pytest.raises(WriterConflict, match="still staging"):
        run_extract([str(SAMPLE / SEED_DAY)], settings.warehouse, day, extractor="baseline", workers=1)
    published = publish_run(plan["run"], plan["summary"], shards)
    assert published["events"] > 0
    assert _snapshot(settings.warehouse, SEED_DAY)["runs"][0]["run_id"] == plan["run"]["run_id"]
    assert plan_run(settings, day)["run"]["run_id"] != plan["run"]["run_id"]


def test_a_publish_that_orphans_another_days_duplicates_reruns_that_day(tmp_path):
    """The DAG's steps for day 1, day 2 (a duplicate of a day-1 article), then day 1 from a corrected drop."""
    from conftest import write_jsonl

    from extractors.runs.orchestration import Settings, plan_run, publish_run, run_shard, update_meetings
    from extractors.storage.query import connect

    meet = "Merkel will meet Macron in Berlin on Friday to discuss the budget."
    other = "Putin will visit Beijing next week for talks with Xi Jinping."
    landing, wh = tmp_path / "landing", str(tmp_path / "wh")
    write_jsonl(landing / "2016-11-10" / "feed.jsonl", [{"id": "a", "text": meet, "published": "2016-11-10"},
                                                        {"id": "b", "text": other, "published": "2016-11-10"}])
    write_jsonl(landing / "2016-11-11" / "feed.jsonl", [{"id": "c", "text": meet, "published": "2016-11-11"}])
    settings = Settings(landing=str(landing), warehouse=wh, extractor="baseline")

    def dag_run(day: str) -> dict:
        plan = plan_run(settings, dt.date.fromisoformat(day))
        published = publish_run(plan["run"], plan["summary"], [run_shard(plan["run"], s) for s in plan["shards"]])
        update_meetings(plan["run"], published)
        return published

    dag_run("2016-11-10")
    assert dag_run("2016-11-11")["articles_duplicate"] == 1
    write_jsonl(landing / "2016-11-10" / "feed.jsonl", [{"id": "b", "text": other, "published": "2016-11-10"}])
    published = dag_run("2016-11-10")
    assert [(r["ingest_date"], r["status"]) for r in published["reruns"]] == [("2016-11-11", "success")]
    con = connect(wh)
    assert con.execute("SELECT count(*) FROM events WHERE article_id = 'c'").fetchone()[0] >= 1
    assert con.execute("SELECT count(*) FROM meetings WHERE list_contains(article_ids, 'c')").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM meetings WHERE list_contains(article_ids, 'a')").fetchone() == (0,)


def test_a_shard_logs_readable_lines_and_a_heartbeat(tmp_path, caplog, monkeypatch):
    import logging

    import extractors.runs.orchestration as orchestration

    monkeypatch.setattr(orchestration, "HEARTBEAT_SECONDS", 0.0)
    run = {"run_id": "r1", "ingest_date": REUTERS_DAY, "warehouse": str(tmp_path), "extractor": "baseline"}
    with caplog.at_level(logging.INFO, logger="extractors.runs.orchestration"):
        orchestration.run_shard(run, {"shard": 0, "files": [str(SAMPLE / REUTERS_DAY / "reuters.jsonl.gz")]})
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("shard 0: ") and line.endswith("so far") for line in lines)
    done = [line for line in lines if line.startswith("shard 0 of run r1 done: 1 files, 71 articles")]
    assert done and "Counts(" not in done[0] and re.search(r"in \d+\.\ds \(read", done[0])


def test_openlineage_events_name_the_warehouse_tables(airflow_home, tmp_path):
    """With an OpenLineage transport configured (here the console), publish's run event lists the tables."""
    pytest.importorskip("airflow.providers.openlineage", reason="the openlineage extra is not installed")
    wh = tmp_path / "wh"
    env = {**airflow_env(airflow_home), "AIRFLOW__OPENLINEAGE__TRANSPORT": '{"type": "console"}',
           "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO", "AGENDA_WAREHOUSE": str(wh)}
    spec = {"scenarios": [{"name": "lineage", "day": "2001-01-01",  # a logical date no other test runs
                           "conf": {"warehouse": str(wh), "landing": str(SAMPLE), "extractor": "baseline",
                                    "ingest_date": SEED_DAY}}]}
    proc = subprocess.run([sys.executable, __file__, json.dumps(spec)], env=env, capture_output=True, text=True,
                          timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    events = [json.loads(m) for m in re.findall(r'(\{"eventTime".*\}) \[openlineage', proc.stdout + proc.stderr)]
    done = [e for e in events if e["job"]["name"] == "news_meetings.publish" and e["eventType"] == "COMPLETE"]
    out = proc.stdout + proc.stderr
    assert done, out[out.find("Task failed with exception"):][:3000]
    outputs = {(o["namespace"], o["name"]) for o in done[0]["outputs"]}
    assert outputs == {("file", f"{wh.resolve()}/{t}") for t in ("articles", "events", "quarantine", "runs")}
