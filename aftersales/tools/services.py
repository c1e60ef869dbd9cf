"""Writes of the tools gateway: issue a licence, start a session with it (once), heartbeats,
the vehicle worked on, the end; and closing sessions whose tool went silent."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.api import services as api_services
from aftersales.catalogue import codes as access_codes
from aftersales.catalogue.access import application_access
from aftersales.catalogue.models import Application
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle

from . import codes, rules
from .licence import licence_decode, licence_encode
from .models import Licence, ToolSession
from .selectors import heartbeat_timeout, tool_for_application

# How a tool may end its session (the other results are the portal's).
TOOL_RESULTS = (
    ToolSession.Result.COMPLETED,
    ToolSession.Result.FAILED,
    ToolSession.Result.ABORTED,
)
MAX_NOTE = 300


def _require_access(user: User, application: Application, at: datetime) -> None:
    decision = application_access(user=user, application=application, at=at)
    if not decision.allowed:
        raise RuleViolation(decision.code, decision.reason, extra={"application": application.slug})


@transaction.atomic
def licence_issue(
    *, actor: User, application: Application, version: str, now: datetime | None = None
) -> tuple[Licence, str]:
    """Start: a licence for the actor, their organisation, the application and the tool
    version they run; valid for TOOL_LICENCE_SECONDS and for one session. Returns the row and
    the signed token (shown to the user once, handed to the tool)."""
    now = now or clock.now()
    _require_access(actor, application, now)
    tool = tool_for_application(application)
    if tool is None:
        raise RuleViolation(codes.NO_TOOL, _("This application has no desktop tool."))
    rules.require_startable(tool, version)
    assert actor.organisation_id is not None  # application_access: a verified organisation
    expires_at = now + timedelta(seconds=settings.TOOL_LICENCE_SECONDS)
    jti = secrets.token_hex(16)
    token, key_id = licence_encode(
        {
            "sub": str(actor.pk),
            "org": actor.organisation_id,
            "app": application.slug,
            "tool": tool.slug,
            "ver": version,
            "jti": jti,
        },
        issued_at=now,
        expires_at=expires_at,
    )
    licence = Licence.objects.create(
        jti=jti,
        user=actor,
        organisation_id=actor.organisation_id,
        tool=tool,
        tool_version=version,
        key_id=key_id,
        issued_at=now,
        expires_at=expires_at,
    )
    return licence, token


@transaction.atomic
def tool_session_start(
    *,
    licence_token: str,
    tool_version: str = "",
    vehicle: Vehicle | None = None,
    now: datetime | None = None,
) -> tuple[ToolSession, str]:
    """The tool starts its session with a licence: TOOL-0001/0002 for a licence that is not
    valid or has expired, TOOL-0003 for one used before, TOOL-0005 when the tool reports another
    version, TOOL-0004 when the version is below the minimum now, ACCESS-xxxx when the user may
    no longer start the application. Returns the session and its bearer token (never stored)."""
    now = now or clock.now()
    claims = licence_decode(licence_token, now=now)
    licence = (
        Licence.objects.select_for_update(of=("self",))
        .select_related("user", "user__organisation", "tool", "tool__application")
        .filter(jti=claims.jti)
        .first()
    )
    if (
        licence is None
        or licence.user_id != claims.user_id
        or licence.organisation_id != claims.organisation_id
        or licence.tool.slug != claims.tool
        or licence.tool_version != claims.version
    ):
        raise RuleViolation(
            codes.LICENCE_INVALID, _("This is not a valid licence of this portal."), field="licence"
        )
    if licence.used_at is not None:
        raise RuleViolation(
            codes.LICENCE_USED,
            _("This licence has been used before. Please start the application again."),
            field="licence",
        )
    if tool_version and tool_version != licence.tool_version:
        raise RuleViolation(
            codes.VERSION_MISMATCH,
            _("The licence was issued for version %(licensed)s, not %(reported)s.")
            % {"licensed": licence.tool_version, "reported": tool_version},
            field="tool_version",
        )
    tool = licence.tool
    rules.require_startable(tool, licence.tool_version)
    user = licence.user
    _require_access(user, tool.application, now)
    licence.used_at = now
    licence.save(update_fields=["used_at"])
    token, raw = api_services.tool_token_create(
        user=user,
        name=f"{tool.name} {licence.tool_version}",
        expires_at=now + heartbeat_timeout(),
        now=now,
    )
    session = ToolSession.objects.create(
        licence=licence,
        user=user,
        organisation_id=licence.organisation_id,
        application=tool.application,
        tool=tool,
        tool_version=licence.tool_version,
        token=token,
        vin=vehicle.vin if vehicle else "",
        vehicle=vehicle,
        started_at=now,
        last_heartbeat_at=now,
    )
    return session, raw


def _locked_open(session: ToolSession) -> ToolSession:
    locked = (
        ToolSession.objects.select_for_update(of=("self",))
        .select_related("user", "user__organisation", "application", "token", "tool")
        .get(pk=session.pk)
    )
    if locked.ended_at is not None:
        raise RuleViolation(
            codes.SESSION_ENDED,
            _("This session has ended (%(result)s).") % {"result": locked.get_result_display()},
        )
    return locked


def _end(session: ToolSession, *, result: str, note: str, now: datetime) -> ToolSession:
    session.ended_at, session.result, session.note = now, result, note[:MAX_NOTE]
    session.save(update_fields=["ended_at", "result", "note"])
    if session.token is not None:
        api_services.tool_token_revoke(token=session.token, now=now)
    return session


@dataclass(frozen=True)
class Heartbeat:
    session: ToolSession
    open: bool
    code: str = ""  # why it ended (ACCESS-0005: the ticket expired)
    message: str = ""
    valid_until: datetime | None = None  # the ticket's end, when one grants access


@transaction.atomic
def tool_session_heartbeat(*, session: ToolSession, now: datetime | None = None) -> Heartbeat:
    """The tool is alive. Access is decided again: when the ticket expired meanwhile, the
    session ends here (result "ticket expired") and the answer says so; the tool stops."""
    now = now or clock.now()
    session = _locked_open(session)
    decision = application_access(user=session.user, application=session.application, at=now)
    if not decision.allowed:
        expired = decision.code in (access_codes.TICKET_EXPIRED, access_codes.TICKET_REQUIRED)
        result = ToolSession.Result.TICKET_EXPIRED if expired else ToolSession.Result.ABORTED
        _end(session, result=result, note=decision.reason, now=now)
        return Heartbeat(session, open=False, code=decision.code, message=decision.reason)
    session.last_heartbeat_at = now
    session.save(update_fields=["last_heartbeat_at"])
    if session.token is not None:
        api_services.tool_token_extend(token=session.token, expires_at=now + heartbeat_timeout())
    return Heartbeat(session, open=True, valid_until=decision.valid_until)


@transaction.atomic
def tool_session_vehicle(
    *, session: ToolSession, vehicle: Vehicle, now: datetime | None = None
) -> ToolSession:
    """The tool connected to a vehicle: the session works on it from now on."""
    session = _locked_open(session)
    session.vin, session.vehicle = vehicle.vin, vehicle
    session.last_heartbeat_at = now or clock.now()
    session.save(update_fields=["vin", "vehicle", "last_heartbeat_at"])
    return session


@transaction.atomic
def tool_session_end(
    *, session: ToolSession, result: str, note: str = "", now: datetime | None = None
) -> ToolSession:
    """The tool ends its session with its result; the session's token is revoked."""
    if result not in TOOL_RESULTS:
        raise ValueError(f"A tool ends a session as one of {TOOL_RESULTS}, not {result!r}.")
    session = _locked_open(session)
    return _end(session, result=result, note=note.strip(), now=now or clock.now())


@transaction.atomic
def tool_sessions_close_stale(*, now: datetime | None = None) -> int:
    """Ends the open sessions without a heartbeat for TOOL_HEARTBEAT_TIMEOUT_SECONDS (their
    tool went silent); returns how many."""
    now = now or clock.now()
    stale = (
        ToolSession.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("token")
        .filter(ended_at__isnull=True, last_heartbeat_at__lt=now - heartbeat_timeout())
    )
    count = 0
    for session in stale:
        _end(session, result=ToolSession.Result.TIMED_OUT, note="", now=now)
        count += 1
    return count
