"""The vehicle import's batch path (SQLite, or `--method batches`): checked records written in
batches, each in one transaction with bulk_create / bulk_update; should the database refuse a
batch, line by line. `import_copy.py` is the PostgreSQL path and does the same in SQL (the tests
compare the two). Also the report both paths give (`ImportResult`, `LineReport`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction

from aftersales import clock

from . import vin as vin_rules
from .import_format import VEHICLE_FIELDS, VehicleRecord
from .models import CbsPosition, Vehicle, VehicleCbsStatus, VehicleOption
from .readings import central_readings_record


@dataclass
class LineReport:
    line: int
    vin: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}{f' ({self.vin})' if self.vin else ''}: {self.reason}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[LineReport] = field(default_factory=list)
    warnings: list[LineReport] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class BatchContext:
    wmi: dict[str, tuple[str, bool]]
    positions: dict[str, int]  # CBS position code -> id
    overwrite_cbs_status: bool

    @classmethod
    def load(cls, *, overwrite_cbs_status: bool) -> BatchContext:
        return cls(
            wmi=vin_rules.wmi_table(),
            positions=dict(CbsPosition.objects.values_list("code", "pk")),
            overwrite_cbs_status=overwrite_cbs_status,
        )


def write_rounds(
    batch: list[tuple[int, VehicleRecord]], context: BatchContext, result: ImportResult
) -> None:
    """Every line takes effect in file order: the n-th line of a VIN in the batch is written
    in round n, after the earlier one (the copy method does the same)."""
    rounds: list[list[tuple[int, VehicleRecord]]] = []
    seen: dict[str, int] = {}
    for number, record in batch:
        index = seen.get(record.vin, 0)
        seen[record.vin] = index + 1
        if index == len(rounds):
            rounds.append([])
        rounds[index].append((number, record))
    for round_ in rounds:
        _write_batch(round_, context, result)


def _write_batch(
    batch: list[tuple[int, VehicleRecord]], context: BatchContext, result: ImportResult
) -> None:
    """One transaction for the batch; should the database still refuse it, line by line."""
    try:
        with transaction.atomic():
            counts = _apply(batch, context)
    except DatabaseError:
        counts = [0, 0, 0]
        for number, record in batch:
            try:
                with transaction.atomic():
                    single = _apply([(number, record)], context)
            except DatabaseError as error:
                reason = f"refused by the database: {str(error).strip().splitlines()[0]}"
                result.rejected.append(LineReport(number, record.vin, reason))
                continue
            counts = [a + b for a, b in zip(counts, single, strict=True)]
    result.created += counts[0]
    result.updated += counts[1]
    result.unchanged += counts[2]


def _apply(batch: list[tuple[int, VehicleRecord]], context: BatchContext) -> list[int]:
    """Writes one batch; returns [created, updated, unchanged]. A later line of a VIN wins."""
    now = clock.now()
    records = {record.vin: record for _, record in batch}
    existing = {vehicle.vin: vehicle for vehicle in Vehicle.objects.filter(vin__in=records)}
    new = [
        Vehicle(vin=vin, vin7=vin[-7:], updated_at=now, **record.fields)
        for vin, record in records.items()
        if vin not in existing
    ]
    Vehicle.objects.bulk_create(new)
    # Before Vehicle.mileage_record may drop it: a lower central mileage stays a reading.
    before = {vin: (v.mileage_km, v.mileage_recorded_on) for vin, v in existing.items()}
    changed: set[str] = set()
    to_update: list[Vehicle] = []
    for vin, vehicle in existing.items():
        if _merge(vehicle, records[vin].fields):
            vehicle.updated_at = now
            to_update.append(vehicle)
            changed.add(vin)
    Vehicle.objects.bulk_update(to_update, [*VEHICLE_FIELDS, "updated_at"])
    vehicles = {**existing, **{vehicle.vin: vehicle for vehicle in new}}
    central_readings_record(records, vehicles, before, now)
    changed |= _sync_options(records, vehicles, existing)
    changed |= _sync_cbs_status(records, vehicles, context, now)
    changed &= existing.keys()  # a new vehicle counts as created, whatever came with it
    return [len(new), len(changed), len(existing) - len(changed)]


def _merge(vehicle: Vehicle, values: dict[str, Any]) -> bool:
    """Copies the line's values onto the vehicle; the mileage by Vehicle.mileage_record."""
    dirty = vehicle.mileage_record(values["mileage_km"], values["mileage_recorded_on"])
    for name in VEHICLE_FIELDS:
        if name in ("mileage_km", "mileage_recorded_on"):
            continue
        if getattr(vehicle, name) != values[name]:
            setattr(vehicle, name, values[name])
            dirty = True
    return dirty


def _sync_options(
    records: dict[str, VehicleRecord], vehicles: dict[str, Vehicle], existing: dict[str, Vehicle]
) -> set[str]:
    """Replaces the options of the vehicles whose line lists options, where they differ."""
    wanted = {vin: record.options for vin, record in records.items() if record.options is not None}
    if not wanted:
        return set()
    stored: dict[int, set[tuple[Any, ...]]] = {}
    ids = [existing[vin].pk for vin in wanted if vin in existing]
    for option in VehicleOption.objects.filter(vehicle_id__in=ids):
        stored.setdefault(option.vehicle_id, set()).add(
            (option.code, option.kind, option.installed_on, option.description)
        )
    replace: dict[int, str] = {}
    for vin, options in wanted.items():
        vehicle_id = vehicles[vin].pk
        target = {(o.code, o.kind, o.installed_on, o.description) for o in options or []}
        if target != stored.get(vehicle_id, set()):
            replace[vehicle_id] = vin
    VehicleOption.objects.filter(vehicle_id__in=[i for i in replace if i in stored]).delete()
    VehicleOption.objects.bulk_create(
        VehicleOption(
            vehicle_id=vehicle_id,
            code=o.code,
            kind=o.kind,
            installed_on=o.installed_on,
            description=o.description,
        )
        for vehicle_id, vin in replace.items()
        for o in wanted[vin] or []
    )
    return {vin for vin in replace.values() if vin in existing}


def _sync_cbs_status(
    records: dict[str, VehicleRecord], vehicles: dict[str, Vehicle], context: BatchContext, now: Any
) -> set[str]:
    """Sets the CBS status of the positions a line gives; positions it does not give stay."""
    wanted = {vin: r.cbs_status for vin, r in records.items() if r.cbs_status}
    if not wanted:
        return set()
    ids = {vehicles[vin].pk: vin for vin in wanted}
    stored = {
        (status.vehicle_id, status.cbs_position_id): status
        for status in VehicleCbsStatus.objects.filter(vehicle_id__in=ids)
    }
    create: list[VehicleCbsStatus] = []
    update: list[VehicleCbsStatus] = []
    changed: set[str] = set()
    for vehicle_id, vin in ids.items():
        for item in wanted[vin] or []:
            position_id = context.positions[item.position]
            status = stored.get((vehicle_id, position_id))
            if status is None:
                create.append(
                    VehicleCbsStatus(
                        vehicle_id=vehicle_id,
                        cbs_position_id=position_id,
                        due_date=item.due_date,
                        remaining_km=item.remaining_km,
                        updated_at=now,
                    )
                )
                changed.add(vin)
            elif context.overwrite_cbs_status and (status.due_date, status.remaining_km) != (
                item.due_date,
                item.remaining_km,
            ):
                status.due_date, status.remaining_km, status.updated_at = (
                    item.due_date,
                    item.remaining_km,
                    now,
                )
                update.append(status)
                changed.add(vin)
    VehicleCbsStatus.objects.bulk_create(create)
    VehicleCbsStatus.objects.bulk_update(update, ["due_date", "remaining_km", "updated_at"])
    return changed
