"""Mileage readings: every mileage that reaches the portal, with its source and time.

Other applications record theirs with `mileage_reading_record` (re-exported by services.py):
service entries through the trust app's receivers, KeyReader for key reads; the import records
the central mileage of each line (`central_readings_record`). A reading is never refused for
being low: it is stored and flagged. The central mileage keeps its one rule,
`Vehicle.mileage_record` (it never goes down); nothing here changes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation

from . import codes
from .models import MAX_MILEAGE_KM, MileageReading, Vehicle

if TYPE_CHECKING:
    from aftersales.accounts.models import User

    from .import_format import VehicleRecord


def _as_moment(read_at: datetime | date) -> tuple[datetime, bool]:
    """A reading's time; a bare date is read at local midnight (date_only)."""
    if isinstance(read_at, datetime):
        if timezone.is_naive(read_at):
            raise ValueError("A reading's time must be timezone-aware.")
        return read_at, False
    return timezone.make_aware(datetime.combine(read_at, time.min)), True


def _check_reading(mileage: int, source: str) -> None:
    if source not in MileageReading.Source.values:
        raise RuleViolation(
            codes.READING_SOURCE_UNKNOWN,
            _("%(source)s is not a known source of mileage readings.") % {"source": source},
            field="source",
        )
    if not 0 <= mileage <= MAX_MILEAGE_KM:
        raise RuleViolation(
            codes.READING_NOT_POSSIBLE,
            _("A mileage of %(km)s km is not possible.") % {"km": mileage},
            field="mileage",
        )


def mileage_flags_refresh(*, vehicle_ids: Iterable[int]) -> int:
    """Sets `lower_than` of each reading of these vehicles: the earlier (by read_at), higher
    reading it contradicts, or none. Withdrawn readings neither get nor cause a flag. Returns
    how many readings changed."""
    ids = list(vehicle_ids)
    if not ids:
        return 0
    changed: list[MileageReading] = []
    readings = MileageReading.objects.filter(vehicle_id__in=ids).order_by(
        "vehicle_id", "read_at", "id"
    )
    highest: dict[int, MileageReading] = {}
    for reading in readings:
        top = highest.get(reading.vehicle_id)
        wanted = None
        if reading.withdrawn_at is None:
            if top is not None and reading.mileage_km < top.mileage_km:
                # Same instant (e.g. one day's readings) counts as earlier only when recorded first.
                wanted = top.pk
            elif top is None or reading.mileage_km > top.mileage_km:
                highest[reading.vehicle_id] = reading
        elif reading.lower_than_id is not None:
            wanted = reading.lower_than_id  # a withdrawn reading keeps what it showed
        if reading.lower_than_id != wanted:
            reading.lower_than_id = wanted
            changed.append(reading)
    MileageReading.objects.bulk_update(changed, ["lower_than"])
    return len(changed)


# One statement for `_flag_latest`: is a reading later in the flags' order (read_at, id), and
# the first of the highest valid readings, if higher. Uses mileage_reading_vehicle_idx.
_LATEST_AND_TOP = """
SELECT EXISTS (SELECT 1 FROM {table} WHERE vehicle_id = %s AND id <> %s
                 AND (read_at > %s OR (read_at = %s AND id > %s))),
       (SELECT id FROM {table} WHERE vehicle_id = %s AND id <> %s AND withdrawn_at IS NULL
           AND mileage_km > %s ORDER BY mileage_km DESC, read_at, id LIMIT 1)"""


def _flag_latest(reading: MileageReading) -> bool:
    """The flag of a reading just stored when it comes last in the flags' order (read_at, id),
    as `mileage_flags_refresh` would set it: only its own flag can change, to the first reading
    with the highest mileage before it when that is higher. One indexed query instead of every
    reading of the vehicle. False (nothing done) when a reading comes after it: then the flags
    after it may change too, and the caller refreshes them all."""
    at = connection.ops.adapt_datetimefield_value(reading.read_at)
    vehicle, pk = reading.vehicle_id, reading.pk
    with connection.cursor() as cursor:
        cursor.execute(
            _LATEST_AND_TOP.format(table=MileageReading._meta.db_table),
            [vehicle, pk, at, at, pk, vehicle, pk, reading.mileage_km],
        )
        later, top = cursor.fetchone()
    if later:
        return False
    if top is not None:
        reading.lower_than_id = top
        MileageReading.objects.filter(pk=pk).update(lower_than_id=top)
    return True


def mileage_reading_record(
    *,
    vehicle: Vehicle,
    mileage: int,
    source: str,
    read_at: datetime | date,
    reference: str = "",
    now: datetime | None = None,
    vehicle_locked: bool = False,
) -> MileageReading:
    """Keeps one odometer reading of a vehicle: its mileage in km, its source
    (`MileageReading.Source`: "service_entry", "central_data", "key_read", "tool_session",
    "battery", "emissions_test"), when it was read (a datetime, or a date for sources that know only the day) and
    what it came from (`reference`, e.g. "SH-000123" or a key read's id; up to 60 characters).

    Never refused for being low: a reading lower than an earlier one is stored and flagged
    (`reading.lower_than`), and the vehicle's header shows "Mileage inconsistency". The same
    reading told again (same source, reference, time and mileage) is the same reading
    (idempotent). The central mileage is not touched: `Vehicle.mileage_record` stays its one rule.
    VEH-0001 for an impossible mileage, VEH-0002 for an unknown source. `vehicle_locked`: the
    caller's transaction holds the vehicle's row lock already (storing a service entry).
    """
    _check_reading(mileage, source)
    moment, date_only = _as_moment(read_at)
    # No savepoint: nothing below is caught, and an error fails the caller's transaction anyway.
    with transaction.atomic(savepoint=False):
        if not vehicle_locked:
            # One writer per vehicle at a time, so that two readings at once both see each other.
            Vehicle.objects.select_for_update().filter(pk=vehicle.pk).first()
        fields = {
            "vehicle": vehicle,
            "source": source,
            "reference": reference[:60],
            "read_at": moment,
            "mileage_km": mileage,
        }
        # Under the vehicle lock no other writer adds this reading between the read and the
        # insert (the import's own readings, reference "import", are never recorded here), so
        # get_or_create's savepoint is not needed; the unique constraint still holds.
        reading = MileageReading.objects.filter(**fields).first()
        if reading is not None:
            return reading
        reading = MileageReading.objects.create(
            **fields, date_only=date_only, recorded_at=now or clock.now()
        )
        if not _flag_latest(reading):
            mileage_flags_refresh(vehicle_ids=[vehicle.pk])
            reading.refresh_from_db(fields=["lower_than"])
    return reading


@transaction.atomic
def mileage_reading_withdraw(
    *, vehicle: Vehicle, source: str, reference: str, now: datetime | None = None
) -> int:
    """The readings of a source that no longer counts (a cancelled service entry) are
    withdrawn: kept and shown, but no longer compared. Returns how many."""
    Vehicle.objects.select_for_update().filter(pk=vehicle.pk).first()
    count = MileageReading.objects.filter(
        vehicle=vehicle, source=source, reference=reference, withdrawn_at__isnull=True
    ).update(withdrawn_at=now or clock.now())
    if count:
        mileage_flags_refresh(vehicle_ids=[vehicle.pk])
    return count


@transaction.atomic
def mileage_flag_explain(
    *, reading: MileageReading, operator: User, explanation: str, now: datetime | None = None
) -> MileageReading:
    """The operator marks a flagged reading explained, with a reason; the flag stays visible
    with its explanation. VEH-0003 without a reason, VEH-0004 for a reading not flagged."""
    explanation = explanation.strip()
    if not explanation:
        raise RuleViolation(
            codes.EXPLANATION_MISSING,
            _("Say why the lower reading is explained (e.g. instrument cluster replaced)."),
            field="explanation",
        )
    locked = MileageReading.objects.select_for_update().get(pk=reading.pk)
    if locked.lower_than_id is None:
        raise RuleViolation(
            codes.READING_NOT_FLAGGED, _("This reading is not flagged."), field="explanation"
        )
    locked.explanation, locked.explained_at, locked.explained_by = (
        explanation[:2000],
        now or clock.now(),
        operator,
    )
    locked.save(update_fields=["explanation", "explained_at", "explained_by"])
    return locked


def central_readings_record(
    records: dict[str, VehicleRecord],
    vehicles: dict[str, Vehicle],
    before: dict[str, tuple[int, date | None]],
    now: datetime,
) -> None:
    """The import's central mileage of each line as a reading (a line imported again is the
    same reading); flags are refreshed for the vehicles whose mileage the line contradicted or
    moved, so a lower central mileage, which Vehicle.mileage_record ignores, is flagged."""
    readings: list[MileageReading] = []
    recheck: list[int] = []
    for vin, record in records.items():
        km, on = record.fields["mileage_km"], record.fields["mileage_recorded_on"]
        moved = vin not in before or before[vin] != (km, on)
        # Without a date the reading is read now, so only a mileage that moved is a new one.
        if (not km and on is None) or (on is None and not moved):
            continue
        moment, date_only = _as_moment(on) if on else (now, False)
        vehicle = vehicles[vin]
        readings.append(
            MileageReading(
                vehicle=vehicle,
                mileage_km=km,
                read_at=moment,
                date_only=date_only,
                source=MileageReading.Source.CENTRAL_DATA,
                reference="import",
                recorded_at=now,
            )
        )
        if vin in before and moved:
            recheck.append(vehicle.pk)
    MileageReading.objects.bulk_create(readings, ignore_conflicts=True)
    mileage_flags_refresh(vehicle_ids=recheck)
