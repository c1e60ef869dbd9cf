"""Writes of the service history. Every rule is in `rules.py`; these functions apply them.

Storing an entry never needs credits (Regulation (EU) 2018/858, Annex X): nothing here asks
the billing app.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import CbsPosition, Vehicle
from aftersales.vehicles.selectors import cbs_positions_for, vehicle_cbs_status

from . import rules, vehicle_state
from .cbs import cbs_state
from .models import AuditLogEntry, PositionOperation, ServiceEntry, ServiceEntryLine
from .selectors import mileage_readings


@dataclass
class OrderLine:
    """One line of the order base (the walkthrough's columns)."""

    type: str
    description: str
    service_status: str
    remaining: str
    number: str
    quantity_fru: int
    package_price_gross: Decimal | None
    status_level: str = ""
    position_code: str | None = None
    removed: bool = False


@dataclass(frozen=True)
class CheckedInput:
    mileage_km: int
    maintenance_date: date
    positions: list[CbsPosition]


def _available_positions(vehicle: Vehicle) -> dict[str, CbsPosition]:
    return {position.code: position for position in cbs_positions_for(vehicle=vehicle)}


def service_entry_check(
    *,
    vehicle: Vehicle,
    mileage: str,
    maintenance_date: str,
    position_codes: list[str],
    confirm_mileage_jump: bool = False,
    today: date | None = None,
) -> tuple[CheckedInput | None, list[RuleViolation]]:
    """Checks the Service data input without storing anything: every violation, per field."""
    today = today or clock.today()
    errors: list[RuleViolation] = []
    mileage_km = day = None
    positions: list[CbsPosition] = []
    try:
        mileage_km = rules.parse_mileage(mileage)
    except RuleViolation as error:
        errors.append(error)
    try:
        day = rules.parse_maintenance_date(
            maintenance_date, production_date=vehicle.production_date, today=today
        )
    except RuleViolation as error:
        errors.append(error)
    try:
        positions = rules.require_positions(position_codes, available=_available_positions(vehicle))
    except RuleViolation as error:
        errors.append(error)
    if mileage_km is not None and day is not None:
        try:
            rules.check_mileage(
                mileage_km,
                maintenance_date=day,
                readings=mileage_readings(vehicle=vehicle),
                production_date=vehicle.production_date,
                confirmed=confirm_mileage_jump,
            )
        except RuleViolation as error:
            errors.append(error)
    if errors or mileage_km is None or day is None:
        return None, errors
    return CheckedInput(mileage_km, day, positions), []


def order_base_lines(
    *,
    organisation: Organisation,
    vehicle: Vehicle,
    position_codes: list[str],
    removed: Collection[str] = (),
    today: date | None = None,
) -> list[OrderLine]:
    """The SRP lines the selected positions map to, each labour operation once, in the order of
    the positions; lines whose number is in `removed` are marked removed (the ± column)."""
    today = today or clock.today()
    language = translation.get_language()
    positions = [p for p in cbs_positions_for(vehicle=vehicle) if p.code in set(position_codes)]
    status = vehicle_cbs_status(vehicle=vehicle)
    mapping = list(
        PositionOperation.objects.filter(cbs_position__in=positions)
        .select_related("labour_operation")
        .order_by("position", "labour_operation__number")
    )
    by_position: dict[int, list[PositionOperation]] = {}
    for row in mapping:
        by_position.setdefault(row.cbs_position_id, []).append(row)
    # An operation of one position only shows that position's status; the Standard scope,
    # mapped to many positions, shows none.
    mapped_positions = dict(
        PositionOperation.objects.filter(
            labour_operation__in={r.labour_operation_id for r in mapping}
        )
        .values_list("labour_operation")
        .annotate(n=Count("id"))
    )
    lines: dict[str, OrderLine] = {}
    shared: dict[str, OrderLine] = {}  # the Standard scope and the like come last
    for position in positions:
        for row in by_position.get(position.pk, []):
            operation = row.labour_operation
            if operation.number in lines or operation.number in shared:
                continue
            own = mapped_positions.get(operation.pk) == 1
            state = cbs_state(status.get(position.pk), today=today) if own else None
            (lines if own else shared)[operation.number] = OrderLine(
                type="SRP",
                description=operation.localized_description(language),
                service_status=state.label if state else "",
                remaining=state.remaining if state else "",
                status_level=state.level if state else "",
                number=operation.number,
                quantity_fru=operation.quantity_fru,
                package_price_gross=rules.package_price_gross(
                    operation.quantity_fru, organisation=organisation
                ),
                position_code=position.code if own else None,
                removed=operation.number in removed,
            )
    return [*lines.values(), *shared.values()]


def _audit(
    *,
    actor: User,
    entry: ServiceEntry,
    action: str,
    ip_address: str | None,
    now: datetime,
    details: dict[str, object] | None = None,
) -> None:
    AuditLogEntry.objects.create(
        at=now,
        actor=actor,
        organisation_id=actor.organisation_id,
        action=action,
        entry=entry,
        ip_address=ip_address or None,
        details=details or {},
    )


def _store_lines(entry: ServiceEntry, lines: list[OrderLine]) -> None:
    ServiceEntryLine.objects.bulk_create(
        ServiceEntryLine(
            entry=entry,
            line_no=number,
            type=line.type,
            number=line.number,
            description=line.description,
            quantity_fru=line.quantity_fru,
            package_price_gross=line.package_price_gross,
        )
        for number, line in enumerate((x for x in lines if not x.removed), start=1)
    )


def _require_organisation(actor: User) -> Organisation:
    if actor.organisation is None:
        raise RuleViolation(
            "SH-0050", _("Only a workshop organisation can store service entries."), status=403
        )
    return actor.organisation


@transaction.atomic
def service_entry_create(
    *,
    actor: User,
    vehicle: Vehicle,
    mileage: str,
    maintenance_date: str,
    position_codes: list[str],
    comment: str,
    consent: bool,
    ip_address: str | None,
    confirm_mileage_jump: bool = False,
    removed_lines: Collection[str] = (),
    now: datetime | None = None,
) -> ServiceEntry:
    """Stores a service entry: free of charge, with consent, and with the vehicle row locked so
    that two workshops storing at the same moment both see each other's mileage."""
    now = now or clock.now()
    today = timezone.localdate(now)
    organisation = _require_organisation(actor)
    mileage_km = rules.parse_mileage(mileage)
    day = rules.parse_maintenance_date(
        maintenance_date, production_date=vehicle.production_date, today=today
    )
    positions = rules.require_positions(position_codes, available=_available_positions(vehicle))
    comment = rules.clean_comment(comment)
    rules.require_consent(consent)
    # The lock: a second workshop storing for this vehicle waits here until we commit, then
    # reads our entry among the readings.
    locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    rules.check_mileage(
        mileage_km,
        maintenance_date=day,
        readings=mileage_readings(vehicle=locked),
        production_date=locked.production_date,
        confirmed=confirm_mileage_jump,
    )
    lines = order_base_lines(
        organisation=organisation,
        vehicle=locked,
        position_codes=[p.code for p in positions],
        removed=removed_lines,
        today=today,
    )
    entry = ServiceEntry.objects.create(
        vehicle=locked,
        organisation=organisation,
        created_by=actor,
        created_at=now,
        mileage_km=mileage_km,
        maintenance_date=day,
        comment=comment,
        consent_given_at=now,
    )
    entry.positions.set(positions)
    _store_lines(entry, lines)
    previous_central = {
        "km": locked.mileage_km,
        "on": vehicle_state.iso(locked.mileage_recorded_on),
    }
    previous_cbs = vehicle_state.cbs_snapshot(locked, positions)
    if mileage_km > locked.mileage_km:
        locked.mileage_km, locked.mileage_recorded_on, locked.updated_at = mileage_km, day, now
        locked.save(update_fields=["mileage_km", "mileage_recorded_on", "updated_at"])
    vehicle_state.reset_cbs(locked, positions, day, now)
    _audit(
        actor=actor,
        entry=entry,
        action=AuditLogEntry.Action.CREATED,
        ip_address=ip_address,
        now=now,
        details={
            "vin": locked.vin,
            "mileage_km": mileage_km,
            "maintenance_date": day.isoformat(),
            "positions": [p.code for p in positions],
            "confirmed_mileage_jump": confirm_mileage_jump,
            "previous_central": previous_central,
            "previous_cbs": previous_cbs,
        },
    )
    return entry


def _lock_open_entry(*, actor: User, entry: ServiceEntry, now: datetime) -> ServiceEntry:
    rules.require_entering_organisation(actor=actor, entry=entry)
    locked = (
        ServiceEntry.objects.select_for_update(of=("self",))
        .select_related("original")
        .get(pk=entry.pk)
    )
    rules.require_open(locked)
    first = locked.original or locked
    rules.require_correction_window(first_stored_at=first.created_at, now=now)
    return locked


@transaction.atomic
def service_entry_correct(
    *,
    actor: User,
    entry: ServiceEntry,
    position_codes: list[str],
    comment: str,
    ip_address: str | None,
    removed_lines: Collection[str] = (),
    now: datetime | None = None,
) -> ServiceEntry:
    """A correction (positions and comment; never mileage or date) is a new version; the
    earlier version stays, marked as replaced. Positions newly added reset their CBS status."""
    now = now or clock.now()
    organisation = _require_organisation(actor)
    current = _lock_open_entry(actor=actor, entry=entry, now=now)
    vehicle = Vehicle.objects.select_for_update().get(pk=current.vehicle_id)
    positions = rules.require_positions(position_codes, available=_available_positions(vehicle))
    comment = rules.clean_comment(comment)
    root = current.original or current
    current.superseded_at = now
    current.save(update_fields=["superseded_at"])
    correction = ServiceEntry.objects.create(
        vehicle=vehicle,
        organisation=current.organisation,
        created_by=actor,
        created_at=now,
        mileage_km=current.mileage_km,
        maintenance_date=current.maintenance_date,
        comment=comment,
        consent_given_at=current.consent_given_at,
        original=root,
        version=current.version + 1,
    )
    correction.positions.set(positions)
    lines = order_base_lines(
        organisation=organisation,
        vehicle=vehicle,
        position_codes=[p.code for p in positions],
        removed=removed_lines,
    )
    _store_lines(correction, lines)
    before = list(current.positions.all())
    added = [p for p in positions if p.code not in {b.code for b in before}]
    removed = [b for b in before if b.code not in {p.code for p in positions}]
    previous_cbs = vehicle_state.cbs_snapshot(vehicle, added)
    vehicle_state.reset_cbs(vehicle, added, current.maintenance_date, now)
    vehicle_state.restore_cbs(correction, removed, now)
    _audit(
        actor=actor,
        entry=correction,
        action=AuditLogEntry.Action.CORRECTED,
        ip_address=ip_address,
        now=now,
        details={
            "replaces": current.number,
            "positions": [p.code for p in positions],
            "comment": comment,
            "previous_cbs": previous_cbs,
        },
    )
    return correction


@transaction.atomic
def service_entry_cancel(
    *,
    actor: User,
    entry: ServiceEntry,
    reason: str,
    ip_address: str | None,
    now: datetime | None = None,
) -> ServiceEntry:
    """Cancels the latest version with a reason; it stays in the history, struck through."""
    now = now or clock.now()
    reason = rules.clean_cancellation_reason(reason)
    current = _lock_open_entry(actor=actor, entry=entry, now=now)
    current.cancelled_at, current.cancelled_by, current.cancellation_reason = now, actor, reason
    current.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason"])
    vehicle_state.restore_central_mileage(current, now)
    vehicle_state.restore_cbs(current, list(current.positions.all()), now)
    _audit(
        actor=actor,
        entry=current,
        action=AuditLogEntry.Action.CANCELLED,
        ip_address=ip_address,
        now=now,
        details={"reason": reason},
    )
    return current


@transaction.atomic
def service_entry_confirm_transfer(
    *,
    actor: User,
    entry: ServiceEntry,
    transferred_at: datetime,
    tool_id: str,
    ip_address: str | None = None,
    now: datetime | None = None,
) -> ServiceEntry:
    """The diagnosis tool wrote the entry into the vehicle. Idempotent: a second confirmation
    of a transferred entry changes nothing."""
    tool_id = rules.require_tool_id(tool_id)
    current = ServiceEntry.objects.select_for_update().get(pk=entry.pk)
    if current.transferred_at is not None:
        return current
    rules.require_open(current)
    transferred_at = rules.require_transfer_time(
        transferred_at, stored_at=current.created_at, now=now or clock.now()
    )
    current.transferred_at, current.transfer_tool_id = transferred_at, tool_id
    current.save(update_fields=["transferred_at", "transfer_tool_id"])
    _audit(
        actor=actor,
        entry=current,
        action=AuditLogEntry.Action.TRANSFERRED,
        ip_address=ip_address,
        now=clock.now(),
        details={"tool_id": tool_id, "transferred_at": transferred_at.isoformat()},
    )
    return current
