"""Transfer to the vehicle: pending entries and the diagnosis tool's confirmation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry
from aftersales.tools.models import ToolSession

from .conftest import VIN, ApiClient, assert_problem, create_entry

pytestmark = pytest.mark.django_db
PENDING = f"/api/v1/vehicles/{VIN}/pending-transfers"


def just_now() -> str:
    """A transfer time the rules accept: after the entry was stored, not in the future."""
    return timezone.localtime(clock.now()).isoformat()


def confirm(api, entry_id, tool_id="ISTA-4.39", at=None):  # type: ignore[no-untyped-def]
    return api.post(
        f"/api/v1/service-entries/{entry_id}/transfer",
        {"transferred_at": at or just_now(), "tool_id": tool_id},
    )


def test_it_lists_the_entries_not_yet_transferred(api_for, owner, vehicle, diagnosis_ticket):
    api = api_for(owner)
    created = create_entry(api)
    assert [e["id"] for e in api.get(PENDING).json()] == [created["id"]]


def test_it_confirms_a_transfer_from_the_tool_session(
    api_for, tool_for, owner, vehicle, diagnosis_ticket
):
    api = api_for(owner)
    created = create_entry(api)
    at = just_now()
    response = confirm(tool_for(owner), created["id"], at=at)
    assert response.status_code == 200
    body = response.json()
    session = ToolSession.objects.get()
    assert body["transfer_tool_id"] == f"ISTA 4.41.10 (session {session.pk})"
    # The JSON encoder keeps milliseconds.
    stored = datetime.fromisoformat(body["transferred_at"])
    assert abs(stored - datetime.fromisoformat(at)) < timedelta(milliseconds=1)
    assert body["transfer_pending"] is False
    assert api.get(PENDING).json() == []


def test_it_treats_a_second_confirmation_as_harmless(
    api_for, tool_for, owner, vehicle, diagnosis_ticket
):
    created = create_entry(api_for(owner))
    first = confirm(tool_for(owner), created["id"]).json()
    second = confirm(tool_for(owner), created["id"], tool_id="ISTA-4.40")
    assert second.status_code == 200
    assert second.json()["transfer_tool_id"] == first["transfer_tool_id"]


def test_it_refuses_to_confirm_a_cancelled_entry(
    api_for, tool_for, owner, vehicle, diagnosis_ticket
):
    api = api_for(owner)
    created = create_entry(api)
    api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "Wrong car"})
    assert_problem(confirm(tool_for(owner), created["id"]), 409, "SH-0052")
    assert ServiceEntry.objects.get().transferred_at is None


def test_it_refuses_a_confirmation_with_the_users_own_token(
    api_for, owner, vehicle, diagnosis_ticket
):
    api = api_for(owner)
    created = create_entry(api)
    assert_problem(confirm(api, created["id"]), 403, "TOOL-0010")
    assert ServiceEntry.objects.get().transferred_at is None


def test_it_refuses_a_confirmation_from_a_session_on_another_vehicle(
    api_for, owner, vehicle, diagnosis_ticket
):
    from tests.servicehistory.factories import VehicleFactory

    from .conftest import tool_session_token

    created = create_entry(api_for(owner))
    other = VehicleFactory(vin="WBY1Z21030V512860", series="I01", engine_type="IB1")
    tool = ApiClient(tool_session_token(owner, other))
    assert_problem(confirm(tool, created["id"]), 403, "TOOL-0010")


def test_it_needs_access_to_the_diagnosis_application(api_for, owner, vehicle):
    api = api_for(owner)
    created = create_entry(api)
    problem = assert_problem(api.get(PENDING), 403, "ACCESS-0004")
    assert problem["book_url"].endswith("?application=diagnosis")
    assert_problem(confirm(api, created["id"]), 403, "ACCESS-0004")


def test_it_needs_a_write_token_to_confirm(api_for, owner, vehicle, diagnosis_ticket):
    created = create_entry(api_for(owner))
    assert_problem(confirm(api_for(owner, "read"), created["id"]), 403, "API-0403")


def test_it_lets_another_workshops_diagnosis_tool_transfer_the_vehicles_entry(
    api_for, tool_for, owner, outsider, vehicle, diagnosis_ticket
):
    from .conftest import grant_diagnosis

    created = create_entry(api_for(owner))
    grant_diagnosis(outsider.organisation)
    api = api_for(outsider)
    assert [e["id"] for e in api.get(PENDING).json()] == [created["id"]]
    assert api.get(PENDING).json()[0]["entered_by"] is None
    response = confirm(tool_for(outsider), created["id"])
    assert response.status_code == 200
    assert response.json()["transfer_tool_id"].startswith("ISTA 4.41.10 (session ")
    assert api.get(PENDING).json() == []


def test_it_refuses_a_transfer_time_in_the_future(
    api_for, tool_for, owner, vehicle, diagnosis_ticket
):
    created = create_entry(api_for(owner))
    tomorrow = (timezone.localtime(clock.now()) + timedelta(days=1)).isoformat()
    assert_problem(confirm(tool_for(owner), created["id"], at=tomorrow), 422, "SH-0061")


@pytest.mark.parametrize("tool_id", ["ISTA\x00", "ISTA\n4.39"])
def test_it_refuses_a_tool_id_with_a_control_character_or_a_line_break(
    api_for, owner, vehicle, diagnosis_ticket, tool_id
):
    api = api_for(owner)
    created = create_entry(api)
    problem = assert_problem(confirm(api, created["id"], tool_id=tool_id), 422)
    assert problem["code"] in {"TEXT-0001", "TEXT-0002"} and problem["field"] == "tool_id"
    assert ServiceEntry.objects.get().transferred_at is None
