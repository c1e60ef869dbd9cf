"""Template pieces of the vehicles app that other applications' screens include."""

from __future__ import annotations

from typing import Any

from django import template

from ..chart import mileage_chart
from ..models import Vehicle
from ..selectors import mileage_readings_of

register = template.Library()


@register.inclusion_tag("vehicles/_mileage_readings.html")
def mileage_readings(vehicle: Vehicle) -> dict[str, Any]:
    """The vehicle's odometer readings: the chart and the table, flags and explanations."""
    readings = mileage_readings_of(vehicle=vehicle)
    return {"readings": readings, "chart": mileage_chart(readings)}
