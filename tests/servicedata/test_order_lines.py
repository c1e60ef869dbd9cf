"""LAB lines of the order: operations with a quantity at the workshop's rate, pinned versions,
packages (priced, fixed price), and what the stored entry keeps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aftersales import clock
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.selectors import order_build
from aftersales.portal.errors import RuleViolation
from aftersales.servicedata.models import BrandUnit, LabourOperation
from aftersales.servicedata.rules import OperationContent
from aftersales.servicedata.services import labour_operation_change
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db

# The owner's rate: 780.00 an hour + 25 % Danish VAT = 81.25 per FRU (5 minutes).
PER_FRU = Decimal("81.25")


def oil(vehicle) -> LabourOperation:  # type: ignore[no-untyped-def]
    return LabourOperation.objects.get(number="11 00 050", engine_type=vehicle.engine_type)


def build(owner, vehicle, *items: dict[str, str]):  # type: ignore[no-untyped-def]
    draft = OrderDraft(items=list(items))
    return order_build(organisation=owner.organisation, vehicle=vehicle, draft=draft)


def test_it_prices_an_operation_with_its_quantity_at_the_labour_rate(
    owner, vehicle, labour
) -> None:
    operation = oil(vehicle)
    item = {
        "kind": "LAB",
        "number": "11 00 050",
        "quantity": "1.5",
        "version": str(operation.current_id),
    }
    [line] = build(owner, vehicle, item).lines
    assert (line.kind, line.number, line.unit) == ("LAB", "11 00 050", "FRU")
    assert line.quantity == Decimal("9.00")  # 6 units × 1.5
    assert line.gross_amount == Decimal("731.25")
    assert line.reference == operation.current.reference


def test_it_names_the_special_tools_an_operations_line_needs(owner, vehicle, labour) -> None:
    [line] = build(owner, vehicle, {"kind": "LAB", "number": "11 00 050"}).lines
    assert line.tools == ["11 4 650"]


def test_it_counts_units_of_a_brand_with_another_unit_length_in_fru(owner, vehicle, labour) -> None:
    BrandUnit.objects.create(brand="bmw", minutes=Decimal("6"))
    [line] = build(owner, vehicle, {"kind": "LAB", "number": "11 00 050"}).lines
    assert line.quantity == Decimal("7.20")  # 6 units of 6 minutes = 36 minutes = 7.2 FRU


def test_it_keeps_the_version_the_operation_was_added_with(owner, vehicle, labour) -> None:
    operation = oil(vehicle)
    first = operation.current
    labour_operation_change(
        operation=operation,
        content=OperationContent(description="Engine oil service, revised", units=Decimal(7)),
        actor=None,
    )
    item = {"kind": "LAB", "number": "11 00 050", "version": str(first.pk)}
    [line] = build(owner, vehicle, item).lines
    assert line.quantity == Decimal("6.00") and line.reference == first.reference
    assert line.service_status == "Catalogue changed since it was added"
    [fresh] = build(owner, vehicle, {"kind": "LAB", "number": "11 00 050"}).lines
    assert fresh.quantity == Decimal("7.00") and fresh.service_status == ""


def test_it_picks_the_variant_valid_for_the_production_date(owner, vehicle, labour) -> None:
    [line] = build(owner, vehicle, {"kind": "LAB", "number": "13 53 520"}).lines
    assert line.quantity == Decimal("12.00")  # built 09/2008: the variant until 02/2009


def test_it_leaves_out_an_operation_not_valid_for_the_vehicle(owner, vehicle, labour) -> None:
    assert build(owner, vehicle, {"kind": "LAB", "number": "13 32 000"}).lines == []


def test_it_puts_a_package_on_the_order_with_labour_and_materials(owner, vehicle, labour) -> None:
    order = build(owner, vehicle, {"kind": "LAB", "number": "SP-OIL-N54", "package": "1"})
    numbers = [line.number for line in order.lines]
    assert numbers == [
        "11 00 050",
        "13 71 000",
        "83 21 2 365 950",
        "11 42 7 541 827",
        "07 11 9 963 151",
    ]
    assert order.lines[0].description == "Oil service N54: Engine oil service with oil filter"
    assert order.lines[2].quantity == Decimal("6.5") and order.lines[2].unit == "l"
    # 9 FRU × 81.25 + (6.5 × 12.40 + 16.80 + 0.90) × 1.25
    assert order.total_gross == Decimal("731.25") + Decimal("122.88")


def test_it_prices_a_fixed_price_package_once(owner, vehicle, labour) -> None:
    order = build(owner, vehicle, {"kind": "LAB", "number": "SP-BRAKE-FLUID", "package": "1"})
    first, *included = order.lines
    assert (first.number, first.gross_amount) == ("SP-BRAKE-FLUID", Decimal("123.75"))
    assert all(line.gross_amount == Decimal("0.00") for line in included) and included
    assert order.total_gross == Decimal("123.75")


def test_it_stores_the_lab_lines_with_the_entry(owner, vehicle, labour) -> None:
    operation = oil(vehicle)
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
        items=[
            {
                "kind": "LAB",
                "number": "11 00 050",
                "quantity": "1",
                "version": str(operation.current_id),
            }
        ],
    )
    stored = entry.lines.get(kind="LAB")
    assert (stored.number, stored.quantity, stored.gross_amount) == (
        "11 00 050",
        Decimal("6.00"),
        Decimal("487.50"),
    )
    assert stored.reference == operation.current.reference
    assert entry.lines.filter(kind="SRP").exists()


def test_it_stores_an_entry_of_a_package_alone(owner, vehicle, labour) -> None:
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "LAB", "number": "SP-OIL-N54", "package": "1"}],
    )
    assert entry.lines.filter(kind="LAB").count() == 5


def test_it_refuses_to_store_an_unknown_operation(owner, vehicle, labour) -> None:
    with pytest.raises(RuleViolation) as refused:
        entry_create(
            actor=owner,
            vehicle=vehicle,
            mileage="130000",
            maintenance_date=clock.today().isoformat(),
            position_codes=["engine_oil"],
            items=[{"kind": "LAB", "number": "99 99 999"}],
        )
    assert refused.value.code == "SH-0080"
