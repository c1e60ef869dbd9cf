"""Reference data: the ticket products of the applications and a first price list, in force
from the day it is loaded (manage.py load_reference_data). Products are created only when
missing; the price list only when there is none at all: the operator's prices are never
touched. Review the prices in the back office (Billing → Price lists) before opening."""

from __future__ import annotations

from aftersales import clock

from .demo import _price_list, _products
from .models import PriceList, TicketProduct


def load() -> str:
    products = _products()
    if not PriceList.objects.exists():
        today = clock.today()
        _price_list(
            f"Price list {today.year}",
            today,
            "The first price list of this portal.",
            products,
            0,
        )
    return (
        f"{TicketProduct.objects.count()} ticket products, {PriceList.objects.count()} price lists"
    )
