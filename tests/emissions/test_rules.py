"""The rules of the test: reading measured values, the instrument's range, the verdict."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aftersales.emissions import rules
from aftersales.emissions.quantities import BY_KEY
from aftersales.portal.errors import RuleViolation

LAMBDA = BY_KEY["lambda"]
IDLE = BY_KEY["idle_rpm"]


def nominal(low: str | None, high: str | None, quantity=LAMBDA) -> rules.Nominal:  # type: ignore[no-untyped-def]
    return rules.Nominal(
        quantity,
        rules.Bound(Decimal(low) if low else None, rules.MANUFACTURER if low else ""),
        rules.Bound(Decimal(high) if high else None, rules.LEGAL if high else ""),
        legal_name="Directive",
    )


def test_it_reads_a_decimal_comma_and_a_point_alike() -> None:
    assert rules.parse_measured(LAMBDA, "0,998") == rules.parse_measured(LAMBDA, "0.998")


def test_it_rounds_to_the_places_the_instrument_shows() -> None:
    assert rules.parse_measured(LAMBDA, "1.00449") == Decimal("1.004")
    assert rules.parse_measured(IDLE, "719.6") == Decimal("720")


def test_it_reads_nothing_typed_as_no_value() -> None:
    assert rules.parse_measured(LAMBDA, "  ") is None


def test_it_refuses_a_value_that_is_not_a_number_with_the_quantity_named() -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.parse_measured(LAMBDA, "1,0x")
    assert refused.value.code == "EMT-0001"
    assert refused.value.field == "measured_lambda"
    assert "Lambda at raised idle" in refused.value.message and "1,0x" in refused.value.message


def test_it_refuses_a_value_outside_what_an_instrument_reads() -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.parse_measured(LAMBDA, "10.2")
    assert refused.value.code == "EMT-0002"
    assert "0.500–2.000" in refused.value.message


def test_it_refuses_a_negative_smoke_value() -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.parse_measured(BY_KEY["smoke_k"], "-0.1")
    assert refused.value.code == "EMT-0002"


def test_it_passes_a_value_inside_the_window() -> None:
    outcome = rules.evaluate(
        nominals=[nominal("0.970", "1.030")],
        measured={"lambda": Decimal("1.030")},
        obd_check=False,
        obd=None,
    )
    assert outcome.passed and outcome.checks[0]["ok"] is True


def test_it_fails_a_value_outside_the_window_and_keeps_what_it_was_judged_against() -> None:
    outcome = rules.evaluate(
        nominals=[nominal("0.970", "1.030")],
        measured={"lambda": Decimal("1.050")},
        obd_check=False,
        obd=None,
    )
    assert not outcome.passed
    check = outcome.checks[0]
    assert (check["measured"], check["min"], check["max"]) == ("1.050", "0.970", "1.030")
    assert (check["min_source"], check["max_source"]) == ("manufacturer", "legal")


def test_it_requires_a_value_where_a_nominal_value_is_given() -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.evaluate(nominals=[nominal("0.970", "1.030")], measured={}, obd_check=False, obd=None)
    assert refused.value.code == "EMT-0003"


def test_it_keeps_a_value_without_a_nominal_value_unjudged() -> None:
    outcome = rules.evaluate(
        nominals=[nominal(None, None)],
        measured={"lambda": Decimal("1.2")},
        obd_check=False,
        obd=None,
    )
    assert outcome.passed and outcome.checks[0]["judged"] is False


def test_it_fails_the_obd_part_when_the_mil_is_on() -> None:
    outcome = rules.evaluate(
        nominals=[], measured={}, obd_check=True, obd=rules.ObdState(ready=True, mil_on=True)
    )
    assert not outcome.passed and outcome.obd_failures == ["mil_on"]


def test_it_requires_the_obd_state_when_the_check_is_part_of_the_test() -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.evaluate(nominals=[], measured={}, obd_check=True, obd=None)
    assert refused.value.code == "EMT-0005"


def test_it_refuses_a_range_that_ends_below_its_start() -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.check_nominal(
            fuel="petrol", bounds={"lambda_min": Decimal("1.03"), "lambda_max": Decimal("0.97")}
        )
    assert refused.value.code == "EMT-0010" and refused.value.field == "lambda_max"


def test_it_shows_a_limit_and_a_window() -> None:
    assert nominal("0.970", "1.030").text() == "0.970–1.030"
    assert nominal(None, "1.030").text() == "≤ 1.030"
    assert nominal("2000", None, IDLE).text() == "≥ 2000"
