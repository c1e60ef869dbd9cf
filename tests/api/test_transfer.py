"""Transfer to the vehicle: pending entries and the diagnosis tool's confirmation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry

from .conftest import VIN, assert_problem, create_entry

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


def test_it_confirms_a_transfer_with_time_and_tool(api_for, owner, vehicle, diagnosis_ticket):
    api = api_for(owner)
    created = create_entry(api)
    at = just_now()
    response = confirm(api, created["id"], at=at)
    assert response.status_code == 200
    body = response.json()
    assert body["transfer_tool_id"] == "ISTA-4.39"
    # The JSON encoder keeps milliseconds.
    stored = datetime.fromisoformat(body["transferred_at"])
    assert abs(stored - datetime.fromisoformat(at)) < timedelta(milliseconds=1)
    assert body["transfer_pending"] is False
    assert api.get(PENDING).json() == []


def test_it_treats_a_second_confirmation_as_harmless(api_for, owner, vehicle, diagnosis_ticket):
    api = api_for(owner)
    created = create_entry(api)
    first = confirm(api, created["id"]).json()
    second = confirm(api, created["id"], tool_id="ISTA-4.40")
    assert second.status_code == 200
    assert second.json()["transfer_tool_id"] == first["transfer_tool_id"] == "ISTA-4.39"


def test_it_refuses_to_confirm_a_cancelled_entry(api_for, owner, vehicle, diagnosis_ticket):
    api = api_for(owner)
    created = create_entry(api)
    api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "Wrong car"})
    assert_problem(confirm(api, created["id"]), 409, "SH-0052")
    assert ServiceEntry.objects.get().transferred_at is None


def test_it_refuses_a_confirmation_without_tool_id(api_for, owner, vehicle, diagnosis_ticket):
    api = api_for(owner)
    created = create_entry(api)
    response = confirm(api, created["id"], tool_id="")
    assert assert_problem(response, 422, "API-0001")["field"] == "tool_id"


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
    api_for, owner, outsider, vehicle, diagnosis_ticket
):
    from .conftest import grant_diagnosis

    created = create_entry(api_for(owner))
    grant_diagnosis(outsider.organisation)
    api = api_for(outsider)
    assert [e["id"] for e in api.get(PENDING).json()] == [created["id"]]
    assert api.get(PENDING).json()[0]["entered_by"] is None
    response = confirm(api, created["id"])
    assert response.status_code == 200 and response.json()["transfer_tool_id"] == "ISTA-4.39"
    assert api.get(PENDING).json() == []


def test_it_refuses_a_transfer_time_in_the_future(api_for, owner, vehicle, diagnosis_ticket):
    api = api_for(owner)
    created = create_entry(api)
    tomorrow = (timezone.localtime(clock.now()) + timedelta(days=1)).isoformat()
    assert_problem(confirm(api, created["id"], at=tomorrow), 422, "SH-0061")


@pytest.mark.parametrize("tool_id", ["ISTA\x00", "ISTA\n4.39"])
def test_it_refuses_a_tool_id_with_a_control_character_or_a_line_break(
    api_for, owner, vehicle, diagnosis_ticket, tool_id
):
    api = api_for(owner)
    created = create_entry(api)
    problem = assert_problem(confirm(api, created["id"], tool_id=tool_id), 422)
    assert problem["code"] in {"TEXT-0001", "TEXT-0002"} and problem["field"] == "tool_id"
    assert ServiceEntry.objects.get().transferred_at is None
