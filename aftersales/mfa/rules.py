"""Who must log on with a second factor.

Operators (staff), users of an organisation whose administrator requires it, and whoever a
requirement registered by another app names (security-related authorisations, aftersales.sermi)
register with `requirement_register` in their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext as _

from aftersales.portal.shared_cache import invalidate_on

if TYPE_CHECKING:
    from aftersales.accounts.models import User

# A requirement answers why the user must have a second factor, or "" when it does not apply.
Requirement = Callable[["User"], str]
_REQUIREMENTS: list[Requirement] = []


_UNDECLARED: list[Requirement] = []


def requirement_register(
    requirement: Requirement, *, depends_on: Iterable[type[models.Model]] | None = None
) -> None:
    """`depends_on`: every model whose rows the requirement reads. Each request's second-factor
    state is then kept in the shared cache until one of them changes (or the day ends: a
    requirement may depend on the date); a requirement that does not name them is asked on
    every request."""
    if requirement in _REQUIREMENTS:
        return
    _REQUIREMENTS.append(requirement)
    if depends_on is None:
        _UNDECLARED.append(requirement)
    else:
        invalidate_on("factors", *depends_on)


def requirements_cacheable() -> bool:
    return not _UNDECLARED


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
