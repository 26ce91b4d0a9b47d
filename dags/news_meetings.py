"""news_meetings: one run per ingest date turns that day's drop of news articles into warehouse partitions.

Schedule: ``CronDataIntervalTimetable("0 0 * * *", timezone="UTC")``, chosen on purpose (Airflow 2 semantics):
a run's ``logical_date`` is the START of the day it covers, the run processes the drop of ``logical_date``'s
date (``{landing}/{YYYY-MM-DD}/``) and is scheduled just after that day ends (00:00 UTC the next day).
``catchup=False``: history is loaded with explicit backfills, one run per archive day, e.g.
``airflow backfill create --dag-id news_meetings --from-date 2013-03-18 --to-date 2013-03-20 --max-active-runs 1``.

Tasks: plan (discover + shard) -> extract_shard (mapped, one per shard, in pool ``agenda``) -> publish
(atomic publish + ``runs`` row; emits the warehouse Assets) -> quality_checks, and resolve_meetings (updates
the ``meetings`` table for the date, one instance at a time across runs; emits the meetings Asset).
record_failure runs only if extraction or publishing failed: it records a failed run; the published partition
is left untouched.

Concurrency (so that backfills cannot starve the nightly run): ``max_active_runs=1`` for scheduled/manual runs
(never two of them on the same partition); backfills get their own limit, ``--max-active-runs 1`` recommended.
extract_shard runs in the pool ``agenda`` (created at set-up, 4 slots) and takes at most 2 slots per run
(``max_active_tis_per_dagrun``), so one backfill run never fills the pool. Airflow serves queued tasks by
priority_weight, then OLDEST logical date first (i.e. backfills), and priority_weight is per task, not per run
type: the cluster policy in ``docker/config/airflow_local_settings.py`` (``extractors.runs.orchestration.prioritise``)
adds 1000 to every task of a non-backfill run. Retries: 3, exponential backoff from 60 s (x2, capped at 30 min;
AGENDA_RETRIES / AGENDA_RETRY_DELAY_SECONDS), plus a short in-task retry of landing discovery.

Settings (params > Airflow Variables ``agenda_<name>`` > env ``AGENDA_<NAME>`` > defaults): landing,
warehouse, extractor, landing_template, shard_size, max_shards; param ``ingest_date`` overrides the date.

This file is wiring only: the work is in ``extractors.runs.orchestration``, imported inside the tasks so that
parsing the DAG imports neither pyarrow, duckdb nor the model.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from airflow.sdk import Asset, Param, Variable, dag, get_current_context, task
from airflow.timetables.interval import CronDataIntervalTimetable

POOL = os.environ.get("AGENDA_POOL", "agenda")
SHARDS_AT_ONCE = 2  # = extractors.runs.orchestration.SHARDS_AT_ONCE (not imported: parsing stays light)
SETTING_NAMES = ("landing", "warehouse", "extractor", "landing_template", "shard_size", "max_shards")
TABLES = ("articles", "events", "quarantine", "runs")


def _table_uri(table: str) -> str:
    """The table's location as a URI (``file:///...`` or the object store's ``s3://...``): lineage and
    asset-aware schedules then name the same data across deployments. The warehouse is the deployment's
    (``AGENDA_WAREHOUSE``, default ``./warehouse``); a run that overrides it still emits these assets, with
    its own warehouse in the event's ``extra``."""
    warehouse = os.environ.get("AGENDA_WAREHOUSE") or "warehouse"
    if "://" in warehouse:
        return f"{warehouse.rstrip('/')}/{table}"
    return f"{Path(warehouse).resolve().as_uri()}/{table}"


# Named by their URIs: another warehouse is other assets (one name with two URIs would make Airflow refuse
# the newer as an inactive asset when the warehouse moves).
TABLE_ASSETS = {t: Asset(_table_uri(t), group="agenda") for t in TABLES}
MEETINGS_ASSET = Asset(_table_uri("meetings"), group="agenda")

DEFAULT_ARGS: dict[str, Any] = {
    "owner": "agenda",
    "retries": int(os.environ.get("AGENDA_RETRIES", "3")),
    "retry_delay": dt.timedelta(seconds=float(os.environ.get("AGENDA_RETRY_DELAY_SECONDS", "60"))),
    "retry_exponential_backoff": 2.0,  # 1 min, 2 min, 4 min ... (capped below)
    "max_retry_delay": dt.timedelta(minutes=30),
}


def _optional(kind: str, description: str, title: str, **schema: Any) -> Param:
    return Param(None, type=["null", kind], title=title, description=description, **schema)


def _context() -> dict[str, Any]:
    return dict(get_current_context())


def _variable(key: str) -> str | None:
    return Variable.get(key, default=None)


@dag(
    dag_id="news_meetings",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=1,  # scheduled/manual runs; backfills have their own --max-active-runs
    default_args=DEFAULT_ARGS,
    description="One day's drop of news articles -> scheduled meetings in the Parquet warehouse",
    params={
        "ingest_date": _optional("string", "Date to process; default: the logical date's date.", "Ingest date",
                                 format="date"),
        "landing": _optional("string", "Landing root, folder or fsspec URL (default: AGENDA_LANDING).",
                             "Landing"),
        "landing_template": _optional("string", "Where a day's drop is: default '{landing}/{date}/'.",
                                      "Landing template"),
        "warehouse": _optional("string", "Warehouse folder or fsspec URL (default: AGENDA_WAREHOUSE).",
                               "Warehouse"),
        "extractor": _optional("string", "The tagger (default: AGENDA_EXTRACTOR, else model).", "Extractor",
                               enum=[None, "model", "baseline"]),
        "shard_size": _optional("integer", "Input files per extract task (default 8).", "Shard size", minimum=1),
        "max_shards": _optional("integer", "Most extract tasks per run (default 32).", "Most shards", minimum=1),
    },
    tags=["agenda"],
    doc_md=__doc__,
)
def news_meetings() -> None:
    @task
    def plan() -> list[dict[str, Any]]:
        """Resolve settings and the ingest date, discover the day's files, open the run, shard the files.

        Returns the shards (what extract_shard maps over); pushes XComs ``run`` and ``summary``.
        """
        from extractors.runs.orchestration import ingest_day, plan_run, resolve_settings

        ctx = _context()
        params, ti, dag_run = ctx["params"], ctx["ti"], ctx["dag_run"]
        settings = resolve_settings({k: params.get(k) for k in SETTING_NAMES}, _variable)
        day = ingest_day(ctx.get("logical_date"), getattr(dag_run, "run_after", None), params.get("ingest_date"))
        planned = plan_run(settings, day, record_failure=ti.try_number > ti.max_tries,
                           orchestrator_run_id=dag_run.run_id)
        ti.xcom_push(key="run", value=planned["run"])
        ti.xcom_push(key="summary", value=planned["summary"])
        return planned["shards"]

    @task(pool=POOL, max_active_tis_per_dagrun=SHARDS_AT_ONCE, execution_timeout=dt.timedelta(hours=3),
          map_index_template="{{ shard_label }}")
    def extract_shard(run: dict[str, Any], shard: dict[str, Any]) -> dict[str, Any]:
        """Extract one shard of files into the run's staging area (the extractor is loaded once per task)."""
        from extractors.runs.orchestration import run_shard, shard_label

        get_current_context()["shard_label"] = shard_label(shard)  # the UI names a mapped task by its files
        return run_shard(run, shard)

    @task(trigger_rule="none_failed", outlets=list(TABLE_ASSETS.values()))
    def publish(run: dict[str, Any], summary: dict[str, Any], shards: list[dict[str, Any]]) -> dict[str, Any]:
        """Deduplicate across shards, publish the partitions atomically, record the run."""
        from extractors.runs.orchestration import publish_run

        result = publish_run(run, summary, [shards[i] for i in range(len(shards))])  # no probing past the end
        events = _context()["outlet_events"]
        rows = {"articles": result["articles_read"], "events": result["events"],
                "quarantine": result["quarantined"], "runs": 1}
        for table, asset in TABLE_ASSETS.items():
            events[asset].extra = {"ingest_date": run["ingest_date"], "run_id": run["run_id"],
                                   "warehouse": run["warehouse"], "rows": rows[table]}
        return result

    @task(retries=0)
    def quality_checks(run: dict[str, Any], summary: dict[str, Any]) -> dict[str, Any]:
        """Schema, counts, nulls, referential integrity and evidence offsets of the published partition."""
        from extractors.runs.orchestration import check_partition

        return check_partition(run["warehouse"], summary)

    @task(trigger_rule="one_failed", retries=2)
    def record_failure() -> None:
        """Record a failed run (nothing published) unless the run already has its row."""
        from extractors.runs.orchestration import record_failed_run

        ctx = _context()
        ti = ctx["ti"]
        run, summary = ti.xcom_pull(task_ids="plan", key="run"), ti.xcom_pull(task_ids="plan", key="summary")
        if not run or not summary:
            print("plan did not finish: nothing to record here (plan records unreachable landings itself)")
            return
        reason = f"Airflow run {ctx['dag_run'].run_id} failed in extract_shard or publish (see their logs)"
        record_failed_run(run, summary, reason)

    @task(outlets=[MEETINGS_ASSET], max_active_tis_per_dag=1)
    def resolve_meetings(run: dict[str, Any], summary: dict[str, Any]) -> dict[str, Any]:
        """Update the meetings table for the published date: only the meetings its events touch (one at a time
        across runs, so a backfill's days update it one after another, in any order)."""
        from extractors.runs.orchestration import update_meetings

        result = update_meetings(run, summary)
        _context()["outlet_events"][MEETINGS_ASSET].extra = {"ingest_date": run["ingest_date"], **result}
        return result

    planned = plan()
    counts = extract_shard.partial(run=planned["run"]).expand(shard=planned)
    published = publish(planned["run"], planned["summary"], counts)
    quality_checks(planned["run"], published)
    resolve_meetings(planned["run"], published)
    [planned, counts, published] >> record_failure()


news_meetings()
