"""The rules of a read-out: its time, codes, monitors, and whether it allows an emissions test."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from aftersales.faultcodes import rules
from aftersales.portal.errors import RuleViolation

NOW = timezone.make_aware(datetime.datetime(2026, 11, 20, 12, 0))


def violation(call, *args, **kwargs) -> RuleViolation:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as caught:
        call(*args, **kwargs)
    return caught.value


def test_it_reads_the_time_typed_in_the_form() -> None:
    at = rules.parse_read_at("2026-11-20 09:30", now=NOW)
    assert timezone.localtime(at).strftime("%Y-%m-%d %H:%M") == "2026-11-20 09:30"


def test_it_reads_an_iso_time_with_zone() -> None:
    at = rules.parse_read_at("2026-11-20T08:30:00+00:00", now=NOW)
    assert at == datetime.datetime(2026, 11, 20, 8, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize("raw", ["", "2026-11-20", "yesterday", "2026-13-40 10:00"])
def test_it_refuses_a_time_it_cannot_read(raw: str) -> None:
    assert violation(rules.parse_read_at, raw, now=NOW).code == "FC-0013"


def test_it_refuses_a_time_in_the_future() -> None:
    error = violation(rules.parse_read_at, "2026-11-20 12:05", now=NOW)
    assert error.code == "FC-0014" and "2026-11-20 12:05" in error.message


def test_it_normalises_the_codes_read() -> None:
    assert rules.require_codes([("p0420", "Confirmed"), ("0301", "pending")]) == [
        rules.ReadCode("P0420", "confirmed"),
        rules.ReadCode("P0301", "pending"),
    ]


def test_it_names_the_row_of_a_malformed_code() -> None:
    error = violation(rules.require_codes, [("P0420", "confirmed"), ("P04", "pending")])
    assert (error.code, error.field) == ("FC-0001", "codes.2")


def test_it_refuses_an_unknown_status() -> None:
    error = violation(rules.require_codes, [("P0420", "historic")])
    assert error.code == "FC-0010" and "P0420" in error.message


def test_it_allows_a_code_confirmed_and_permanent_but_not_twice_the_same() -> None:
    assert len(rules.require_codes([("P0420", "confirmed"), ("P0420", "permanent")])) == 2
    error = violation(rules.require_codes, [("P0420", "confirmed"), ("p0420", "confirmed")])
    assert error.code == "FC-0009" and "rows 1 and 2" in error.message


def test_it_refuses_more_codes_than_a_fault_memory_holds() -> None:
    rows = [(f"P1{n:03X}", "pending") for n in range(rules.MAX_CODES + 1)]
    assert violation(rules.require_codes, rows).code == "FC-0015"


def test_it_refuses_an_unknown_monitor_and_state() -> None:
    assert violation(rules.require_readiness, {"turbo": "complete"}).code == "FC-0011"
    error = violation(rules.require_readiness, {"catalyst": "ready"})
    assert (error.code, error.field) == ("FC-0012", "readiness.catalyst")


def test_it_is_ready_for_an_emissions_test_when_mil_off_and_monitors_complete() -> None:
    result = rules.emissions_test_readiness(
        mil_on=False, readiness={"catalyst": "complete", "egr_vvt": "not_supported"}
    )
    assert result.ready and result.summary() == "ready for an emissions test"


def test_it_is_not_ready_with_an_incomplete_monitor() -> None:
    result = rules.emissions_test_readiness(mil_on=False, readiness={"catalyst": "incomplete"})
    assert not result.ready
    assert result.summary() == "not ready: catalyst monitor incomplete"


def test_it_is_not_ready_with_the_mil_on() -> None:
    result = rules.emissions_test_readiness(
        mil_on=True, readiness={"catalyst": "incomplete", "evaporative_system": "incomplete"}
    )
    assert result.summary() == (
        "not ready: MIL on; catalyst monitor incomplete; evaporative system monitor incomplete"
    )
