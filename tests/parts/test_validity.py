from __future__ import annotations

import pytest

from aftersales.parts.validity import (
    OptionRuleError,
    normalize_option_rule,
    option_rule_matches,
    validity_key,
)

OPTIONS = frozenset({"S205A", "S609A"})


def test_it_fits_every_vehicle_without_a_rule() -> None:
    assert option_rule_matches("", OPTIONS)


def test_it_needs_the_option_a_rule_names() -> None:
    assert option_rule_matches("S205A", OPTIONS)
    assert not option_rule_matches("S2TB", OPTIONS)


def test_it_refuses_a_vehicle_with_an_option_the_rule_excludes() -> None:
    assert not option_rule_matches("-S205A", OPTIONS)
    assert option_rule_matches("-S2TB", OPTIONS)


def test_it_accepts_either_of_alternatives() -> None:
    assert option_rule_matches("S2TB/S205A", OPTIONS)


def test_it_needs_every_term() -> None:
    assert not option_rule_matches("S205A S337A", OPTIONS)


def test_it_writes_rules_one_way() -> None:
    assert normalize_option_rule(" s205a,  !s337a ") == "S205A -S337A"


def test_it_refuses_an_unreadable_rule() -> None:
    with pytest.raises(OptionRuleError):
        normalize_option_rule("S205A ++")


def test_it_keys_a_row_by_its_whole_validity() -> None:
    key = validity_key(
        brand="bmw",
        series="E91",
        model_code="",
        engine="N54",
        produced_from=None,
        produced_until=None,
        options="S205A",
    )
    assert key == "bmw|E91||N54|||S205A"
