"""Reads of the central vehicle data that every application's pages and API rely on.

Every function runs a fixed
number of SQL queries, whatever the number of vehicles, options or entries:
- vehicle_lookup: one query (vin unique index or vin7 index); a wrong check digit on a VIN
  reads the WMI table once more.
- vehicle_get, cbs_positions_for, vehicle_cbs_status, vehicle_options: one query each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import vin as vin_rules
from .codes import VIN_MALFORMED, VIN_NOT_FOUND
from .models import CbsPosition, MileageReading, Vehicle, VehicleCbsStatus, VehicleOption

# The last 7 characters are unique within the BMW Group in practice; should they not be, at most
# this many candidates are listed (the user then enters the full VIN).
MAX_CANDIDATES = 20


@dataclass
class VehicleLookup:
    """What the VIN entry found: one vehicle, or several candidates for the last 7 characters."""

    vehicle: Vehicle | None
    candidates: list[Vehicle] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _malformed(message: str) -> RuleViolation:
    return RuleViolation(VIN_MALFORMED, message, field="vin")


def vin_validate(raw: str) -> str:
    """The normalised VIN (17 characters) or last 7 characters; RuleViolation VIN-0001 if malformed."""
    value = vin_rules.normalize_vin(raw)
    if not value:
        raise _malformed(_("Please enter the vehicle identification number."))
    if len(value) not in (vin_rules.VIN_LENGTH, vin_rules.SHORT_VIN_LENGTH):
        raise _malformed(
            _(
                "The vehicle identification number must have 17 characters, or enter its last "
                "7 characters. You entered %(count)d characters."
            )
            % {"count": len(value)}
        )
    if not vin_rules.is_vin_alphabet(value):
        raise _malformed(
            _(
                "The vehicle identification number may only contain the digits 0-9 and the "
                "letters A-Z except I, O and Q."
            )
        )
    return value


def vehicle_lookup(*, query: str) -> VehicleLookup:
    """The VIN entry: a full VIN finds its vehicle; the last 7 characters find the vehicle when
    they are unique and list the candidates when they are not.

    Raises RuleViolation VIN-0001 (422) for a malformed input and VIN-0002 (404) for a
    well-formed one that matches no vehicle; a wrong check digit on a North American VIN is a
    warning, not a refusal (the warnings also travel in the VIN-0002 error's `extra`).
    """
    value = vin_validate(query)
    warnings: list[str] = []
    if len(value) == vin_rules.VIN_LENGTH:
        warning = vin_rules.check_digit_warning(value)
        if warning:
            warnings.append(warning)
        vehicles = _by_vin(value)
    else:
        # Uses vehicle_vin7_idx; one more row than shown tells that there are more.
        vehicles = list(Vehicle.objects.filter(vin7=value).order_by("vin")[: MAX_CANDIDATES + 1])
    if not vehicles:
        raise RuleViolation(
            VIN_NOT_FOUND,
            _("The vehicle was not found."),
            field="vin",
            extra={"warnings": warnings} if warnings else None,
        )
    if len(vehicles) == 1:
        return VehicleLookup(vehicle=vehicles[0], candidates=[], warnings=warnings)
    if len(vehicles) > MAX_CANDIDATES:
        warnings.append(
            _("More than %(count)d vehicles end in %(vin7)s: please enter the full VIN.")
            % {"count": MAX_CANDIDATES, "vin7": value}
        )
    return VehicleLookup(vehicle=None, candidates=vehicles[:MAX_CANDIDATES], warnings=warnings)


def vehicle_get(*, vin: str) -> Vehicle:
    """The vehicle with this full VIN (normalised first), or Http404."""
    found = _by_vin(vin_rules.normalize_vin(vin))
    if not found:
        raise Http404("No Vehicle matches the given query.")
    return found[0]


_BY_VIN_SQL = "SELECT {} FROM {} WHERE vin = %s".format(
    ", ".join(field.column for field in Vehicle._meta.concrete_fields), Vehicle._meta.db_table
)


def _by_vin(vin: str) -> list[Vehicle]:
    """The vehicle with exactly this VIN, as a list of none or one. Hand-written (raw() still
    applies the fields' converters): every vehicle screen and API call asks it, and the ORM took
    longer to build the query than the database to answer it. Uses vehicle_vin_unique."""
    return list(Vehicle.objects.raw(_BY_VIN_SQL, [vin]))


def cbs_positions_for(*, vehicle: Vehicle) -> list[CbsPosition]:
    """The CBS positions the operator's catalogue gives this vehicle's series and engine type
    (an applicability row with an empty engine type covers the whole series), in catalogue order.
    """
    # Uses cbs_app_series_engine_idx.
    applies = Q(applicability__series=vehicle.series) & (
        Q(applicability__engine_type=vehicle.engine_type) | Q(applicability__engine_type="")
    )
    return list(CbsPosition.objects.filter(applies).distinct().order_by("position", "name", "pk"))


def vehicle_cbs_status(*, vehicle: Vehicle) -> dict[int, VehicleCbsStatus]:
    """The vehicle's CBS status per position, keyed by cbs_position_id."""
    return {
        status.cbs_position_id: status
        for status in VehicleCbsStatus.objects.filter(vehicle=vehicle)
    }


def vehicle_options(*, vehicle: Vehicle) -> list[VehicleOption]:
    """Options / retrofits: factory options first, then retrofits, each by code."""
    return list(VehicleOption.objects.filter(vehicle=vehicle).order_by("kind", "code"))


def mileage_readings_of(*, vehicle: Vehicle) -> list[MileageReading]:
    """Every odometer reading of the vehicle in the order it was read (withdrawn ones too)."""
    # Uses mileage_reading_vehicle_idx (vehicle, read_at).
    return list(
        MileageReading.objects.filter(vehicle=vehicle)
        .select_related("lower_than")
        .order_by("read_at", "id")
    )


def mileage_inconsistencies(*, vehicle: Vehicle) -> list[MileageReading]:
    """The flagged readings (lower than an earlier one), explained or not, with the reading
    each contradicts."""
    return [reading for reading in mileage_readings_of(vehicle=vehicle) if reading.is_flagged]
