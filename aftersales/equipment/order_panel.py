"""The order base's panel "Special tools": the tools the order's work needs (the `tools` of its
lines, named by the labour operations of Commercial Service Data), each with whether the
workshop has it. A tool it lacks is a warning, never a block: "Special tool … required, not in
your inventory", with a link to request it when the user may start Workshop equipment."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse

from aftersales.catalogue.access import application_access
from aftersales.catalogue.selectors import application_find
from aftersales.orders.lines import Order
from aftersales.orders.selectors import OrderPanel

from .selectors import APPLICATION_SLUG, required_tools

if TYPE_CHECKING:
    from aftersales.accounts.models import User
    from aftersales.vehicles.models import Vehicle


def may_request(user: User) -> bool:
    application = application_find(slug=APPLICATION_SLUG)
    return (
        application is not None and application_access(user=user, application=application).allowed
    )


def request_url(numbers: list[str], vin: str = "") -> str:
    """The request form pre-filled with these tools for this vehicle."""
    query = urlencode([("tool", number) for number in numbers] + ([("vin", vin)] if vin else []))
    return f"{reverse('equipment:request_new')}?{query}"


def order_needs(order: Order) -> list[tuple[str, str]]:
    """(tool number, line number) of every tool the kept lines need."""
    return [(tool, line.number) for line in order.active_lines for tool in line.tools]


def special_tools_panel(order: Order, vehicle: Vehicle, user: User) -> OrderPanel | None:
    needs = order_needs(order)
    if not needs:
        return None
    tools = required_tools(needs=needs, organisation=user.organisation)
    requestable = [entry.number for entry in tools if entry.missing and entry.requestable]
    rows = [
        {
            "entry": entry,
            "request_url": request_url([entry.number], vehicle.vin)
            if entry.missing and entry.requestable
            else "",
        }
        for entry in tools
    ]
    return OrderPanel(
        template="equipment/_order_panel.html",
        pdf_template="equipment/pdf/_order_panel.html",
        context={
            "rows": rows,
            "missing": [entry for entry in tools if entry.missing],
            "request_all_url": request_url(requestable, vehicle.vin)
            if len(requestable) > 1
            else "",
            "may_request": may_request(user),
        },
    )
