"""The banner of Technical campaigns above every vehicle screen (Service history's and its own):
"2 open technical campaigns", red when one of them says do not drive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftersales.vehicles.notices import VehicleNotice

from .models import Campaign
from .selectors import VISIBLE_STATES, affecting_sql, may_use, open_campaigns

if TYPE_CHECKING:
    from aftersales.accounts.models import User
    from aftersales.vehicles.models import Vehicle


def open_campaign_candidates(vehicle: Vehicle, user: User) -> tuple[str, list[Any]] | None:
    """The campaigns that could be open for the vehicle: visible, carrying work, affecting it
    by its list or a rule (whether one is done is left to `open_campaigns`)."""
    if not may_use(user):
        return None
    affecting, params = affecting_sql(vehicle)
    return (
        f"SELECT 1 FROM {Campaign._meta.db_table} WHERE state IN (%s, %s) AND kind <> %s"
        f" AND id IN ({affecting})",
        [*VISIBLE_STATES, Campaign.Kind.INFORMATION, *params],
    )


def open_campaigns_notice(vehicle: Vehicle, user: User) -> list[VehicleNotice]:
    """Registered with vehicles.notices in apps.py. Counts the open recalls and service
    campaigns (information campaigns carry no work); none for a user who may not start the
    application."""
    if not may_use(user):
        return []
    rows = [
        row
        for row in open_campaigns(vehicle=vehicle)
        if row.campaign.kind != Campaign.Kind.INFORMATION
    ]
    if not rows:
        return []
    text = ngettext(
        "%(count)d open technical campaign", "%(count)d open technical campaigns", len(rows)
    ) % {"count": len(rows)}
    do_not_drive = [row.campaign.number for row in rows if row.campaign.do_not_drive]
    if do_not_drive:
        text += " · " + _("Do not drive: %(numbers)s") % {"numbers": ", ".join(do_not_drive)}
    return [
        VehicleNotice(
            text=text,
            level="error" if do_not_drive else "warning",
            url=reverse("campaigns:vehicle", kwargs={"vin": vehicle.vin}),
        )
    ]
