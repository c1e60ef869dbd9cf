"""The problem codes of Programming (rules.py and services.py raise them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

PRECONDITIONS_NOT_MET = register(
    "PRG-0001",
    status=422,
    title="Programming preconditions not met",
    meaning=_(
        "The vehicle may not be programmed: the battery charger is not connected, the state of "
        "charge is below the operator's minimum, or the ignition is off; `failed` names which."
    ),
)
NO_PASSED_CHECK = register(
    "PRG-0002",
    status=409,
    title="Preconditions not checked",
    meaning=_("Results are recorded only after the session's preconditions passed."),
)
NOT_A_PROGRAMMING_SESSION = register(
    "PRG-0003",
    status=409,
    title="Not a programming session on a vehicle",
    meaning=_("The session is not one of Programming, or names no vehicle yet."),
)
