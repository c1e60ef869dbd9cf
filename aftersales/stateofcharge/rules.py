"""The plausibility rules of a battery reading, for the form and the API alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.rules import parse_mileage

from . import codes
from .models import BatteryType

FUTURE_TOLERANCE = timedelta(minutes=10)
# No high-voltage battery of a car was read before this; earlier is a typing error.
EARLIEST_READING = datetime(2000, 1, 1, tzinfo=UTC)
MAX_CYCLE_COUNT = 100_000
MAX_CELL_VOLTAGE_SPREAD_MV = 5_000


@dataclass(frozen=True)
class ReadingIn:
    read_at: datetime
    mileage: str | int
    soc_percent: Decimal
    soh_percent: Decimal
    usable_capacity_kwh: Decimal
    cycle_count: int
    cell_voltage_spread_mv: int
    temperature_c: Decimal
    tool: str = ""


def reading_time(moment: datetime) -> datetime:
    """The time of a reading with its zone: one sent without (the API allows it) is the
    portal's local time, as a typed one is."""
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def check_reading(reading: ReadingIn, *, battery: BatteryType | None, now: datetime) -> int:
    """Refuses what cannot be true (SOC-000x, IPL-0051); returns the mileage in km."""
    if battery is None:
        raise RuleViolation(codes.NO_BATTERY, _("This vehicle has no known high-voltage battery."))
    read_at = reading_time(reading.read_at)
    if read_at < EARLIEST_READING:
        raise RuleViolation(
            codes.VALUE_OUT_OF_RANGE,
            _("The time of the reading is not plausible."),
            field="read_at",
        )
    if read_at > now + FUTURE_TOLERANCE:
        raise RuleViolation(
            codes.TIME_IN_FUTURE, _("The time of the reading lies in the future."), field="read_at"
        )
    km = parse_mileage(str(reading.mileage))
    if not Decimal(0) <= reading.soh_percent <= Decimal(100):
        raise RuleViolation(
            codes.HEALTH_OUT_OF_RANGE,
            _("The state of health must be between 0 and 100 %."),
            field="soh_percent",
        )
    if not Decimal(0) <= reading.soc_percent <= Decimal(100):
        raise RuleViolation(
            codes.CHARGE_OUT_OF_RANGE,
            _("The state of charge must be between 0 and 100 %."),
            field="soc_percent",
        )
    if reading.usable_capacity_kwh < 0 or reading.cycle_count < 0:
        field = "usable_capacity_kwh" if reading.usable_capacity_kwh < 0 else "cycle_count"
        raise RuleViolation(
            codes.VALUE_OUT_OF_RANGE, _("This value cannot be negative."), field=field
        )
    if reading.cell_voltage_spread_mv < 0:
        raise RuleViolation(
            codes.VALUE_OUT_OF_RANGE,
            _("This value cannot be negative."),
            field="cell_voltage_spread_mv",
        )
    if reading.cycle_count > MAX_CYCLE_COUNT:
        raise RuleViolation(
            codes.VALUE_OUT_OF_RANGE,
            _("A battery has at most %(count)s charge cycles.") % {"count": MAX_CYCLE_COUNT},
            field="cycle_count",
        )
    if reading.cell_voltage_spread_mv > MAX_CELL_VOLTAGE_SPREAD_MV:
        raise RuleViolation(
            codes.VALUE_OUT_OF_RANGE,
            _("The cell voltage spread is at most %(mv)s mV.") % {"mv": MAX_CELL_VOLTAGE_SPREAD_MV},
            field="cell_voltage_spread_mv",
        )
    if not Decimal(-40) <= reading.temperature_c <= Decimal(80):
        raise RuleViolation(
            codes.VALUE_OUT_OF_RANGE,
            _("The temperature must be between -40 and 80 °C."),
            field="temperature_c",
        )
    if reading.usable_capacity_kwh > battery.nominal_capacity_kwh:
        raise RuleViolation(
            codes.CAPACITY_ABOVE_NOMINAL,
            _("The usable capacity is above the battery's nominal %(nominal)s kWh.")
            % {"nominal": battery.nominal_capacity_kwh},
            field="usable_capacity_kwh",
        )
    return km
