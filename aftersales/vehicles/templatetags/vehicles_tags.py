"""Template pieces of the vehicles app that other applications' screens include."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from ..chart import mileage_chart
from ..models import Vehicle
from ..selectors import mileage_readings_of

register = template.Library()


@register.inclusion_tag("vehicles/_mileage_readings.html")
def mileage_readings(vehicle: Vehicle) -> dict[str, Any]:
    """The vehicle's odometer readings: the chart and the table, flags and explanations."""
    readings = mileage_readings_of(vehicle=vehicle)
    return {"readings": readings, "chart": mileage_chart(readings)}


@register.simple_tag(takes_context=True)
def vehicle_history_sections(context: template.Context, vehicle: Vehicle) -> str:
    """What other applications add to the vehicle's central data (vehicles/sections.py)."""
    from django.template.loader import render_to_string

    from ..sections import vehicle_sections

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    parts = [
        render_to_string(section.template, {**section.context, "vehicle": vehicle}, request)
        for section in vehicle_sections(vehicle=vehicle, user=user)
    ]
    return mark_safe("".join(parts))  # noqa: S308 (rendered templates, escaped there)
