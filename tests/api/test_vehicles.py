"""Vehicles: central data, CBS positions and the order base through the API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aftersales.accounts.models import Organisation
from tests.conftest import make_organisation, make_user
from tests.servicehistory.factories import VehicleFactory

from .conftest import VIN, ApiClient, assert_problem, make_token

pytestmark = pytest.mark.django_db


def test_it_finds_the_vehicle_by_its_vin(api_for, owner, vehicle):
    body = api_for(owner, "read").get(f"/api/v1/vehicles/{VIN}").json()
    data = body["vehicle"]
    assert data["vin"] == VIN
    assert data["model_designation"] == "335i"
    assert data["color"] == "475 black-sapphire metallic"
    assert data["mileage_km"] == 129_226
    assert [s["code"] for s in data["cbs_status"]][:2] == ["engine_oil", "front_brake"]
    assert body["candidates"] == []


def test_it_finds_the_vehicle_by_its_last_seven_characters(api_for, owner, vehicle):
    body = api_for(owner, "read").get("/api/v1/vehicles/a193748").json()
    assert body["vehicle"]["vin"] == VIN


def test_it_lists_candidates_when_the_last_seven_are_ambiguous(api_for, owner, vehicle):
    VehicleFactory(vin="WMWXX11010A193748", series="R56")
    api = api_for(owner, "read")
    body = api.get("/api/v1/vehicles/A193748").json()
    assert body["vehicle"] is None
    assert {c["vin"] for c in body["candidates"]} == {VIN, "WMWXX11010A193748"}
    problem = assert_problem(api.get("/api/v1/vehicles/A193748/cbs-positions"), 409, "API-0003")
    assert set(problem["candidates"]) == {VIN, "WMWXX11010A193748"}


def test_it_refuses_a_malformed_vin_naming_the_field(api_for, owner, vehicle):
    problem = assert_problem(api_for(owner).get("/api/v1/vehicles/WBAUV710"), 422, "VIN-0001")
    assert problem["field"] == "vin"


def test_it_answers_404_for_an_unknown_vin(api_for, owner, vehicle):
    assert_problem(api_for(owner).get("/api/v1/vehicles/WBAUV71070A999999"), 404, "VIN-0002")


def test_it_refuses_a_pending_organisation_by_the_access_rule(applications, vehicle):
    pending = make_organisation(
        "Werkstatt Müller", "DE123456789", country="DE", status=Organisation.Status.PENDING
    )
    anna = make_user("anna@example.de", pending, is_org_admin=True)
    response = ApiClient(make_token(anna)).get(f"/api/v1/vehicles/{VIN}")
    problem = assert_problem(response, 403, "ACCESS-0003")
    assert problem["application"] == "service-history"


def test_it_refuses_a_user_without_organisation(operator, vehicle):
    response = ApiClient(make_token(operator)).get(f"/api/v1/vehicles/{VIN}")
    assert_problem(response, 403, "ACCESS-0002")


def test_it_lists_the_cbs_positions_of_the_vehicle_type(api_for, owner, vehicle):
    body = api_for(owner, "read").get(f"/api/v1/vehicles/{VIN}/cbs-positions").json()
    assert body[0]["code"] == "engine_oil"
    assert body[0]["name"] == "Engine oil"
    assert body[0]["interval_km"] == 30_000
    assert len(body) == 10


def test_it_names_the_positions_in_danish_on_request(api_for, owner, vehicle):
    from aftersales.vehicles.models import CbsPosition

    CbsPosition.objects.filter(code="engine_oil").update(name_da="Motorolie")
    api = api_for(owner, "read")
    response = api.get(f"/api/v1/vehicles/{VIN}/cbs-positions", headers={"Accept-Language": "da"})
    assert response.json()[0]["name"] == "Motorolie"


def test_it_builds_the_order_base_with_the_organisations_prices(api_for, owner, vehicle):
    api = api_for(owner, "read")
    body = api.get(f"/api/v1/vehicles/{VIN}/order-base", positions=["engine_oil"]).json()
    assert [line["number"] for line in body["lines"]] == ["00 00 610", "00 00 105"]
    # 780 EUR/h net, 3 FRU = 15 min = 195.00 net, + 25 % Danish VAT.
    assert Decimal(body["lines"][0]["package_price_gross"]) == Decimal("243.75")
    assert body["total_fru"] == 5


def test_it_prices_the_order_base_for_the_callers_organisation_only(
    api_for, outsider, vehicle, other_organisation
):
    other_organisation.labour_rate_per_hour = Decimal("600.00")
    other_organisation.save()
    body = (
        api_for(outsider, "read")
        .get(f"/api/v1/vehicles/{VIN}/order-base", positions=["engine_oil"])
        .json()
    )
    assert Decimal(body["lines"][0]["package_price_gross"]) == Decimal("187.50")


def test_it_refuses_an_order_base_for_an_unknown_position(api_for, owner, vehicle):
    response = api_for(owner).get(f"/api/v1/vehicles/{VIN}/order-base", positions=["warp_core"])
    assert assert_problem(response, 422, "SH-0021")["field"] == "positions"


def test_it_names_the_missing_positions_parameter(api_for, owner, vehicle):
    problem = assert_problem(
        api_for(owner).get(f"/api/v1/vehicles/{VIN}/order-base"), 422, "API-0001"
    )
    assert problem["field"] == "positions"
    assert problem["errors"][0]["location"] == "query"
