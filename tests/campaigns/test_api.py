"""The API of Technical campaigns, and carrying a campaign out through the service-entry
endpoint; problem+json errors; what another workshop (the outsider) gets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.campaigns.models import Campaign, CampaignCompletion
from tests.api.conftest import ApiClient, assert_problem, make_token
from tests.conftest import make_organisation, make_user
from tests.servicehistory.factories import WALKTHROUGH_VIN as VIN

from .factories import make_campaign

pytestmark = pytest.mark.django_db

PARTS = [("13 51 7 613 933", "High-pressure fuel pump", "1", "612.40")]


@pytest.fixture
def api_for(applications, vehicle) -> Callable[[User], ApiClient]:  # type: ignore[no-untyped-def]
    return lambda user: ApiClient(make_token(user))


def entry_body(*numbers: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "mileage": "130500",
        "maintenance_date": (clock.today() - timedelta(days=1)).isoformat(),
        "positions": [],
        "items": [{"kind": "CAMP", "number": number} for number in numbers],
        "consent": True,
    }
    body.update(overrides)
    return body


def carry_out(api: ApiClient, *numbers: str, **overrides: Any) -> Any:
    return api.post(f"/api/v1/vehicles/{VIN}/service-entries", entry_body(*numbers, **overrides))


# --- GET /vehicles/{vin}/campaigns -----------------------------------------------------------


def test_it_lists_the_campaigns_of_a_vehicle_with_their_states(api_for, owner) -> None:
    make_campaign("0013250800", do_not_drive=True, parts=PARTS)
    make_campaign("0032770200", state=Campaign.State.WITHDRAWN)
    body = api_for(owner).get(f"/api/v1/vehicles/{VIN}/campaigns").json()
    assert body["vin"] == VIN and body["open"] == 1
    first, second = body["campaigns"]
    assert first == {
        "number": "0013250800",
        "kind": "recall",
        "title": "High-pressure fuel pump",
        "do_not_drive": True,
        "start_date": first["start_date"],
        "end_date": None,
        "state": "open",
        "reason": "",
        "can_carry_out": True,
        "done": None,
    }
    assert (second["state"], second["reason"]) == ("not_applicable", "The campaign was withdrawn.")


def test_it_finds_the_vehicle_by_its_last_seven_characters(api_for, owner) -> None:
    make_campaign()
    response = api_for(owner).get("/api/v1/vehicles/a193748/campaigns")
    assert response.status_code == 200 and response.json()["vin"] == VIN


def test_it_answers_404_for_an_unknown_vin(api_for, owner) -> None:
    assert_problem(
        api_for(owner).get("/api/v1/vehicles/WBAUV71070A999999/campaigns"), 404, "VIN-0002"
    )


def test_it_names_the_entry_of_a_done_campaign_to_its_workshop_only(
    api_for, owner, outsider
) -> None:
    make_campaign()
    entry = carry_out(api_for(owner), "0013250800").json()
    own = api_for(owner).get(f"/api/v1/vehicles/{VIN}/campaigns").json()["campaigns"][0]
    other = api_for(outsider).get(f"/api/v1/vehicles/{VIN}/campaigns").json()["campaigns"][0]
    assert own["state"] == other["state"] == "done"
    assert own["done"]["entry_id"] == entry["id"] and own["done"]["entry_number"] == entry["number"]
    assert other["done"] == {
        "done_on": own["done"]["done_on"],
        "workshop": "Motorhjørnet ApS",
        "entry_id": None,
        "entry_number": None,
    }


def test_it_answers_in_danish_on_request(api_for, owner) -> None:
    make_campaign()
    body = (
        api_for(owner)
        .get(f"/api/v1/vehicles/{VIN}/campaigns", headers={"Accept-Language": "da"})
        .json()
    )
    assert body["campaigns"][0]["title"] == "Højtrykspumpe"


def test_it_refuses_a_pending_organisation(applications, vehicle) -> None:
    pending = make_organisation(
        "Werkstatt Müller", "DE123456789", country="DE", status=Organisation.Status.PENDING
    )
    anna = make_user("anna@example.de", pending, is_org_admin=True)
    response = ApiClient(make_token(anna)).get(f"/api/v1/vehicles/{VIN}/campaigns")
    problem = assert_problem(response, 403, "ACCESS-0003")
    assert problem["application"] == "technical-campaigns"


def test_it_refuses_a_call_without_a_token(applications, vehicle) -> None:
    assert_problem(ApiClient(None).get(f"/api/v1/vehicles/{VIN}/campaigns"), 401, "API-0401")


# --- GET /campaigns/{number} ------------------------------------------------------------------


def test_it_reads_a_published_campaign(api_for, owner) -> None:
    make_campaign(parts=PARTS)
    body = api_for(owner).get("/api/v1/campaigns/0013250800").json()
    assert body["state"] == "published" and body["remedy"] == "Replace the pump."
    assert (body["labour_operation"], body["labour_allowance_fru"]) == ("13 51 010", 14)
    assert body["parts"] == [
        {
            "number": "13 51 7 613 933",
            "description": "High-pressure fuel pump",
            "quantity": "1",
            "unit": "pcs",
        }
    ]


def test_it_hides_a_draft_campaign(api_for, owner) -> None:
    make_campaign(state=Campaign.State.DRAFT)
    problem = assert_problem(api_for(owner).get("/api/v1/campaigns/0013250800"), 404, "TC-0001")
    assert "0013250800" in problem["detail"]


def test_it_answers_404_for_an_unknown_campaign(api_for, outsider) -> None:
    assert_problem(api_for(outsider).get("/api/v1/campaigns/NOPE"), 404, "TC-0001")


# --- carrying out through POST /vehicles/{vin}/service-entries ---------------------------------


def test_it_carries_out_a_campaign_through_the_service_entry_endpoint(api_for, owner) -> None:
    make_campaign(parts=PARTS)
    response = carry_out(api_for(owner), "0013250800")
    assert response.status_code == 201, response.content
    lines = response.json()["lines"]
    assert [(line["kind"], line["number"], line["reference"]) for line in lines] == [
        ("CAMP", "13 51 010", "0013250800"),
        ("CAMP", "13 51 7 613 933", "0013250800"),
    ]
    assert lines[0]["gross_amount"] == "1137.50"
    completion = CampaignCompletion.objects.get()
    assert completion.entry_id == response.json()["id"]


def test_it_refuses_a_campaign_done_already_with_409(api_for, owner, outsider) -> None:
    make_campaign()
    carry_out(api_for(outsider), "0013250800")
    problem = assert_problem(
        carry_out(api_for(owner), "0013250800", mileage="130600"), 409, "TC-0002"
    )
    assert problem["workshop"] == "Andet Værksted ApS" and problem["campaign"] == "0013250800"


def test_it_refuses_a_campaign_that_does_not_affect_the_vehicle(api_for, owner) -> None:
    make_campaign(rules=[{"series": "G20"}])
    assert_problem(carry_out(api_for(owner), "0013250800"), 409, "TC-0003")


def test_it_refuses_an_unknown_campaign_number(api_for, owner) -> None:
    problem = assert_problem(carry_out(api_for(owner), "9999999999"), 422, "SH-0080")
    assert problem["field"] == "items"


def test_it_refuses_an_item_of_another_kind(api_for, owner) -> None:
    response = carry_out(api_for(owner), "0013250800", items=[{"kind": "TOOL", "number": "1"}])
    assert_problem(response, 422, "API-0001")


def test_it_still_needs_a_position_without_items(api_for, owner) -> None:
    assert_problem(carry_out(api_for(owner)), 422, "SH-0020")


def test_it_replays_a_campaign_entry_with_the_same_idempotency_key(api_for, owner) -> None:
    make_campaign()
    api = api_for(owner)
    headers = {"Idempotency-Key": "campaign-0013250800"}
    first = api.post(
        f"/api/v1/vehicles/{VIN}/service-entries", entry_body("0013250800"), headers=headers
    )
    again = api.post(
        f"/api/v1/vehicles/{VIN}/service-entries", entry_body("0013250800"), headers=headers
    )
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and CampaignCompletion.objects.count() == 1
