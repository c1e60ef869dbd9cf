"""The verified-member rule: a logged-in, active user of a verified workshop organisation.

It is the first part of `access.application_access` (the ticket rule follows) and the
precondition of spending credits (billing): one rule, one code and one text for both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes

if TYPE_CHECKING:
    from aftersales.accounts.models import Organisation, User


def verified_member_violation(user: User) -> RuleViolation | None:
    """Why the user cannot act for a verified organisation (ACCESS-0001/2/3), or None."""
    if not user.is_authenticated or not user.is_active:
        return RuleViolation(codes.NOT_LOGGED_IN, _("Please log on first."))
    if user.organisation is None:
        return RuleViolation(
            codes.NO_ORGANISATION, _("Your account does not belong to a workshop organisation.")
        )
    if not user.organisation.is_verified:
        return RuleViolation(
            codes.ORGANISATION_NOT_VERIFIED,
            _(
                "Your organisation has not been activated yet. We check the organisation data "
                "manually; this can take up to two working days."
            ),
        )
    return None


def require_verified_member(user: User) -> Organisation:
    """The user's organisation; RuleViolation ACCESS-0001/2/3 (403) when there is none to act for."""
    violation = verified_member_violation(user)
    if violation is not None:
        raise violation
    assert user.organisation is not None  # checked by verified_member_violation
    return user.organisation
