from __future__ import annotations

from decimal import Decimal

import pytest

from aftersales.parts.rules import parse_quantity
from aftersales.portal.errors import RuleViolation


@pytest.mark.parametrize(
    ("raw", "expected"), [("2", Decimal("2")), ("1,5", Decimal("1.5")), ("0.25", Decimal("0.25"))]
)
def test_it_reads_a_quantity(raw: str, expected: Decimal) -> None:
    assert parse_quantity(raw) == expected


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "1000", "1.234", "NaN", "Infinity", ""])
def test_it_refuses_a_quantity_that_is_not_one(raw: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        parse_quantity(raw)
    assert refused.value.code == "EPC-0003"
