"""Demo credits, tickets and price lists for Motorhjørnet ApS; idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.catalogue.models import Application

from . import services
from .models import LedgerEntry, Price, PriceList, Ticket, TicketProduct, TopUpRequest

UNITS = [
    ("hour", "1 hour", "1 time"),
    ("day", "1 day", "1 dag"),
    ("month", "1 month", "1 måned"),
    ("year", "1 year", "1 år"),
]
# (key, English name, Danish name, application slugs, prices per unit now, prices from next year)
FAMILIES = [
    (
        "diagnosis",
        "Diagnosis incl. Information research",
        "Diagnose inkl. informationssøgning",
        ["diagnosis", "information-research"],
        [18, 60, 480, 4800],
        [19, 63, 500, 4900],
    ),
    (
        "information-research",
        "Information research",
        "Informationssøgning",
        ["information-research"],
        [8, 25, 200, 2000],
        [8, 26, 210, 2100],
    ),
    (
        "epc",
        "Electronic Parts Catalogue",
        "Elektronisk reservedelskatalog",
        ["electronic-parts-catalogue"],
        [5, 15, 90, 900],
        [5, 15, 95, 950],
    ),
    (
        "programming",
        "Programming",
        "Programmering",
        ["programming"],
        [30, 95, 750, 7500],
        [32, 99, 780, 7800],
    ),
    (
        "service-information",
        "Service information package",
        "Serviceinformationspakke",
        [
            "emissions-test-nominal-values",
            "state-of-charge",
            "commercial-service-data",
            "emission-relevant-fault-codes",
            "keyreader",
            "technical-campaigns",
            "workshop-equipment",
        ],
        [4, 12, 75, 750],
        [4, 12, 75, 750],
    ),
]

# The German names: the family's, then the validity's.
FAMILIES_DE = {
    "diagnosis": "Diagnose inkl. Informationsrecherche",
    "information-research": "Informationsrecherche",
    "epc": "Elektronischer Teilekatalog",
    "programming": "Programmierung",
    "service-information": "Serviceinformationspaket",
}
UNITS_DE = {"hour": "1 Stunde", "day": "1 Tag", "month": "1 Monat", "year": "1 Jahr"}


def _products() -> dict[str, TicketProduct]:
    products: dict[str, TicketProduct] = {}
    position = 0
    for key, name, name_da, slugs, _now, _next in FAMILIES:
        applications = list(Application.objects.filter(slug__in=slugs))
        for unit, label, label_da in UNITS:
            position += 1
            product, _ = TicketProduct.objects.get_or_create(
                name=f"{name}, {label}",
                defaults={
                    "name_da": f"{name_da}, {label_da}",
                    "validity_unit": unit,
                    "validity_count": 1,
                    "position": position,
                },
            )
            if not product.name_de:  # products of a demo loaded before German came
                product.name_de = f"{FAMILIES_DE[key]}, {UNITS_DE[unit]}"
                product.save(update_fields=["name_de"])
            product.applications.add(*applications)
            products[f"{key}:{unit}"] = product
    return products


def _price_list(
    name: str, valid_from: date, note: str, products: dict[str, TicketProduct], column: int
) -> PriceList:
    price_list, created = PriceList.objects.get_or_create(
        valid_from=valid_from, defaults={"name": name, "note": note}
    )
    if created:
        for key, *_rest, now_prices, next_prices in FAMILIES:
            prices = now_prices if column == 0 else next_prices
            for (unit, *_labels), credits in zip(UNITS, prices, strict=True):
                Price.objects.create(
                    price_list=price_list, product=products[f"{key}:{unit}"], credits=credits
                )
    return price_list


def load() -> str:
    today = clock.today()
    products = _products()
    # In force since 1 January, or since the year before when the demo's history needs it.
    year = today.year if (today - date(today.year, 1, 1)).days > 60 else today.year - 1
    _price_list(
        f"Price list {year}",
        date(year, 1, 1),
        "There is no price increase with the introduction of credits.",
        products,
        0,
    )
    _price_list(
        f"Price list {today.year + 1}",
        date(today.year + 1, 1, 1),
        "Announced: the new prices apply from 1 January.",
        products,
        1,
    )
    workshop = Organisation.objects.filter(vat_number="DK13585628").first()
    admin = User.objects.filter(email="motorhj@mail.dk").first()
    operator = User.objects.filter(email="operator@aftersales.local").first()
    if workshop is None or admin is None or operator is None:
        return f"{TicketProduct.objects.count()} ticket products (no demo workshop)"
    account = services.credit_account_get_or_create(organisation=workshop)
    if not account.entries.exists():
        now = clock.now()
        services.balance_convert(
            organisation=workshop,
            amount_eur=Decimal("137.34"),
            reference="old-balance",
            now=now - timedelta(days=60),
        )
        top_up = services.top_up_request(actor=admin, credits=600, now=now - timedelta(days=45))
        services.top_up_confirm(top_up=top_up, operator=operator, now=now - timedelta(days=43))
        services.top_up_request(actor=admin, credits=200, now=now - timedelta(days=1))
        services.ticket_book(
            actor=admin,
            product=products["diagnosis:day"],
            starts_at=now - timedelta(days=30),
            now=now - timedelta(days=30),
        )
        services.ticket_book(
            actor=admin,
            product=products["diagnosis:month"],
            starts_at=now - timedelta(hours=2),
            now=now - timedelta(hours=2),
        )
        # Fault codes and KeyReader are in the service information package.
        services.ticket_book(
            actor=admin,
            product=products["service-information:month"],
            starts_at=now - timedelta(hours=2),
            now=now - timedelta(hours=2),
        )
    account.refresh_from_db()
    return (
        f"{TicketProduct.objects.count()} ticket products, {PriceList.objects.count()} price "
        f"lists, balance {account.balance} credits, "
        f"{Ticket.objects.filter(organisation=workshop).count()} tickets, "
        f"{TopUpRequest.objects.count()} top-ups, {LedgerEntry.objects.count()} ledger entries"
    )
