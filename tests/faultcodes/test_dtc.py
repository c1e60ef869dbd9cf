"""The shape of a fault code and the standard's ranges (dtc.py)."""

from __future__ import annotations

import pytest

from aftersales.faultcodes import dtc
from aftersales.portal.errors import RuleViolation


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("p0301", "P0301"),
        ("P0301 ", "P0301"),
        ("0301", "P0301"),
        (" u0100", "U0100"),
        ("P0 301", "P0301"),
        ("p0a80", "P0A80"),
        ("c1-23f", "C123F"),
    ],
)
def test_it_normalises_what_workshops_type(raw: str, code: str) -> None:
    assert dtc.normalise(raw) == code


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        ("", "Please enter a fault code."),
        ("P03011", "You entered 6 characters."),
        ("X0301", "The first character must be P, B, C or U, not “X”."),
        ("P4301", "The second character must be a digit 0-3, not “4”."),
        ("PO301", "The second character is the letter O: use the digit 0."),
        ("P03G1", "The last three characters must be hexadecimal (0-9, A-F), not “G”."),
    ],
)
def test_it_names_the_rule_a_malformed_code_breaks(raw: str, rule: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        dtc.normalise(raw)
    assert caught.value.code == "FC-0001"
    assert rule in caught.value.message
    assert caught.value.field == "code"


def test_it_explains_the_shape_with_every_malformed_code() -> None:
    with pytest.raises(RuleViolation) as caught:
        dtc.normalise("P03")
    assert "a letter P, B, C or U, a digit 0-3 and three hexadecimal" in caught.value.message


@pytest.mark.parametrize(
    ("code", "scope"),
    [
        ("P0301", "generic"),
        ("P2096", "generic"),
        ("P1345", "manufacturer"),
        ("P3000", "manufacturer"),
        ("P33FF", "manufacturer"),
        ("P3400", "generic"),
        ("P3999", "generic"),
        ("B0001", "generic"),
        ("B1000", "manufacturer"),
        ("B2000", "manufacturer"),
        ("B3000", "generic"),
        ("C0035", "generic"),
        ("C1234", "manufacturer"),
        ("U0100", "generic"),
        ("U2100", "manufacturer"),
        ("U3000", "generic"),
    ],
)
def test_it_computes_generic_or_manufacturer_by_the_standards_ranges(code: str, scope: str) -> None:
    assert dtc.scope_of(code) == scope


def test_it_names_the_system_by_the_letter() -> None:
    assert [dtc.system_of(c).label for c in ("P0301", "B0001", "C0035", "U0100")] == [
        "Powertrain",
        "Body",
        "Chassis",
        "Network communication",
    ]


def test_it_names_the_powertrain_group_of_a_p0_code() -> None:
    assert dtc.powertrain_group("P0301") == "Ignition system or misfire"
    assert dtc.powertrain_group("P0A80") == "Hybrid propulsion"
    assert dtc.powertrain_group("P1301") == ""
