"""State several app servers share when CACHE_URL points at Redis: the cache, the sessions and
the API rate limit. Uses the machine's Redis (127.0.0.1:6379, database 3) under a key prefix
of its own, deleted afterwards; skipped where no Redis answers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.test import Client

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.models import RateCounter
from aftersales.settings import REDIS_CACHE_BACKEND, cache_redis_url, session_engine_for
from tests.api.conftest import ApiClient, make_token

REDIS = "redis://127.0.0.1:6379/3"
MY_DATA = "/accounts/my-data/"


@pytest.fixture
def redis_cache(settings) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """CACHE_URL=redis://127.0.0.1:6379/3, with what settings.py derives from it."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {"BACKEND": REDIS_CACHE_BACKEND, "LOCATION": REDIS, "KEY_PREFIX": prefix}
    }
    settings.SESSION_ENGINE = session_engine_for(settings.CACHES["default"])
    settings.REDIS_URL = cache_redis_url(settings.CACHES["default"])
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def another_app_server_cache(settings) -> RedisCache:  # type: ignore[no-untyped-def]
    """A cache client of its own, as another app server with the same CACHE_URL has."""
    config = settings.CACHES["default"]
    return RedisCache(config["LOCATION"], {"KEY_PREFIX": config["KEY_PREFIX"]})


def test_it_derives_sessions_in_redis_and_the_counters_redis_from_a_redis_cache_url() -> None:
    config = {"BACKEND": REDIS_CACHE_BACKEND, "LOCATION": "redis://10.0.0.5:6379/0"}
    assert session_engine_for(config) == "django.contrib.sessions.backends.cached_db"
    assert cache_redis_url(config) == "redis://10.0.0.5:6379/0"


def test_it_keeps_sessions_and_counters_in_the_database_with_the_database_cache() -> None:
    config = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}
    assert session_engine_for(config) == "django.contrib.sessions.backends.db"
    assert cache_redis_url(config) == ""


def test_it_counts_on_the_first_of_several_redis_servers() -> None:
    config = {"BACKEND": REDIS_CACHE_BACKEND, "LOCATION": "redis://a:6379/0,redis://b:6379/0"}
    assert cache_redis_url(config) == "redis://a:6379/0"


def test_it_shares_a_cache_entry_between_app_servers(redis_cache, settings) -> None:  # type: ignore[no-untyped-def]
    cache.set("vehicle-count", 50_000_000, 60)
    assert another_app_server_cache(settings).get("vehicle-count") == 50_000_000


def test_it_shares_a_session_between_app_servers(redis_cache, owner: User) -> None:  # type: ignore[no-untyped-def]
    first_server = Client()
    first_server.force_login(owner)
    # The session is read from Redis: even without its database row, another server (a client
    # that has only the browser's cookie) finds it.
    Session.objects.all().delete()
    second_server = Client()
    second_server.cookies = first_server.cookies
    page = second_server.get(MY_DATA)
    assert page.status_code == 200
    assert owner.email in page.content.decode()


def test_it_counts_an_api_tokens_requests_across_app_servers(  # type: ignore[no-untyped-def]
    redis_cache, owner: User, settings, monkeypatch
) -> None:
    settings.API_RATE_LIMIT = "3/min"
    moment = datetime(2026, 11, 27, 12, 0, 10, tzinfo=UTC)  # one window for the whole test
    monkeypatch.setattr(clock, "now", lambda: moment)
    token = make_token(owner, "read")
    first_server, second_server = ApiClient(token), ApiClient(token)
    statuses = [
        first_server.get("/api/v1/me").status_code,
        first_server.get("/api/v1/me").status_code,
        second_server.get("/api/v1/me").status_code,
        second_server.get("/api/v1/me").status_code,
    ]
    assert statuses == [200, 200, 200, 429]
    assert not RateCounter.objects.exists()  # counted in Redis, not in the database
