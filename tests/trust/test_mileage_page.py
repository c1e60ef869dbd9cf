"""Service history's Central data screen shows the readings, their chart and the inconsistency."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from aftersales.vehicles.services import mileage_reading_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(vehicle):  # type: ignore[no-untyped-def]
    mileage_reading_record(
        vehicle=vehicle,
        mileage=60_000,
        source="key_read",
        read_at=datetime.datetime(2025, 6, 1, 9, 0, tzinfo=datetime.UTC),
        reference="K-7",
    )
    return vehicle


def test_it_shows_the_inconsistency_in_the_header_and_the_chart(
    flagged, owner, client_for, applications
):
    flagged.mileage_readings.create(
        mileage_km=129_226,
        read_at=datetime.datetime(2024, 5, 2, tzinfo=datetime.UTC),
        source="central_data",
        reference="import",
    )
    from aftersales.vehicles.services import mileage_flags_refresh

    mileage_flags_refresh(vehicle_ids=[flagged.pk])
    response = client_for(owner).get(reverse("servicehistory:central_data", args=[flagged.vin]))
    html = response.content.decode()
    assert 'data-testid="vehicle-notices"' in html
    assert "Mileage inconsistency: 60,000 km (key read, 01-06-2025)" in html
    assert 'data-testid="mileage-chart"' in html


def test_it_shows_an_outsider_workshop_the_same_readings(
    flagged, outsider, client_for, applications
):
    response = client_for(outsider).get(reverse("servicehistory:central_data", args=[flagged.vin]))
    assert response.status_code == 200
    assert "K-7" in response.content.decode()
