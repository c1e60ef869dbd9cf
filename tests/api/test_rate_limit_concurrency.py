"""The rate limit holds under parallel requests of one token (PostgreSQL, real connections):
the count is one atomic statement, not the database cache's read-then-write."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from .conftest import ApiClient, make_token

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (real concurrent connections)"
    ),
]


def test_it_lets_exactly_the_limit_through_under_parallel_requests(owner, settings):  # type: ignore[no-untyped-def]
    # Production's default cache: the database (its incr is what failed under concurrency).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "aftersales_cache",
        }
    }
    call_command("createcachetable")
    settings.API_RATE_LIMIT = "20/min"
    token = make_token(owner, "read")
    statuses: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(10)

    def send() -> None:
        try:
            barrier.wait()
            for _ in range(6):
                status = ApiClient(token).get("/api/v1/me").status_code
                with lock:
                    statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Counter(statuses) == {200: 20, 429: 40}
