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
POSTCODE_FORMAT = register(
    "ACC-0012",
    status=422,
    title="Postcode not of the country",
    meaning=_("The postcode does not have the format of the organisation's country."),
)
PHONE_FORMAT = register(
    "ACC-0013",
    status=422,
    title="Phone number not of the country",
    meaning=_(
        "The phone number does not have the calling code or the length of the organisation's "
        "country's numbers."
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
EMAIL_UNCHANGED = register(
    "ACC-0023",
    status=422,
    title="Same e-mail address",
    meaning=_("The new e-mail address is the one the account already has."),
)
EMAIL_CHANGE_LINK = register(
    "ACC-0024",
    status=400,
    title="E-mail change link not valid",
    meaning=_(
        "The link that confirms a new e-mail address is invalid, has expired, was already used "
        "or belongs to another user."
    ),
)
