"""Rate-limit counters: one atomic hit per call, per key and window; Redis when configured."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.portal.counters import counter_get, counter_hit

pytestmark = pytest.mark.django_db


def test_it_counts_the_hits_of_a_key_in_its_window() -> None:
    assert [counter_hit("k", 60) for _ in range(3)] == [1, 2, 3]
    assert counter_get("k", 60) == 3 and counter_get("other", 60) == 0


def test_it_starts_again_in_the_next_window(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    counter_hit("k", 60)
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=61))
    assert counter_hit("k", 60) == 1


def test_it_counts_in_redis_when_a_redis_url_is_set(settings) -> None:  # type: ignore[no-untyped-def]
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.REDIS_URL = url
    assert [counter_hit("k", 60) for _ in range(2)] == [1, 2]
    assert counter_get("k", 60) == 2
    from aftersales.portal.models import RateCounter

    assert not RateCounter.objects.exists()  # nothing written to the database
