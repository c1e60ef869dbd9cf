"""The problem codes of Technical campaigns (services, selectors, imports and the API raise them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

CAMPAIGN_NOT_FOUND = register(
    "TC-0001",
    status=404,
    title="Campaign not found",
    meaning=_("No published campaign has this number."),
)
ALREADY_DONE = register(
    "TC-0002",
    status=409,
    title="Campaign already done",
    meaning=_(
        "The campaign was already carried out on this vehicle (a campaign is done once per "
        "vehicle); `done_on` and `workshop` tell when and where."
    ),
)
NOT_APPLICABLE = register(
    "TC-0003",
    status=409,
    title="Campaign not applicable",
    meaning=_(
        "The campaign does not apply to this vehicle: it does not affect it, it was withdrawn, "
        "or it has not started or has ended."
    ),
)
NOT_PUBLISHABLE = register(
    "TC-0010",
    status=409,
    title="Campaign cannot be published",
    meaning=_(
        "Only a draft or withdrawn campaign with a title and affected vehicles (a VIN list or "
        "a rule) can be published."
    ),
)
NOT_WITHDRAWABLE = register(
    "TC-0011",
    status=409,
    title="Campaign cannot be withdrawn",
    meaning=_("Only a published campaign can be withdrawn."),
)
FILE_TOO_LARGE = register(
    "TC-0020",
    status=413,
    title="Import file too large",
    meaning=_("The import file is larger than the limit; nothing was read."),
)
FILE_UNUSABLE = register(
    "TC-0021",
    status=422,
    title="Import file unusable",
    meaning=_(
        "The import file cannot be read at all (wrong format, no VIN column, not text); "
        "nothing was imported."
    ),
)
