"""Programming through the tool session: preconditions refused with what is not met, results per
control unit recorded and shown in the vehicle's central data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aftersales.catalogue.models import Application
from aftersales.programming.models import ControlUnitResult, PreconditionCheck
from aftersales.tools.services import licence_issue, tool_session_start
from tests.api.conftest import ApiClient, assert_problem
from tests.tools.conftest import grant

pytestmark = pytest.mark.django_db

GOOD = {"charger_connected": True, "soc_percent": "74.0", "ignition": "on"}
RESULTS = {
    "results": [
        {
            "control_unit": "DME",
            "software_before": "B46-22-07",
            "software_after": "B46-26-09",
            "success": True,
        },
        {
            "control_unit": "SME",
            "software_before": "HVS-23-11",
            "success": False,
            "message": "Voltage low",
        },
    ]
}


@pytest.fixture
def programming(owner, outsider, tools, vehicle):  # type: ignore[no-untyped-def]
    grant(owner.organisation, "programming")
    grant(outsider.organisation, "programming")


def open_session(user, vehicle):  # type: ignore[no-untyped-def]
    _licence, token = licence_issue(
        actor=user, application=Application.objects.get(slug="programming"), version="3.73.2"
    )
    session, raw = tool_session_start(licence_token=token, vehicle=vehicle)
    return session, ApiClient(raw)


def url(session, what: str) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/tool-sessions/{session.pk}/programming/{what}"


def test_it_allows_programming_when_the_preconditions_are_met(owner, programming, vehicle) -> None:  # type: ignore[no-untyped-def]
    session, tool = open_session(owner, vehicle)
    response = tool.post(url(session, "preconditions"), GOOD)
    assert response.status_code == 200 and response.json()["allowed"] is True


def test_it_refuses_programming_when_the_state_of_charge_is_low(
    owner, programming, vehicle
) -> None:  # type: ignore[no-untyped-def]
    session, tool = open_session(owner, vehicle)
    body = assert_problem(
        tool.post(url(session, "preconditions"), {**GOOD, "soc_percent": "38.0"}), 422, "PRG-0001"
    )
    assert [item["precondition"] for item in body["failed"]] == ["soc_percent"]
    assert "The state of charge is 38.0 %, below the minimum of 50.0 %." in body["detail"]
    assert PreconditionCheck.objects.get().passed is False


def test_it_names_every_precondition_not_met(owner, programming, vehicle) -> None:  # type: ignore[no-untyped-def]
    session, tool = open_session(owner, vehicle)
    bad = {"charger_connected": False, "soc_percent": "20", "ignition": "off"}
    body = assert_problem(tool.post(url(session, "preconditions"), bad), 422, "PRG-0001")
    assert [item["precondition"] for item in body["failed"]] == [
        "charger_connected",
        "soc_percent",
        "ignition",
    ]


def test_it_refuses_results_before_the_preconditions_passed(owner, programming, vehicle) -> None:  # type: ignore[no-untyped-def]
    session, tool = open_session(owner, vehicle)
    tool.post(url(session, "preconditions"), {**GOOD, "ignition": "off"})
    assert_problem(tool.post(url(session, "results"), RESULTS), 409, "PRG-0002")


def test_it_records_the_results_and_shows_them_in_the_central_data(
    owner, programming, vehicle, client_for
) -> None:  # type: ignore[no-untyped-def]
    session, tool = open_session(owner, vehicle)
    tool.post(url(session, "preconditions"), GOOD)
    response = tool.post(url(session, "results"), RESULTS)
    assert response.status_code == 201, response.content
    assert [(r["control_unit"], r["success"]) for r in response.json()] == [
        ("DME", True),
        ("SME", False),
    ]
    page = (
        client_for(owner)
        .get(reverse("servicehistory:central_data", args=[vehicle.vin]))
        .content.decode()
    )
    assert (
        'data-testid="control-unit-results"' in page
        and "B46-26-09" in page
        and "Voltage low" in page
    )


def test_it_refuses_a_diagnosis_session(owner, programming, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    from tests.tools.conftest import start

    session, raw = start(owner, vehicle=vehicle)
    assert_problem(ApiClient(raw).post(url(session, "preconditions"), GOOD), 409, "PRG-0003")


def test_it_hides_a_session_from_the_outsiders_tool(owner, outsider, programming, vehicle) -> None:  # type: ignore[no-untyped-def]
    session, _tool = open_session(owner, vehicle)
    _other, outsider_tool = open_session(outsider, vehicle)
    assert_problem(outsider_tool.post(url(session, "preconditions"), GOOD), 404, "TOOL-0009")
    assert not ControlUnitResult.objects.exists()
