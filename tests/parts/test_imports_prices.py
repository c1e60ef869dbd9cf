"""BMEcat price lists (defusedxml: no DTD, no entities) and the supersessions import."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest

from aftersales.parts.imports.bmecat import bmecat_import
from aftersales.parts.imports.supersessions import supersessions_import
from aftersales.parts.models import Part, PartPrice, PriceList
from aftersales.portal.errors import RuleViolation

from .factories import make_part

pytestmark = pytest.mark.django_db


def article(
    number: str,
    amount: str,
    *,
    price_type: str = "net_list",
    start: str = "2026-01-01",
    description: str = "Oil filter",
) -> str:
    return (
        f"<ARTICLE><SUPPLIER_AID>{number}</SUPPLIER_AID>"
        f"<ARTICLE_DETAILS><DESCRIPTION_SHORT>{description}</DESCRIPTION_SHORT></ARTICLE_DETAILS>"
        f'<ARTICLE_PRICE_DETAILS><DATETIME type="valid_start_date"><DATE>{start}</DATE></DATETIME>'
        f'<ARTICLE_PRICE price_type="{price_type}"><PRICE_AMOUNT>{amount}</PRICE_AMOUNT>'
        "<PRICE_CURRENCY>EUR</PRICE_CURRENCY></ARTICLE_PRICE></ARTICLE_PRICE_DETAILS></ARTICLE>\n"
    )


def bmecat(*articles: str, territory: str = "", currency: str = "EUR") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<BMECAT version="1.2"><HEADER><CATALOG>'
        "<CATALOG_ID>EPC-EUR</CATALOG_ID><CATALOG_NAME>Parts prices</CATALOG_NAME>"
        f"{f'<TERRITORY>{territory}</TERRITORY>' if territory else ''}"
        f"<CURRENCY>{currency}</CURRENCY></CATALOG></HEADER>\n<T_NEW_CATALOG>\n"
        + "".join(articles)
        + "</T_NEW_CATALOG></BMECAT>\n"
    ).encode()


def run(content: bytes):  # type: ignore[no-untyped-def]
    return bmecat_import(stream=io.BytesIO(content))


def test_it_imports_net_prices_with_their_valid_from() -> None:
    make_part("11427953129")
    result = run(bmecat(article("11427953129", "15.10")))
    price = PartPrice.objects.get()
    assert result.created == 1
    assert (price.net_price, price.valid_from) == (Decimal("15.10"), date(2026, 1, 1))
    assert price.price_list.code == "EPC-EUR" and price.price_list.active


def test_it_changes_nothing_when_the_same_list_comes_again() -> None:
    run(bmecat(article("11427953129", "15.10")))
    again = run(bmecat(article("11427953129", "15.10")))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_it_updates_a_changed_price_and_keeps_older_ones() -> None:
    run(bmecat(article("11427953129", "15.10", start="2025-01-01")))
    result = run(
        bmecat(
            article("11427953129", "15.50", start="2025-01-01"),
            article("11427953129", "16.00", start="2026-01-01"),
        )
    )
    assert (result.created, result.updated) == (1, 1)
    assert sorted(PartPrice.objects.values_list("net_price", flat=True)) == [
        Decimal("15.50"),
        Decimal("16.00"),
    ]


def test_it_creates_a_part_not_yet_in_the_catalogue() -> None:
    run(bmecat(article("83 21 2 365 933", "9.80", description="Engine oil")))
    assert Part.objects.get(number="83212365933").description == "Engine oil"


def test_it_reads_bmecat_2005_products() -> None:
    content = (
        b'<BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005"><HEADER><CATALOG>'
        b"<CATALOG_ID>EPC-2005</CATALOG_ID><CURRENCY>EUR</CURRENCY></CATALOG></HEADER>"
        b"<T_NEW_CATALOG><PRODUCT><SUPPLIER_PID>11427953129</SUPPLIER_PID><PRODUCT_DETAILS>"
        b"<DESCRIPTION_SHORT>Oil filter</DESCRIPTION_SHORT></PRODUCT_DETAILS>"
        b'<PRODUCT_PRICE_DETAILS><PRODUCT_PRICE price_type="net_customer"><PRICE_AMOUNT>14.00'
        b"</PRICE_AMOUNT></PRODUCT_PRICE></PRODUCT_PRICE_DETAILS></PRODUCT></T_NEW_CATALOG></BMECAT>"
    )
    assert run(content).created == 1 and PriceList.objects.get().code == "EPC-2005"


def test_it_rejects_an_article_without_a_net_price_with_its_line() -> None:
    result = run(
        bmecat(
            article("11427953129", "15.10"), article("11427525334", "2.00", price_type="gros_list")
        )
    )
    [reject] = result.rejected
    assert reject.line == 5 and "net price" in reject.reason


def test_it_rejects_an_amount_that_is_no_price() -> None:
    result = run(bmecat(article("11427953129", "-3")))
    assert "is not a price" in result.rejected[0].reason


def test_it_makes_a_country_list_that_waits_while_another_is_in_force() -> None:
    PriceList.objects.create(code="OLD-DK", name="Old", country="DK", active=True)
    result = run(bmecat(article("11427953129", "15.10"), territory="DK"))
    assert not PriceList.objects.get(code="EPC-EUR").active and "inactive" in result.notes[0]


def test_it_refuses_another_currency() -> None:
    with pytest.raises(RuleViolation) as refused:
        run(bmecat(article("11427953129", "15.10"), currency="DKK"))
    assert refused.value.code == "EPC-0021"


def test_it_refuses_an_external_entity_and_reads_nothing() -> None:
    content = (
        b'<?xml version="1.0"?>\n<!DOCTYPE BMECAT [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b"<BMECAT><HEADER><CATALOG><CATALOG_ID>&xxe;</CATALOG_ID><CURRENCY>EUR</CURRENCY>"
        b"</CATALOG></HEADER><T_NEW_CATALOG>"
        + article("11427953129", "1").encode()
        + b"</T_NEW_CATALOG></BMECAT>"
    )
    with pytest.raises(RuleViolation) as refused:
        run(content)
    assert refused.value.code == "EPC-0022"
    assert not PriceList.objects.exists() and not PartPrice.objects.exists()


def test_it_refuses_an_entity_expansion_bomb() -> None:
    content = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<BMECAT>&b;</BMECAT>"
    )
    with pytest.raises(RuleViolation) as refused:
        run(content)
    assert refused.value.code == "EPC-0022"


def test_it_refuses_xml_that_breaks_off() -> None:
    with pytest.raises(RuleViolation) as refused:
        run(b"<BMECAT><HEADER>")
    assert refused.value.code == "EPC-0021"


# --- supersessions ---------------------------------------------------------------------------


def test_it_imports_supersessions_and_resolves_the_chain() -> None:
    old, middle, new = make_part("11427508969"), make_part("11427541827"), make_part("11427953129")
    text = (
        "old_number;new_number;replaced_on\n"
        "11 42 7 541 827;11 42 7 953 129;2024-10-15\n"
        "11 42 7 508 969;11 42 7 541 827;\n"
    )
    result = supersessions_import(stream=io.BytesIO(text.encode()))
    assert result.created == 2
    old.refresh_from_db()
    assert old.successor == new and old.replaced_by == middle


def test_it_rejects_a_supersession_that_makes_a_cycle_with_its_line() -> None:
    make_part("11000000001"), make_part("11000000002")
    text = "old_number,new_number\n11000000001,11000000002\n11000000002,11000000001\n"
    result = supersessions_import(stream=io.BytesIO(text.encode()))
    [reject] = result.rejected
    assert reject.line == 3 and "EPC-0010" in reject.reason


def test_it_counts_a_supersession_imported_again_as_unchanged() -> None:
    make_part("11000000001"), make_part("11000000002")
    text = b"old_number;new_number\n11000000001;11000000002\n"
    supersessions_import(stream=io.BytesIO(text))
    assert supersessions_import(stream=io.BytesIO(text)).unchanged == 1
