"""Airflow cluster policy for Agenda: copy into ``$AIRFLOW_HOME/config/`` (the image and make targets do).

Airflow queues waiting tasks by priority_weight, then by the OLDEST logical date, so a long backfill would be
served before the nightly run whenever both wait for the ``agenda`` pool. This hook gives every task of a
non-backfill run of ``news_meetings`` a higher priority_weight than any backfill task.
"""

from __future__ import annotations

from typing import Any

__all__ = ["task_instance_mutation_hook"]


def task_instance_mutation_hook(task_instance: Any, dag_run: Any) -> None:
    try:
        from extractors.runs.orchestration import prioritise
    except ImportError:  # Agenda is not installed in this Airflow environment
        return
    prioritise(task_instance, dag_run)
