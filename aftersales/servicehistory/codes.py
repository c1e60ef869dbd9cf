"""The problem codes of the service entry rules (rules.py and services.py raise them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

# Mileage
register(
    "IPL-0051",
    status=422,
    title="Mileage not only digits",
    meaning=_("The mileage contains something other than the digits 0-9."),
)
register("SH-0001", status=422, title="Mileage missing", meaning=_("The mileage is missing."))
register(
    "SH-0002",
    status=422,
    title="Mileage not possible",
    meaning=_("The mileage is higher than any road vehicle reaches (a typo)."),
)
register(
    "SH-0003",
    status=422,
    title="Mileage lower than the last reading",
    meaning=_(
        "The mileage is lower than the last recorded reading (central data or any entry); "
        "`last_km` and `last_date` tell which."
    ),
)
register(
    "SH-0004",
    status=422,
    title="Mileage jump not plausible",
    meaning=_(
        "The mileage rose more since a reading than a vehicle can drive in that time; refused "
        "unless the mileage is confirmed (`needs_confirmation`)."
    ),
)
# Maintenance date
register(
    "SH-0010",
    status=422,
    title="Invalid maintenance date",
    meaning=_("The maintenance date is missing or not in the ISO format YYYY-MM-DD."),
)
register(
    "SH-0011",
    status=422,
    title="Maintenance date in the future",
    meaning=_("The maintenance date lies in the future."),
)
register(
    "SH-0012",
    status=422,
    title="Maintenance date before production",
    meaning=_("The maintenance date lies before the vehicle's production date."),
)
# Positions
register(
    "SH-0020",
    status=422,
    title="No position selected",
    meaning=_("No position was selected."),
)
register(
    "SH-0021",
    status=422,
    title="Unknown position",
    meaning=_("A position that does not exist for this vehicle type."),
)
# Storing
register(
    "SH-0030",
    status=422,
    title="Consent not confirmed",
    meaning=_("The declaration of consent was not confirmed: nothing is stored."),
)
register(
    "SH-0040",
    status=422,
    title="Text too long",
    meaning=_("A comment or a cancellation reason is longer than allowed."),
)
# Corrections and cancellations
register(
    "SH-0050",
    status=403,
    title="Not the entering workshop",
    meaning=_("Only the workshop that made the entry can correct or cancel it."),
)
register(
    "SH-0051",
    status=409,
    title="Correction window passed",
    meaning=_("The period in which an entry can be corrected or cancelled has passed."),
)
register("SH-0052", status=409, title="Entry cancelled", meaning=_("The entry has been cancelled."))
register(
    "SH-0053",
    status=409,
    title="Entry replaced by a correction",
    meaning=_("The entry has been replaced by a correction; act on the latest version."),
)
register(
    "SH-0054",
    status=422,
    title="Cancellation reason missing",
    meaning=_("A cancellation needs a reason."),
)
# Transfers into the vehicle
register(
    "SH-0060",
    status=422,
    title="Tool id missing",
    meaning=_("A transfer needs the diagnosis tool's id."),
)
register(
    "SH-0061",
    status=422,
    title="Transfer time not possible",
    meaning=_("The time of transfer lies in the future or before the entry was stored."),
)
register(
    "SH-0080",
    status=422,
    title="Unknown order line",
    meaning=_(
        "The order names a line of another application (e.g. a campaign number) that does "
        "not exist or is not available for this vehicle."
    ),
)
# Who may store
register(
    "SH-0070",
    status=403,
    title="No workshop organisation",
    meaning=_(
        "The user belongs to no workshop organisation: only a workshop organisation can "
        "store or correct service entries."
    ),
)
