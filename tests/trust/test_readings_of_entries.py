"""Every stored service entry is a mileage reading; a cancelled entry's reading is withdrawn."""

from __future__ import annotations

import pytest

from aftersales import clock
from aftersales.servicehistory.services import service_entry_cancel
from aftersales.vehicles.models import MileageReading
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db


def store(owner, vehicle, km: str = "130000"):  # type: ignore[no-untyped-def]
    return entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage=km,
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
    )


def test_it_records_the_mileage_of_a_stored_entry(owner, vehicle):
    entry = store(owner, vehicle)
    reading = MileageReading.objects.get(source="service_entry")
    assert (reading.mileage_km, reading.reference) == (130_000, entry.number)
    assert reading.date_only and reading.read_at.date() <= clock.today()


def test_it_withdraws_the_reading_of_a_cancelled_entry(owner, vehicle):
    entry = store(owner, vehicle)
    service_entry_cancel(actor=owner, entry=entry, reason="Wrong car.", ip_address=None)
    reading = MileageReading.objects.get(source="service_entry")
    assert reading.is_withdrawn
