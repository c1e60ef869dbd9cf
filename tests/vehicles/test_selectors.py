"""The VIN entry and the reads of the Service history pages."""

import datetime

import pytest
from django.db import connection
from django.http import Http404

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import (
    MAX_CANDIDATES,
    cbs_positions_for,
    vehicle_cbs_status,
    vehicle_get,
    vehicle_lookup,
    vehicle_options,
)
from aftersales.vehicles.vin import with_check_digit

from .factories import (
    CbsApplicabilityFactory,
    CbsPositionFactory,
    VehicleCbsStatusFactory,
    VehicleFactory,
    VehicleOptionFactory,
    vin_for,
)

pytestmark = pytest.mark.django_db

WALKTHROUGH_VIN = "WBAUV71070A193748"


def test_it_finds_a_vehicle_by_its_full_vin():
    vehicle = VehicleFactory(vin=WALKTHROUGH_VIN)
    result = vehicle_lookup(query=WALKTHROUGH_VIN)
    assert result.vehicle == vehicle
    assert result.candidates == []
    assert result.warnings == []


def test_it_finds_a_vehicle_by_a_vin_typed_in_lower_case_with_spaces():
    vehicle = VehicleFactory(vin=WALKTHROUGH_VIN)
    assert vehicle_lookup(query="  wbauv71070 a193748 ").vehicle == vehicle


def test_it_finds_a_vehicle_by_its_last_seven_characters():
    vehicle = VehicleFactory(vin=WALKTHROUGH_VIN)
    assert vehicle_lookup(query="a193748").vehicle == vehicle


def test_it_lists_the_candidates_when_two_vehicles_share_their_last_seven_characters():
    first = VehicleFactory(vin="WBAUV71070A193748")
    second = VehicleFactory(vin="WMWZC31090A193748", brand="mini")
    result = vehicle_lookup(query="A193748")
    assert result.vehicle is None
    assert result.candidates == sorted([first, second], key=lambda v: v.vin)


def test_it_finds_one_of_two_vehicles_sharing_their_last_seven_by_the_full_vin():
    VehicleFactory(vin="WBAUV71070A193748")
    second = VehicleFactory(vin="WMWZC31090A193748", brand="mini")
    assert vehicle_lookup(query="WMWZC31090A193748").vehicle == second


def test_it_caps_the_candidates_and_says_so():
    for n in range(MAX_CANDIDATES + 2):
        VehicleFactory(vin=with_check_digit(f"WBA8E9{n:02d}0JA193748"))
    result = vehicle_lookup(query="A193748")
    assert result.vehicle is None
    assert len(result.candidates) == MAX_CANDIDATES
    assert any("full VIN" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    "query", ["", "   ", "WBAUV71070A19374", "WBAUV71070A1937481", "A19374", "12345678"]
)
def test_it_refuses_a_malformed_vin_with_a_clear_message(query):
    with pytest.raises(RuleViolation) as error:
        vehicle_lookup(query=query)
    assert error.value.code == "VIN-0001"
    assert error.value.field == "vin"
    assert error.value.status == 422
    assert error.value.message


def test_it_names_the_forbidden_letters():
    with pytest.raises(RuleViolation) as error:
        vehicle_lookup(query="WBAUV71O70A193748")
    assert error.value.code == "VIN-0001"
    assert "I, O and Q" in error.value.message


def test_it_says_the_vehicle_was_not_found_for_an_unknown_wellformed_vin():
    with pytest.raises(RuleViolation) as error:
        vehicle_lookup(query=WALKTHROUGH_VIN)
    assert error.value.code == "VIN-0002"
    assert error.value.message == "The vehicle was not found."
    assert error.value.status == 404


def test_it_says_the_vehicle_was_not_found_for_unknown_last_seven():
    VehicleFactory(vin=WALKTHROUGH_VIN)
    with pytest.raises(RuleViolation) as error:
        vehicle_lookup(query="A193749")
    assert error.value.code == "VIN-0002"


def test_it_finds_a_north_american_vehicle_with_a_wrong_check_digit_and_warns():
    good = with_check_digit("5UXCR6C50KLL12345")
    wrong = good[:8] + ("1" if good[8] != "1" else "2") + good[9:]
    vehicle = VehicleFactory(vin=wrong)
    result = vehicle_lookup(query=wrong)
    assert result.vehicle == vehicle
    assert len(result.warnings) == 1
    assert "check digit" in result.warnings[0]


def test_it_keeps_the_check_digit_warning_when_the_vehicle_is_unknown():
    good = with_check_digit("5UXCR6C50KLL12345")
    wrong = good[:8] + ("1" if good[8] != "1" else "2") + good[9:]
    with pytest.raises(RuleViolation) as error:
        vehicle_lookup(query=wrong)
    assert error.value.code == "VIN-0002"
    assert error.value.extra["warnings"]


def test_it_does_not_warn_about_a_european_vin():
    VehicleFactory(vin=WALKTHROUGH_VIN)
    assert vehicle_lookup(query=WALKTHROUGH_VIN).warnings == []


@pytest.mark.parametrize("query", [WALKTHROUGH_VIN, "A193748"])
def test_it_looks_a_vehicle_up_in_one_query_however_many_vehicles_exist(
    query, django_assert_num_queries
):
    VehicleFactory(vin=WALKTHROUGH_VIN)
    with django_assert_num_queries(1):
        vehicle_lookup(query=query)
    VehicleFactory.create_batch(50)
    with django_assert_num_queries(1):
        vehicle_lookup(query=query)


def test_it_lists_candidates_in_one_query(django_assert_num_queries):
    VehicleFactory(vin="WBAUV71070A193748")
    VehicleFactory(vin="WMWZC31090A193748")
    with django_assert_num_queries(1):
        vehicle_lookup(query="A193748")


@pytest.mark.parametrize(
    ("query", "index_hint"),
    [({"vin": WALKTHROUGH_VIN}, "vin"), ({"vin7": "A193748"}, "vehicle_vin7_idx")],
)
def test_it_uses_an_index_for_the_vin_entry(query, index_hint):
    VehicleFactory.create_batch(20)
    VehicleFactory(vin=WALKTHROUGH_VIN)
    queryset = Vehicle.objects.filter(**query)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On a table this small the planner would rightly scan it: ask whether it can use
            # the index at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "Seq Scan" not in plan
    if connection.vendor == "postgresql":
        expected = "vehicle_vin_unique" if index_hint == "vin" else index_hint
        assert expected in plan
    else:
        assert "USING" in plan and "INDEX" in plan, plan
        assert "SCAN vehicles_vehicle" not in plan.replace("USING", "")


def test_it_gets_a_vehicle_by_vin():
    vehicle = VehicleFactory(vin=WALKTHROUGH_VIN)
    assert vehicle_get(vin=" wbauv71070a193748") == vehicle


def test_it_raises_404_for_an_unknown_vin():
    with pytest.raises(Http404):
        vehicle_get(vin=WALKTHROUGH_VIN)


def test_it_gives_the_cbs_positions_of_the_series_and_engine_type_in_catalogue_order():
    oil = CbsPositionFactory(code="engine_oil", name="Engine oil", position=10)
    plugs = CbsPositionFactory(code="spark_plugs", name="Spark plugs", position=90)
    diesel = CbsPositionFactory(code="diesel_filter", name="Diesel filter", position=80)
    other = CbsPositionFactory(code="final_drive_oil", name="Final drive oil", position=5)
    CbsApplicabilityFactory(cbs_position=plugs, series="E91", engine_type="N54")
    CbsApplicabilityFactory(cbs_position=oil, series="E91", engine_type="")
    CbsApplicabilityFactory(cbs_position=oil, series="E91", engine_type="N54")  # both match
    CbsApplicabilityFactory(cbs_position=diesel, series="E91", engine_type="N57")
    CbsApplicabilityFactory(cbs_position=other, series="K50", engine_type="")
    vehicle = VehicleFactory(series="E91", engine_type="N54")
    assert cbs_positions_for(vehicle=vehicle) == [oil, plugs]


def test_it_gives_no_cbs_positions_for_a_type_outside_the_catalogue():
    CbsApplicabilityFactory(series="E91")
    assert cbs_positions_for(vehicle=VehicleFactory(series="G20", engine_type="B48")) == []


def test_it_reads_the_cbs_positions_in_one_query(django_assert_num_queries):
    for n in range(5):
        CbsApplicabilityFactory(series="F30", engine_type="" if n % 2 else "B48")
    vehicle = VehicleFactory(series="F30", engine_type="B48")
    with django_assert_num_queries(1):
        assert len(cbs_positions_for(vehicle=vehicle)) == 5


def test_it_keys_the_cbs_status_by_position(django_assert_num_queries):
    vehicle = VehicleFactory()
    oil = CbsPositionFactory(code="engine_oil")
    status = VehicleCbsStatusFactory(
        vehicle=vehicle, cbs_position=oil, due_date=datetime.date(2027, 1, 1), remaining_km=9000
    )
    VehicleCbsStatusFactory(cbs_position=oil)  # another vehicle's
    with django_assert_num_queries(1):
        assert vehicle_cbs_status(vehicle=vehicle) == {oil.pk: status}


def test_it_lists_factory_options_before_retrofits():
    vehicle = VehicleFactory()
    retrofit = VehicleOptionFactory(vehicle=vehicle, code="6NH", kind="retrofit")
    factory_option = VehicleOptionFactory(vehicle=vehicle, code="S494A", kind="factory")
    assert vehicle_options(vehicle=vehicle) == [factory_option, retrofit]


def test_the_factory_makes_vins_with_a_correct_check_digit():
    from aftersales.vehicles.vin import has_valid_check_digit

    assert has_valid_check_digit(vin_for(1))


def test_it_reads_every_field_of_the_vehicle_found_by_vin():
    vehicle = VehicleFactory(vin=WALKTHROUGH_VIN)
    found = vehicle_get(vin=WALKTHROUGH_VIN)
    fields = [field.attname for field in Vehicle._meta.concrete_fields]
    assert [getattr(found, name) for name in fields] == [
        getattr(Vehicle.objects.get(pk=vehicle.pk), name) for name in fields
    ]
    assert found.updated_at.tzinfo is not None
    assert isinstance(found.production_date, datetime.date)
