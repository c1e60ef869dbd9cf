"""vehicle_notices: every provider's candidates asked in one query, only providers with
candidates called, in the order they registered."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aftersales.vehicles import notices
from aftersales.vehicles.models import MileageReading, Vehicle
from aftersales.vehicles.notices import VehicleNotice, vehicle_notice_register, vehicle_notices
from aftersales.vehicles.services import mileage_reading_record

from .factories import VehicleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_registry(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(notices, "_SOURCES", [])


def saying(text: str, called: list[str]):  # type: ignore[no-untyped-def]
    def provider(vehicle, user):  # type: ignore[no-untyped-def]
        called.append(text)
        return [VehicleNotice(text=text)]

    return provider


def readings_of(vehicle, user):  # type: ignore[no-untyped-def]
    return MileageReading.objects.filter(vehicle=vehicle)


def test_it_skips_a_provider_whose_candidates_are_empty(owner):
    called: list[str] = []
    vehicle_notice_register(saying("readings", called), candidates=readings_of)
    assert vehicle_notices(vehicle=VehicleFactory(), user=owner) == []
    assert called == []


def test_it_asks_a_provider_that_has_candidates(owner):
    vehicle = VehicleFactory()
    mileage_reading_record(
        vehicle=vehicle, mileage=1_000, source="central_data", read_at=timezone.now()
    )
    called: list[str] = []
    vehicle_notice_register(saying("readings", called), candidates=readings_of)
    assert [n.text for n in vehicle_notices(vehicle=vehicle, user=owner)] == ["readings"]


def test_it_skips_a_provider_that_has_nothing_to_say_to_the_user(owner):
    vehicle = VehicleFactory()
    mileage_reading_record(
        vehicle=vehicle, mileage=1_000, source="central_data", read_at=timezone.now()
    )
    called: list[str] = []
    vehicle_notice_register(saying("readings", called), candidates=lambda v, u: None)
    assert vehicle_notices(vehicle=vehicle, user=owner) == []
    assert called == []


def test_it_asks_all_candidates_in_one_query(owner):
    vehicle = VehicleFactory()
    called: list[str] = []
    vehicle_notice_register(saying("a", called), candidates=readings_of)
    vehicle_notice_register(
        saying("b", called), candidates=lambda v, u: Vehicle.objects.filter(pk=v.pk)
    )
    vehicle_notice_register(saying("c", called), candidates=readings_of)
    with CaptureQueriesContext(connection) as queries:
        found = vehicle_notices(vehicle=vehicle, user=owner)
    assert len(queries) == 1
    assert [n.text for n in found] == ["b"]


def test_it_keeps_the_order_of_registration(owner):
    vehicle = VehicleFactory()
    called: list[str] = []
    vehicle_notice_register(
        saying("first", called), candidates=lambda v, u: Vehicle.objects.filter(pk=v.pk)
    )
    vehicle_notice_register(saying("always", called))
    texts = [n.text for n in vehicle_notices(vehicle=vehicle, user=owner)]
    assert texts == ["first", "always"]
