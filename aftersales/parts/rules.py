"""The rules of the parts catalogue that pages, API and imports share."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes

MAX_QUANTITY = Decimal("999")


def parse_quantity(raw: object, *, field: str = "quantity") -> Decimal:
    """A quantity of the order or of a parts row: > 0, at most 999, at most 2 decimals; a
    decimal comma is read as a point ("1,5" is 1.5)."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if (
        value is None
        or not value.is_finite()
        or value <= 0
        or value > MAX_QUANTITY
        or value != value.quantize(Decimal("0.01"))
    ):
        raise RuleViolation(
            codes.QUANTITY_INVALID,
            _(
                "The quantity “%(value)s” is invalid: enter a number greater than 0 and at most "
                "999, with at most 2 decimals."
            )
            % {"value": text[:20]},
            field=field,
        )
    return value.quantize(Decimal("0.01")).normalize() if value % 1 else value.quantize(Decimal(1))
