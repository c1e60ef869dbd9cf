"""Writes of the service history. Every rule is in `rules.py`; these functions apply them.

Storing an entry never needs credits (Regulation (EU) 2018/858, Annex X): nothing here asks
the billing app. The order stored with an entry is built by the one order pipeline
(`aftersales.orders.selectors.order_build`) from the same draft the pages and the API use.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.lines import LineKind, OrderLine
from aftersales.orders.selectors import order_build
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import CbsPosition, Vehicle
from aftersales.vehicles.selectors import vehicle_cbs_status

from . import central_data_updates, rules
from .models import AuditLogEntry, ServiceEntry, ServiceEntryLine
from .selectors import mileage_readings, positions_available
from .signals import entry_cancelled, entry_corrected, entry_stored, entry_transferred


@dataclass(frozen=True)
class CheckedEntry:
    """The Service data of a draft after every rule passed."""

    mileage_km: int
    maintenance_date: date
    positions: list[CbsPosition]


def service_entry_check(
    *,
    vehicle: Vehicle,
    draft: OrderDraft,
    today: date | None = None,
    available: dict[str, CbsPosition] | None = None,
) -> tuple[CheckedEntry | None, list[RuleViolation]]:
    """Runs every rule of the Service data step once, without storing anything: the checked
    values, or every violation (one per field) for the page to show next to its field.
    `available`: the vehicle's positions (`positions_available`) when the caller has them."""
    today = today or clock.today()
    if available is None:
        available = positions_available(vehicle=vehicle)
    errors: list[RuleViolation] = []
    mileage_km = day = None
    positions: list[CbsPosition] = []
    try:
        mileage_km = rules.parse_mileage(draft.mileage)
    except RuleViolation as error:
        errors.append(error)
    try:
        day = rules.parse_maintenance_date(
            draft.maintenance_date, production_date=vehicle.production_date, today=today
        )
    except RuleViolation as error:
        errors.append(error)
    try:
        positions = rules.require_positions(
            draft.positions,
            available=available,
            required=not draft.items,  # campaign work alone is a service entry too
        )
    except RuleViolation as error:
        errors.append(error)
    if mileage_km is not None and day is not None:
        try:
            rules.check_mileage(
                mileage_km,
                maintenance_date=day,
                readings=mileage_readings(vehicle=vehicle),
                production_date=vehicle.production_date,
                confirmed=draft.confirm_mileage_jump,
            )
        except RuleViolation as error:
            errors.append(error)
    if errors or mileage_km is None or day is None:
        return None, errors
    return CheckedEntry(mileage_km, day, positions), []


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


def entry_lines_store(*, entry: ServiceEntry, lines: list[OrderLine]) -> None:
    """Writes the order lines of a new entry (or version), numbered from 1."""
    ServiceEntryLine.objects.bulk_create(
        ServiceEntryLine(
            entry=entry,
            line_no=line_no,
            kind=line.kind,
            number=line.number,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price_gross=line.unit_price_gross,
            gross_amount=line.gross_amount,
            reference=line.reference,
        )
        for line_no, line in enumerate(lines, start=1)
    )


def _stored_as_lines(entry: ServiceEntry, *, kinds_except: str) -> list[OrderLine]:
    """The stored lines of an entry, except one kind, as order lines (a correction keeps them)."""
    return [
        OrderLine(
            kind=line.kind,
            number=line.number,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price_gross=line.unit_price_gross,
            reference=line.reference,
        )
        for line in entry.lines.exclude(kind=kinds_except)
    ]


def _require_organisation(actor: User) -> Organisation:
    if actor.organisation is None:
        raise RuleViolation(
            "SH-0070", _("Only a workshop organisation can store service entries."), status=403
        )
    return actor.organisation


@dataclass(frozen=True)
class StoredEntry:
    """A new entry with what was stored with it: its positions (catalogue order) and lines."""

    entry: ServiceEntry
    positions: list[CbsPosition]
    lines: list[OrderLine]


def service_entry_create(
    *,
    actor: User,
    vehicle: Vehicle,
    draft: OrderDraft,
    consent: bool,
    ip_address: str | None,
    now: datetime | None = None,
) -> ServiceEntry:
    """Stores the order of a draft as a service entry (`service_entry_store`)."""
    return service_entry_store(
        actor=actor,
        vehicle=vehicle,
        draft=draft,
        consent=consent,
        ip_address=ip_address,
        now=now,
    ).entry


@transaction.atomic
def service_entry_store(
    *,
    actor: User,
    vehicle: Vehicle,
    draft: OrderDraft,
    consent: bool,
    ip_address: str | None,
    now: datetime | None = None,
) -> StoredEntry:
    """Stores the order of a draft as a service entry: free of charge, with consent, the rules
    of `service_entry_check` run once (the first violation is raised), with the vehicle row
    locked so that two workshops storing at the same moment both see each other's mileage.
    The vehicle's positions and CBS status are read once, after the lock, for the rules, the
    order and the CBS reset alike."""
    now = now or clock.now()
    organisation = _require_organisation(actor)
    comment = rules.clean_comment(draft.comment)
    rules.require_consent(consent)
    # The lock: a second workshop storing for this vehicle waits here until we commit, then
    # reads our entry among the readings.
    locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    available = positions_available(vehicle=locked)
    checked, violations = service_entry_check(
        vehicle=locked, draft=draft, today=timezone.localdate(now), available=available
    )
    if checked is None:
        raise violations[0]
    positions, day, mileage_km = checked.positions, checked.maintenance_date, checked.mileage_km
    cbs_status = vehicle_cbs_status(vehicle=locked)
    order = order_build(
        organisation=organisation,
        vehicle=locked,
        draft=replace(draft, positions=[p.code for p in positions]),
        today=timezone.localdate(now),
        positions=list(available.values()),
        cbs_status=cbs_status,
    )
    rules.require_items_known(draft.items, order.lines)
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
    entry.positions.add(*positions)  # a new entry has none: no read of the current ones
    entry_lines_store(entry=entry, lines=order.active_lines)
    previous_central = {
        "km": locked.mileage_km,
        "on": central_data_updates.iso(locked.mileage_recorded_on),
    }
    previous_cbs = central_data_updates.cbs_snapshot(locked, positions, current=cbs_status)
    if locked.mileage_record(mileage_km, day):
        locked.updated_at = now
        locked.save(update_fields=["mileage_km", "mileage_recorded_on", "updated_at"])
    central_data_updates.reset_cbs(locked, positions, day, now, current=cbs_status)
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
            "lines": [line.key for line in order.active_lines],
            "confirmed_mileage_jump": draft.confirm_mileage_jump,
            "previous_central": previous_central,
            "previous_cbs": previous_cbs,
        },
    )
    entry_stored.send(sender=ServiceEntry, entry=entry, lines=order.active_lines)
    return StoredEntry(entry=entry, positions=positions, lines=order.active_lines)


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
    positions = rules.require_positions(
        position_codes, available=positions_available(vehicle=vehicle)
    )
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
    srp = order_build(
        organisation=organisation,
        vehicle=vehicle,
        draft=OrderDraft(positions=[p.code for p in positions], removed=list(removed_lines)),
    )
    # Only the positions change: lines of other kinds (campaign work, parts) stay as stored.
    kept = _stored_as_lines(current, kinds_except=LineKind.SRP.value)
    entry_lines_store(entry=correction, lines=[*srp.active_lines_of(LineKind.SRP.value), *kept])
    before = list(current.positions.all())
    added = [p for p in positions if p.code not in {b.code for b in before}]
    removed = [b for b in before if b.code not in {p.code for p in positions}]
    previous_cbs = central_data_updates.cbs_snapshot(vehicle, added)
    central_data_updates.reset_cbs(vehicle, added, current.maintenance_date, now)
    central_data_updates.restore_cbs(correction, removed, now)
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
    entry_corrected.send(sender=ServiceEntry, entry=correction, replaced=current)
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
    central_data_updates.restore_central_mileage(current, now)
    central_data_updates.restore_cbs(current, list(current.positions.all()), now)
    entry_cancelled.send(sender=ServiceEntry, entry=current)
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
    entry_transferred.send(sender=ServiceEntry, entry=current)
    return current
