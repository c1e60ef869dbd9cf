"""What every vehicle screen of Service history shares: the header, the tab groups, CBS rows."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from aftersales import clock
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import cbs_positions_for, vehicle_cbs_status

from ..cbs import cbs_state, position_label
from ..forms import VinForm

ORDER_TABS = ("service_data", "order_base")


def screen(
    request: AuthenticatedHttpRequest, vehicle: Vehicle, tab: str, **extra: Any
) -> dict[str, Any]:
    """The VIN entry, the vehicle header, the notices of other applications (open campaigns)
    and the two tab groups of every vehicle screen."""
    return {
        "vehicle": vehicle,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user),
        "tab": tab,
        "vin_form": VinForm(initial={"vin": vehicle.vin}),
        "group": "order" if tab in ORDER_TABS else "central",
        **extra,
    }


def cbs_rows(vehicle: Vehicle) -> list[dict[str, Any]]:
    status = vehicle_cbs_status(vehicle=vehicle)
    today = clock.today()
    return [
        {"position": position, "state": cbs_state(status.get(position.pk), today=today)}
        for position in cbs_positions_for(vehicle=vehicle)
    ]


def position_choices(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(row["position"].code, position_label(row["position"])) for row in rows]


def history_url(vehicle: Vehicle, *, stored: int | None = None) -> str:
    url = reverse("servicehistory:history", kwargs={"vin": vehicle.vin})
    return f"{url}?stored={stored}#entry-{stored}" if stored else url
