"""The demo: a year of readings of an electric and a plug-in hybrid car; the i3 warns."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from aftersales.stateofcharge.models import BatteryReading
from aftersales.stateofcharge.selectors import health_trend, readings_of
from aftersales.vehicles.models import Vehicle

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_loads_a_year_of_readings_once(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    i3 = Vehicle.objects.filter(model_designation="i3 120Ah").order_by("vin").first()
    hybrid = Vehicle.objects.filter(model_designation="330e").order_by("vin").first()
    assert i3 is not None and hybrid is not None
    assert BatteryReading.objects.filter(vehicle=i3).count() == 13
    assert BatteryReading.objects.filter(vehicle=hybrid).count() == 13
    trend = health_trend(readings_of(i3))
    assert trend is not None and trend.warning
