"""The demo data: the walkthrough's vehicle exactly, 30+ more over all brands, idempotent."""

import datetime
from collections import Counter

import pytest

from aftersales.vehicles import demo
from aftersales.vehicles.models import (
    Vehicle,
    VehicleCbsStatus,
    VehicleOption,
    WorldManufacturerIdentifier,
)
from aftersales.vehicles.selectors import cbs_positions_for, vehicle_lookup
from aftersales.vehicles.vin import check_digit_warning, has_valid_check_digit

pytestmark = pytest.mark.django_db

WALKTHROUGH_LIST = [
    "Engine oil",
    "Front Brake",
    "Brake fluid",
    "Rear Brake",
    "Vehicle check",
    "Statutory vehicle inspection",
    "Statutory emissions test",
    "Air filter element",
    "Spark plugs",
    "Microfilter (consider further additional job(s) if appropriate)",
]


@pytest.fixture
def loaded():
    demo.load()


def test_it_loads_the_walkthrough_vehicle_exactly(loaded):
    v = Vehicle.objects.get(vin="WBAUV71070A193748")
    assert (v.model_designation, v.lead_model, v.model_code) == ("335i", "UV81", "UV81")
    assert (v.series, v.engine_type) == ("E91", "N54")
    assert v.color == "475 black-sapphire metallic"
    assert v.upholstery == 'EBAT Cloth "Vertex/anthrazit"'
    assert (v.gearbox_number, v.engine_number) == ("0406545", "05896959")
    assert v.production_date == datetime.date(2008, 9, 22)
    assert v.first_registration_date is None
    assert v.plant_integration_level == "E89X-08-09-520"
    assert (v.mileage_km, v.number_of_keys, v.key_system) == (129_226, 2, "CAS")
    assert v.brand == "bmw"
    assert v.options.filter(kind="retrofit").exists()
    assert v.options.filter(kind="factory").count() >= 3


def test_it_gives_the_walkthrough_vehicle_the_walkthrough_positions(loaded):
    vehicle = Vehicle.objects.get(vin="WBAUV71070A193748")
    assert [p.name for p in cbs_positions_for(vehicle=vehicle)] == WALKTHROUGH_LIST
    assert vehicle.cbs_status.count() == len(WALKTHROUGH_LIST)


def test_it_has_danish_names_and_intervals(loaded):
    from aftersales.vehicles.models import CbsPosition

    oil = CbsPosition.objects.get(code="engine_oil")
    assert (oil.name_da, oil.interval_months, oil.interval_km) == ("Motorolie", 24, 30_000)
    assert not CbsPosition.objects.filter(name_da="").exists()


def test_it_loads_thirty_more_vehicles_over_every_brand(loaded):
    assert Vehicle.objects.count() >= 31
    brands = Counter(Vehicle.objects.values_list("brand", flat=True))
    for brand in ("bmw", "bmw_m", "mini", "bmw_motorrad", "rolls_royce"):
        assert brands[brand] >= 2, brand


def test_every_demo_vehicle_has_positions_and_a_valid_vin(loaded):
    for vehicle in Vehicle.objects.exclude(vin="WBAUV71070A193748"):
        assert has_valid_check_digit(vehicle.vin), vehicle.vin
        assert check_digit_warning(vehicle.vin) is None
        assert cbs_positions_for(vehicle=vehicle), vehicle
        assert vehicle.production_date <= (vehicle.first_registration_date or datetime.date.max)


def test_two_demo_vehicles_share_their_last_seven_characters(loaded):
    shared = [
        vin7 for vin7, n in Counter(Vehicle.objects.values_list("vin7", flat=True)).items() if n > 1
    ]
    assert len(shared) == 1
    result = vehicle_lookup(query=shared[0])
    assert result.vehicle is None and len(result.candidates) == 2
    assert vehicle_lookup(query="A193748").vehicle.vin == "WBAUV71070A193748"


def test_it_is_idempotent(loaded):
    def snapshot():
        return (
            list(Vehicle.objects.order_by("vin").values()),
            list(VehicleOption.objects.order_by("pk").values()),
            list(VehicleCbsStatus.objects.order_by("pk").values()),
        )

    before = snapshot()
    assert "0 vehicles created, 0 updated" in demo.load()
    assert snapshot() == before


def test_it_leaves_a_cbs_status_that_changed_since_alone(loaded):
    status = VehicleCbsStatus.objects.filter(vehicle__vin="WBAUV71070A193748").first()
    status.remaining_km = 30_000
    status.save()
    demo.load()
    status.refresh_from_db()
    assert status.remaining_km == 30_000


def test_it_fills_an_emptied_wmi_table_so_every_vin_has_its_brand(db):
    # A test's flush (and a database restored without reference data) empties the table that
    # the migration filled; the demo's vehicles would then have no brand.
    WorldManufacturerIdentifier.objects.all().delete()
    demo.load()
    assert Vehicle.objects.get(vin="WBAUV71070A193748").brand == "bmw"
    assert not Vehicle.objects.filter(brand="").exists()


def test_it_has_german_names_of_the_cbs_positions(loaded):
    from aftersales.vehicles.models import CbsPosition

    assert CbsPosition.objects.get(code="engine_oil").name_de == "Motoröl"
    assert not CbsPosition.objects.filter(name_de="").exists()
