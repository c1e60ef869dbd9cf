from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from django import template
from django.utils.formats import number_format

from aftersales.orders.lines import Unit

register = template.Library()


class HasQuantity(Protocol):
    quantity: Decimal
    unit: str


@register.filter
def quantity(line: HasQuantity) -> str:
    """ "3 FRU", "2 pcs", "1.5 l": a stored line or an order line, without trailing zeros."""
    value = line.quantity.normalize()
    places = max(0, -value.as_tuple().exponent)  # type: ignore[operator]  # never 'n'/'F' here
    unit = Unit(line.unit).label if line.unit in Unit.values else line.unit
    return f"{number_format(value, decimal_pos=places)} {unit}"
