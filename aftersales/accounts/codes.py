"""The problem codes of organisations and their users (services.py raises them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

ADMIN_ONLY = register(
    "ACC-0001",
    status=403,
    title="Administrators only",
    meaning=_("Only an administrator of the organisation may do this."),
)
# Organisations
REJECTION_REASON_REQUIRED = register(
    "ACC-0010",
    status=422,
    title="Rejection reason missing",
    meaning=_("The rejection of an organisation needs a reason."),
)
VERIFIED_DATA = register(
    "ACC-0011",
    status=422,
    title="Verified data",
    meaning=_(
        "The operator has verified the organisation's name, VAT number and country; only "
        "support changes them."
    ),
)
# Users
EMAIL_TAKEN = register(
    "ACC-0020",
    status=422,
    title="E-mail address taken",
    meaning=_("A user with this e-mail address already exists."),
)
DEACTIVATE_SELF = register(
    "ACC-0021",
    status=422,
    title="Cannot deactivate oneself",
    meaning=_("Users cannot deactivate their own account."),
)
OWN_ADMIN_RIGHTS = register(
    "ACC-0022",
    status=422,
    title="Cannot remove own administrator rights",
    meaning=_("Administrators cannot remove their own administrator rights."),
)
