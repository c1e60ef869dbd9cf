"""The tool sessions of the API: start with a licence, heartbeats, the vehicle, the end; each
session reached only with its own token."""

from __future__ import annotations

import pytest

from aftersales import clock
from aftersales.tools.models import ToolSession
from tests.api.conftest import ApiClient, assert_problem

from .conftest import CURRENT, LATEST, TOO_OLD, VIN, grant, issue, later

pytestmark = pytest.mark.django_db

URL = "/api/v1/tool-sessions"


def test_it_starts_a_session_with_a_licence_and_answers_its_token(owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(None).post(URL, {"licence": issue(owner), "vin": vehicle.vin[-7:]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["tool"], body["tool_version"], body["vin"], body["state"]) == (
        "ISTA",
        LATEST,
        VIN,
        "open",
    )
    assert body["token"].startswith("as_") and body["heartbeat_seconds"] == 60


def test_it_refuses_a_replayed_licence_with_409(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    licence = issue(owner)
    assert ApiClient(None).post(URL, {"licence": licence}).status_code == 201
    assert_problem(ApiClient(None).post(URL, {"licence": licence}), 409, "TOOL-0003")


def test_it_refuses_a_too_old_version_with_the_version_to_install(owner, tickets, tools) -> None:  # type: ignore[no-untyped-def]
    from aftersales.tools.models import ToolRelease

    licence = issue(owner, CURRENT)
    ToolRelease.objects.filter(version=LATEST).update(minimum_version=LATEST)
    body = assert_problem(ApiClient(None).post(URL, {"licence": licence}), 403, "TOOL-0004")
    assert body["install_version"] == LATEST and "Older versions of ISTA" in body["detail"]
    assert TOO_OLD not in body["detail"]


def test_it_refuses_a_licence_that_is_not_ours_with_401(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    assert_problem(ApiClient(None).post(URL, {"licence": "eyJ.not.a-licence"}), 401, "TOOL-0001")


def test_it_answers_a_heartbeat_of_an_open_session(owner, tickets, session_for) -> None:  # type: ignore[no-untyped-def]
    session, tool = session_for(owner)
    response = tool.post(f"{URL}/{session.pk}/heartbeat")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "open" and response.json()["ticket_valid_until"]


def test_it_says_at_the_next_heartbeat_that_the_ticket_expired(
    owner, diagnosis, session_for, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    grant(owner.organisation, starts_at=later(hours=-24, minutes=2))  # runs out in 2 minutes
    session, tool = session_for(owner)
    one, three = later(minutes=1), later(minutes=3)
    monkeypatch.setattr(clock, "now", lambda: one)
    assert tool.post(f"{URL}/{session.pk}/heartbeat").json()["state"] == "open"
    monkeypatch.setattr(clock, "now", lambda: three)
    body = tool.post(f"{URL}/{session.pk}/heartbeat").json()
    assert (body["state"], body["code"], body["result"]) == (
        "ended",
        "ACCESS-0005",
        "ticket_expired",
    )
    session.refresh_from_db()
    assert session.ended_at == three


def test_it_refuses_the_token_once_the_session_ended(owner, tickets, session_for) -> None:  # type: ignore[no-untyped-def]
    session, tool = session_for(owner)
    ended = tool.post(f"{URL}/{session.pk}/end", {"result": "completed", "note": "done"})
    assert ended.status_code == 200 and ended.json()["state"] == "completed"
    assert_problem(tool.post(f"{URL}/{session.pk}/heartbeat"), 401, "API-0401")


def test_it_names_the_vehicle_the_tool_works_on(owner, tickets, session_for, vehicle) -> None:  # type: ignore[no-untyped-def]
    session, tool = session_for(owner)
    response = tool.post(f"{URL}/{session.pk}/vehicle", {"vin": VIN})
    assert response.status_code == 200 and response.json()["vin"] == VIN
    assert ToolSession.objects.get().vehicle == vehicle


def test_it_hides_a_session_from_another_sessions_token(
    owner, outsider, tickets, session_for
) -> None:  # type: ignore[no-untyped-def]
    session, _tool = session_for(owner)
    _other, outsider_tool = session_for(outsider)
    assert_problem(outsider_tool.post(f"{URL}/{session.pk}/heartbeat"), 404, "TOOL-0009")
    assert_problem(outsider_tool.get(f"{URL}/{session.pk}"), 404, "TOOL-0009")


def test_it_hides_a_session_from_the_users_own_api_token(
    owner, tickets, session_for, api_for
) -> None:  # type: ignore[no-untyped-def]
    session, _tool = session_for(owner)
    assert_problem(api_for(owner).post(f"{URL}/{session.pk}/heartbeat"), 404, "TOOL-0009")


def test_it_lists_the_organisations_sessions_for_its_administrator(
    owner, teammate, outsider, tickets, session_for, api_for
) -> None:  # type: ignore[no-untyped-def]
    session_for(owner)
    session_for(teammate)
    session_for(outsider)
    assert len(api_for(owner).get(URL).json()) == 2
    mine = api_for(teammate).get(URL).json()
    assert [row["user"] for row in mine] == [teammate.email]
