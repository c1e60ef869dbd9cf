"""The problem codes of multi-factor log-in (services.py and views raise them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

WRONG_CODE = register(
    "MFA-0001",
    status=422,
    title="Wrong code",
    meaning=_("The code from the authenticator app or the recovery code is not valid."),
)
TOO_MANY_ATTEMPTS = register(
    "MFA-0002",
    status=429,
    title="Too many attempts",
    meaning=_("Too many wrong second-factor attempts; wait before trying again."),
)
LAST_FACTOR = register(
    "MFA-0003",
    status=422,
    title="Last factor",
    meaning=_(
        "The user must log on with a second factor, and this is the last one: add another "
        "before removing it."
    ),
)
PASSKEY_FAILED = register(
    "MFA-0004",
    status=422,
    title="Passkey not accepted",
    meaning=_("The browser's answer for the passkey or security key could not be verified."),
)
