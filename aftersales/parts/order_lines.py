"""The parts lines of an order: one line per part the workshop added (draft items of kind PART,
with their quantity), priced from the price list in force plus the VAT of the workshop's
country. Registered as the order pipeline's source of `LineKind.PART` (see apps.py).

A part that has been superseded is put on the order as its current successor (the number that
can be delivered); the line's `reference` keeps the number that was asked for, so that the
order knows the item became this line (servicehistory.rules.require_items_known).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from aftersales.orders.lines import LineKind, OrderLine, Unit
from aftersales.orders.selectors import OrderContext
from aftersales.portal.errors import RuleViolation

from . import numbers
from .models import Part
from .rules import parse_quantity
from .selectors import gross_of, parts_by_number, prices_in_force


def _quantity(item: dict[str, str]) -> Decimal:
    try:
        return parse_quantity(item.get("quantity") or "1")
    except RuleViolation:  # a draft is the user's session; a bad value counts as 1
        return Decimal(1)


def part_lines(context: OrderContext) -> list[OrderLine]:
    items = context.draft.items_of(LineKind.PART)
    if not items:
        return []
    parts = parts_by_number(item.get("number", "") for item in items)
    wanted: dict[str, tuple[Part, Decimal]] = {}
    for item in items:
        asked = item.get("number", "")
        part = parts.get(numbers.normalize(asked))
        if part is not None:  # unknown numbers are refused when storing (SH-0080)
            wanted[asked] = (part, _quantity(item))
    deliverable = {p.successor_id or p.pk for p, _q in wanted.values()}
    net = prices_in_force(
        part_ids=deliverable, organisation=context.organisation, today=context.today
    )
    lines = []
    for number, (part, quantity) in wanted.items():
        current = part.successor if part.is_superseded and part.successor else part
        description = current.text("description", context.language)
        if current.pk != part.pk:
            description = _("%(description)s (replaces %(old)s)") % {
                "description": description,
                "old": part.display_number,
            }
        lines.append(
            OrderLine(
                kind=LineKind.PART,
                number=current.display_number,
                description=description[:200],
                quantity=quantity,
                unit=Unit.LITRE if current.unit == Part.Unit.LITRE else Unit.PIECE,
                unit_price_gross=gross_of(net.get(current.pk), context.organisation),
                reference=number,
            )
        )
    return lines
