"""The rules of Workshop equipment: tool data, prices as typed, quantities, the status steps
of a request, and when a calibration is due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from aftersales.equipment.models import InventoryItem, Tool, add_months, number_key
from aftersales.equipment.rules import (
    ToolData,
    check_transition,
    clean_tool,
    parse_price,
    parse_quantity,
)
from aftersales.portal.errors import RuleViolation


def test_it_compares_tool_numbers_without_spaces_dots_or_dashes() -> None:
    assert number_key("83 30 0 494 060") == number_key("83-30-0-494.060") == "83300494060"


def test_it_tidies_a_tool() -> None:
    data = clean_tool(
        ToolData(
            number=" 83 30  0 494 060 ", name="  Brake  adapter ", brands=["BMW", "mini", "bmw"]
        )
    )
    assert data.number == "83 30 0 494 060" and data.name == "Brake adapter"
    assert data.brands == ["bmw", "mini"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ToolData(number="8", name="x"), "number"),
        (ToolData(number="83 30", name=" "), "name"),
        (ToolData(number="83 30", name="x", price=Decimal("-1")), "price"),
        (ToolData(number="83 30", name="x", price=Decimal("1.234")), "price"),
        (ToolData(number="83 30", name="x", brands=["audi"]), "brands"),
        (ToolData(number="83 30", name="x", calibration_months=0), "calibration_months"),
        (ToolData(number="83 30", name="x", calibration_months=241), "calibration_months"),
    ],
)
def test_it_refuses_bad_tool_data_naming_the_field(data: ToolData, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        clean_tool(data)
    assert refused.value.code == "EQ-0010" and refused.value.field == field


@pytest.mark.parametrize(
    ("typed", "value"),
    [("148.50", Decimal("148.50")), ("148,50", Decimal("148.50")), ("1.234,50", Decimal("1234.50")),
     ("1,234.50", Decimal("1234.50")), ("", None)],
)  # fmt: skip
def test_it_reads_prices_as_typed(typed: str, value: Decimal | None) -> None:
    assert parse_price(typed) == value


def test_it_refuses_a_price_that_is_no_number() -> None:
    with pytest.raises(ValueError):
        parse_price("cheap")


@pytest.mark.parametrize("typed", ["0", "100", "1.5", "-1", "x", ""])
def test_it_refuses_a_quantity_outside_1_to_99(typed: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        parse_quantity(typed)
    assert refused.value.code == "EQ-0020"


def test_it_reads_a_whole_quantity() -> None:
    assert parse_quantity(" 3 ") == 3


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("new", "confirmed"),
        ("new", "cancelled"),
        ("confirmed", "shipped"),
        ("confirmed", "cancelled"),
    ],
)
def test_it_allows_the_steps_of_a_request(current: str, new: str) -> None:
    check_transition(current=current, new=new)


@pytest.mark.parametrize(
    ("current", "new"),
    [("new", "shipped"), ("shipped", "cancelled"), ("cancelled", "new"), ("confirmed", "new")],
)
def test_it_refuses_other_steps(current: str, new: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_transition(current=current, new=new)
    assert refused.value.code == "EQ-0021"


def test_it_adds_months_to_the_last_day_of_a_shorter_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2025, 11, 15), 14) == date(2027, 1, 15)


def test_it_says_when_a_calibration_is_due_and_overdue() -> None:
    item = InventoryItem(tool=Tool(calibration_months=12), last_calibrated_on=date(2025, 3, 1))
    assert item.calibration_due == date(2026, 3, 1)
    assert item.calibration_overdue(date(2026, 3, 2)) and not item.calibration_overdue(
        date(2026, 3, 1)
    )


def test_it_counts_a_tool_never_calibrated_as_overdue() -> None:
    assert InventoryItem(tool=Tool(calibration_months=12)).calibration_overdue(date(2026, 1, 1))


def test_it_never_counts_a_tool_without_calibration_as_overdue() -> None:
    assert not InventoryItem(tool=Tool(calibration_months=None)).calibration_overdue(
        date(2026, 1, 1)
    )
