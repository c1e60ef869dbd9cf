"""Idempotency-Key on entry creation: a retry never stores twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.api.models import IdempotencyRecord
from aftersales.servicehistory.models import ServiceEntry

from .conftest import VIN, assert_problem, entry_body

pytestmark = pytest.mark.django_db
ENTRIES = f"/api/v1/vehicles/{VIN}/service-entries"


def send(api, body, key="order-4711"):  # type: ignore[no-untyped-def]
    return api.post(ENTRIES, body, headers={"Idempotency-Key": key})


def test_it_returns_the_first_result_for_the_same_key_and_body(api_for, owner, vehicle):
    api = api_for(owner)
    first = send(api, entry_body())
    second = send(api, entry_body())
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert first["Idempotent-Replayed"] == "false"
    assert second["Idempotent-Replayed"] == "true"
    assert ServiceEntry.objects.count() == 1


def test_it_refuses_the_same_key_with_another_body(api_for, owner, vehicle):
    api = api_for(owner)
    send(api, entry_body())
    response = send(api, entry_body(comment="Something else"))
    assert assert_problem(response, 422, "API-0004")["field"] == "Idempotency-Key"
    assert ServiceEntry.objects.count() == 1


def test_it_replays_a_refusal_as_it_was(api_for, owner, vehicle):
    api = api_for(owner)
    first = send(api, entry_body(consent=False))
    second = send(api, entry_body(consent=False))
    assert_problem(first, 422, "SH-0030")
    assert second.json() == first.json()
    assert second["Content-Type"] == "application/problem+json"
    assert second["Idempotent-Replayed"] == "true"


def test_it_keeps_keys_apart_per_user(api_for, owner, outsider, vehicle):
    send(api_for(owner), entry_body())
    response = send(api_for(outsider), entry_body(mileage="131000"))
    assert response.status_code == 201
    assert response.json()["workshop"]["name"] == "Andet Værksted ApS"
    assert ServiceEntry.objects.count() == 2


def test_it_keeps_the_key_across_the_users_tokens(api_for, owner, vehicle):
    first = send(api_for(owner), entry_body())
    second = send(api_for(owner), entry_body())
    assert second.json()["id"] == first.json()["id"]


def test_it_forgets_a_key_after_a_day(api_for, owner, vehicle):
    api = api_for(owner)
    send(api, entry_body())
    IdempotencyRecord.objects.update(created_at=clock.now() - timedelta(hours=25))
    response = send(api, entry_body(mileage="131000"))
    assert response.status_code == 201
    assert ServiceEntry.objects.count() == 2


def test_it_refuses_an_invalid_key(api_for, owner, vehicle):
    response = send(api_for(owner), entry_body(), key="x" * 300)
    assert_problem(response, 422, "API-0006")


def test_it_creates_without_a_key_each_time(api_for, owner, vehicle):
    api = api_for(owner)
    api.post(ENTRIES, entry_body())
    api.post(ENTRIES, entry_body())
    assert ServiceEntry.objects.count() == 2
