"""The CBS status of a position as the screens show it, and its reset after a service."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from aftersales.portal.languages import localized
from aftersales.vehicles.models import CbsPosition, VehicleCbsStatus

from .rules import km

# A position is "due soon" (yellow) within this many days or kilometres.
DUE_SOON_DAYS = 30
DUE_SOON_KM = 1_500


@dataclass(frozen=True)
class CbsState:
    level: str  # "green", "yellow", "red" or "" when nothing is known
    label: str  # Service status
    remaining: str  # Remaining: a date and/or a distance


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cbs_state(status: VehicleCbsStatus | None, *, today: date) -> CbsState:
    if status is None or (status.due_date is None and status.remaining_km is None):
        return CbsState("", "", "")
    parts: list[str] = []
    overdue = soon = False
    if status.due_date is not None:
        parts.append(status.due_date.isoformat())
        days = (status.due_date - today).days
        overdue |= days < 0
        soon |= days <= DUE_SOON_DAYS
    if status.remaining_km is not None:
        parts.append(km(status.remaining_km))
        overdue |= status.remaining_km < 0
        soon |= status.remaining_km <= DUE_SOON_KM
    if overdue:
        return CbsState("red", _("Overdue"), " / ".join(parts))
    if soon:
        return CbsState("yellow", _("Due soon"), " / ".join(parts))
    return CbsState("green", _("OK"), " / ".join(parts))


def reset_values(
    position: CbsPosition, *, maintenance_date: date
) -> tuple[date | None, int | None]:
    """After the service the position is due again after its interval (months and/or km)."""
    due = (
        add_months(maintenance_date, position.interval_months) if position.interval_months else None
    )
    return due, position.interval_km


def position_label(position: CbsPosition) -> str:
    """The position's name in the active language (the catalogue keeps a Danish and a German
    name); English when the operator left that language's name empty."""
    return localized(position, "name")
