"""Who must log on with a second factor.

Operators (staff), users of an organisation whose administrator requires it, and whoever a
requirement registered by another app names (security-related authorisations, aftersales.sermi)
register with `requirement_register` in their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from aftersales.accounts.models import User

# A requirement answers why the user must have a second factor, or "" when it does not apply.
Requirement = Callable[["User"], str]
_REQUIREMENTS: list[Requirement] = []


def requirement_register(requirement: Requirement) -> None:
    if requirement not in _REQUIREMENTS:
        _REQUIREMENTS.append(requirement)


def second_factor_reason(user: User) -> str:
    """Why the user must log on with a second factor ("" when they need not)."""
    if user.is_staff:
        return _("Operators log on with a second factor.")
    organisation = user.organisation
    if organisation is not None and organisation.require_second_factor:
        return _("Your organisation's administrator requires a second factor for every user.")
    for requirement in _REQUIREMENTS:
        reason = requirement(user)
        if reason:
            return reason
    return ""


def second_factor_required(user: User) -> bool:
    return bool(second_factor_reason(user))
