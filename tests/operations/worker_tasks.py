"""A task for tests/operations/test_task_workers.py: notes each run in a counter of its own."""

from __future__ import annotations

import time

from django_tasks import task

from aftersales.portal.counters import counter_hit

ONE_WINDOW = 10**9  # seconds: every run of a task lands in the same counter


@task()
def note_run(*, number: int) -> None:
    counter_hit(f"worker-test:{number}", ONE_WINDOW)
    time.sleep(0.005)  # a task takes a little while, as real ones do
