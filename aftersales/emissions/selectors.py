"""Reads of Emissions test nominal values: the values that apply to a vehicle (with the source
of each), the OBD state of the latest fault memory report, the workshop's tests, the one scoping
helper for tests reached by id (another organisation's test is a 404), the test interval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.http import Http404
from django.utils.translation import gettext as _

from aftersales.accounts.models import Organisation, User
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import CbsPosition, Vehicle

from . import codes
from .models import DueInterval, EmissionsTest, LegalLimit, NominalValues
from .quantities import Fuel, quantities_for
from .rules import LEGAL, MANUFACTURER, Bound, Nominal, ObdState

APPLICATION_SLUG = "emissions-test-nominal-values"
CBS_POSITION_CODE = "statutory_emissions_test"
# A fault memory report older than this does not speak for the vehicle's state at the test.
OBD_REPORT_MAX_AGE = timedelta(days=7)


@dataclass(frozen=True)
class VehicleValues:
    """What applies to one vehicle: its row of the catalogue, the legal limits of its fuel and
    date, each quantity's nominal value, and whether the OBD check is part of the test."""

    vehicle: Vehicle
    row: NominalValues
    legal: LegalLimit | None
    nominals: list[Nominal]
    obd_check: bool
    obd_check_source: str  # MANUFACTURER, LEGAL or ""

    @property
    def fuel(self) -> str:
        return self.row.fuel

    @property
    def fuel_label(self) -> str:
        return str(Fuel(self.row.fuel).label)


def nominal_values_for(*, vehicle: Vehicle) -> NominalValues | None:
    """The narrowest row of the vehicle's engine valid for it (one query)."""
    # Uses emissions_nominal_engine_idx.
    rows = [
        row
        for row in NominalValues.objects.filter(engine_type=vehicle.engine_type.upper())
        if row.applies_to(vehicle)
    ]
    rows.sort(key=lambda row: (-row.specificity, row.variant))
    return rows[0] if rows else None


def registration_day(vehicle: Vehicle) -> date:
    return vehicle.first_registration_date or vehicle.production_date


def legal_limit_for(*, fuel: str, day: date) -> LegalLimit | None:
    """The legal limits of a fuel for a vehicle first registered on `day` (the latest period
    that covers it)."""
    rows = [row for row in LegalLimit.objects.filter(fuel=fuel) if row.applies_on(day)]
    rows.sort(key=lambda row: row.registered_from or date.min, reverse=True)
    return rows[0] if rows else None


def _bound(row: NominalValues, legal: LegalLimit | None, name: str) -> Bound:
    value = getattr(row, name)
    if value is not None:
        return Bound(value, MANUFACTURER)
    legal_value = getattr(legal, name) if legal is not None else None
    if legal_value is not None:
        return Bound(legal_value, LEGAL)
    return Bound(None, "")


def vehicle_values(*, vehicle: Vehicle) -> VehicleValues:
    """The nominal values of the vehicle; EMT-0004 when the catalogue has none for its engine."""
    row = nominal_values_for(vehicle=vehicle)
    if row is None:
        raise RuleViolation(
            codes.NO_NOMINAL_VALUES,
            _(
                "The catalogue has no nominal values for the engine %(engine)s of this vehicle: "
                "it has no emissions test here (an electric vehicle has none)."
            )
            % {"engine": vehicle.engine_type},
        )
    legal = legal_limit_for(fuel=row.fuel, day=registration_day(vehicle))
    nominals = []
    for quantity in quantities_for(row.fuel):
        if quantity.is_range:
            low = _bound(row, legal, quantity.bound_fields[0])
            high = _bound(row, legal, quantity.bound_fields[1])
        else:
            low, high = Bound(None), _bound(row, legal, quantity.bound_fields[0])
        nominals.append(
            Nominal(quantity, low, high, legal_name=legal.name if legal is not None else "")
        )
    if row.obd_check is not None:
        obd_check, source = row.obd_check, MANUFACTURER
    elif legal is not None and legal.obd_check is not None:
        obd_check, source = legal.obd_check, LEGAL
    else:
        obd_check, source = False, ""
    return VehicleValues(vehicle, row, legal, nominals, obd_check, source)


@dataclass(frozen=True)
class ReportObd:
    """The OBD state a fault memory report gives (Emission-relevant fault codes)."""

    report_id: int
    read_at: datetime
    state: ObdState
    summary: str  # "ready for an emissions test" / "not ready: MIL on; ..."


def obd_from_report(
    *, organisation: Organisation | None, vehicle: Vehicle, now: datetime
) -> ReportObd | None:
    """The workshop's latest fault memory report of the vehicle, read within
    OBD_REPORT_MAX_AGE, where the Emission-relevant fault codes application exists."""
    if organisation is None or not apps.is_installed("aftersales.faultcodes"):
        return None
    from aftersales.faultcodes.rules import emissions_test_readiness
    from aftersales.faultcodes.selectors import fault_reports_for

    reports = fault_reports_for(organisation=organisation, vehicle=vehicle)
    if not reports or reports[0].read_at < now - OBD_REPORT_MAX_AGE:
        return None
    latest = reports[0]
    readiness = emissions_test_readiness(mil_on=latest.mil_on, readiness=latest.readiness)
    return ReportObd(
        report_id=latest.pk,
        read_at=latest.read_at,
        state=ObdState(ready=not readiness.incomplete, mil_on=latest.mil_on),
        summary=readiness.summary(),
    )


def emissions_tests_for(
    *, organisation: Organisation | None, vehicle: Vehicle
) -> list[EmissionsTest]:
    """The organisation's tests of one vehicle, newest first (one query)."""
    if organisation is None:
        return []
    # Uses emissions_test_vehicle_org_idx (vehicle, organisation, tested_at DESC).
    return list(
        EmissionsTest.objects.filter(vehicle=vehicle, organisation=organisation).order_by(
            "-tested_at", "-id"
        )
    )


def emissions_test_get(*, actor: User, test_id: int) -> EmissionsTest:
    """A test by id, if the actor's organisation recorded it; Http404 for everyone else."""
    test = None
    if actor.organisation_id is not None:
        test = (
            EmissionsTest.objects.filter(pk=test_id, organisation_id=actor.organisation_id)
            .select_related("vehicle", "organisation", "created_by")
            .first()
        )
    if test is None:
        raise Http404(_("No emissions test found."))
    return test


def test_interval_months(*, country: str) -> tuple[int | None, str]:
    """The months until the next test after a passed one: the operator's setting for the
    country, else the CBS position's own interval; with where it came from."""
    setting = DueInterval.objects.filter(country=country.upper()).first()
    if setting is not None:
        return setting.months, country.upper()
    position = CbsPosition.objects.filter(code=CBS_POSITION_CODE).first()
    if position is not None and position.interval_months:
        return position.interval_months, ""
    return None, ""
