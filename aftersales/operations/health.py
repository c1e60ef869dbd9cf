"""The checks behind /health/: the database always, the cache, Redis, the task worker's queue,
the scheduler and the read replicas when they are configured. Each check answers within a short time and says what
failed. A replica is not required: while one is down the portal reads from the others or the
primary (aftersales/operations/replicas.py), so it is reported without making the answer 503."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, connections

from aftersales import clock


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    milliseconds: int
    required: bool = True  # a failure makes /health/ answer 503

    def as_dict(self, *, detail: bool) -> dict[str, object]:
        result: dict[str, object] = {"status": "ok" if self.ok else "down", "ms": self.milliseconds}
        if detail:
            result["detail"] = self.detail
        return result


def _timed(name: str, probe: Callable[[], str]) -> Check:
    started = time.monotonic()
    try:
        detail, ok = probe(), True
    except Exception as error:  # noqa: BLE001 - a health check reports every failure
        detail, ok = f"{type(error).__name__}: {error}".strip()[:300], False
    return Check(name, ok, detail, round((time.monotonic() - started) * 1000))


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise DatabaseError("SELECT 1 did not answer 1")
    return connection.vendor


def _cache() -> str:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("a value written to the cache could not be read back")
    finally:
        cache.delete(key)
    return str(settings.CACHES["default"]["BACKEND"]).rsplit(".", 1)[-1]


def _redis() -> str:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    client.ping()
    return "ping"


def _uses_database_queue() -> bool:
    return str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_db.")


def _worker() -> str:
    """The worker takes a ready task within seconds; a task that has waited longer than
    HEALTH_QUEUE_MAX_DELAY means no worker runs (or it is stuck)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    oldest = DBTaskResult.objects.ready().order_by("run_after", "enqueued_at").first()
    if oldest is None:
        return "queue empty"
    # A task without run_after carries the largest date; one deferred waits from run_after.
    if oldest.run_after >= get_date_max():
        waiting_since = oldest.enqueued_at
    else:
        waiting_since = max(oldest.enqueued_at, oldest.run_after)
    waited = clock.now() - waiting_since
    if waited > timedelta(seconds=settings.HEALTH_QUEUE_MAX_DELAY):
        raise RuntimeError(
            f"the oldest ready task has waited {int(waited.total_seconds())} s: "
            "is manage.py db_worker running?"
        )
    return f"oldest ready task waited {int(waited.total_seconds())} s"


def _scheduler() -> str:
    """The scheduler enqueues a job every few minutes (tools.close_stale_sessions: every 5);
    nothing enqueued for HEALTH_SCHEDULER_MAX_DELAY means no run_scheduler runs. Before its
    first job there is nothing to judge (a fresh installation)."""
    from .models import ScheduledJob

    last = (
        ScheduledJob.objects.filter(last_enqueued_at__isnull=False)
        .order_by("-last_enqueued_at")
        .values_list("last_enqueued_at", flat=True)
        .first()
    )
    if last is None:
        return "no job enqueued yet"
    quiet = clock.now() - last
    if quiet > timedelta(seconds=settings.HEALTH_SCHEDULER_MAX_DELAY):
        raise RuntimeError(
            f"no periodic task enqueued for {int(quiet.total_seconds())} s: "
            "is manage.py run_scheduler running?"
        )
    return f"last job enqueued {int(quiet.total_seconds())} s ago"


def _lsn(text: str) -> int:
    high, low = text.split("/")
    return (int(high, 16) << 32) + int(low, 16)


def _replica(alias: str) -> str:
    """In recovery (a streaming replica) and how far its replay is behind the primary."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
        in_recovery, replayed = cursor.fetchone()
    if not in_recovery:
        raise RuntimeError("not a replica: pg_is_in_recovery() is false")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (written,) = cursor.fetchone()
    behind = max(_lsn(written) - _lsn(replayed), 0) if replayed else 0
    return f"replaying, {behind} bytes behind the primary"


def health_checks() -> list[Check]:
    checks = [_timed("database", _database)]
    database_ok = checks[0].ok
    checks.append(_timed("cache", _cache))
    if settings.REDIS_URL:
        checks.append(_timed("redis", _redis))
    if _uses_database_queue():
        if database_ok:
            checks.append(_timed("worker", _worker))
            checks.append(_timed("scheduler", _scheduler))
        else:
            checks.append(Check("worker", False, "unknown: the database is down", 0))
            checks.append(Check("scheduler", False, "unknown: the database is down", 0))
    for alias in settings.DATABASE_REPLICAS if database_ok else []:
        check = _timed(alias, partial(_replica, alias))
        checks.append(Check(check.name, check.ok, check.detail, check.milliseconds, required=False))
    return checks
