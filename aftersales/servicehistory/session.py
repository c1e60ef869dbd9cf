"""The work in progress of one order (positions, mileage, date, removed lines, comment), kept in
the session per VIN so that nothing typed is lost between the steps, on errors, or when the user
looks at another tab in between."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

KEY = "servicehistory.orders"
MAX_ORDERS = 10  # VINs kept per session; the oldest order is dropped first

EMPTY: dict[str, Any] = {
    "positions": [],
    "mileage": "",
    "maintenance_date": "",
    "confirm_mileage_jump": False,
    "removed": [],
    "comment": "",
    "last_entry_id": None,
}


def order_get(request: HttpRequest, vin: str) -> dict[str, Any]:
    stored = request.session.get(KEY, {}).get(vin, {})
    return {**EMPTY, **stored}


def order_save(request: HttpRequest, vin: str, **changes: Any) -> dict[str, Any]:
    orders: dict[str, dict[str, Any]] = dict(request.session.get(KEY, {}))
    order = {**EMPTY, **orders.pop(vin, {}), **changes}
    orders[vin] = order
    while len(orders) > MAX_ORDERS:
        orders.pop(next(iter(orders)))
    request.session[KEY] = orders
    return order


def order_finish(request: HttpRequest, vin: str, *, entry_id: int) -> None:
    """After storing: the order starts afresh, the stored entry stays printable."""
    order_save(request, vin, **{**EMPTY, "last_entry_id": entry_id})
