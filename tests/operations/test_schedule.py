"""The scheduler (operations/schedule.py): each slot of a job is enqueued once, whoever looks
and however often; the registered jobs run the periodic work."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tasks import task

from aftersales.operations.models import ScheduledJob
from aftersales.operations.schedule import Job, job_enqueue_if_due, jobs, jobs_enqueue_due
from aftersales.trust.models import ChainAnchor, VerificationRun

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@task()
def counted_task() -> None:
    RUNS.append("run")


@pytest.fixture(autouse=True)
def _no_runs() -> None:
    RUNS.clear()


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


EVERY_5 = Job("test.every_5", counted_task, every=timedelta(minutes=5))
NIGHTLY = Job("test.nightly", counted_task, daily_at=time(2, 30))


def test_it_enqueues_a_due_job_once_per_slot() -> None:
    now = datetime(2026, 11, 27, 10, 1, tzinfo=UTC)
    assert job_enqueue_if_due(EVERY_5, now=now)
    assert not job_enqueue_if_due(EVERY_5, now=now + timedelta(minutes=3))
    assert RUNS == ["run"]


def test_it_enqueues_an_interval_job_again_in_its_next_slot() -> None:
    now = datetime(2026, 11, 27, 10, 1, tzinfo=UTC)
    job_enqueue_if_due(EVERY_5, now=now)
    assert job_enqueue_if_due(EVERY_5, now=now + timedelta(minutes=4))
    assert len(RUNS) == 2


def test_it_waits_for_a_daily_jobs_time() -> None:
    job_enqueue_if_due(NIGHTLY, now=local(2026, 11, 26, 3))
    assert not job_enqueue_if_due(NIGHTLY, now=local(2026, 11, 27, 2, 29))
    assert job_enqueue_if_due(NIGHTLY, now=local(2026, 11, 27, 2, 30))


def test_it_enqueues_a_daily_job_missed_while_down_once() -> None:
    job_enqueue_if_due(NIGHTLY, now=local(2026, 11, 20, 3))
    RUNS.clear()
    assert job_enqueue_if_due(NIGHTLY, now=local(2026, 11, 27, 14))
    assert not job_enqueue_if_due(NIGHTLY, now=local(2026, 11, 27, 14, 1))
    assert RUNS == ["run"]


def test_it_records_the_slot_and_the_task_of_the_last_run() -> None:
    job_enqueue_if_due(NIGHTLY, now=local(2026, 11, 27, 14))
    row = ScheduledJob.objects.get(name="test.nightly")
    assert row.last_due_at == local(2026, 11, 27, 2, 30)
    assert row.last_task_id


def test_it_schedules_the_anchor_the_verification_and_the_stale_tool_sessions() -> None:
    names = {job.name for job in jobs()}
    assert {
        "trust.anchor_chains",
        "trust.verify_chains",
        "tools.close_stale_sessions",
        "api.purge_idempotency_records",
        "operations.housekeeping",
    } <= names


def test_it_records_the_days_anchor_and_a_verification_run_when_due() -> None:
    jobs_enqueue_due()
    assert ChainAnchor.objects.filter(day=timezone.localdate()).exists()
    assert VerificationRun.objects.exists()


def test_it_enqueues_nothing_more_when_the_command_looks_again(capsys: Any) -> None:
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    out = capsys.readouterr().out
    assert out.count("trust.verify_chains enqueued") == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel connections")
def test_it_enqueues_a_slot_once_when_two_schedulers_look_at_the_same_moment() -> None:
    now = datetime(2026, 11, 27, 10, 1, tzinfo=UTC)
    barrier = threading.Barrier(4)
    outcomes: list[Any] = []

    def look() -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(job_enqueue_if_due(EVERY_5, now=now))
        except Exception as error:  # noqa: BLE001 - the test looks at what each one got
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=look) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [False, False, False, True]
    assert RUNS == ["run"]
