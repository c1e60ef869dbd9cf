"""Requests per address and period for the public verification (page and API alike).

Counted in Django's cache with an atomic increment in fixed windows, as the API's token limit
is; the limit is `settings.VERIFY_RATE_LIMIT` ("30/min"; units s, min, h, day).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from aftersales import clock

UNITS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "day": 86400, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _slash, unit = rate.partition("/")
    return int(count), UNITS[unit.strip().lower()]


def wait_seconds(*, scope: str, address: str | None) -> int | None:
    """Counts one request of `address`; the seconds to wait when it is over the limit, else None."""
    limit, period = parse_rate(str(settings.VERIFY_RATE_LIMIT))
    now = clock.now().timestamp()
    window = int(now // period)
    key = f"verify-rate:{scope}:{address or '-'}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        return max(1, int((window + 1) * period - now))
    return None
