"""Order lines and their one total; the labour price per FRU."""

from __future__ import annotations

from decimal import Decimal

from aftersales.accounts.models import Organisation
from aftersales.orders.lines import Order, OrderLine
from aftersales.orders.pricing import labour_price_per_fru_gross


def line(
    quantity: str, price: str | None, *, removed: bool = False, unit: str = "FRU"
) -> OrderLine:
    return OrderLine(
        kind="SRP",
        number=f"00 00 {quantity}",
        description="x",
        quantity=Decimal(quantity),
        unit=unit,
        unit_price_gross=Decimal(price) if price is not None else None,
        removed=removed,
    )


def fru_price(rate: str | None, country: str = "DK") -> Decimal | None:
    organisation = Organisation(
        country=country, labour_rate_per_hour=Decimal(rate) if rate else None
    )
    return labour_price_per_fru_gross(organisation)


def test_it_prices_fru_at_a_twelfth_of_the_hourly_rate_plus_vat() -> None:
    # 3 FRU x 65.00 = 195.00 net, + 25 % Danish VAT
    assert line("3", str(fru_price("780.00"))).gross_amount == Decimal("243.75")


def test_it_uses_the_vat_of_the_organisations_country() -> None:
    assert line("2", str(fru_price("120.00", "DE"))).gross_amount == Decimal("23.80")


def test_it_shows_no_price_without_a_labour_rate() -> None:
    assert fru_price(None) is None


def test_it_rounds_the_amount_once_from_the_exact_unit_price() -> None:
    # 775 / 12 = 64.58333… net per FRU; 3 FRU + 25 % = 242.1875 -> 242.19 (half up, once)
    price = fru_price("775.00")
    assert price is not None and price != price.quantize(Decimal("0.01"))
    assert line("3", str(price)).gross_amount == Decimal("242.19")


def test_it_rounds_half_up_to_the_cent() -> None:
    assert line("1", "0.125").gross_amount == Decimal("0.13")


def test_it_totals_the_kept_lines_only() -> None:
    order = Order([line("3", "81.25"), line("2", "81.25", removed=True)])
    assert order.total_gross == Decimal("243.75")


def test_it_has_no_total_when_a_kept_line_has_no_price() -> None:
    assert Order([line("3", "81.25"), line("2", None)]).total_gross is None


def test_it_sums_only_fru_lines_into_the_fru_total() -> None:
    order = Order([line("3", "1"), line("2", "1"), line("4", "9.90", unit="pcs")])
    assert order.total_fru == Decimal("5")
