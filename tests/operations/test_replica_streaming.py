"""Read replicas against a real PostgreSQL streaming replica on loopback (streaming_pair.py):
a throwaway primary holding this run's test schema and a `pg_basebackup -R` replica of it.

The proof that a read came from the replica: its replay is paused, the primary changes a row,
and the page still shows the row as it was. The writer sees its own write at once.
Runs in the PostgreSQL stage of ./dev test; one pair per test process (a few seconds)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.api import services as api_services
from aftersales.api.models import ApiToken
from aftersales.operations import replicas
from aftersales.operations.replicas import ReplicaMiddleware
from tests.conftest import make_organisation, make_user

from .streaming_pair import DATABASE, StreamingPair, start_pair

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (a streaming replica)"
    ),
]

MY_DATA = "/accounts/my-data/"
OLD_NAME, NEW_NAME = "Rita Reader", "Rita Writer"


@pytest.fixture(scope="session")
def pair(django_db_setup, django_db_blocker) -> Iterator[StreamingPair]:  # type: ignore[no-untyped-def]
    """The primary starts from a dump of this process's test database (its schema)."""
    test_database = connections["default"].settings_dict
    url = (
        f"postgresql://{test_database['USER']}:{test_database['PASSWORD']}@"
        f"{test_database['HOST'] or '127.0.0.1'}:{test_database['PORT'] or 5432}/"
        f"{test_database['NAME']}"
    )
    with django_db_blocker.unblock():
        connections["default"].close()
    started = start_pair(url)
    yield started
    started.stop()


@pytest.fixture
def routed(pair: StreamingPair, django_db_blocker, settings) -> Iterator[StreamingPair]:  # type: ignore[no-untyped-def]
    """`default` is the pair's primary and `replica_1` its replica for the test; then back."""
    default = connections["default"]
    saved = dict(default.settings_dict)
    with django_db_blocker.unblock():
        default.close()
        default.settings_dict.update(
            HOST="127.0.0.1", PORT=pair.primary_port, NAME=DATABASE, USER="postgres", PASSWORD=""
        )
        django_settings.DATABASES["replica_1"] = {
            **default.settings_dict,
            "PORT": pair.replica_port,
            "TEST": {"MIRROR": "default"},
        }
        settings.DATABASE_REPLICAS = ["replica_1"]
        # A paused replica falls behind by the clock; these tests take a few seconds at most.
        settings.REPLICA_PIN_SECONDS = 60
        replicas._lag_checked.clear()
        try:
            yield pair
        finally:
            pair.resume_replay()
            connections["replica_1"].close()
            del connections["replica_1"]
            del django_settings.DATABASES["replica_1"]
            default.close()
            default.settings_dict.clear()
            default.settings_dict.update(saved)


def reader() -> User:
    """A workshop user of their own (the pair lives for the whole run)."""
    unique = uuid.uuid4()
    organisation = make_organisation(f"Replica {unique.hex[:6]} ApS", f"DK{unique.int % 10**8:08d}")
    return make_user(f"{unique.hex}@example.com", organisation, full_name=OLD_NAME)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_reads_a_page_from_the_replica(routed: StreamingPair) -> None:
    user = reader()
    client = logged_in(user)
    routed.pause_replay()
    User.objects.filter(pk=user.pk).update(full_name=NEW_NAME)
    with CaptureQueriesContext(connections["default"]) as on_primary:
        page = client.get(MY_DATA)
    assert page.status_code == 200
    assert OLD_NAME in page.content.decode()  # the replica has not applied the change
    assert len(on_primary) == 0  # the session, the user and the page: all from the replica


def test_it_reads_on_a_database_in_recovery(routed: StreamingPair) -> None:
    with connections["replica_1"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)


def test_it_shows_the_writer_its_write_at_once(routed: StreamingPair) -> None:
    user = reader()
    writer, other_browser = logged_in(user), logged_in(user)
    routed.pause_replay()
    saved = writer.post(MY_DATA, {"full_name": NEW_NAME, "language": "en"})
    assert saved.status_code == 302
    assert NEW_NAME in writer.get(MY_DATA).content.decode()  # pinned to the primary
    # The same user in a browser that did not write reads the replica, which lags behind.
    assert OLD_NAME in other_browser.get(MY_DATA).content.decode()


def test_it_reads_a_read_only_api_call_from_the_replica(routed: StreamingPair) -> None:
    user = reader()
    token, raw = api_services.token_create(actor=user, name="DMS", scope="read")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())  # no write on use
    routed.pause_replay()
    User.objects.filter(pk=user.pk).update(full_name=NEW_NAME)
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert me.status_code == 200
    assert me.json()["full_name"] == OLD_NAME


def test_it_reads_inside_a_transaction_from_the_primary(routed: StreamingPair) -> None:
    user = reader()
    routed.pause_replay()
    User.objects.filter(pk=user.pk).update(full_name=NEW_NAME)
    names: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        names.append(User.objects.get(pk=user.pk).full_name)
        with transaction.atomic():
            names.append(User.objects.get(pk=user.pk).full_name)
        return HttpResponse("ok")

    ReplicaMiddleware(view)(RequestFactory().get("/"))
    assert names == [OLD_NAME, NEW_NAME]


def test_it_reads_from_the_primary_outside_a_request(routed: StreamingPair) -> None:
    # Management commands, migrations and the task worker.
    user = reader()
    routed.pause_replay()
    User.objects.filter(pk=user.pk).update(full_name=NEW_NAME)
    assert User.objects.get(pk=user.pk).full_name == NEW_NAME


def test_it_reports_the_replica_replaying_in_the_health_check(routed: StreamingPair) -> None:
    body = Client().get("/health/").json()
    assert body["checks"]["replica_1"]["status"] == "ok"
    assert "bytes behind the primary" in body["checks"]["replica_1"]["detail"]
    assert body["degraded"] == []


def test_it_reads_from_the_primary_while_the_replica_is_too_far_behind(  # type: ignore[no-untyped-def]
    routed: StreamingPair, settings
) -> None:
    settings.REPLICA_PIN_SECONDS = 2  # a replica a second or more behind is left out
    user = reader()
    client = logged_in(user)
    routed.pause_replay()
    User.objects.filter(pk=user.pk).update(full_name=NEW_NAME)
    time.sleep(1.2)  # the replica has received the change and not replayed it for so long
    replicas._lag_checked.clear()
    assert NEW_NAME in client.get(MY_DATA).content.decode()
