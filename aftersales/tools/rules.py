"""The rule of the tools gateway: which version of a tool may start ("Older versions of ISTA
can no longer be started")."""

from __future__ import annotations

from django.utils.translation import gettext as _

from aftersales.api.models import ApiToken
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle

from . import codes
from .models import Tool, ToolSession
from .selectors import latest_release, open_session_on_vehicle, tool_releases
from .versions import is_version, version_key


def require_startable(tool: Tool, version: str) -> None:
    """TOOL-0008 when `version` is not a published release of the tool; TOOL-0004, naming the
    version to install, when it is older than the newest release's minimum version."""
    releases = tool_releases(tool)
    if not is_version(version) or version_key(version) not in {r.key for r in releases}:
        raise RuleViolation(
            codes.VERSION_UNKNOWN,
            _("%(tool)s %(version)s is not a published release.")
            % {"tool": tool.name, "version": version},
            field="version",
        )
    latest = latest_release(tool)
    assert latest is not None  # the version is one of the releases
    if version_key(version) < version_key(latest.minimum_version):
        raise RuleViolation(
            codes.VERSION_TOO_OLD,
            _(
                "Older versions of %(tool)s can no longer be started. Please install version "
                "%(install)s. You can find the latest version on the start page of the "
                "application."
            )
            % {"tool": tool.name, "install": latest.version},
            field="version",
            extra={"minimum_version": latest.minimum_version, "install_version": latest.version},
        )


def require_transfer_session(*, token: ApiToken, vehicle: Vehicle) -> ToolSession:
    """The open tool session of this token working on the vehicle: the one source of a
    transfer confirmation (TOOL-0010 for any other caller)."""
    session = open_session_on_vehicle(token=token, vehicle=vehicle)
    if session is None:
        raise RuleViolation(
            codes.TRANSFER_NEEDS_SESSION,
            _(
                "Entries are transferred from an open session of the diagnosis tool working on "
                "this vehicle."
            ),
        )
    return session


def transfer_tool_id(session: ToolSession) -> str:
    """What the entry records as its transferring tool: the tool, its version, the session."""
    return f"{session.tool_label} (session {session.pk})"
