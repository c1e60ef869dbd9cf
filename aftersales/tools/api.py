"""Tool sessions in the API: the desktop tool starts a session with its licence, sends
heartbeats, names the vehicle it works on, and ends it. Mounted under /api/v1/ (api/main.py).

`POST /tool-sessions` takes the licence (no API token); it answers with the session's bearer
token, which the tool sends with every later call. That token acts for the licence's user (as
the user's write token would, so the tool also uploads what it reads and confirms transfers)
until the session ends or the tool misses its heartbeats.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from aftersales.api.auth import TokenAuth, api_token, api_user
from aftersales.api.common import errors, resolve_vehicle
from aftersales.api.text import MultilineText, Text
from aftersales.catalogue.selectors import application_find

from .models import ToolSession
from .selectors import organisation_sessions, session_for_token, session_state
from .services import (
    tool_session_end,
    tool_session_heartbeat,
    tool_session_start,
    tool_session_vehicle,
)

router = Router()


class SessionStart(Schema):
    licence: Text = Field(
        min_length=1, max_length=4000, description="The licence issued by Start (a JWT)."
    )
    tool_version: Text = Field(
        "", max_length=24, description="The version the tool runs; must be the licence's."
    )
    vin: Text = Field("", max_length=17, description="The vehicle connected, if any.")


class SessionVehicle(Schema):
    vin: Text = Field(min_length=7, max_length=17, description="Full VIN or its last 7.")


class SessionEnd(Schema):
    result: Literal["completed", "failed", "aborted"]
    note: MultilineText = Field("", max_length=300)


class SessionOut(Schema):
    id: int
    application: str = Field(description="The application's slug (diagnosis, programming).")
    tool: str
    tool_version: str
    user: str = Field(description="Who started it (e-mail address).")
    vin: str
    started_at: datetime
    last_heartbeat_at: datetime
    ended_at: datetime | None
    state: str = Field(
        description='"open", or the result: completed, failed, aborted, ticket_expired, timed_out.'
    )


class SessionStarted(SessionOut):
    token: str = Field(description="The session's bearer token for every later call (shown once).")
    heartbeat_seconds: int = Field(description="Send a heartbeat at least this often.")
    timeout_seconds: int = Field(description="Without a heartbeat this long the session ends.")


class HeartbeatOut(Schema):
    id: int
    state: Literal["open", "ended"]
    result: str = Field(description='The result once ended (e.g. "ticket_expired").')
    code: str = Field(description="Why it ended (ACCESS-0005: the ticket expired); empty.")
    message: str
    next_heartbeat_seconds: int
    ticket_valid_until: datetime | None


def session_out(session: ToolSession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "application": session.application.slug,
        "tool": session.tool.name,
        "tool_version": session.tool_version,
        "user": session.user.email,
        "vin": session.vin,
        "started_at": session.started_at,
        "last_heartbeat_at": session.last_heartbeat_at,
        "ended_at": session.ended_at,
        "state": session_state(session),
    }


@router.post(
    "/tool-sessions",
    auth=None,
    response={201: SessionStarted, **errors(401, 403, 404, 409)},
    summary="Start a tool session with a licence",
    description="The desktop tool sends the licence that Start issued (valid for minutes, "
    "once). Refused: a licence that is not valid (401 TOOL-0001) or has expired (401 "
    "TOOL-0002), a licence used before (409 TOOL-0003), another version than licensed (422 "
    "TOOL-0005), a version older than the minimum (403 TOOL-0004 with `install_version`), a "
    "user who may no longer start the application (403 ACCESS-xxxx). The answer's `token` "
    "authenticates every later call of the session.",
    operation_id="tool_session_start",
)
def start(request: HttpRequest, payload: SessionStart) -> Status[dict[str, Any]]:
    vehicle = resolve_vehicle(payload.vin.strip()) if payload.vin.strip() else None
    session, token = tool_session_start(
        licence_token=payload.licence.strip(),
        tool_version=payload.tool_version.strip(),
        vehicle=vehicle,
    )
    return Status(
        201,
        {
            **session_out(session),
            "token": token,
            "heartbeat_seconds": settings.TOOL_HEARTBEAT_INTERVAL_SECONDS,
            "timeout_seconds": settings.TOOL_HEARTBEAT_TIMEOUT_SECONDS,
        },
    )


@router.post(
    "/tool-sessions/{int:session_id}/heartbeat",
    auth=TokenAuth(write=True),
    response={200: HeartbeatOut, **errors(404, 409)},
    summary="Heartbeat of a tool session",
    description="With the session's token. Access is decided again: when the ticket expired "
    'meanwhile the session ends here and the answer says so (`state` "ended", `code` '
    "ACCESS-0005); the tool stops. An ended session: 409 TOOL-0006; another session: 404 "
    "TOOL-0009.",
    operation_id="tool_session_heartbeat",
)
def heartbeat(request: HttpRequest, session_id: int) -> dict[str, Any]:
    session = session_for_token(token=api_token(request), session_id=session_id)
    beat = tool_session_heartbeat(session=session)
    return {
        "id": session.pk,
        "state": "open" if beat.open else "ended",
        "result": beat.session.result,
        "code": beat.code,
        "message": beat.message,
        "next_heartbeat_seconds": settings.TOOL_HEARTBEAT_INTERVAL_SECONDS,
        "ticket_valid_until": beat.valid_until,
    }


@router.post(
    "/tool-sessions/{int:session_id}/vehicle",
    auth=TokenAuth(write=True),
    response={200: SessionOut, **errors(404, 409)},
    summary="The vehicle the tool works on",
    description="The tool connected to a vehicle (full VIN or its last 7 characters); "
    "transfers of service entries to that vehicle are confirmed from this session.",
    operation_id="tool_session_vehicle",
)
def vehicle(request: HttpRequest, session_id: int, payload: SessionVehicle) -> dict[str, Any]:
    session = session_for_token(token=api_token(request), session_id=session_id)
    found = resolve_vehicle(payload.vin.strip())
    return session_out(tool_session_vehicle(session=session, vehicle=found))


@router.post(
    "/tool-sessions/{int:session_id}/end",
    auth=TokenAuth(write=True),
    response={200: SessionOut, **errors(404, 409)},
    summary="End a tool session",
    description="The tool ends its session with its result (completed, failed, aborted); "
    "the session's token is refused from then on.",
    operation_id="tool_session_end",
)
def end(request: HttpRequest, session_id: int, payload: SessionEnd) -> dict[str, Any]:
    session = session_for_token(token=api_token(request), session_id=session_id)
    return session_out(tool_session_end(session=session, result=payload.result, note=payload.note))


@router.get(
    "/tool-sessions/{int:session_id}",
    auth=TokenAuth(),
    response={200: SessionOut, **errors(404)},
    summary="A tool session (its own token)",
    description="The session as the portal sees it, read with the session's own token; any "
    "other token gets 404 TOOL-0009.",
    operation_id="tool_session_get",
)
def detail(request: HttpRequest, session_id: int) -> dict[str, Any]:
    return session_out(session_for_token(token=api_token(request), session_id=session_id))


class SessionsQuery(Schema):
    application: Text = Field("", max_length=60, description="diagnosis or programming")
    limit: int = Field(50, ge=1, le=200)


@router.get(
    "/tool-sessions",
    response={200: list[SessionOut]},
    summary="Your organisation's tool sessions",
    description="Newest first: every session of the organisation for its administrator, "
    "one's own for any other user.",
    operation_id="tool_sessions_list",
)
def sessions(request: HttpRequest, query: Query[SessionsQuery]) -> list[dict[str, Any]]:
    user = api_user(request)
    application = application_find(slug=query.application) if query.application else None
    found = organisation_sessions(actor=user, application=application, limit=query.limit)
    return [session_out(session) for session in found]
