"""Licences and tool sessions: issue, start once, the minimum version, heartbeats, ticket
expiry, the end and the timeout."""

from __future__ import annotations

import pytest

from aftersales.api.models import ApiToken
from aftersales.catalogue.models import Application
from aftersales.portal.errors import RuleViolation
from aftersales.tools.models import Licence, ToolRelease, ToolSession
from aftersales.tools.services import (
    licence_issue,
    tool_session_end,
    tool_session_heartbeat,
    tool_session_start,
    tool_sessions_close_stale,
)

from .conftest import CURRENT, LATEST, TOO_OLD, issue, later, start

pytestmark = pytest.mark.django_db


def test_it_issues_a_licence_for_the_user_organisation_and_version(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    issue(owner, CURRENT)
    licence = Licence.objects.get()
    assert (licence.user, licence.organisation, licence.tool.slug) == (
        owner,
        owner.organisation,
        "ista",
    )
    assert licence.tool_version == CURRENT and licence.used_at is None


def test_it_refuses_a_too_old_version_naming_the_version_to_install(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as refused:
        issue(owner, TOO_OLD)
    assert refused.value.code == "TOOL-0004"
    assert refused.value.message == (
        "Older versions of ISTA can no longer be started. Please install version 4.41.10. "
        "You can find the latest version on the start page of the application."
    )
    assert refused.value.extra == {"minimum_version": CURRENT, "install_version": LATEST}


def test_it_refuses_a_version_that_is_not_a_release(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as refused:
        issue(owner, "4.40.99")
    assert refused.value.code == "TOOL-0008"


def test_it_refuses_a_licence_without_a_ticket(owner, diagnosis) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as refused:
        issue(owner)
    assert refused.value.code == "ACCESS-0004"


def test_it_starts_a_session_with_a_licence(owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    session, token = start(owner, vehicle=vehicle)
    assert session.is_open and session.vin == vehicle.vin and session.user == owner
    assert session.licence.used_at == session.started_at
    stored = ApiToken.objects.get(pk=session.token_id)
    assert stored.scope == "tool" and stored.expires_at is not None and token.startswith("as_")


def test_it_refuses_a_replayed_licence(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    licence = issue(owner)
    tool_session_start(licence_token=licence)
    with pytest.raises(RuleViolation) as refused:
        tool_session_start(licence_token=licence)
    assert refused.value.code == "TOOL-0003"
    assert ToolSession.objects.count() == 1


def test_it_refuses_a_licence_once_the_minimum_rose_above_it(owner, tickets, tools) -> None:  # type: ignore[no-untyped-def]
    licence = issue(owner, CURRENT)
    ToolRelease.objects.filter(tool=tools["ista"], version=LATEST).update(minimum_version=LATEST)
    with pytest.raises(RuleViolation) as refused:
        tool_session_start(licence_token=licence)
    assert refused.value.code == "TOOL-0004" and "install version 4.41.10" in refused.value.message


def test_it_refuses_another_version_than_the_licence(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as refused:
        tool_session_start(licence_token=issue(owner), tool_version=CURRENT)
    assert refused.value.code == "TOOL-0005"


def test_it_refuses_an_expired_licence(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as refused:
        tool_session_start(licence_token=issue(owner), now=later(minutes=6))
    assert refused.value.code == "TOOL-0002"


def test_it_keeps_a_session_open_on_a_heartbeat(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    session, _token = start(owner)
    beat = tool_session_heartbeat(session=session, now=later(minutes=1))
    assert beat.open and beat.valid_until is not None
    session.refresh_from_db()
    assert session.last_heartbeat_at == later(minutes=1).replace(microsecond=0) or session.is_open


def test_it_ends_the_session_at_the_next_heartbeat_once_the_ticket_expired(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    session, _token = start(owner)
    beat = tool_session_heartbeat(session=session, now=later(hours=25))
    assert not beat.open and beat.code == "ACCESS-0005"
    session.refresh_from_db()
    assert session.result == ToolSession.Result.TICKET_EXPIRED and session.ended_at is not None
    assert ApiToken.objects.get(pk=session.token_id).revoked_at is not None


def test_it_ends_a_session_with_the_tools_result_and_revokes_its_token(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    session, _token = start(owner)
    ended = tool_session_end(session=session, result="completed", note="All control units read")
    assert ended.result == "completed" and ended.note == "All control units read"
    assert ApiToken.objects.get(pk=session.token_id).revoked_at is not None


def test_it_refuses_a_heartbeat_of_an_ended_session(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    session, _token = start(owner)
    tool_session_end(session=session, result="aborted")
    with pytest.raises(RuleViolation) as refused:
        tool_session_heartbeat(session=session)
    assert refused.value.code == "TOOL-0006"


def test_it_times_out_sessions_without_heartbeats(owner, tickets) -> None:  # type: ignore[no-untyped-def]
    quiet, _token = start(owner)
    assert tool_sessions_close_stale(now=later(minutes=4)) == 0
    assert tool_sessions_close_stale(now=later(minutes=6)) == 1
    quiet.refresh_from_db()
    assert quiet.result == ToolSession.Result.TIMED_OUT


def test_it_issues_a_licence_for_programming_with_its_own_tool(owner, tools) -> None:  # type: ignore[no-untyped-def]
    from .conftest import grant

    grant(owner.organisation, "programming")
    licence, _token = licence_issue(
        actor=owner, application=Application.objects.get(slug="programming"), version="3.73.2"
    )
    assert licence.tool.name == "ISTA/P"
