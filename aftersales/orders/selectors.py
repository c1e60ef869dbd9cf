"""The one function that builds an order from a draft: `order_build`.

Pages (Order base), the API (order base and stored entries), the PDFs and the demo data all call
it. Lines come from line sources: Service history contributes the SRP lines of the selected CBS
positions; other applications register a source for their kind of line (campaign work, labour
operations, parts) in their AppConfig.ready() with `line_source_register`.

What an application wants said about an order beside its lines (the special tools the work
needs, in the workshop's inventory or not) is an `OrderPanel`, from a provider registered with
`order_panel_register`; the order base page and its PDF render the panels of `order_panels`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import translation

from aftersales import clock

from .drafts import OrderDraft
from .lines import Order, OrderLine

if TYPE_CHECKING:
    from aftersales.accounts.models import Organisation, User
    from aftersales.vehicles.models import CbsPosition, Vehicle, VehicleCbsStatus


@dataclass(frozen=True)
class OrderContext:
    organisation: Organisation | None  # prices come from its labour rate and country
    vehicle: Vehicle
    draft: OrderDraft
    today: date
    language: str
    # What the caller read of the vehicle already (storing an entry reads both for its rules):
    # the CBS positions of its type and its CBS status per position; None: read them here.
    positions: list[CbsPosition] | None = None
    cbs_status: dict[int, VehicleCbsStatus] | None = None


LineSource = Callable[[OrderContext], list[OrderLine]]
_SOURCES: dict[str, LineSource] = {}


def line_source_register(kind: str, source: LineSource) -> None:
    """One source per kind of line; the order lists the kinds in the order they registered."""
    _SOURCES[kind] = source


def order_build(
    *,
    organisation: Organisation | None,
    vehicle: Vehicle,
    draft: OrderDraft,
    today: date | None = None,
    positions: list[CbsPosition] | None = None,
    cbs_status: dict[int, VehicleCbsStatus] | None = None,
) -> Order:
    """The order of a draft. `positions` (the vehicle type's CBS positions) and `cbs_status`
    (the vehicle's status per position), when the caller has read them, are not read again."""
    context = OrderContext(
        organisation=organisation,
        vehicle=vehicle,
        draft=draft,
        today=today or clock.today(),
        language=translation.get_language() or "en",
        positions=positions,
        cbs_status=cbs_status,
    )
    lines = [line for source in _SOURCES.values() for line in source(context)]
    removed = set(draft.removed)
    for line in lines:
        line.removed = line.key in removed
    return Order(lines=lines)


@dataclass(frozen=True)
class OrderPanel:
    """A panel another application shows under an order's lines: its template is rendered with
    `panel` = `context` on the order base page, `pdf_template` (if any) in the order's PDF."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    pdf_template: str = ""


OrderPanelProvider = Callable[["Order", "Vehicle", "User"], "OrderPanel | None"]
_PANELS: list[OrderPanelProvider] = []


def order_panel_register(provider: OrderPanelProvider) -> None:
    if provider not in _PANELS:
        _PANELS.append(provider)


def order_panels(*, order: Order, vehicle: Vehicle, user: User) -> list[OrderPanel]:
    """The panels of every application for this order, as the user looking may see them."""
    panels = [provider(order, vehicle, user) for provider in _PANELS]
    return [panel for panel in panels if panel is not None]
