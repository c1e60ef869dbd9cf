"""State several app servers share when CACHE_URL points at Redis: the cache, the sessions and
the API rate limit. Uses the machine's Redis (127.0.0.1:6379, database 3) under a key prefix
of its own, deleted afterwards; skipped where no Redis answers."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.models import RateCounter
from aftersales.settings import REDIS_CACHE_BACKEND, cache_redis_url, session_engine_for
from tests.api.conftest import ApiClient, make_token

from .streaming_pair import free_port

REDIS = "redis://127.0.0.1:6379/3"
ROOT = Path(__file__).resolve().parents[2]
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


# --- Two real app servers ------------------------------------------------------------------


def _server_env(prefix: str, secret_key: str) -> dict[str, str]:
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}"
        f":{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    env.update(
        DEBUG="true",  # no collected static files needed
        SECRET_KEY=secret_key,  # the same on every server (sessions are signed with it)
        DATABASE_URL=url,
        CACHE_URL=REDIS,
        CACHE_KEY_PREFIX=prefix,
        REDIS_URL="",
        API_RATE_LIMIT="3/hour",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        WEB_CONCURRENCY="1",
        LOG_LEVEL="ERROR",
    )
    return env


@contextmanager
def app_servers(count: int, env: dict[str, str], logs: Path) -> Iterator[list[str]]:
    """`count` gunicorn processes of the portal, each on a port of its own; their base URLs."""
    ports = [free_port() for _ in range(count)]
    processes = []
    for number, port in enumerate(ports):
        with (logs / f"server-{number}.log").open("wb") as log:
            processes.append(
                subprocess.Popen(
                    [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c",
                     "python:aftersales.operations.gunicorn_conf"],
                    cwd=ROOT,
                    env={**env, "BIND": f"127.0.0.1:{port}"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        for number, port in enumerate(ports):
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live/", timeout=5)
                    break
                except OSError:
                    assert processes[number].poll() is None, (
                        logs / f"server-{number}.log"
                    ).read_text()
                    assert time.monotonic() < deadline, "an app server did not start"
                    time.sleep(0.2)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _get(url: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (servers in other processes)"
)
def test_it_shares_sessions_and_rate_limits_between_two_server_processes(  # type: ignore[no-untyped-def]
    redis_cache, owner: User, settings, tmp_path: Path
) -> None:
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    browser = Client()
    browser.force_login(owner)  # the session, in Redis under the servers' prefix
    Session.objects.all().delete()  # so the servers can only find it in Redis
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    token = make_token(owner, "read")
    bearer = {"Authorization": f"Bearer {token}"}
    # One hourly window for the whole test: not in the last half minute of an hour.
    time.sleep(max(0.0, 30 - (3600 - time.time() % 3600)))
    with app_servers(2, _server_env(prefix, settings.SECRET_KEY), tmp_path) as (first, second):
        pages = [_get(f"{server}{MY_DATA}", {"Cookie": cookie}) for server in (first, second)]
        api = [_get(f"{server}/api/v1/me", bearer)[0] for server in (first, first, second, second)]
    assert [status for status, _body in pages] == [200, 200]
    assert all(owner.email in body for _status, body in pages)
    assert api == [200, 200, 200, 429]
