"""The chart of a battery health certificate's snapshot (page and PDF)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django import template
from django.utils.translation import gettext as _

from ..chart import Chart, health_chart
from ..selectors import _date_label

register = template.Library()


@register.inclusion_tag("stateofcharge/_chart.html")
def snapshot_chart(snapshot: dict[str, Any]) -> dict[str, Chart | None]:
    points = [
        (datetime.fromisoformat(p["date"]).replace(tzinfo=UTC).timestamp(), float(p["soh"]))
        for p in snapshot.get("points", [])
    ]
    return {"chart": health_chart(_("State of health over time"), points, x_label=_date_label)}
