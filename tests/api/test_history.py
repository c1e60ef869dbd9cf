"""The service history of a vehicle, paged; the same entries the pages show."""

from __future__ import annotations

import datetime

import pytest

from tests.servicehistory.factories import ServiceEntryFactory

from .conftest import VIN, assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(vehicle, owner):  # type: ignore[no-untyped-def]
    return [
        ServiceEntryFactory(
            vehicle=vehicle,
            organisation=owner.organisation,
            created_by=owner,
            maintenance_date=datetime.date(2012 + n, 3, 1),
            mileage_km=20_000 + n * 10_000,
        )
        for n in range(5)
    ]


def test_it_pages_the_history_newest_first(api_for, owner, history):
    api = api_for(owner, "read")
    first = api.get(f"/api/v1/vehicles/{VIN}/service-history", page_size=2).json()
    assert first["count"] == 5
    assert first["pages"] == 3
    assert [e["maintenance_date"] for e in first["items"]] == ["2016-03-01", "2015-03-01"]
    last = api.get(f"/api/v1/vehicles/{VIN}/service-history", page=3, page_size=2).json()
    assert [e["maintenance_date"] for e in last["items"]] == ["2012-03-01"]


def test_it_leaves_out_entries_before_the_cutoff(api_for, owner, vehicle, history):
    ServiceEntryFactory(
        vehicle=vehicle,
        organisation=owner.organisation,
        created_by=owner,
        maintenance_date=datetime.date(2009, 5, 1),
        mileage_km=5_000,
    )
    body = api_for(owner, "read").get(f"/api/v1/vehicles/{VIN}/service-history").json()
    assert body["count"] == 5


def test_it_shows_another_workshops_entries_without_its_private_data(api_for, outsider, history):
    body = api_for(outsider, "read").get(f"/api/v1/vehicles/{VIN}/service-history").json()
    item = body["items"][0]
    assert item["workshop"]["name"] == "Motorhjørnet ApS"
    assert item["own"] is False
    assert item["entered_by"] is None


def test_it_shows_the_own_workshops_author(api_for, teammate, history):
    body = api_for(teammate, "read").get(f"/api/v1/vehicles/{VIN}/service-history").json()
    assert body["items"][0]["entered_by"] == "owner@example.com"


def test_it_refuses_a_page_size_above_the_limit(api_for, owner, history):
    response = api_for(owner).get(f"/api/v1/vehicles/{VIN}/service-history", page_size=500)
    assert assert_problem(response, 422, "API-0001")["field"] == "page_size"
