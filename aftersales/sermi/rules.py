"""Who may reach security-related functions and content: a person with a valid authorisation
who logged on with a second factor. Registered with the catalogue's one access function."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales.catalogue import codes as access_codes
from aftersales.catalogue.decisions import ALLOWED, AccessDecision

from .selectors import holds_authorisation, valid_authorisation

if TYPE_CHECKING:
    from aftersales.accounts.models import User


def second_factor_verified(user: User) -> bool:
    """The session is verified by a second factor (django-otp's OTPMiddleware); an API token's
    user has no such session."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


def security_person_decision(user: User, at: datetime) -> AccessDecision:
    day = timezone.localdate(at)
    if valid_authorisation(user=user, day=day) is None:
        return AccessDecision(
            False,
            access_codes.SECURITY_AUTHORISATION_REQUIRED,
            _(
                "This information is security-related (SERMI). Only persons with a valid "
                "security-related authorisation may open it. The operator records yours after "
                "checking your approval."
            ),
        )
    if not second_factor_verified(user):
        return AccessDecision(
            False,
            access_codes.SECOND_FACTOR_REQUIRED,
            _(
                "Security-related information needs a log-on with a second factor "
                "(authenticator app or passkey)."
            ),
        )
    return ALLOWED


def second_factor_requirement(user: User) -> str:
    """Holders of an authorisation must log on with a second factor (aftersales.mfa)."""
    if holds_authorisation(user=user, day=timezone.localdate()):
        return _("You hold a security-related authorisation (SERMI).")
    return ""
