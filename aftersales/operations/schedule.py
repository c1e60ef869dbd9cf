"""The portal's periodic work: which task runs when, and enqueueing the ones that are due.

django-tasks has no scheduler of its own, so `manage.py run_scheduler` (started by `./dev run`,
`./dev serve` and the systemd unit `aftersales-scheduler`) calls `jobs_enqueue_due()` every few
seconds. An application registers its periodic tasks in its AppConfig.ready():

    from aftersales.operations.schedule import Job, job_register
    job_register(Job("trust.anchor", anchor_task, daily_at=time(2, 30)))

A job is due once per *slot*: `every` (e.g. 5 minutes) counts slots from midnight UTC; a
`daily_at` job has one slot a day at that local time (TIME_ZONE). The last slot enqueued is
kept per job (`ScheduledJob`), and a slot is taken with one compare-and-set UPDATE in the same
transaction as the enqueue (django-tasks' database backend writes the task into the same
database): two schedulers, or one restarted within a slot, never enqueue a slot twice. A
scheduler that was down enqueues each job's latest missed slot once when it is back (like
systemd's Persistent=true), not every slot it missed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from aftersales import clock

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: Any  # a django_tasks Task without arguments
    every: timedelta | None = None
    daily_at: time | None = None

    def __post_init__(self) -> None:
        if (self.every is None) == (self.daily_at is None):
            raise ValueError(f"Job {self.name}: give either `every` or `daily_at`.")
        if self.every is not None and self.every < timedelta(minutes=1):
            raise ValueError(f"Job {self.name}: at most once a minute.")

    def slot(self, now: datetime) -> datetime:
        """The start of the latest slot at or before `now` (the time the job was due)."""
        if self.every is not None:
            step = int(self.every.total_seconds())
            seconds = int(now.timestamp())
            return datetime.fromtimestamp(seconds - seconds % step, tz=UTC)
        assert self.daily_at is not None
        local = timezone.localtime(now)
        due = timezone.make_aware(datetime.combine(local.date(), self.daily_at))
        if due > now:
            due = timezone.make_aware(
                datetime.combine(local.date() - timedelta(days=1), self.daily_at)
            )
        return due

    def next_slot(self, now: datetime) -> datetime:
        if self.every is not None:
            return self.slot(now) + self.every
        assert self.daily_at is not None
        following = timezone.localtime(self.slot(now)).date() + timedelta(days=1)
        return timezone.make_aware(datetime.combine(following, self.daily_at))

    @property
    def when(self) -> str:
        if self.every is not None:
            return f"every {int(self.every.total_seconds() // 60)} min"
        assert self.daily_at is not None
        return f"daily at {self.daily_at:%H:%M}"


_JOBS: dict[str, Job] = {}


def job_register(job: Job) -> None:
    _JOBS[job.name] = job


def jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def job_enqueue_if_due(job: Job, *, now: datetime) -> bool:
    """Enqueues `job` when its current slot has not been enqueued yet; True when it did."""
    from .models import ScheduledJob

    slot = job.slot(now)
    with transaction.atomic():
        ScheduledJob.objects.get_or_create(name=job.name)
        # The compare-and-set: only one scheduler moves last_due_at to this slot.
        taken = (
            ScheduledJob.objects.filter(name=job.name)
            .filter(Q(last_due_at__isnull=True) | Q(last_due_at__lt=slot))
            .update(last_due_at=slot, last_enqueued_at=now)
        )
        if not taken:
            return False
        result = job.task.enqueue()
        ScheduledJob.objects.filter(name=job.name).update(last_task_id=str(result.id)[:64])
    logger.info("scheduler: %s enqueued (due %s)", job.name, slot.isoformat())
    return True


def jobs_enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueues every registered job that is due; the names of those enqueued."""
    now = now or clock.now()
    enqueued = []
    for job in jobs():
        try:
            if job_enqueue_if_due(job, now=now):
                enqueued.append(job.name)
        except Exception:  # one job's failure must not stop the others' schedule
            logger.exception("scheduler: %s could not be enqueued", job.name)
    return enqueued
