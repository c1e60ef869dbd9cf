"""What Emission-relevant fault codes tells a workshop at the VIN entry of every application:
its own latest fault memory report of the vehicle, when the MIL was on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales.catalogue.access import application_access
from aftersales.catalogue.selectors import application_find
from aftersales.vehicles.notices import VehicleNotice

from .models import FaultReport
from .selectors import APPLICATION_SLUG

if TYPE_CHECKING:
    from aftersales.accounts.models import User
    from aftersales.vehicles.models import Vehicle


def fault_report_candidates(vehicle: Vehicle, user: User) -> tuple[str, list[Any]] | None:
    """Reports of the user's organisation with the MIL on: without one, no notice."""
    if user.organisation_id is None:
        return None
    # Uses fault_report_vehicle_org_idx.
    return (
        f"SELECT 1 FROM {FaultReport._meta.db_table}"
        " WHERE vehicle_id = %s AND organisation_id = %s AND mil_on = %s",
        [vehicle.pk, user.organisation_id, True],
    )


def fault_report_notices(vehicle: Vehicle, user: User) -> list[VehicleNotice]:
    if user.organisation_id is None:
        return []
    application = application_find(slug=APPLICATION_SLUG)
    if application is None or not application_access(user=user, application=application).allowed:
        return []
    # Uses fault_report_vehicle_org_idx.
    latest = (
        FaultReport.objects.filter(vehicle=vehicle, organisation_id=user.organisation_id)
        .order_by("-read_at", "-id")
        .first()
    )
    if latest is None or not latest.mil_on:
        return []
    text = _("The fault memory read on %(at)s: MIL on.") % {
        "at": timezone.localtime(latest.read_at).strftime("%Y-%m-%d %H:%M")
    }
    url = reverse("faultcodes:report", kwargs={"report_id": latest.pk})
    return [VehicleNotice(text=text, level="warning", url=url)]
