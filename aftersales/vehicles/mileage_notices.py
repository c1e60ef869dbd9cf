"""The vehicles app's own notice: "Mileage inconsistency" with the readings that disagree.

Registered in VehiclesConfig.ready() with `vehicle_notice_register`; shown above every vehicle
screen. An explained flag stays visible, with its explanation, as information.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .models import MileageReading
from .notices import VehicleNotice
from .selectors import mileage_inconsistencies

if TYPE_CHECKING:
    from aftersales.accounts.models import User

    from .models import Vehicle


def reading_label(reading: MileageReading) -> str:
    """ "95,000 km (key read, 01-03-2025)": what a reading said, where from and when."""
    return _("%(km)s km (%(source)s, %(date)s)") % {
        "km": number_format(reading.mileage_km, force_grouping=True),
        "source": reading.get_source_display(),
        "date": date_format(reading.read_at, "d-m-Y"),
    }


def readings_url(vehicle: Vehicle) -> str:
    """Where the readings and their chart are shown (Service history's Central data)."""
    try:
        return reverse("servicehistory:central_data", kwargs={"vin": vehicle.vin}) + "#mileage"
    except NoReverseMatch:  # a portal without Service history
        return ""


def mileage_candidates(vehicle: Vehicle, user: User) -> tuple[str, list[Any]]:
    """The flagged readings (`MileageReading.is_flagged`): without one, no notice."""
    # Uses mileage_reading_vehicle_idx.
    table = MileageReading._meta.db_table
    return (
        f"SELECT 1 FROM {table} WHERE vehicle_id = %s"
        " AND lower_than_id IS NOT NULL AND withdrawn_at IS NULL",
        [vehicle.pk],
    )


def mileage_notices(vehicle: Vehicle, user: User) -> list[VehicleNotice]:
    flagged = mileage_inconsistencies(vehicle=vehicle)
    notices = []
    for reading in flagged:
        assert reading.lower_than is not None  # flagged readings name the earlier one
        text = _("Mileage inconsistency: %(lower)s is lower than %(earlier)s.") % {
            "lower": reading_label(reading),
            "earlier": reading_label(reading.lower_than),
        }
        if reading.explained_at:
            text += " " + _("Explained: %(reason)s") % {"reason": reading.explanation}
        notices.append(
            VehicleNotice(
                text=text,
                level="info" if reading.explained_at else "warning",
                url=readings_url(vehicle),
            )
        )
    return notices
