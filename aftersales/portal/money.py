"""Money: Decimal, never float, and one rounding rule for every amount the portal shows or stores.

Every amount in EUR (prices, VAT, totals, invoice amounts) is rounded half up to the cent with
`to_cent`, once, where it is computed: a line's gross amount from its quantity and unit price, a
VAT amount from its net. Sums of rounded amounts need no further rounding.

The one exception is a rule of the business, not of arithmetic: converting a euro balance into
credits rounds up in the workshop's favour (`credits_from_euros`, 5.34 EUR -> 6 credits).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cent(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def gross_from_net(net: Decimal, *, vat_percent: Decimal) -> Decimal:
    return to_cent(net * (1 + vat_percent / 100))


def vat_of_net(net: Decimal, *, vat_percent: Decimal) -> Decimal:
    return to_cent(net * vat_percent / 100)


def credits_from_euros(amount: Decimal) -> int:
    return int(amount.to_integral_value(rounding=ROUND_CEILING))
