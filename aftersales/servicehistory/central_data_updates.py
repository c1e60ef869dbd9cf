"""What a service entry changes in the central vehicle data, and how that is undone.

Storing an entry raises the central mileage and resets the CBS status of the positions done;
the state before is kept in the audit log (`previous_central`, `previous_cbs`), so that a
cancellation, or a position corrected away, can put it back.
"""

from __future__ import annotations

from datetime import date, datetime

from aftersales.vehicles.models import CbsPosition, Vehicle, VehicleCbsStatus
from aftersales.vehicles.selectors import vehicle_cbs_status

from .cbs import reset_values
from .models import AuditLogEntry, ServiceEntry
from .selectors import mileage_readings


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def reset_cbs(
    vehicle: Vehicle,
    positions: list[CbsPosition],
    day: date,
    now: datetime,
    *,
    current: dict[int, VehicleCbsStatus] | None = None,
) -> None:
    """`current`: the vehicle's status per position, read under the vehicle's row lock that the
    caller holds (no other writer changes it meanwhile): one UPDATE or INSERT a position."""
    for position in positions:
        due, remaining = reset_values(position, maintenance_date=day)
        if current is not None:
            status = current.get(position.pk)
            if status is None:
                VehicleCbsStatus.objects.create(
                    vehicle=vehicle,
                    cbs_position=position,
                    due_date=due,
                    remaining_km=remaining,
                    updated_at=now,
                )
            else:
                VehicleCbsStatus.objects.filter(pk=status.pk).update(
                    due_date=due, remaining_km=remaining, updated_at=now
                )
            continue
        VehicleCbsStatus.objects.update_or_create(
            vehicle=vehicle,
            cbs_position=position,
            defaults={"due_date": due, "remaining_km": remaining, "updated_at": now},
        )


def cbs_snapshot(
    vehicle: Vehicle,
    positions: list[CbsPosition],
    *,
    current: dict[int, VehicleCbsStatus] | None = None,
) -> dict[str, object]:
    """The CBS status of these positions before a reset, kept in the audit log so that a
    cancellation or correction can put it back. `current`: the status the caller read."""
    if current is None:
        current = vehicle_cbs_status(vehicle=vehicle)
    snapshot: dict[str, object] = {}
    for position in positions:
        status = current.get(position.pk)
        snapshot[position.code] = (
            {"due": iso(status.due_date), "km": status.remaining_km} if status else None
        )
    return snapshot


def restore_cbs(entry: ServiceEntry, positions: list[CbsPosition], now: datetime) -> None:
    """An entry that no longer counts (cancelled, or a position corrected away) must not leave
    its reset behind: each position goes back to its status before the entry, unless a later
    entry has done that position since (then its reset stands)."""
    first = entry.original or entry
    details = AuditLogEntry.objects.filter(
        entry__in=[
            first.pk,
            *ServiceEntry.objects.filter(original=first).values_list("pk", flat=True),
        ],
        action__in=[AuditLogEntry.Action.CREATED, AuditLogEntry.Action.CORRECTED],
    ).order_by("at", "pk")
    snapshots: dict[str, object] = {}
    for row in details:  # the oldest snapshot of a position is the status before this chain
        for code, before in (row.details.get("previous_cbs") or {}).items():
            snapshots.setdefault(code, before)
    for position in positions:
        if position.code not in snapshots:
            continue  # entries stored before snapshots were kept: nothing to go back to
        done_since = (
            ServiceEntry.objects.active()
            .filter(vehicle_id=entry.vehicle_id, positions=position)
            .exclude(pk=entry.pk)
            .filter(maintenance_date__gte=entry.maintenance_date)
            .exists()
        )
        if done_since:
            continue
        before = snapshots[position.code]
        if before is None:
            VehicleCbsStatus.objects.filter(
                vehicle_id=entry.vehicle_id, cbs_position=position
            ).delete()
            continue
        assert isinstance(before, dict)
        VehicleCbsStatus.objects.update_or_create(
            vehicle_id=entry.vehicle_id,
            cbs_position=position,
            defaults={
                "due_date": date.fromisoformat(before["due"]) if before.get("due") else None,
                "remaining_km": before.get("km"),
                "updated_at": now,
            },
        )


def restore_central_mileage(cancelled: ServiceEntry, now: datetime) -> None:
    """A cancelled entry (often a mistyped mileage) must not leave its reading in the central
    data: when the central mileage came from it, it goes back to the best remaining reading."""
    vehicle = Vehicle.objects.select_for_update().get(pk=cancelled.vehicle_id)
    if (vehicle.mileage_km, vehicle.mileage_recorded_on) != (
        cancelled.mileage_km,
        cancelled.maintenance_date,
    ):
        return
    first = cancelled.original or cancelled
    created = AuditLogEntry.objects.filter(entry=first, action=AuditLogEntry.Action.CREATED).first()
    before = (created.details.get("previous_central") if created else None) or {}
    candidates = [r for r in mileage_readings(vehicle=vehicle)[1:]]
    best_km, best_on = before.get("km", 0), before.get("on")
    best_day = date.fromisoformat(best_on) if best_on else None
    for reading in candidates:
        if reading.km > best_km:
            best_km, best_day = reading.km, reading.on
    vehicle.mileage_km, vehicle.mileage_recorded_on, vehicle.updated_at = best_km, best_day, now
    vehicle.save(update_fields=["mileage_km", "mileage_recorded_on", "updated_at"])
