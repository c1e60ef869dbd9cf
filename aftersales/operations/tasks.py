"""Periodic housekeeping (scheduled in apps.py): expired log-in sessions and the task results
the worker has finished with."""

from __future__ import annotations

from django.core.management import call_command
from django_tasks import default_task_backend, task
from django_tasks_db.backend import DatabaseBackend

TASK_RESULTS_KEPT_DAYS = 14


@task()
def housekeeping_task() -> None:
    call_command("clearsessions")
    if isinstance(default_task_backend, DatabaseBackend):
        call_command(
            "prune_db_task_results",
            "--queue-name=*",
            f"--min-age-days={TASK_RESULTS_KEPT_DAYS}",
            verbosity=0,
        )
