"""Battery readings and their plausibility rules; the trend and its warning; the certificate."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from aftersales import clock
from aftersales.certificates.selectors import certificate_public, certificate_status
from aftersales.certificates.services import certificate_revoke
from aftersales.portal.errors import RuleViolation
from aftersales.stateofcharge.models import BatteryReading
from aftersales.stateofcharge.selectors import health_trend, readings_of
from aftersales.stateofcharge.services import battery_certificate_issue, battery_reading_record
from aftersales.vehicles.models import MileageReading
from tests.servicehistory.factories import VehicleFactory

from .conftest import reading

pytestmark = pytest.mark.django_db


def refused(owner, vehicle, **overrides) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as violation:
        battery_reading_record(actor=owner, vehicle=vehicle, reading=reading(**overrides))
    return violation.value.code


def test_it_stores_a_typed_reading(owner, ev) -> None:  # type: ignore[no-untyped-def]
    stored = battery_reading_record(actor=owner, vehicle=ev, reading=reading())
    assert (stored.soh_percent, stored.mileage_km, stored.source) == (
        Decimal("88.0"),
        64_300,
        "form",
    )


def test_it_keeps_the_readings_mileage_as_odometer_evidence(owner, ev) -> None:  # type: ignore[no-untyped-def]
    stored = battery_reading_record(actor=owner, vehicle=ev, reading=reading())
    evidence = MileageReading.objects.get(vehicle=ev, source="battery")
    assert (evidence.mileage_km, evidence.reference) == (64_300, f"battery:{stored.pk}")


def test_it_flags_a_readings_mileage_lower_than_an_earlier_one(owner, ev) -> None:  # type: ignore[no-untyped-def]
    battery_reading_record(actor=owner, vehicle=ev, reading=reading(30, mileage="70000"))
    battery_reading_record(actor=owner, vehicle=ev, reading=reading(mileage="64300"))
    assert MileageReading.objects.get(vehicle=ev, mileage_km=64_300).lower_than is not None


def test_it_refuses_a_state_of_health_over_100(owner, ev) -> None:  # type: ignore[no-untyped-def]
    assert refused(owner, ev, soh_percent="100.5") == "SOC-0001"


def test_it_refuses_a_capacity_above_the_nominal(owner, ev) -> None:  # type: ignore[no-untyped-def]
    assert refused(owner, ev, usable_capacity_kwh="38.0") == "SOC-0002"


def test_it_refuses_a_time_in_the_future(owner, ev) -> None:  # type: ignore[no-untyped-def]
    assert refused(owner, ev, days_ago=-1) == "SOC-0003"


def test_it_refuses_a_mileage_with_letters(owner, ev) -> None:  # type: ignore[no-untyped-def]
    assert refused(owner, ev, mileage="64.300") == "IPL-0051"


def test_it_refuses_a_vehicle_without_a_known_battery(owner, applications) -> None:  # type: ignore[no-untyped-def]
    assert refused(owner, VehicleFactory()) == "SOC-0005"


def test_it_warns_when_health_drops_faster_than_the_threshold(owner, ev) -> None:  # type: ignore[no-untyped-def]
    for month, soh in enumerate(["92.0", "89.5", "87.0", "84.0"]):
        battery_reading_record(
            actor=owner, vehicle=ev, reading=reading(days_ago=360 - 120 * month, soh_percent=soh)
        )
    trend = health_trend(readings_of(ev))
    assert trend is not None and trend.warning and trend.per_year > Decimal("7")


def test_it_does_not_warn_on_a_slow_drop(owner, ev) -> None:  # type: ignore[no-untyped-def]
    for month, soh in enumerate(["92.0", "91.5", "91.0"]):
        battery_reading_record(
            actor=owner, vehicle=ev, reading=reading(days_ago=360 - 180 * month, soh_percent=soh)
        )
    trend = health_trend(readings_of(ev))
    assert trend is not None and not trend.warning


def test_it_issues_a_certificate_of_the_latest_reading(owner, ev) -> None:  # type: ignore[no-untyped-def]
    battery_reading_record(
        actor=owner, vehicle=ev, reading=reading(days_ago=200, soh_percent="90.0")
    )
    battery_reading_record(actor=owner, vehicle=ev, reading=reading(soh_percent="88.0"))
    certificate = battery_certificate_issue(actor=owner, vehicle=ev)
    assert certificate.kind == "battery_health" and len(certificate.code) == 20
    assert certificate.snapshot["latest"]["soh"] == "88.0"
    assert [point["soh"] for point in certificate.snapshot["points"]] == ["90.0", "88.0"]
    assert "Olga" not in str(certificate.snapshot)


def test_it_refuses_a_certificate_without_a_reading(owner, ev) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as violation:
        battery_certificate_issue(actor=owner, vehicle=ev)
    assert violation.value.code == "SOC-0007"


def test_a_newer_certificate_supersedes_the_older(owner, ev) -> None:  # type: ignore[no-untyped-def]
    battery_reading_record(actor=owner, vehicle=ev, reading=reading())
    first = battery_certificate_issue(actor=owner, vehicle=ev, now=clock.now() - timedelta(days=1))
    second = battery_certificate_issue(actor=owner, vehicle=ev)
    old = certificate_public(certificate_status(first))
    assert old["valid"] is False and old["superseded_by"] == second.display_code
    assert certificate_public(certificate_status(second))["valid"] is True


def test_a_revoked_certificate_is_no_longer_valid(owner, ev) -> None:  # type: ignore[no-untyped-def]
    battery_reading_record(actor=owner, vehicle=ev, reading=reading())
    certificate = battery_certificate_issue(actor=owner, vehicle=ev)
    certificate = certificate_revoke(actor=owner, certificate=certificate, reason="Wrong vehicle")
    result = certificate_public(certificate_status(certificate))
    assert result["valid"] is False and result["revoked"] is True
    assert BatteryReading.objects.count() == 1
