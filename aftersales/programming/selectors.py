"""Reads of Programming: a vehicle's results per control unit, and the section of the vehicle's
central data that shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.sections import VehicleSection

from .models import ControlUnitResult

if TYPE_CHECKING:
    from aftersales.accounts.models import User

RECENT_RESULTS = 50


def control_unit_results_of(
    vehicle: Vehicle, *, limit: int = RECENT_RESULTS
) -> list[ControlUnitResult]:
    """Newest first (prg_result_vehicle_idx)."""
    return list(
        ControlUnitResult.objects.filter(vehicle=vehicle)
        .select_related("organisation", "service_entry", "session__tool")
        .order_by("-recorded_at", "control_unit")[:limit]
    )


def programming_section(vehicle: Vehicle, user: User) -> list[VehicleSection]:
    """Central data: the control units programmed, for every user of a workshop (it is the
    vehicle's history, like its service entries)."""
    if user.organisation_id is None:
        return []
    results = control_unit_results_of(vehicle)
    if not results:
        return []
    return [VehicleSection("programming/_results.html", {"results": results})]
