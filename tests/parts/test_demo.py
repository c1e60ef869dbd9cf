"""The demo's parts catalogue: the walkthrough's car sees its groups, drawings and prices."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from aftersales import clock
from aftersales.parts import demo
from aftersales.parts.models import Illustration, Part, PartUsage
from aftersales.parts.selectors import illustration_for_vehicle, vehicle_tree
from aftersales.vehicles.models import Vehicle

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def test_it_loads_twice_without_changing_anything(loaded) -> None:
    rows, parts = PartUsage.objects.count(), Part.objects.count()
    demo.load()
    assert (PartUsage.objects.count(), Part.objects.count()) == (rows, parts)


def test_it_gives_the_walkthrough_car_four_groups_without_the_manual_gearbox(loaded) -> None:
    car = Vehicle.objects.get(vin="WBAUV71070A193748")
    assert [g.main_group.number for g in vehicle_tree(vehicle=car)] == ["11", "12", "24", "34"]


def test_it_draws_at_least_three_illustrations_with_hotspots(loaded) -> None:
    drawn = [i for i in Illustration.objects.all() if i.has_image and i.hotspots.exists()]
    assert len(drawn) >= 3


def test_it_prices_and_supersedes_the_walkthrough_cars_parts(loaded) -> None:
    car = Vehicle.objects.get(vin="WBAUV71070A193748")
    brakes = Illustration.objects.get(number="34_0150")
    view = illustration_for_vehicle(
        vehicle=car, illustration_id=brakes.pk, organisation=None, today=clock.today()
    )
    pads = next(row for row in view.rows if row.usage.position == "2")
    assert pads.successor is not None and pads.successor.number == "34116794917"
    assert Part.objects.get(number="11427508969").successor.number == "11427953129"
