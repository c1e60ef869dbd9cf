from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from django_tasks_db.models import DBTaskResult

from aftersales import clock
from aftersales.operations import health
from aftersales.operations.models import ScheduledJob


@pytest.fixture
def database_queue(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _enqueue_waiting(seconds: int) -> None:
    from aftersales.accounts.tasks import send_email_task

    result = send_email_task.enqueue(email_id=0)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=clock.now() - timedelta(seconds=seconds)
    )


@pytest.mark.django_db
def test_it_answers_ok_when_database_and_cache_work() -> None:
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"


@pytest.mark.django_db
def test_it_names_the_database_as_down(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> str:
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_database", refuse)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]
    assert response["Retry-After"]


@pytest.mark.django_db
def test_it_shows_the_failure_text_to_a_probe_on_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        health, "_database", lambda: (_ for _ in ()).throw(OperationalError("gone"))
    )
    body = Client().get("/health/").json()
    assert "gone" in body["checks"]["database"]["detail"]


@pytest.mark.django_db
def test_it_hides_the_failure_text_from_an_outsider(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        health, "_database", lambda: (_ for _ in ()).throw(OperationalError("gone"))
    )
    body = Client(REMOTE_ADDR="203.0.113.9").get("/health/").json()
    assert body["down"] == ["database"]
    assert "detail" not in body["checks"]["database"]


@pytest.mark.django_db
def test_it_names_the_cache_as_down(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise ConnectionError("cache server gone")

    monkeypatch.setattr(health, "_cache", broken)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["down"] == ["cache"]


@pytest.mark.django_db
def test_it_checks_redis_when_configured(settings) -> None:  # type: ignore[no-untyped-def]
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["down"] == ["redis"]


@pytest.mark.django_db
def test_it_reports_the_worker_down_when_a_task_waits_too_long(database_queue, settings) -> None:  # type: ignore[no-untyped-def]
    settings.HEALTH_QUEUE_MAX_DELAY = 60
    _enqueue_waiting(seconds=600)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["down"] == ["worker"]


@pytest.mark.django_db
def test_it_reports_the_worker_ok_when_the_queue_moves(database_queue, settings) -> None:  # type: ignore[no-untyped-def]
    settings.HEALTH_QUEUE_MAX_DELAY = 60
    _enqueue_waiting(seconds=5)
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["status"] == "ok"


@pytest.mark.django_db
def test_it_answers_the_liveness_probe_without_the_database() -> None:
    assert Client().get("/health/live/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_it_reports_the_scheduler_down_when_it_enqueued_nothing_for_too_long(
    database_queue, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.HEALTH_SCHEDULER_MAX_DELAY = 900
    ScheduledJob.objects.create(
        name="tools.close_stale_sessions", last_enqueued_at=clock.now() - timedelta(hours=1)
    )
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["down"] == ["scheduler"]


@pytest.mark.django_db
def test_it_reports_the_scheduler_ok_after_a_recent_job(database_queue, settings) -> None:  # type: ignore[no-untyped-def]
    settings.HEALTH_SCHEDULER_MAX_DELAY = 900
    ScheduledJob.objects.create(
        name="tools.close_stale_sessions", last_enqueued_at=clock.now() - timedelta(minutes=4)
    )
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["scheduler"]["status"] == "ok"
