"""Requests per address and period for the public verification (page and API alike).

Counted with the portal's atomic counter in fixed windows (aftersales/portal/counters.py), as
the API's token limit is; the limit is `settings.VERIFY_RATE_LIMIT` ("30/min"; units s, min, h, day).
"""

from __future__ import annotations

from django.conf import settings

from aftersales.portal.counters import counter_hit, seconds_left

UNITS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "day": 86400, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _slash, unit = rate.partition("/")
    return int(count), UNITS[unit.strip().lower()]


def wait_seconds(*, scope: str, address: str | None) -> int | None:
    """Counts one request of `address`; the seconds to wait when it is over the limit, else None."""
    limit, period = parse_rate(str(settings.VERIFY_RATE_LIMIT))
    if counter_hit(f"verify-rate:{scope}:{address or '-'}", period) > limit:
        return int(seconds_left(period))
    return None
