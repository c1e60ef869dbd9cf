"""Prices of order lines from the workshop's own data (its labour rate and country's VAT)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from aftersales.accounts.vat import vat_rate

if TYPE_CHECKING:
    from aftersales.accounts.models import Organisation

FRU_PER_HOUR = 12  # 1 flat-rate unit (FRU) = 5 minutes


def labour_price_per_fru_gross(organisation: Organisation | None) -> Decimal | None:
    """The gross price of one FRU: hourly rate / 12 plus the VAT of the organisation's country.

    Kept exact (not rounded): a line's amount is rounded once, from quantity × this price.
    No organisation or no labour rate: no price."""
    if organisation is None or organisation.labour_rate_per_hour is None:
        return None
    net = Decimal(organisation.labour_rate_per_hour) / FRU_PER_HOUR
    return net * (1 + vat_rate(organisation.country) / 100)
