"""The rule of the tools gateway: which version of a tool may start ("Older versions of ISTA
can no longer be started")."""

from __future__ import annotations

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes
from .models import Tool
from .selectors import latest_release, tool_releases
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
