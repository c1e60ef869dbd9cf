"""Reads of Programming: a vehicle's results per control unit, the section of the vehicle's
central data that shows them, and the annex of the service entry of the same visit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection

from aftersales.servicehistory.annexes import EntryAnnex
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.sections import VehicleSection

from .models import ControlUnitResult

if TYPE_CHECKING:
    from aftersales.accounts.models import User
    from aftersales.servicehistory.models import ServiceEntry

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


def entry_result_out(result: ControlUnitResult) -> dict[str, Any]:
    """A result in the API's service entry (`control_units`, api.schemas.EntryControlUnit)."""
    return {
        "control_unit": result.control_unit,
        "software_before": result.software_before,
        "software_after": result.software_after,
        "success": result.success,
        "message": result.message,
        "recorded_at": result.recorded_at,
        "tool": result.session.tool_label,
    }


def _linked_results_exist(vehicle_ids: list[int]) -> bool:
    """Whether any result of the vehicles is linked to a service entry. Most vehicles were never
    programmed: this bare EXISTS spares every Service history page the ORM's query with its
    joins (1.5-2 ms of a 15 ms page). Uses prg_result_vehicle_idx."""
    marks = ", ".join(["%s"] * len(vehicle_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {ControlUnitResult._meta.db_table} WHERE vehicle_id IN ({marks})"
            " AND service_entry_id IS NOT NULL LIMIT 1",
            vehicle_ids,
        )
        return cursor.fetchone() is not None


def visit_results(entries: list[ServiceEntry], user: User) -> dict[int, list[EntryAnnex]]:
    """Service history: the results of a visit under the current version of its entry (a
    result stays linked to the version that was current when it was linked; a correction
    carries it on). One query for the whole page."""
    if user.organisation_id is None:
        return {}
    current = {entry.chain_id: entry.pk for entry in entries if entry.superseded_at is None}
    if not current:
        return {}
    vehicle_ids = sorted({entry.vehicle_id for entry in entries})
    if not _linked_results_exist(vehicle_ids):
        return {}
    # prg_result_vehicle_idx: the vehicles' results; only linked ones are kept.
    results = (
        ControlUnitResult.objects.filter(vehicle_id__in=vehicle_ids, service_entry__isnull=False)
        .select_related("service_entry", "session__tool")
        .order_by("recorded_at", "control_unit")
    )
    by_entry: dict[int, list[ControlUnitResult]] = {}
    for result in results:
        assert result.service_entry is not None
        entry_id = current.get(result.service_entry.chain_id)
        if entry_id is not None:
            by_entry.setdefault(entry_id, []).append(result)
    return {
        entry_id: [
            EntryAnnex(
                "programming/_entry_results.html",
                {"results": found},
                api_key="control_units",
                api_items=[entry_result_out(result) for result in found],
            )
        ]
        for entry_id, found in by_entry.items()
    }
