"""Atomic counters for rate limits (API tokens, log-in failures per client, voucher guesses).

`counter_hit(key, window_seconds)` adds one to the counter of the current fixed window and
returns the new count, atomically across all web workers and app servers: with REDIS_URL set
(by default the Redis of CACHE_URL), Redis INCR (+ EXPIRE) under the cache's KEY_PREFIX; else
one INSERT ... ON CONFLICT DO UPDATE ... RETURNING on the database (SQLite and PostgreSQL),
never a read-then-write (Django's database cache `incr` is one: parallel requests all read the
same count).

A hit is written in its own connection's current transaction: callers count failures outside
the transaction that a refusal rolls back (billing.services.voucher_redeem).
"""

from __future__ import annotations

import random
from datetime import timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection

from aftersales import clock

from .models import RateCounter


@cache
def _redis(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def _window(window_seconds: int) -> tuple[int, float]:
    now = clock.now().timestamp()
    return int(now // window_seconds), now


def _redis_key(full_key: str) -> str:
    """In Redis, under the cache's KEY_PREFIX (two portals may share one Redis)."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return f"{prefix}:{full_key}" if prefix else full_key


def counter_hit(key: str, window_seconds: int) -> int:
    """One more in `key`'s current window of `window_seconds`; the count after this hit."""
    window, _now = _window(window_seconds)
    full_key = f"{key}:{window_seconds}:{window}"
    if settings.REDIS_URL:
        client = _redis(settings.REDIS_URL)
        pipe = client.pipeline()
        pipe.incr(_redis_key(full_key))
        pipe.expire(_redis_key(full_key), window_seconds + 1)
        count, _ok = pipe.execute()
        return int(count)
    expires_at = clock.now() + timedelta(seconds=window_seconds + 1)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [full_key, expires_at],
        )
        (count,) = cursor.fetchone()
    if random.random() < 0.01:  # noqa: S311 - now and then, forget the windows gone by
        RateCounter.objects.filter(expires_at__lt=clock.now()).delete()
    return int(count)


def counter_get(key: str, window_seconds: int) -> int:
    """The count of `key`'s current window (0 when nothing was hit)."""
    window, _now = _window(window_seconds)
    full_key = f"{key}:{window_seconds}:{window}"
    if settings.REDIS_URL:
        value = _redis(settings.REDIS_URL).get(_redis_key(full_key))
        return int(value or 0)
    row = RateCounter.objects.filter(key=full_key).values_list("count", flat=True).first()
    return int(row or 0)


def seconds_left(window_seconds: int) -> float:
    """Until the current window ends (Retry-After)."""
    window, now = _window(window_seconds)
    return max(1.0, (window + 1) * window_seconds - now)
