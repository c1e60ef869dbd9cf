"""The API of Commercial Service Data, and LAB items through the service-entry endpoint;
problem+json errors; what another workshop (the outsider) gets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.servicehistory.models import ServiceEntry
from tests.api.conftest import ApiClient, assert_problem, make_token

from .conftest import VIN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"


@pytest.fixture
def api_for(tickets, vehicle, labour) -> Callable[[User], ApiClient]:  # type: ignore[no-untyped-def]
    return lambda user: ApiClient(make_token(user))


def entry_body(*items: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "mileage": "130500",
        "maintenance_date": (clock.today() - timedelta(days=1)).isoformat(),
        "positions": [],
        "items": list(items),
        "consent": True,
    }
    body.update(overrides)
    return body


def test_it_lists_the_operations_valid_for_a_vehicle(api_for, owner) -> None:
    body = api_for(owner).get(f"/api/v1/vehicles/{VIN}/labour-operations").json()
    numbers = [op["number"] for op in body["operations"]]
    assert "11 00 050" in numbers and "13 32 000" not in numbers
    oil = next(op for op in body["operations"] if op["number"] == "11 00 050")
    assert oil["units"] == "6.00" and oil["fru"] == "6.00" and oil["price_gross"] == "487.50"
    assert oil["valid_for"]["engine_type"] == "N54" and oil["reference"].startswith("LOV-")
    assert body["unit_minutes"] == "5" and body["more"] is False


def test_it_searches_by_number_or_words(api_for, owner) -> None:
    api = api_for(owner)
    by_number = api.get(f"/api/v1/vehicles/{VIN}/labour-operations", search="1212").json()
    assert [op["number"] for op in by_number["operations"]] == ["12 12 000"]
    by_words = api.get(f"/api/v1/vehicles/{VIN}/labour-operations", search="brake pads").json()
    assert {op["number"] for op in by_words["operations"]} == {"34 11 000", "34 21 000"}


def test_it_answers_in_danish_on_request(api_for, owner) -> None:
    body = (
        api_for(owner)
        .get("/api/v1/labour-operations/12 12 000", headers={"Accept-Language": "da"})
        .json()
    )
    assert body["variants"][0]["current"]["description"] == "Udskift tændrør (alle)"


def test_it_reads_every_variant_of_a_number(api_for, owner) -> None:
    body = api_for(owner).get("/api/v1/labour-operations/13 53 520").json()
    assert [v["current"]["units"] for v in body["variants"]] == ["12.00", "9.00"]
    assert body["variants"][0]["current"]["tool_numbers"] == ["13 5 250"]


def test_it_answers_404_for_an_unknown_operation(api_for, owner) -> None:
    assert_problem(api_for(owner).get("/api/v1/labour-operations/99 99 999"), 404, "CSD-0001")


def test_it_lists_the_packages_of_a_vehicle(api_for, owner) -> None:
    body = api_for(owner).get(f"/api/v1/vehicles/{VIN}/service-packages").json()
    assert [p["number"] for p in body["packages"]] == ["SP-BRAKE-FLUID", "SP-OIL-N54"]
    oil = body["packages"][1]
    assert oil["operations"][0] == {
        "number": "11 00 050",
        "quantity": "1.00",
        "description": "Engine oil service with oil filter",
        "fru": "6.00",
    }
    assert oil["materials"][0]["unit"] == "l"


def test_it_reads_a_package_and_answers_404_for_an_unknown_one(api_for, owner) -> None:
    api = api_for(owner)
    assert api.get("/api/v1/service-packages/SP-BRAKE-FLUID").json()["fixed_price_net"] == "99.00"
    assert_problem(api.get("/api/v1/service-packages/NOPE"), 404, "CSD-0002")


def test_it_stores_an_entry_with_a_labour_operation_and_its_quantity(api_for, owner) -> None:
    response = api_for(owner).post(
        f"/api/v1/vehicles/{VIN}/service-entries",
        entry_body({"kind": "LAB", "number": "11 00 050", "quantity": "1.5"}),
    )
    assert response.status_code == 201, response.content
    [line] = response.json()["lines"]
    assert (line["kind"], line["number"], line["quantity"]) == ("LAB", "11 00 050", "9.00")
    assert line["gross_amount"] == "731.25" and line["reference"].startswith("LOV-")
    assert ServiceEntry.objects.get().lines.get().gross_amount == Decimal("731.25")


def test_it_stores_an_entry_with_a_package(api_for, owner) -> None:
    response = api_for(owner).post(
        f"/api/v1/vehicles/{VIN}/service-entries",
        entry_body({"kind": "LAB", "number": "SP-BRAKE-FLUID"}),
    )
    assert response.status_code == 201, response.content
    lines = response.json()["lines"]
    assert lines[0]["number"] == "SP-BRAKE-FLUID" and lines[0]["gross_amount"] == "123.75"


def test_it_refuses_an_operation_not_valid_for_the_vehicle(api_for, owner) -> None:
    response = api_for(owner).post(
        f"/api/v1/vehicles/{VIN}/service-entries",
        entry_body({"kind": "LAB", "number": "13 32 000"}),
    )
    assert_problem(response, 422, "SH-0080")
    assert not ServiceEntry.objects.exists()


def test_it_refuses_a_bad_quantity(api_for, owner) -> None:
    response = api_for(owner).post(
        f"/api/v1/vehicles/{VIN}/service-entries",
        entry_body({"kind": "LAB", "number": "11 00 050", "quantity": "0"}),
    )
    assert_problem(response, 422, "API-0001")


def test_it_refuses_an_organisation_without_a_ticket(owner, applications, vehicle, labour) -> None:
    response = ApiClient(make_token(owner)).get(f"/api/v1/vehicles/{VIN}/labour-operations")
    assert_problem(response, 403, "ACCESS-0004")


def test_an_outsider_sees_the_catalogue_at_its_own_rate(api_for, outsider) -> None:
    outsider.organisation.labour_rate_per_hour = Decimal("600.00")
    outsider.organisation.save()
    body = api_for(outsider).get(f"/api/v1/vehicles/{VIN}/labour-operations", search="11 00 050")
    assert body.json()["operations"][0]["price_gross"] == "375.00"
