"""Reads of State of charge: the battery type of a vehicle, its readings, the health trend and
its warning, and the charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from aftersales.vehicles.models import Vehicle

from .chart import Chart, health_chart
from .models import BatteryReading, BatterySettings, BatteryType

APPLICATION_SLUG = "state-of-charge"
# The trend needs readings at least this many days apart.
MIN_TREND_DAYS = 90


def battery_type_for(vehicle: Vehicle) -> BatteryType | None:
    """The vehicle's high-voltage battery by series and engine type (battery_type_unique)."""
    return BatteryType.objects.filter(
        series=vehicle.series, engine_type=vehicle.engine_type
    ).first()


def readings_of(vehicle: Vehicle) -> list[BatteryReading]:
    """Oldest first (battery_reading_vehicle_idx)."""
    return list(
        BatteryReading.objects.filter(vehicle=vehicle)
        .select_related("organisation")
        .order_by("read_at", "id")
    )


@dataclass(frozen=True)
class Trend:
    per_year: Decimal  # state of health lost per year (positive: it drops)
    days: int
    warning: bool
    threshold: Decimal


def health_trend(readings: list[BatteryReading]) -> Trend | None:
    """The state of health lost per year: the least-squares slope over the readings; None with
    readings spanning less than MIN_TREND_DAYS."""
    if len(readings) < 2:
        return None
    first, last = readings[0].read_at, readings[-1].read_at
    days = (last - first).days
    if days < MIN_TREND_DAYS:
        return None
    xs = [(r.read_at - first).total_seconds() / 86400 / 365.25 for r in readings]
    ys = [float(r.soh_percent) for r in readings]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    per_year = Decimal(str(round(-slope, 1)))
    threshold = BatterySettings.current().soh_drop_warning_per_year
    return Trend(per_year=per_year, days=days, warning=per_year > threshold, threshold=threshold)


def _date_label(x: float) -> str:
    return datetime.fromtimestamp(x, tz=UTC).strftime("%Y-%m")


def _km_label(x: float) -> str:
    return f"{number_format(int(round(x, -2)), force_grouping=True)} km"


def health_charts(readings: list[BatteryReading]) -> list[Chart]:
    """State of health over time and over mileage (none below two readings)."""
    over_time = health_chart(
        _("State of health over time"),
        [(r.read_at.timestamp(), float(r.soh_percent)) for r in readings],
        x_label=_date_label,
    )
    over_km = health_chart(
        _("State of health over mileage"),
        [(float(r.mileage_km), float(r.soh_percent)) for r in readings],
        x_label=_km_label,
    )
    return [chart for chart in (over_time, over_km) if chart is not None]
