"""Reads of the tools gateway: a tool's releases and minimum version, the session log, the
operator's totals, and the open session of a token or on a vehicle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.api.models import ApiToken
from aftersales.catalogue.downloads import Download
from aftersales.catalogue.models import Application
from aftersales.catalogue.registry import built_application
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle

from . import codes
from .models import Tool, ToolRelease, ToolSession

RECENT_SESSIONS = 200  # the sessions page lists this many; older ones stay stored


def tool_for_application(application: Application) -> Tool | None:
    """The desktop tool of an application (tool_application_unique), or None."""
    return Tool.objects.filter(application=application).first()


def tool_releases(tool: Tool) -> list[ToolRelease]:
    """The tool's published releases, newest version first (tool_release_tool_idx)."""
    releases = ToolRelease.objects.filter(tool=tool, published=True)
    return sorted(releases, key=lambda release: release.key, reverse=True)


def latest_release(tool: Tool) -> ToolRelease | None:
    return next(iter(tool_releases(tool)), None)


def minimum_version(tool: Tool) -> str:
    """The oldest version that still starts: the newest published release's minimum ("" when
    the tool has no release)."""
    latest = latest_release(tool)
    return latest.minimum_version if latest else ""


def release_download_url(release: ToolRelease) -> str:
    if release.download_file:
        app = built_application(release.tool.application.slug)
        if app is not None:
            try:
                return reverse(f"{app.namespace}:download", kwargs={"release_id": release.pk})
            except NoReverseMatch:
                return ""
    return release.download_url


def release_downloads(application: Application) -> list[Download]:
    """The start page's download of the application's latest tool release (catalogue hook)."""
    tool = tool_for_application(application)
    latest = latest_release(tool) if tool else None
    if tool is None or latest is None:
        return []
    url = release_download_url(latest)
    if not url:
        return []
    return [
        Download(
            label=_("%(tool)s %(version)s (latest version, %(date)s)")
            % {"tool": tool.name, "version": latest.version, "date": latest.released_on},
            url=url,
            note=_("Older versions than %(version)s can no longer be started.")
            % {"version": latest.minimum_version},
        )
    ]


def heartbeat_timeout() -> timedelta:
    return timedelta(seconds=settings.TOOL_HEARTBEAT_TIMEOUT_SECONDS)


def session_state(session: ToolSession, *, now: datetime | None = None) -> str:
    """The result, or "open", or "timed_out" for an open session without heartbeats."""
    if session.ended_at is not None:
        return session.result
    if (now or clock.now()) - session.last_heartbeat_at > heartbeat_timeout():
        return ToolSession.Result.TIMED_OUT
    return "open"


def state_label(state: str) -> str:
    if state == "open":
        return str(ToolSession.Result.OPEN.label)
    return str(ToolSession.Result(state).label)


def _sessions() -> QuerySet[ToolSession]:
    return ToolSession.objects.select_related("user", "tool", "application", "vehicle")


def organisation_sessions(
    *, actor: User, application: Application | None = None, limit: int = RECENT_SESSIONS
) -> list[ToolSession]:
    """The session log, newest first (tool_session_org_idx): the organisation administrator
    sees every session of the organisation, any other user their own."""
    if actor.organisation_id is None:
        return []
    sessions = _sessions().filter(organisation_id=actor.organisation_id)
    if not actor.is_org_admin:
        sessions = sessions.filter(user=actor)
    if application is not None:
        sessions = sessions.filter(application=application)
    return list(sessions.order_by("-started_at", "-id")[:limit])


def session_for_token(*, token: ApiToken, session_id: int) -> ToolSession:
    """The session of this id that the token belongs to; any other (another organisation's,
    another session's) is TOOL-0009 (404)."""
    session = _sessions().filter(pk=session_id, token=token).first()
    if session is None:
        raise RuleViolation(codes.SESSION_NOT_FOUND, _("No tool session found."))
    return session


def open_session_of_token(token: ApiToken) -> ToolSession | None:
    """The open session whose token this is (a transfer names it), or None."""
    if not token.is_tool:
        return None
    return _sessions().filter(token=token, ended_at__isnull=True).first()


def open_session_on_vehicle(*, token: ApiToken, vehicle: Vehicle) -> ToolSession | None:
    """The token's open session, if it is working on this vehicle (tool_session_open_vehicle_idx)."""
    session = open_session_of_token(token)
    if session is None or session.vehicle_id != vehicle.pk:
        return None
    return session


@dataclass(frozen=True)
class SessionTotal:
    day: date
    application: str
    sessions: int
    organisations: int


def session_totals(*, days: int = 30, now: datetime | None = None) -> list[SessionTotal]:
    """Sessions per application and day of the last `days` days, for the operator
    (tool_session_app_idx); newest day first."""
    since = (now or clock.now()) - timedelta(days=days)
    rows = (
        ToolSession.objects.filter(started_at__gte=since)
        .annotate(day=TruncDate("started_at"))
        .values("day", "application__name")
        .annotate(sessions=Count("id"), organisations=Count("organisation", distinct=True))
        .order_by("-day", "application__name")
    )
    return [
        SessionTotal(
            day=row["day"],
            application=row["application__name"],
            sessions=row["sessions"],
            organisations=row["organisations"],
        )
        for row in rows
    ]
