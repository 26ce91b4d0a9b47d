"""Wall time of a 30-day backfill through Airflow versus the same days through the CLI.

    .venv/bin/python benchmarks/backfill.py [--corpus DIR] [--start 2013-02-19] [--days 30] [--max-active-runs 2]

Airflow: a throw-away AIRFLOW_HOME with SQLite and the LocalExecutor (scheduler, dag-processor and api-server
as separate processes), AGENDA_LANDING pointed at the corpus root (its layout is ``YYYY-MM-DD/reuters.jsonl.gz``)
and ``airflow backfill create`` for the date range; timed from ``backfill create`` until every backfill run has
succeeded (start-up is reported separately). CLI: ``agenda extract`` once per day, one after the other. Both
write to their own fresh warehouse with the same extractor (AGENDA_EXTRACTOR, default model). The default
``--max-active-runs 1`` processes days in order, like the CLI, so both give the same rows (cross-day duplicate
detection only sees days already published).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CORPUS = Path("/work/shared/corpus/reuters-2006-2013")


def days_from(start: dt.date, n: int, corpus: Path) -> list[dt.date]:
    days = [start + dt.timedelta(days=i) for i in range(n)]
    missing = [d for d in days if not (corpus / d.isoformat()).is_dir()]
    if missing:
        raise SystemExit(f"no folder in {corpus} for {', '.join(map(str, missing))}")
    return days


def snapshot_code(work: Path) -> Path:
    """A copy of the code both sides run (the checkout may change while the benchmark runs)."""
    src = work / "src"
    for name in ("extractors", "schemas", "dags"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    return src


def base_env(src: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "AGENDA_"))}
    env.update(PYTHONPATH=str(src), AGENDA_MODEL_DIR=os.environ.get(
        "AGENDA_MODEL_DIR", str(ROOT / "models" / "agenda-tagger-v4")))
    return env


def run_cli(days: list[dt.date], corpus: Path, warehouse: Path, extractor: str, src: Path) -> float:
    env = base_env(src)
    t0 = time.perf_counter()
    for day in days:
        proc = subprocess.run([str(BIN / "python"), "-m", "extractors.cli", "extract", str(corpus / day.isoformat()),
                               "--warehouse", str(warehouse), "--ingest-date", day.isoformat(), "--extractor",
                               extractor], capture_output=True, text=True, env=env)
        if proc.returncode not in (0, 3):  # 3: done, some input quarantined
            raise SystemExit(f"agenda extract failed for {day}: {proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def airflow_env(home: Path, corpus: Path, warehouse: Path, extractor: str, src: Path) -> dict[str, str]:
    env = base_env(src)
    env.update(
        PATH=f"{BIN}:{env.get('PATH', '')}",
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(src / "dags"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__EXECUTOR="LocalExecutor",
        AIRFLOW__CORE__PARALLELISM="4",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home}/airflow.db",
        AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE="False",  # no nightly run: only the backfill is measured
        AIRFLOW__API__HOST="127.0.0.1",
        AIRFLOW__API__WORKERS="1",
        AGENDA_LANDING=str(corpus),
        AGENDA_WAREHOUSE=str(warehouse),
        AGENDA_EXTRACTOR=extractor,
    )
    return env


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _airflow(env: dict[str, str], *args: str) -> None:
    proc = subprocess.run([str(BIN / "airflow"), *args], env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"airflow {' '.join(args)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}")


def _query(db: Path, sql: str, *args: object) -> list[tuple]:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql, args).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def run_airflow(days: list[dt.date], corpus: Path, warehouse: Path, extractor: str, work: Path, src: Path,
                max_active_runs: int, timeout: float) -> tuple[float, float]:
    """(start-up seconds, backfill seconds)."""
    home = work / "airflow"
    (home / "config").mkdir(parents=True)
    shutil.copy(ROOT / "docker" / "config" / "airflow_local_settings.py", home / "config")
    env = airflow_env(home, corpus, warehouse, extractor, src)
    port = _free_port()
    env.update(AIRFLOW__API__PORT=str(port),
               AIRFLOW__CORE__EXECUTION_API_SERVER_URL=f"http://127.0.0.1:{port}/execution/")
    airflow = str(BIN / "airflow")
    t0 = time.perf_counter()
    _airflow(env, "db", "migrate")
    _airflow(env, "pools", "set", "agenda", "4", "Agenda")
    procs = []
    try:
        for name in ("api-server", "scheduler", "dag-processor"):
            log = open(work / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
            procs.append(subprocess.Popen([airflow, name], env=env, stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True))
        db = home / "airflow.db"
        deadline = time.time() + 180
        while not _query(db, "SELECT 1 FROM serialized_dag WHERE dag_id = 'news_meetings'"):
            if time.time() > deadline or any(p.poll() is not None for p in procs):
                raise SystemExit(f"the DAG was not parsed; see the logs in {work}")
            time.sleep(1)
        _airflow(env, "dags", "unpause", "news_meetings")
        startup = time.perf_counter() - t0

        t1 = time.perf_counter()
        _airflow(env, "backfill", "create", "--dag-id", "news_meetings", "--from-date", days[0].isoformat(),
                 "--to-date", days[-1].isoformat(), "--max-active-runs", str(max_active_runs))
        deadline = time.time() + timeout
        while True:
            states = dict(_query(db, "SELECT state, count(*) FROM dag_run WHERE run_type = 'backfill' "
                                     "GROUP BY state"))
            done = states.get("success", 0) + states.get("failed", 0)
            if done >= len(days):
                break
            if time.time() > deadline or any(p.poll() is not None for p in procs):
                raise SystemExit(f"backfill did not finish ({states}); see the logs in {work}")
            time.sleep(0.5)
        elapsed = time.perf_counter() - t1
        if states.get("failed"):
            raise SystemExit(f"{states['failed']} backfill runs failed; see the logs in {work}")
        return startup, elapsed
    finally:
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)


def row_counts(warehouse: Path) -> tuple[int, int, int]:
    sys.path.insert(0, str(ROOT))
    from extractors.storage.query import connect

    con = connect(str(warehouse))
    articles, events = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events"))
    runs = con.execute("SELECT count(DISTINCT ingest_date) FROM runs WHERE status IN ('success', 'partial')")
    return articles, events, runs.fetchone()[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2013, 2, 19))
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--max-active-runs", type=int, default=1,
                    help="of the backfill; >1 overlaps days, so an article repeated on the next day is not yet "
                         "known as a duplicate and is extracted again (more events than the sequential CLI)")
    ap.add_argument("--extractor", default=os.environ.get("AGENDA_EXTRACTOR", "model"))
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--keep", action="store_true", help="keep the temp folder (logs, warehouses)")
    args = ap.parse_args()
    days = days_from(args.start, args.days, args.corpus)
    work = Path(tempfile.mkdtemp(prefix="agenda-backfill-"))
    try:
        src = snapshot_code(work)
        cli = run_cli(days, args.corpus, work / "wh-cli", args.extractor, src)
        print(f"CLI      {len(days)} days ({days[0]}..{days[-1]}), `agenda extract` per day: {cli:7.1f}s "
              f"({cli / len(days):.2f}s/day)  rows {row_counts(work / 'wh-cli')}", flush=True)
        startup, af = run_airflow(days, args.corpus, work / "wh-airflow", args.extractor, work, src,
                                  args.max_active_runs, args.timeout)
        print(f"Airflow  {len(days)} days, backfill create -> all runs succeeded (LocalExecutor, SQLite, "
              f"--max-active-runs {args.max_active_runs}): {af:7.1f}s ({af / len(days):.2f}s/day)  "
              f"rows {row_counts(work / 'wh-airflow')}  [+{startup:.0f}s start-up]")
        print(f"ratio    Airflow / CLI = {af / cli:.2f}")
        same = row_counts(work / "wh-cli") == row_counts(work / "wh-airflow")
        print("rows     " + ("identical counts" if same else "DIFFER (overlapping days see fewer duplicates)"))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
