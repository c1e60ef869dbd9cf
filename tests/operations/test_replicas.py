"""Read replicas: which database a query uses (aftersales/operations/replicas.py) and how
DATABASE_REPLICA_URLS is read. The decisions only; tests/operations/test_replica_streaming.py
proves them against a real PostgreSQL streaming replica."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from aftersales.accounts.models import User
from aftersales.operations import replicas
from aftersales.operations.replicas import (
    PIN_COOKIE,
    ReplicaMiddleware,
    ReplicaRouter,
    current_routing,
)
from aftersales.settings import replica_databases

PRIMARY = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "aftersales",
    "USER": "aftersales",
    "PASSWORD": "secret",
    "HOST": "db1.internal",
    "PORT": 5432,
    "CONN_MAX_AGE": 60,
    "CONN_HEALTH_CHECKS": True,
}


@pytest.fixture(autouse=True)
def _replicas_answer(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The aliases of these tests name no real database; they all answer."""
    monkeypatch.setattr(replicas, "replica_usable", lambda alias: True)


@pytest.fixture
def one_replica(settings):  # type: ignore[no-untyped-def]
    settings.DATABASE_REPLICAS = ["replica_1"]
    settings.REPLICA_PIN_SECONDS = 5


Seen = list[str | None]


def middleware_seeing(seen: Seen, *, write: bool = False) -> ReplicaMiddleware:
    """The middleware around a view that notes the alias its reads would use."""

    def view(request: HttpRequest) -> HttpResponse:
        if write:
            ReplicaRouter().db_for_write(User)
        seen.append(ReplicaRouter().db_for_read(User))
        return HttpResponse("ok")

    return ReplicaMiddleware(view)


def cookie_of(response: HttpResponse) -> str:
    return response.cookies[PIN_COOKIE].value


# --- DATABASE_REPLICA_URLS ------------------------------------------------------------------


def test_it_reads_replica_urls_as_aliases_with_the_primarys_connection_settings() -> None:
    databases = replica_databases(
        "postgres://reader:pw@db2.internal:5432/aftersales, postgres://reader:pw@db3.internal/aftersales?sslmode=require",
        PRIMARY,
    )
    assert list(databases) == ["replica_1", "replica_2"]
    assert databases["replica_1"]["HOST"] == "db2.internal"
    assert databases["replica_1"]["USER"] == "reader"
    assert databases["replica_1"]["CONN_MAX_AGE"] == 60
    assert databases["replica_2"]["OPTIONS"] == {"sslmode": "require"}
    assert databases["replica_1"]["TEST"] == {"MIRROR": "default"}


def test_it_has_no_replicas_when_the_variable_is_empty() -> None:
    assert replica_databases("  ", PRIMARY) == {}


@pytest.mark.parametrize(
    "raw",
    [
        "postgres://reader@db2.internal/aftersales,",
        "mysql://reader@db2.internal/aftersales",
        "db2.internal:5432",
        "postgres://reader@/aftersales",
        "postgres://other@db1.internal:5432/aftersales",
        "postgres://r@db2.internal/aftersales,postgres://r@db2.internal/aftersales",
    ],
    ids=["empty entry", "other engine", "no URL", "no host", "the primary", "twice"],
)
def test_it_refuses_a_malformed_replica_list(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URLS"):
        replica_databases(raw, PRIMARY)


def test_it_refuses_replicas_of_a_sqlite_database() -> None:
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/db.sqlite3"}
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        replica_databases("postgres://r@db2.internal/aftersales", sqlite)


def test_it_never_shows_the_password_of_a_refused_entry() -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        replica_databases("mysql://reader:hunter2@db2.internal/aftersales", PRIMARY)
    assert "hunter2" not in str(refused.value)


# --- The router ------------------------------------------------------------------------------


def test_it_reads_from_the_primary_outside_a_request(one_replica) -> None:  # type: ignore[no-untyped-def]
    # Management commands, migrations and the task worker: no request, no replica.
    assert ReplicaRouter().db_for_read(User) == "default"


def test_it_migrates_only_the_primary() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate("default", "accounts") is True
    assert router.allow_migrate("replica_1", "accounts") is False


def test_it_relates_objects_read_from_a_replica_to_those_of_the_primary() -> None:
    assert ReplicaRouter().allow_relation(User(), User()) is True


# --- The middleware --------------------------------------------------------------------------


def test_it_reads_a_get_request_from_a_replica(one_replica, rf: RequestFactory) -> None:  # type: ignore[no-untyped-def]
    seen: Seen = []
    response = middleware_seeing(seen)(rf.get("/"))
    assert seen == ["replica_1"]
    assert PIN_COOKIE not in response.cookies


def test_it_reads_a_post_request_from_the_primary_and_pins_the_client(
    one_replica, rf: RequestFactory
) -> None:  # type: ignore[no-untyped-def]
    seen: Seen = []
    response = middleware_seeing(seen)(rf.post("/"))
    assert seen == ["default"]
    assert response.cookies[PIN_COOKIE]["max-age"] == 5


def test_it_reads_from_the_primary_after_the_requests_first_write(
    one_replica, rf: RequestFactory
) -> None:  # type: ignore[no-untyped-def]
    seen: Seen = []
    response = middleware_seeing(seen, write=True)(rf.get("/"))
    assert seen == ["default"]
    assert PIN_COOKIE in response.cookies  # and pins the client that wrote


def test_it_reads_a_pinned_clients_get_request_from_the_primary(
    one_replica, rf: RequestFactory
) -> None:  # type: ignore[no-untyped-def]
    pinned = middleware_seeing([])(rf.post("/"))
    request = rf.get("/")
    request.COOKIES[PIN_COOKIE] = cookie_of(pinned)
    seen: Seen = []
    middleware_seeing(seen)(request)
    assert seen == ["default"]


def test_it_reads_from_a_replica_again_when_the_pin_has_expired(
    one_replica, rf: RequestFactory, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    pinned = middleware_seeing([])(rf.post("/"))
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 6)
    request = rf.get("/")
    request.COOKIES[PIN_COOKIE] = cookie_of(pinned)
    seen: Seen = []
    middleware_seeing(seen)(request)
    assert seen == ["replica_1"]


def test_it_ignores_a_forged_pin_cookie(one_replica, rf: RequestFactory) -> None:  # type: ignore[no-untyped-def]
    request = rf.get("/")
    request.COOKIES[PIN_COOKIE] = signing.get_cookie_signer(salt=PIN_COOKIE + "x").sign("1")
    seen: Seen = []
    middleware_seeing(seen)(request)
    assert seen == ["replica_1"]


def test_it_pins_an_api_client_by_its_token_without_cookies(
    one_replica, rf: RequestFactory
) -> None:  # type: ignore[no-untyped-def]
    middleware_seeing([])(rf.post("/api/v1/x", HTTP_AUTHORIZATION="Bearer writer"))
    seen: Seen = []
    middleware_seeing(seen)(rf.get("/api/v1/x", HTTP_AUTHORIZATION="Bearer writer"))
    middleware_seeing(seen)(rf.get("/api/v1/x", HTTP_AUTHORIZATION="Bearer someone-else"))
    assert seen == ["default", "replica_1"]


def test_it_reads_an_api_call_from_the_primary_while_the_cache_is_down(
    one_replica, rf: RequestFactory, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def down(*args: object, **kwargs: object) -> None:
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(replicas.cache, "get", down)
    monkeypatch.setattr(replicas.cache, "set", down)
    seen: Seen = []
    middleware_seeing(seen)(rf.get("/api/v1/x", HTTP_AUTHORIZATION="Bearer t"))
    response = middleware_seeing(seen)(rf.post("/api/v1/x", HTTP_AUTHORIZATION="Bearer t"))
    assert seen == ["default", "default"]
    assert response.status_code == 200  # the write's answer is not lost with the pin


def test_it_does_nothing_without_replicas(settings, rf: RequestFactory) -> None:  # type: ignore[no-untyped-def]
    settings.DATABASE_REPLICAS = []
    seen: Seen = []
    response = middleware_seeing(seen)(rf.post("/"))
    assert seen == ["default"]
    assert PIN_COOKIE not in response.cookies


def test_it_reads_from_the_primary_inside_read_from_primary(
    one_replica, rf: RequestFactory
) -> None:  # type: ignore[no-untyped-def]
    seen: Seen = []

    def view(request: HttpRequest) -> HttpResponse:
        with replicas.read_from_primary():
            seen.append(ReplicaRouter().db_for_read(User))
        seen.append(ReplicaRouter().db_for_read(User))
        return HttpResponse("ok")

    ReplicaMiddleware(view)(rf.get("/"))
    assert seen == ["default", "replica_1"]


def test_it_forgets_the_choice_after_the_request(one_replica, rf: RequestFactory) -> None:  # type: ignore[no-untyped-def]
    middleware_seeing([])(rf.get("/"))
    assert current_routing() is None


@pytest.mark.django_db
def test_it_reads_from_the_primary_inside_a_transaction(one_replica, rf: RequestFactory) -> None:  # type: ignore[no-untyped-def]
    seen: Seen = []

    def view(request: HttpRequest) -> HttpResponse:
        with transaction.atomic():
            seen.append(ReplicaRouter().db_for_read(User))
        return HttpResponse("ok")

    ReplicaMiddleware(view)(rf.get("/"))
    assert seen == ["default"]


def test_it_keeps_reading_from_the_replica_after_a_cache_write(
    one_replica, rf: RequestFactory
) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache.backends.db import DatabaseCache

    cache_entry = DatabaseCache("aftersales_cache", {}).cache_model_class
    seen: Seen = []

    def view(request: HttpRequest) -> HttpResponse:
        assert ReplicaRouter().db_for_read(cache_entry) == "default"
        ReplicaRouter().db_for_write(cache_entry)
        seen.append(ReplicaRouter().db_for_read(User))
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(rf.get("/"))
    assert seen == ["replica_1"]
    assert PIN_COOKIE not in response.cookies


def test_it_spreads_requests_over_the_replicas(settings, rf: RequestFactory) -> None:  # type: ignore[no-untyped-def]
    settings.DATABASE_REPLICAS = ["replica_1", "replica_2"]
    seen: Seen = []
    for _ in range(40):
        middleware_seeing(seen)(rf.get("/"))
    assert set(seen) == {"replica_1", "replica_2"}


@pytest.fixture
def unreachable_replica(settings, monkeypatch, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """replica_1 is a PostgreSQL server where none listens (port 1)."""
    monkeypatch.undo()  # the real reachability check
    django_settings.DATABASES["replica_1"] = {
        **PRIMARY,
        "HOST": "127.0.0.1",
        "PORT": 1,
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "OPTIONS": {"connect_timeout": 2},
        "TIME_ZONE": None,
        "TEST": {"MIRROR": "default"},
    }
    settings.DATABASE_REPLICAS = ["replica_1"]
    with django_db_blocker.unblock():  # the connection attempt itself
        yield
    del connections["replica_1"]
    del django_settings.DATABASES["replica_1"]
    replicas._unreachable_until.clear()


def test_it_reads_from_the_primary_while_the_replica_cannot_be_reached(
    unreachable_replica, rf: RequestFactory
) -> None:  # type: ignore[no-untyped-def]
    seen: Seen = []
    middleware_seeing(seen)(rf.get("/"))
    middleware_seeing(seen)(rf.get("/"))
    assert seen == ["default", "default"]
    assert "replica_1" in replicas._unreachable_until  # left out for a while, not tried again


def test_it_reports_an_unreachable_replica_without_answering_503(
    unreachable_replica, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from aftersales.operations import health

    monkeypatch.setattr(health, "_database", lambda: "primary answers")  # not under test here
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json()["degraded"] == ["replica_1"]
    assert response.json()["checks"]["replica_1"]["status"] == "down"
