"""Writes of Emissions test nominal values: recording a test (and, when it passes, moving the
vehicle's CBS position "Statutory emissions test" to its next due date), and the operator's
nominal values (back office and imports). Every rule is in rules.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.certificates.services import certificate_create
from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.cbs import add_months
from aftersales.servicehistory.rules import parse_mileage
from aftersales.vehicles.models import CbsPosition, Vehicle, VehicleCbsStatus
from aftersales.vehicles.services import mileage_reading_record

from . import certificate, codes, rules
from .models import EmissionsTest, NominalValues
from .quantities import BOUND_FIELDS, BY_KEY, QUANTITIES
from .selectors import (
    CBS_POSITION_CODE,
    ReportObd,
    VehicleValues,
    obd_from_report,
    test_interval_months,
    vehicle_values,
)


@dataclass
class RecordInput:
    """A test as typed or sent: the rules parse and check every field."""

    tested_at: datetime | str | None
    mileage: str
    tester: str
    instrument_id: str
    measured: dict[str, object] = field(default_factory=dict)  # quantity key -> typed value
    obd_ready: bool | None = None  # typed; ignored when a fault memory report gives the state
    mil_on: bool | None = None


@dataclass(frozen=True)
class CheckedTest:
    values: VehicleValues
    tested_at: datetime
    mileage_km: int
    tester: str
    instrument_id: str
    measured: dict[str, Decimal | None]
    report: ReportObd | None
    obd: rules.ObdState | None
    outcome: rules.Outcome


def _require_organisation(actor: User) -> Organisation:
    if actor.organisation is None:
        raise RuleViolation(
            codes.NO_ORGANISATION, _("Only a workshop organisation can record emissions tests.")
        )
    return actor.organisation


def emissions_test_check(
    *, actor: User, vehicle: Vehicle, data: RecordInput, now: datetime | None = None
) -> tuple[CheckedTest | None, list[RuleViolation]]:
    """Runs every rule once without storing: the checked test with its outcome, or every
    violation (one per field) for a page to show next to its field."""
    now = now or clock.now()
    organisation = _require_organisation(actor)
    values = vehicle_values(vehicle=vehicle)  # EMT-0004 stops here
    errors: list[RuleViolation] = []
    parsed: dict[str, Any] = {}
    checks: dict[str, Callable[[], object]] = {
        "tested_at": lambda: rules.parse_tested_at(data.tested_at, now=now),
        "mileage_km": lambda: parse_mileage(data.mileage),
        "tester": lambda: rules.require_detail(
            data.tester, field="tester", label=_("name of the tester")
        ),
        "instrument_id": lambda: rules.require_detail(
            data.instrument_id, field="instrument_id", label=_("instrument id")
        ),
    }
    for name, check in checks.items():
        try:
            parsed[name] = check()
        except RuleViolation as violation:
            errors.append(violation)
    measured: dict[str, Decimal | None] = {}
    for nominal in values.nominals:
        quantity = nominal.quantity
        try:
            measured[quantity.key] = rules.parse_measured(quantity, data.measured.get(quantity.key))
        except RuleViolation as violation:
            errors.append(violation)
    report = obd_from_report(organisation=organisation, vehicle=vehicle, now=now)
    obd: rules.ObdState | None = None
    if values.obd_check:
        if report is not None:
            obd = report.state
        elif data.obd_ready is not None and data.mil_on is not None:
            obd = rules.ObdState(ready=data.obd_ready, mil_on=data.mil_on)
    if errors:
        return None, errors
    judged = dict(measured)
    # The missing values and the OBD state: every one of them, one per field.
    for nominal in values.nominals:
        try:
            rules.evaluate(nominals=[nominal], measured=judged, obd_check=False, obd=None)
        except RuleViolation as violation:
            errors.append(violation)
    try:
        rules.evaluate(nominals=[], measured={}, obd_check=values.obd_check, obd=obd)
    except RuleViolation as violation:
        errors.append(violation)
    if errors:
        return None, errors
    outcome = rules.evaluate(
        nominals=values.nominals, measured=judged, obd_check=values.obd_check, obd=obd
    )
    checked = CheckedTest(
        values=values,
        measured=measured,
        report=report if values.obd_check else None,
        obd=obd,
        outcome=outcome,
        **parsed,
    )
    return checked, []


def _next_due(*, vehicle: Vehicle, organisation: Organisation, day: date) -> date | None:
    months, _source = test_interval_months(country=organisation.country)
    return add_months(day, months) if months else None


def _move_cbs(*, vehicle: Vehicle, due: date, now: datetime) -> None:
    """The position "Statutory emissions test" of the vehicle is due next on `due` (a later
    due date already there, from a later test, stays)."""
    position = CbsPosition.objects.filter(code=CBS_POSITION_CODE).first()
    if position is None:
        return
    status = (
        VehicleCbsStatus.objects.select_for_update()
        .filter(vehicle=vehicle, cbs_position=position)
        .first()
    )
    if status is None:
        VehicleCbsStatus.objects.create(
            vehicle=vehicle, cbs_position=position, due_date=due, remaining_km=None, updated_at=now
        )
    elif status.due_date is None or status.due_date < due:
        status.due_date, status.remaining_km, status.updated_at = due, None, now
        status.save(update_fields=["due_date", "remaining_km", "updated_at"])


@transaction.atomic
def emissions_test_record(
    *, actor: User, vehicle: Vehicle, data: RecordInput, source: str, now: datetime | None = None
) -> EmissionsTest:
    """Stores a test for the actor's organisation (the first violation is raised; nothing is
    stored then). A passed test sets the vehicle's CBS position "Statutory emissions test" to
    the next due date (the interval of the workshop's country) and gets its certificate (a
    verification code anyone checks at /verify/<code>/)."""
    now = now or clock.now()
    checked, errors = emissions_test_check(actor=actor, vehicle=vehicle, data=data, now=now)
    if errors or checked is None:
        raise errors[0]
    organisation = _require_organisation(actor)
    outcome = checked.outcome
    next_due = None
    if outcome.passed:
        day = timezone.localdate(checked.tested_at)
        next_due = _next_due(vehicle=vehicle, organisation=organisation, day=day)
    report = checked.report
    if not checked.values.obd_check:
        obd_source = EmissionsTest.ObdSource.NONE
    elif report is not None:
        obd_source = EmissionsTest.ObdSource.REPORT
    else:
        obd_source = EmissionsTest.ObdSource.TYPED
    test = EmissionsTest.objects.create(
        vehicle=vehicle,
        organisation=organisation,
        created_by=actor,
        created_at=now,
        source=source,
        tested_at=checked.tested_at,
        mileage_km=checked.mileage_km,
        tester=checked.tester,
        instrument_id=checked.instrument_id,
        fuel=checked.values.fuel,
        obd_source=obd_source,
        obd_ready=checked.obd.ready if checked.obd else None,
        mil_on=checked.obd.mil_on if checked.obd else None,
        obd_report_id=report.report_id if report else None,
        obd_read_at=report.read_at if report else None,
        checks=outcome.checks,
        obd_failures=outcome.obd_failures,
        nominal_values_id_used=checked.values.row.pk,
        passed=outcome.passed,
        next_due=next_due,
        **{
            f"measured_{key}": value
            for key, value in checked.measured.items()
            if key in BY_KEY and value is not None
        },
    )
    if next_due is not None:
        _move_cbs(vehicle=vehicle, due=next_due, now=now)
    # The odometer evidence (issue 13): a lower mileage than before is flagged, never dropped.
    mileage_reading_record(
        vehicle=vehicle,
        mileage=test.mileage_km,
        source="emissions_test",
        read_at=test.tested_at,
        reference=f"emissions:{test.pk}",
        now=now,
    )
    if test.passed:
        # The certificate anyone verifies at /verify/<code>/ (aftersales/certificates).
        snapshot = certificate.snapshot_build(test=test)
        certificate_create(
            actor=actor,
            vehicle=vehicle,
            kind=certificate.KIND,
            snapshot=snapshot,
            now=now,
        )
    return test


# --- The operator's nominal values ------------------------------------------------------------


@dataclass(frozen=True)
class NominalData:
    """One row of nominal values as the back office or an import gives it (already parsed)."""

    engine_type: str
    fuel: str
    brand: str = ""
    series: str = ""
    model_code: str = ""
    produced_from: date | None = None
    produced_to: date | None = None
    bounds: dict[str, Decimal | None] = field(default_factory=dict)
    obd_check: bool | None = None
    note: str = ""

    def variant_key(self) -> str:
        row = NominalValues(
            brand=self.brand,
            series=" ".join(self.series.split()).upper(),
            model_code=" ".join(self.model_code.split()).upper(),
            produced_from=self.produced_from,
            produced_to=self.produced_to,
        )
        return row.variant_key()

    def key(self) -> tuple[str, str]:
        return " ".join(self.engine_type.split()).upper(), self.variant_key()


def nominal_check(data: NominalData) -> None:
    """EMT-0010 for an engine type missing, an unknown fuel, a range or a period reversed."""
    if not data.engine_type.strip():
        raise RuleViolation(
            codes.NOMINAL_INVALID, _("Please enter the engine type."), field="engine_type"
        )
    rules.check_nominal(fuel=data.fuel, bounds=data.bounds)
    if data.produced_from and data.produced_to and data.produced_to < data.produced_from:
        raise RuleViolation(
            codes.NOMINAL_INVALID,
            _("The production period ends before it starts."),
            field="produced_to",
        )


@transaction.atomic
def nominal_values_upsert(
    *, data: NominalData, actor: User | None, now: datetime | None = None
) -> tuple[NominalValues, str]:
    """Creates or updates the row of engine + variant: "created", "updated" or "unchanged"."""
    nominal_check(data)
    engine, variant = data.key()
    row = (
        NominalValues.objects.select_for_update()
        .filter(engine_type=engine, variant=variant)
        .first()
    )
    wanted: dict[str, Any] = {
        "fuel": data.fuel,
        "obd_check": data.obd_check,
        "note": data.note[:200],
        **{name: data.bounds.get(name) for name in BOUND_FIELDS},
    }
    if row is None:
        row = NominalValues(
            engine_type=engine,
            brand=data.brand,
            series=data.series,
            model_code=data.model_code,
            produced_from=data.produced_from,
            produced_to=data.produced_to,
            updated_by=actor,
            updated_at=now or clock.now(),
            **wanted,
        )
        row.save()
        return row, "created"
    if all(getattr(row, name) == value for name, value in wanted.items()):
        return row, "unchanged"
    for name, value in wanted.items():
        setattr(row, name, value)
    row.updated_by, row.updated_at = actor, now or clock.now()
    row.save()
    return row, "updated"


def quantity_fields() -> list[str]:
    """The bound fields in the order of the quantities (forms and the import's columns)."""
    return [name for quantity in QUANTITIES for name in quantity.bound_fields]
