"""An application under maintenance stores nothing through the API either."""

from __future__ import annotations

import pytest

from aftersales.catalogue.models import Application
from aftersales.servicehistory.models import ServiceEntry

from .conftest import VIN, assert_problem, entry_body

pytestmark = pytest.mark.django_db
ENTRIES = f"/api/v1/vehicles/{VIN}/service-entries"


@pytest.fixture
def maintenance(vehicle) -> None:  # type: ignore[no-untyped-def]
    Application.objects.filter(slug="service-history").update(
        maintenance=True, maintenance_message="Database upgrade until 14:00."
    )


def test_it_refuses_to_store_an_entry_during_maintenance(api_for, owner, maintenance) -> None:
    response = api_for(owner).post(ENTRIES, entry_body())
    problem = assert_problem(response, 503, "ACCESS-0006")
    assert "Database upgrade until 14:00." in problem["detail"]
    assert not ServiceEntry.objects.exists()


def test_it_refuses_to_read_during_maintenance(api_for, owner, maintenance) -> None:
    assert_problem(api_for(owner).get(f"/api/v1/vehicles/{VIN}"), 503, "ACCESS-0006")


def test_it_stores_again_when_the_maintenance_ends(api_for, owner, maintenance) -> None:
    Application.objects.filter(slug="service-history").update(maintenance=False)
    assert api_for(owner).post(ENTRIES, entry_body()).status_code == 201


def test_it_answers_an_outsider_the_same_maintenance(api_for, outsider, maintenance) -> None:
    assert_problem(api_for(outsider).get(f"/api/v1/vehicles/{VIN}"), 503, "ACCESS-0006")
