"""Several `db_worker` processes on one queue (django-tasks-db on PostgreSQL): each task is
claimed by exactly one of them (SELECT ... FOR UPDATE SKIP LOCKED, then marked running in the
same transaction), so workers can be added on any number of machines."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from aftersales.portal.models import RateCounter

from .worker_tasks import note_run

ROOT = Path(__file__).resolve().parents[2]
TASKS = 60
WORKERS = 2

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (workers in other processes)"
    ),
]


def worker_env() -> dict[str, str]:
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}"
        f":{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    env.update(
        DEBUG="true",
        DATABASE_URL=url,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        CACHE_URL="locmemcache://",
        REDIS_URL="",
        LOG_LEVEL="INFO",
    )
    return env


def start_workers(count: int, logs: Path) -> list[subprocess.Popen[bytes]]:
    """`count` workers, returned once each polls the queue (it logs "Starting worker")."""
    workers = []
    for number in range(count):
        with (logs / f"worker-{number}.log").open("wb") as log:
            workers.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--interval", "0.05",
                     "--no-startup-delay", "--skip-checks"],
                    cwd=ROOT,
                    env=worker_env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
    deadline = time.monotonic() + 120
    for number, worker in enumerate(workers):
        while b"Starting worker" not in (logs / f"worker-{number}.log").read_bytes():
            assert worker.poll() is None, (logs / f"worker-{number}.log").read_text()
            assert time.monotonic() < deadline, "a worker did not start"
            time.sleep(0.1)
    return workers


def stop(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


def test_it_runs_each_task_once_with_several_workers(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    workers = start_workers(WORKERS, tmp_path)
    try:
        with transaction.atomic():  # all at once: the workers race for them
            for number in range(TASKS):
                note_run.enqueue(number=number)
        deadline = time.monotonic() + 120
        while DBTaskResult.objects.exclude(status="SUCCESSFUL").exists():
            assert time.monotonic() < deadline, "the workers did not finish"
            time.sleep(0.2)
    finally:
        stop(workers)
    runs = dict(RateCounter.objects.values_list("key", "count"))
    assert len(runs) == TASKS
    assert set(runs.values()) == {1}  # no task ran twice
    claims = Counter(
        worker
        for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
        for worker in ids
    )
    assert sum(claims.values()) == TASKS  # each claimed once
    assert len(claims) > 1  # and the work was shared
