"""Mileage readings: every mileage kept with source and time; lower ones flagged, never dropped."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import MileageReading
from aftersales.vehicles.services import (
    mileage_flag_explain,
    mileage_reading_record,
    mileage_reading_withdraw,
)

from .factories import VehicleFactory

pytestmark = pytest.mark.django_db

KEY = MileageReading.Source.KEY_READ
CENTRAL = MileageReading.Source.CENTRAL_DATA


def at(day: int, month: int = 1, year: int = 2025) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, 0, tzinfo=datetime.UTC)


def record(vehicle, km: int, when, source=KEY, reference: str = "") -> MileageReading:  # type: ignore[no-untyped-def]
    return mileage_reading_record(
        vehicle=vehicle, mileage=km, source=source, read_at=when, reference=reference
    )


def test_it_keeps_a_reading_with_its_source_time_and_reference():
    vehicle = VehicleFactory()
    reading = record(vehicle, 51_000, at(3), reference="key-1")
    stored = MileageReading.objects.get()
    assert (stored.mileage_km, stored.source, stored.reference) == (51_000, "key_read", "key-1")
    assert stored.read_at == at(3) and not stored.date_only
    assert reading.lower_than is None


def test_it_reads_a_bare_date_at_local_midnight():
    vehicle = VehicleFactory()
    reading = record(vehicle, 51_000, datetime.date(2025, 2, 1))
    assert reading.date_only
    assert timezone.localtime(reading.read_at).time() == datetime.time(0, 0)


def test_it_keeps_the_same_reading_told_twice_once():
    vehicle = VehicleFactory()
    first = record(vehicle, 51_000, at(3), reference="key-1")
    again = record(vehicle, 51_000, at(3), reference="key-1")
    assert first.pk == again.pk and MileageReading.objects.count() == 1


def test_it_stores_and_flags_a_reading_lower_than_an_earlier_one():
    vehicle = VehicleFactory()
    earlier = record(vehicle, 60_000, at(1))
    lower = record(vehicle, 50_000, at(2))
    assert lower.pk is not None and lower.lower_than == earlier
    assert lower.is_flagged


def test_it_never_changes_the_central_mileage():
    vehicle = VehicleFactory(mileage_km=45_000)
    record(vehicle, 90_000, at(1))
    vehicle.refresh_from_db()
    assert vehicle.mileage_km == 45_000


def test_it_flags_later_readings_when_an_earlier_higher_one_arrives_late():
    vehicle = VehicleFactory()
    later = record(vehicle, 50_000, at(10))
    record(vehicle, 70_000, at(1), source=CENTRAL)
    later.refresh_from_db()
    assert later.lower_than is not None and later.lower_than.mileage_km == 70_000


def test_it_refuses_an_unknown_source():
    with pytest.raises(RuleViolation) as caught:
        record(VehicleFactory(), 1_000, at(1), source="guess")
    assert caught.value.code == "VEH-0002"


def test_it_refuses_an_impossible_mileage():
    with pytest.raises(RuleViolation) as caught:
        record(VehicleFactory(), 3_000_000, at(1))
    assert caught.value.code == "VEH-0001"


def test_it_lifts_the_flags_a_withdrawn_reading_caused_but_keeps_it():
    vehicle = VehicleFactory()
    record(vehicle, 600_000, at(1), source="service_entry", reference="SH-000001")
    lower = record(vehicle, 60_000, at(2))
    assert lower.is_flagged
    assert mileage_reading_withdraw(vehicle=vehicle, source="service_entry", reference="SH-000001")
    lower.refresh_from_db()
    assert not lower.is_flagged
    assert MileageReading.objects.get(reference="SH-000001").is_withdrawn


def test_it_marks_a_flag_explained_with_a_reason_and_keeps_it_flagged(operator):
    vehicle = VehicleFactory()
    record(vehicle, 60_000, at(1))
    lower = record(vehicle, 1_200, at(2))
    explained = mileage_flag_explain(
        reading=lower, operator=operator, explanation="Instrument cluster replaced."
    )
    assert explained.is_flagged and explained.explained_by == operator
    assert explained.explanation == "Instrument cluster replaced."


def test_it_refuses_an_explanation_without_a_reason(operator):
    vehicle = VehicleFactory()
    record(vehicle, 60_000, at(1))
    lower = record(vehicle, 1_200, at(2))
    with pytest.raises(RuleViolation) as caught:
        mileage_flag_explain(reading=lower, operator=operator, explanation="  ")
    assert caught.value.code == "VEH-0003"


def test_it_refuses_to_explain_a_reading_that_is_not_flagged(operator):
    reading = record(VehicleFactory(), 60_000, at(1))
    with pytest.raises(RuleViolation) as caught:
        mileage_flag_explain(reading=reading, operator=operator, explanation="Why not")
    assert caught.value.code == "VEH-0004"


def test_each_new_reading_gets_the_flags_a_full_refresh_would_give():
    """Recording flags only the new reading when it comes last (the usual case); the result must
    equal a refresh of every flag, whatever the order the readings arrive in."""
    import random

    from aftersales.vehicles.services import mileage_flags_refresh

    rng = random.Random(14)
    vehicle = VehicleFactory()
    for n in range(60):
        # Mostly later and higher, sometimes the same moment, earlier, lower or withdrawn.
        day = min(28, 1 + n // 3) if rng.random() < 0.8 else rng.randint(1, 28)
        km = 10_000 + n * 100 + rng.choice([0, 0, 0, -450, -2_000, 50])
        record(vehicle, km, at(day), reference=f"r{n}")
        if rng.random() < 0.1:
            mileage_reading_withdraw(vehicle=vehicle, source=KEY, reference=f"r{rng.randint(0, n)}")
        assert mileage_flags_refresh(vehicle_ids=[vehicle.pk]) == 0, n
    assert MileageReading.objects.filter(lower_than__isnull=False).exists()
