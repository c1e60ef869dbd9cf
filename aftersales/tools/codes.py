"""The problem codes of the tools gateway (licences, tool sessions); licence.py and
services.py raise them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

LICENCE_INVALID = register(
    "TOOL-0001",
    status=401,
    title="Licence not valid",
    meaning=_(
        "The licence is not a licence of this portal: malformed, signed with an unknown key, or "
        "altered."
    ),
)
LICENCE_EXPIRED = register(
    "TOOL-0002",
    status=401,
    title="Licence expired",
    meaning=_(
        "A licence is valid for a few minutes after Start; start the application again for a "
        "new one."
    ),
)
LICENCE_USED = register(
    "TOOL-0003",
    status=409,
    title="Licence already used",
    meaning=_("One licence starts one session; a licence sent again is refused."),
)
VERSION_TOO_OLD = register(
    "TOOL-0004",
    status=403,
    title="Tool version too old",
    meaning=_(
        "Older versions of the tool can no longer be started; `minimum_version` names the oldest "
        "that still starts and `install_version` the one to install."
    ),
)
VERSION_MISMATCH = register(
    "TOOL-0005",
    status=422,
    title="Tool version differs from the licence",
    meaning=_("The tool reports another version than the one the licence was issued for."),
)
SESSION_ENDED = register(
    "TOOL-0006",
    status=409,
    title="Tool session ended",
    meaning=_("The session has ended; the tool needs a new licence to start another."),
)
NO_TOOL = register(
    "TOOL-0007",
    status=404,
    title="No tool for this application",
    meaning=_("The application has no desktop tool, or no published release of it."),
)
VERSION_UNKNOWN = register(
    "TOOL-0008",
    status=422,
    title="Unknown tool version",
    meaning=_("The version is not a published release of the tool."),
)
SESSION_NOT_FOUND = register(
    "TOOL-0009",
    status=404,
    title="Tool session not found",
    meaning=_("No session of this token has this id."),
)
TRANSFER_NEEDS_SESSION = register(
    "TOOL-0010",
    status=403,
    title="Transfer needs an open tool session on the vehicle",
    meaning=_(
        "A transfer of service entries to the vehicle is confirmed with the token of an open "
        "tool session working on that vehicle (the session names the tool and its version)."
    ),
)
