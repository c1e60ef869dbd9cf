"""One behaviour per rule of rules.py, without the database."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory import rules
from aftersales.servicehistory.rules import Reading

PRODUCED = datetime.date(2008, 9, 22)
TODAY = datetime.date(2026, 11, 20)
IPL_0051 = (
    "IPL-0051 The kilometre entered is invalid. "
    "Please use exclusively the numbers 0 - 9 for your input."
)


@pytest.mark.parametrize("raw", ["129a", "10.000", "10 000", "-5", "1e5", "١٢٣"])
def test_it_refuses_a_mileage_with_anything_but_digits_with_ipl_0051(raw: str) -> None:
    with pytest.raises(RuleViolation) as error:
        rules.parse_mileage(raw)
    assert str(error.value) == IPL_0051
    assert error.value.field == "mileage"


def test_it_accepts_digits_and_trims_spaces_around_them() -> None:
    assert rules.parse_mileage(" 130000 ") == 130_000


def test_it_asks_for_a_missing_mileage() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.parse_mileage("  ")
    assert error.value.code == "SH-0001"


def test_it_refuses_an_impossible_mileage() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.parse_mileage("99999999")
    assert error.value.code == "SH-0002"


@pytest.mark.parametrize("raw", ["20-11-2026", "2026/11/20", "2026-13-01", "2026-02-30", ""])
def test_it_wants_the_maintenance_date_in_iso_format(raw: str) -> None:
    with pytest.raises(RuleViolation) as error:
        rules.parse_maintenance_date(raw, production_date=PRODUCED, today=TODAY)
    assert error.value.code == "SH-0010"
    assert error.value.field == "maintenance_date"


def test_it_refuses_a_maintenance_date_in_the_future() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.parse_maintenance_date("2026-11-21", production_date=PRODUCED, today=TODAY)
    assert error.value.code == "SH-0011"


def test_it_refuses_a_maintenance_date_before_production() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.parse_maintenance_date("2008-09-21", production_date=PRODUCED, today=TODAY)
    assert error.value.code == "SH-0012"
    assert "2008-09-22" in error.value.message


def test_it_accepts_today_as_maintenance_date() -> None:
    assert (
        rules.parse_maintenance_date("2026-11-20", production_date=PRODUCED, today=TODAY) == TODAY
    )


def test_it_needs_at_least_one_position() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.require_positions([], available={"engine_oil": object()})  # type: ignore[dict-item]
    assert error.value.code == "SH-0020"


def test_it_refuses_a_position_of_another_vehicle_type() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.require_positions(["diesel_filter"], available={"engine_oil": object()})  # type: ignore[dict-item]
    assert error.value.code == "SH-0021"


def test_it_refuses_a_mileage_below_the_last_reading_naming_reading_and_date() -> None:
    readings = [Reading(129_226, datetime.date(2024, 5, 2), "central data")]
    with pytest.raises(RuleViolation) as error:
        rules.check_mileage(
            120_000,
            maintenance_date=TODAY,
            readings=readings,
            production_date=PRODUCED,
            confirmed=False,
        )
    assert error.value.code == "SH-0003"
    assert "129,226 km" in error.value.message and "2024-05-02" in error.value.message


def test_it_compares_with_the_highest_of_all_readings() -> None:
    readings = [
        Reading(129_226, datetime.date(2024, 5, 2), "central data"),
        Reading(131_000, datetime.date(2025, 1, 3), "SH-000007"),
    ]
    with pytest.raises(RuleViolation) as error:
        rules.check_mileage(
            130_000,
            maintenance_date=TODAY,
            readings=readings,
            production_date=PRODUCED,
            confirmed=False,
        )
    assert "131,000 km" in error.value.message and "SH-000007" in error.value.message


def test_it_accepts_the_same_mileage_as_the_last_reading() -> None:
    readings = [Reading(129_226, datetime.date(2024, 5, 2), "central data")]
    rules.check_mileage(
        129_226,
        maintenance_date=TODAY,
        readings=readings,
        production_date=PRODUCED,
        confirmed=False,
    )


def test_it_refuses_an_implausible_jump_unless_confirmed() -> None:
    readings = [Reading(129_226, datetime.date(2026, 11, 18), "central data")]
    kwargs = {"maintenance_date": TODAY, "readings": readings, "production_date": PRODUCED}
    with pytest.raises(RuleViolation) as error:
        rules.check_mileage(129_226 + 3_001, confirmed=False, **kwargs)  # type: ignore[arg-type]
    assert error.value.code == "SH-0004"
    assert error.value.extra == {"needs_confirmation": True}
    rules.check_mileage(129_226 + 3_001, confirmed=True, **kwargs)  # type: ignore[arg-type]


def test_it_allows_1500_km_a_day() -> None:
    readings = [Reading(129_226, datetime.date(2026, 11, 18), "central data")]
    rules.check_mileage(
        129_226 + 3_000,
        maintenance_date=TODAY,
        readings=readings,
        production_date=PRODUCED,
        confirmed=False,
    )


def test_it_checks_the_jump_from_zero_at_production() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.check_mileage(
            50_000,
            maintenance_date=datetime.date(2008, 9, 30),
            readings=[],
            production_date=PRODUCED,
            confirmed=False,
        )
    assert error.value.code == "SH-0004"


def test_it_requires_consent() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.require_consent(False)
    assert error.value.code == "SH-0030"
    assert "Nothing has been stored" in error.value.message
    assert "Consent to data storage" in error.value.message


def test_it_limits_the_comment_length() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.clean_comment("x" * (rules.MAX_COMMENT_LENGTH + 1))
    assert error.value.code == "SH-0040"


def test_it_needs_a_cancellation_reason() -> None:
    with pytest.raises(RuleViolation) as error:
        rules.clean_cancellation_reason("   ")
    assert error.value.code == "SH-0054"


def test_it_closes_the_correction_window_after_the_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SERVICE_ENTRY_CORRECTION_DAYS = 7
    stored = datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)
    rules.require_correction_window(first_stored_at=stored, now=stored + datetime.timedelta(days=7))
    with pytest.raises(RuleViolation) as error:
        rules.require_correction_window(
            first_stored_at=stored, now=stored + datetime.timedelta(days=7, seconds=1)
        )
    assert error.value.code == "SH-0051"


def test_it_reads_a_transfer_time_without_zone_in_the_portals_zone() -> None:
    stored = timezone.make_aware(datetime.datetime(2026, 11, 20, 9, 0))
    result = rules.require_transfer_time(
        datetime.datetime(2026, 11, 20, 10, 0),
        stored_at=stored,
        now=stored + datetime.timedelta(hours=2),
    )
    assert result == timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0))
    assert timezone.is_aware(result)
