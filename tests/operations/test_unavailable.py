"""While the database is unreachable: 503 with Retry-After, problem+json in the API.

In-process, the connection's cursor refuses; tests/operations/test_processes.py stops a real
PostgreSQL cluster under a running gunicorn."""

from collections.abc import Callable
from typing import Any
from unittest.mock import patch

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from aftersales.accounts.models import User


def refused(error: Exception) -> Any:
    """The connection's cursor fails while the block runs (undone before the test database's
    own teardown needs it)."""

    def refuse(self: BaseDatabaseWrapper, *args: object, **kwargs: object) -> None:
        raise error

    return patch.object(BaseDatabaseWrapper, "cursor", refuse)


DOWN = OperationalError("connection to server failed: Connection refused")


@pytest.mark.django_db
def test_it_answers_a_page_with_503_and_retry_after() -> None:
    client = Client(raise_request_exception=False)
    with refused(DOWN):
        response = client.post("/accounts/login/", {"username": "a@b.dk", "password": "x" * 12})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Temporarily unavailable" in response.content


def test_it_answers_a_logged_in_page_with_503(
    client_for: Callable[[User], Client], owner: User
) -> None:
    client = client_for(owner)
    client.raise_request_exception = False  # the session middleware's error reaches handler500
    with refused(OperationalError("server closed the connection unexpectedly")):
        response = client.get("/overview/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_it_answers_the_api_with_a_problem_document(outsider: User) -> None:
    with refused(DOWN):
        response = Client().get(
            "/api/v1/vehicles/WBAUV71070A193748",
            HTTP_AUTHORIZATION="Bearer as_0123456789ab_" + "s" * 30,
        )
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "OPS-0001"
    assert response["Retry-After"] == "30"


def test_it_keeps_a_programming_error_a_500(
    client_for: Callable[[User], Client], outsider: User
) -> None:
    from django.db import ProgrammingError

    client = client_for(outsider)
    client.raise_request_exception = False
    with refused(ProgrammingError("relation does not exist")):
        response = client.get("/overview/")
    assert response.status_code == 500
