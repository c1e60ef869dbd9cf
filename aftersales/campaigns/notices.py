"""The banner of Technical campaigns above every vehicle screen (Service history's and its own):
"2 open technical campaigns", red when one of them says do not drive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftersales import clock
from aftersales.vehicles.notices import VehicleNotice

from .selectors import may_use, open_work, open_work_sql

if TYPE_CHECKING:
    from aftersales.accounts.models import User
    from aftersales.vehicles.models import Vehicle


def open_campaign_candidates(vehicle: Vehicle, user: User) -> tuple[str, list[Any]] | None:
    """The open campaigns carrying work; nothing to say to a user who may not start the
    application."""
    return open_work_sql(vehicle, today=clock.today()) if may_use(user) else None


def open_campaigns_notice(vehicle: Vehicle, user: User) -> list[VehicleNotice]:
    """Registered with vehicles.notices in apps.py. Counts the open recalls and service
    campaigns (information campaigns carry no work); none for a user who may not start the
    application."""
    if not may_use(user):
        return []
    rows = open_work(vehicle=vehicle)
    if not rows:
        return []
    text = ngettext(
        "%(count)d open technical campaign", "%(count)d open technical campaigns", len(rows)
    ) % {"count": len(rows)}
    do_not_drive = [number for number, stop in rows if stop]
    if do_not_drive:
        text += " · " + _("Do not drive: %(numbers)s") % {"numbers": ", ".join(do_not_drive)}
    return [
        VehicleNotice(
            text=text,
            level="error" if do_not_drive else "warning",
            url=reverse("campaigns:vehicle", kwargs={"vin": vehicle.vin}),
        )
    ]
