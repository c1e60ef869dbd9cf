"""Two requests with one Idempotency-Key at the same moment store once (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from aftersales.servicehistory.models import ServiceEntry

from .conftest import VIN, ApiClient, entry_body, make_token

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (real concurrent connections)"
    ),
]


def test_it_stores_once_when_two_retries_race(owner, vehicle):  # type: ignore[no-untyped-def]
    token = make_token(owner)
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def send(name: str) -> None:
        try:
            barrier.wait()
            response = ApiClient(token).post(
                f"/api/v1/vehicles/{VIN}/service-entries",
                entry_body(),
                headers={"Idempotency-Key": "race-1"},
            )
            results[name] = (response.status_code, response.json())
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert ServiceEntry.objects.count() == 1
    assert results["a"] == results["b"]
    assert results["a"][0] == 201  # type: ignore[index]
