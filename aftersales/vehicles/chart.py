"""The mileage chart: odometer readings over time as a server-rendered SVG (no script).

`mileage_chart` turns readings into plot coordinates and axis ticks; the template
`vehicles/_mileage_chart.html` draws them. The line joins the readings that count (not
withdrawn) in time order; flagged readings are red dots, explained ones amber, withdrawn ones
hollow grey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import number_format

from .models import MileageReading

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 14, 34


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    state: str  # ok, flagged, explained, withdrawn
    reading: MileageReading


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class MileageChart:
    points: list[ChartPoint]
    line: str  # the polyline's "x,y x,y ..."
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM


def _nice_step(top: int, ticks: int = 5) -> int:
    raw = max(top / ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _state(reading: MileageReading) -> str:
    if reading.withdrawn_at is not None:
        return "withdrawn"
    if reading.lower_than_id is not None:
        return "explained" if reading.explained_at else "flagged"
    return "ok"


def mileage_chart(readings: Sequence[MileageReading]) -> MileageChart | None:
    """Coordinates for the readings (in read order); None without any reading."""
    if not readings:
        return None
    times = [r.read_at.timestamp() for r in readings]
    first, last = min(times), max(times)
    if last - first < 86_400 * 30:  # one reading or one month: show a year around it
        first, last = first - 86_400 * 183, last + 86_400 * 183
    step = _nice_step(max(r.mileage_km for r in readings) or 1)
    top_km = step * (math.ceil(max(r.mileage_km for r in readings) / step) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(ts: float) -> float:
        return round(LEFT + (ts - first) / (last - first) * plot_w, 1)

    def y_of(km: int) -> float:
        return round(TOP + plot_h - km / top_km * plot_h, 1)

    points = [
        ChartPoint(x_of(ts), y_of(r.mileage_km), _state(r), r)
        for ts, r in zip(times, readings, strict=True)
    ]
    line = " ".join(f"{p.x},{p.y}" for p in points if p.state != "withdrawn")
    y_ticks = [
        Tick(y_of(km), number_format(km, force_grouping=True)) for km in range(0, top_km + 1, step)
    ]
    tz = timezone.get_current_timezone()
    start_year = datetime.fromtimestamp(first, tz).year + 1
    end_year = datetime.fromtimestamp(last, tz).year
    years = list(range(start_year, end_year + 1))
    every = next(n for n in (1, 2, 5, 10, 20) if len(years) / n <= 8)
    x_ticks = [
        Tick(x_of(datetime(year, 1, 1, tzinfo=tz).timestamp()), str(year))
        for year in years
        if year % every == 0
    ]
    return MileageChart(points=points, line=line, x_ticks=x_ticks, y_ticks=y_ticks)
