"""The one function that builds an order from a draft: `order_build`.

Pages (Order base), the API (order base and stored entries), the PDFs and the demo data all call
it. Lines come from line sources: Service history contributes the SRP lines of the selected CBS
positions; other applications register a source for their kind of line (campaign work, labour
operations, parts) in their AppConfig.ready() with `line_source_register`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import translation

from aftersales import clock

from .drafts import OrderDraft
from .lines import Order, OrderLine

if TYPE_CHECKING:
    from aftersales.accounts.models import Organisation
    from aftersales.vehicles.models import Vehicle


@dataclass(frozen=True)
class OrderContext:
    organisation: Organisation | None  # prices come from its labour rate and country
    vehicle: Vehicle
    draft: OrderDraft
    today: date
    language: str


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
) -> Order:
    context = OrderContext(
        organisation=organisation,
        vehicle=vehicle,
        draft=draft,
        today=today or clock.today(),
        language=translation.get_language() or "en",
    )
    lines = [line for source in _SOURCES.values() for line in source(context)]
    removed = set(draft.removed)
    for line in lines:
        line.removed = line.key in removed
    return Order(lines=lines)
