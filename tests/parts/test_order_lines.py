"""Parts on the order: the PART lines built from the draft, and the stored entry keeping them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from aftersales import clock
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.lines import LineKind
from aftersales.orders.selectors import order_build
from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.models import ServiceEntryLine
from aftersales.servicehistory.services import service_entry_correct
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


def items(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"kind": "PART", "number": number, "quantity": qty} for number, qty in pairs]


def build(vehicle, organisation, *pairs: tuple[str, str]):  # type: ignore[no-untyped-def]
    return order_build(
        organisation=organisation,
        vehicle=vehicle,
        draft=OrderDraft(items=items(*pairs)),
        today=TODAY,
    )


def test_it_puts_a_part_on_the_order_with_its_quantity_and_gross_price(
    vehicle, parts, owner
) -> None:
    [line] = build(vehicle, owner.organisation, ("11427525334", "2")).lines
    assert (line.kind, line.number, line.quantity, line.unit) == (
        "PART",
        "11 42 7 525 334",
        Decimal("2"),
        "pcs",
    )
    assert line.unit_price_gross == Decimal("2.50") and line.gross_amount == Decimal("5.00")


def test_it_orders_the_successor_of_a_replaced_part(vehicle, parts, owner) -> None:
    [line] = build(vehicle, owner.organisation, ("11427508969", "1")).lines
    assert line.number == "11 42 7 953 129" and line.reference == "11427508969"
    assert "replaces 11 42 7 508 969" in line.description


def test_it_sums_parts_with_the_other_lines(vehicle, parts, owner) -> None:
    order = build(vehicle, owner.organisation, ("11427525334", "2"), ("11427953129", "1"))
    assert order.total_gross == Decimal("5.00") + Decimal("18.88")


def test_it_leaves_the_price_unknown_without_a_price(vehicle, parts, owner) -> None:
    order = build(vehicle, owner.organisation, ("83222339219", "1.5"))
    assert order.lines[0].unit == "l" and order.lines[0].gross_amount is None
    assert order.total_gross is None


def test_it_leaves_out_an_unknown_number(vehicle, parts, owner) -> None:
    assert build(vehicle, owner.organisation, ("99999999999", "1")).lines == []


def test_it_stores_the_parts_with_the_entry(vehicle, parts, owner) -> None:
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130500",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=items(("11427525334", "2"), ("11427508969", "1")),
    )
    stored = list(
        entry.lines.values_list("kind", "number", "quantity", "gross_amount", "reference")
    )
    assert stored[0] == ("PART", "11 42 7 525 334", Decimal("2"), Decimal("5.00"), "11427525334")
    assert stored[1][1] == "11 42 7 953 129" and stored[1][4] == "11427508969"


def test_it_refuses_to_store_an_unknown_part(vehicle, parts, owner) -> None:
    with pytest.raises(RuleViolation) as refused:
        entry_create(
            actor=owner,
            vehicle=vehicle,
            mileage="130500",
            maintenance_date=clock.today().isoformat(),
            position_codes=[],
            items=items(("99999999999", "1")),
        )
    assert refused.value.code == "SH-0080"


def test_it_keeps_the_parts_when_the_entry_is_corrected(vehicle, parts, owner) -> None:
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130500",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
        items=items(("11427525334", "2")),
    )
    correction = service_entry_correct(
        actor=owner, entry=entry, position_codes=["engine_oil"], comment="", ip_address=None
    )
    assert ServiceEntryLine.objects.filter(entry=correction, kind=LineKind.PART).count() == 1
