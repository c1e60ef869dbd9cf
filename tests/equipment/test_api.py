"""The API of Workshop equipment: the catalogue, the organisation's inventory and its tool
requests; problem+json errors; what another workshop (the outsider) reaches: nothing of this
one's (404)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from aftersales.accounts.models import User
from aftersales.equipment import services
from aftersales.equipment.models import InventoryItem, ToolRequest
from tests.api.conftest import ApiClient, assert_problem, make_token

from .conftest import BLEEDER, VIN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"


@pytest.fixture
def api_for(tickets, tools, labour) -> Callable[[User], ApiClient]:  # type: ignore[no-untyped-def]
    return lambda user: ApiClient(make_token(user))


def send(api: ApiClient, method: str, path: str, body: object) -> object:
    return api.client.generic(
        method,
        path,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )


def test_it_searches_the_tools_with_prices_and_inventory(api_for, owner) -> None:
    services.inventory_item_add(actor=owner, tool_number=BLEEDER)
    body = api_for(owner).get("/api/v1/tools", search="8330").json()
    [tool] = body["tools"]
    assert tool["number"] == BLEEDER and tool["key"] == "83300494060"
    assert tool["price"] == {"net": "148.50", "gross": "185.63", "currency": "EUR"}
    assert tool["in_inventory"] == 1 and tool["brands"] == ["bmw", "mini"]


def test_it_filters_tools_by_brand(api_for, owner) -> None:
    body = api_for(owner).get("/api/v1/tools", brand="bmw_motorrad").json()
    numbers = {tool["number"] for tool in body["tools"]}
    assert "34 2 520" in numbers and BLEEDER not in numbers


def test_it_shows_a_tool_with_the_operations_that_need_it(api_for, owner) -> None:
    body = api_for(owner).get("/api/v1/tools/83 30 0 494 060").json()
    assert body["labour_operations"] == ["34 00 500"] and body["in_inventory"] == 0


def test_it_answers_an_unknown_tool_with_a_problem(api_for, owner) -> None:
    assert_problem(api_for(owner).get("/api/v1/tools/99999"), 404, "EQ-0001")


def test_it_says_which_tools_operations_need_on_a_vehicle(api_for, owner, vehicle) -> None:
    services.inventory_item_add(actor=owner, tool_number="34 1 260")
    body = (
        api_for(owner)
        .get(
            f"/api/v1/vehicles/{VIN}/required-tools",
            operations=["34 00 500", "34 11 000", "13 71 000"],
        )
        .json()
    )
    tools = {tool["number"]: tool for tool in body["tools"]}
    assert set(tools) == {BLEEDER, "34 1 260"}
    assert tools[BLEEDER]["missing"] is True and tools[BLEEDER]["requestable"] is True
    assert tools[BLEEDER]["warning"] == f"Special tool {BLEEDER} required, not in your inventory."
    assert tools["34 1 260"]["in_inventory"] == 1 and tools["34 1 260"]["warning"] is None


def test_it_adds_changes_and_removes_an_inventory_item(api_for, owner) -> None:
    api = api_for(owner)
    created = api.post("/api/v1/tool-inventory", {"tool": "009250", "serial_number": "S-1"})
    assert created.status_code == 201
    item = created.json()
    assert item["tool"] == "00 9 250" and item["calibration_overdue"] is True
    changed = send(
        api,
        "PUT",
        f"/api/v1/tool-inventory/{item['id']}",
        {"serial_number": "S-2", "last_calibrated_on": "2026-06-01"},
    )
    assert (
        changed.json()["serial_number"] == "S-2"
        and changed.json()["calibration_due"] == "2027-06-01"
    )
    assert [i["id"] for i in api.get("/api/v1/tool-inventory").json()] == [item["id"]]
    assert api.request("DELETE", f"/api/v1/tool-inventory/{item['id']}").status_code == 204
    assert not InventoryItem.objects.exists()


def test_it_refuses_the_same_serial_number_twice(api_for, owner) -> None:
    api = api_for(owner)
    api.post("/api/v1/tool-inventory", {"tool": BLEEDER, "serial_number": "A"})
    assert_problem(
        api.post("/api/v1/tool-inventory", {"tool": BLEEDER, "serial_number": "A"}), 409, "EQ-0012"
    )


def test_it_creates_a_request_and_reads_its_state(api_for, owner) -> None:
    api = api_for(owner)
    response = api.post(
        "/api/v1/tool-requests",
        {"items": [{"tool": BLEEDER, "quantity": 2}], "vin": VIN, "note": "for\nMonday"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "new" and body["lines"][0]["quantity"] == 2 and body["vin"] == VIN
    read = api.get(f"/api/v1/tool-requests/{body['id']}").json()
    assert read["number"] == body["number"] and read["events"][0]["status"] == "new"
    assert [r["id"] for r in api.get("/api/v1/tool-requests").json()] == [body["id"]]


def test_it_refuses_a_request_with_a_bad_quantity(api_for, owner) -> None:
    response = api_for(owner).post(
        "/api/v1/tool-requests", {"items": [{"tool": BLEEDER, "quantity": 0}]}
    )
    assert_problem(response, 422, "EQ-0020")
    assert not ToolRequest.objects.exists()


def test_it_needs_a_ticket(owner, applications, tools) -> None:
    api = ApiClient(make_token(owner))
    assert_problem(api.get("/api/v1/tools"), 403, "ACCESS-0004")


def test_an_outsider_reaches_nothing_of_another_workshop(api_for, owner, outsider, vehicle) -> None:
    item = services.inventory_item_add(actor=owner, tool_number=BLEEDER)
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    other = api_for(outsider)
    assert_problem(other.get(f"/api/v1/tool-requests/{created.pk}"), 404, "EQ-0003")
    assert_problem(
        send(other, "PUT", f"/api/v1/tool-inventory/{item.pk}", {"serial_number": "X"}),
        404,
        "EQ-0002",
    )
    assert_problem(other.request("DELETE", f"/api/v1/tool-inventory/{item.pk}"), 404, "EQ-0002")
    assert other.get("/api/v1/tool-inventory").json() == []
    assert other.get("/api/v1/tool-requests").json() == []
    assert other.get("/api/v1/tools/83300494060").json()["in_inventory"] == 0
    required = other.get(f"/api/v1/vehicles/{VIN}/required-tools", operations=["34 00 500"])
    assert required.json()["tools"][0]["missing"] is True
    assert InventoryItem.objects.filter(pk=item.pk, serial_number="").exists()


def test_it_refuses_writes_with_a_read_token(owner, tickets, tools) -> None:
    api = ApiClient(make_token(owner, scope="read"))
    response = api.post("/api/v1/tool-requests", {"items": [{"tool": BLEEDER, "quantity": 1}]})
    assert response.status_code == 403 and not ToolRequest.objects.exists()
