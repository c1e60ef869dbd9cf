"""A small parts catalogue for the tests, built directly (the importer is tested on its own)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from aftersales.accounts.models import Organisation
from aftersales.billing import services as billing_services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.models import Application
from aftersales.parts.models import (
    Hotspot,
    Illustration,
    MainGroup,
    Part,
    PartPrice,
    PartUsage,
    PriceList,
    SubGroup,
)
from aftersales.parts.validity import normalize_option_rule, validity_key

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
    b'<rect x="10" y="10" width="100" height="50" fill="#eee"/></svg>'
)


def grant_epc(organisation: Organisation) -> None:
    product, _ = TicketProduct.objects.get_or_create(
        name="EPC, 1 day", defaults={"validity_unit": "day", "validity_count": 1}
    )
    product.applications.set(Application.objects.filter(slug="electronic-parts-catalogue"))
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="Tests"
    )


def make_part(number: str, description: str = "", **fields: Any) -> Part:
    part, _ = Part.objects.get_or_create(
        number=number,
        defaults={"description": description or f"Part {number}", **fields},
    )
    return part


def make_illustration(
    number: str = "11_4030",
    *,
    main: str = "11",
    subgroup: str = "11 42",
    title: str = "Oil filter",
    hotspots: dict[str, tuple[int, int]] | None = None,
) -> Illustration:
    main_group, _ = MainGroup.objects.get_or_create(
        number=main, defaults={"name": f"Main group {main}", "name_da": f"Hovedgruppe {main}"}
    )
    sub, _ = SubGroup.objects.get_or_create(
        main_group=main_group, number=subgroup, defaults={"name": f"Subgroup {subgroup}"}
    )
    illustration, _ = Illustration.objects.get_or_create(
        number=number, defaults={"subgroup": sub, "title": title}
    )
    for position, (x, y) in (hotspots or {}).items():
        Hotspot.objects.get_or_create(illustration=illustration, position=position, x=x, y=y)
    return illustration


def make_row(
    illustration: Illustration,
    position: str,
    part: Part,
    *,
    quantity: str = "1",
    brand: str = "",
    series: str = "",
    model_code: str = "",
    engine: str = "",
    produced_from: date | None = None,
    produced_until: date | None = None,
    options: str = "",
    note: str = "",
    sort: int = 0,
) -> PartUsage:
    options = normalize_option_rule(options)
    return PartUsage.objects.create(
        illustration=illustration,
        position=position,
        part=part,
        quantity=Decimal(quantity),
        brand=brand,
        series=series,
        model_code=model_code,
        engine=engine,
        produced_from=produced_from,
        produced_until=produced_until,
        options=options,
        note=note,
        sort=sort,
        validity_key=validity_key(
            brand=brand,
            series=series,
            model_code=model_code,
            engine=engine,
            produced_from=produced_from,
            produced_until=produced_until,
            options=options,
        ),
    )


def make_price(
    part: Part,
    net: str,
    *,
    valid_from: date = date(2020, 1, 1),
    code: str = "EPC-EUR",
    country: str = "",
) -> PartPrice:
    price_list, _ = PriceList.objects.get_or_create(
        code=code, defaults={"name": code, "country": country}
    )
    return PartPrice.objects.create(
        price_list=price_list, part=part, valid_from=valid_from, net_price=Decimal(net)
    )


def make_catalogue() -> dict[str, Any]:
    """The walkthrough car's oil filter illustration: a row for N54, one for N47, one only with
    option S205A, one only without; the oil filter replaced through a chain; prices."""
    illustration = make_illustration(hotspots={"1": (50, 50), "2": (100, 100), "3": (150, 150)})
    old = make_part("11427508969", "Oil filter element")
    middle = make_part("11427541827", "Oil filter element set")
    current = make_part(
        "11427953129", "Oil filter element set with O-ring", description_da="Oliefiltersæt"
    )
    diesel = make_part("11428507683", "Oil filter, diesel")
    ring = make_part("11427525334", "O-ring 86x3")
    auto = make_part("24117571217", "Oil pan automatic")
    manual = make_part("83222339219", "Gearbox oil", unit="l")
    make_row(illustration, "1", middle, engine="N54", sort=1)
    make_row(illustration, "1", diesel, engine="N47", sort=2)
    make_row(illustration, "2", ring, quantity="2", sort=3)
    make_row(illustration, "3", auto, options="S205A", sort=4)
    make_row(illustration, "3", manual, quantity="1.5", options="-S205A", sort=5)
    old.replaced_by, old.successor = middle, current
    old.save()
    middle.replaced_by, middle.successor = current, current
    middle.save()
    make_price(current, "15.10")
    make_price(ring, "2.00")
    make_price(auto, "142.00")
    return {
        "illustration": illustration,
        "old": old,
        "middle": middle,
        "current": current,
        "diesel": diesel,
        "ring": ring,
        "auto": auto,
        "manual": manual,
    }
