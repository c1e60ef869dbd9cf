"""Recording a test: the values that apply, the verdict, the OBD state from the fault memory
report, the CBS position moved by a passed test, nothing stored when a value is refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from aftersales import clock
from aftersales.emissions.models import DueInterval, EmissionsTest
from aftersales.emissions.selectors import vehicle_values
from aftersales.faultcodes.models import FaultReport
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import MileageReading, VehicleCbsStatus

from .conftest import PASSING

pytestmark = pytest.mark.django_db


def report(owner, vehicle, *, mil_on: bool, catalyst: str, hours_ago: int = 1) -> FaultReport:  # type: ignore[no-untyped-def]
    return FaultReport.objects.create(
        vehicle=vehicle,
        organisation=owner.organisation,
        created_by=owner,
        read_at=clock.now() - datetime.timedelta(hours=hours_ago),
        mileage_km=131_000,
        mil_on=mil_on,
        readiness={"misfire": "complete", "catalyst": catalyst},
        source="api",
    )


def test_it_takes_the_manufacturers_value_and_the_legal_limit_where_none_is_given(
    vehicle,
) -> None:
    values = vehicle_values(vehicle=vehicle)
    by_key = {nominal.quantity.key: nominal for nominal in values.nominals}
    assert by_key["lambda"].text() == "0.970–1.030" and by_key["lambda"].sources == ["manufacturer"]
    assert by_key["co"].text() == "≤ 0.20" and by_key["co"].sources == ["legal"]
    assert "from 1 January 2006" in by_key["co"].legal_name


def test_it_takes_the_narrowest_variant_valid_for_the_vehicle(vehicle) -> None:
    vehicle.production_date = datetime.date(2011, 5, 2)
    values = vehicle_values(vehicle=vehicle)
    assert values.row.series == "E91" and values.nominals[0].text() == "650–750"


def test_it_says_when_the_engine_has_no_nominal_values(vehicle) -> None:
    vehicle.engine_type = "HA0001"
    with pytest.raises(RuleViolation) as refused:
        vehicle_values(vehicle=vehicle)
    assert refused.value.code == "EMT-0004"


def test_it_records_a_passed_test(owner, vehicle, record) -> None:
    test = record(owner, vehicle)
    assert test.passed and test.number == f"ET-{test.pk:06d}"
    assert test.measured_lambda == Decimal("1.004")
    assert test.obd_source == EmissionsTest.ObdSource.TYPED


def test_it_keeps_the_tests_mileage_as_odometer_evidence(owner, vehicle, record) -> None:  # type: ignore[no-untyped-def]
    test = record(owner, vehicle)
    evidence = MileageReading.objects.get(vehicle=vehicle, source="emissions_test")
    assert (evidence.mileage_km, evidence.reference) == (131_050, f"emissions:{test.pk}")


def test_it_records_a_test_that_fails_on_lambda(owner, vehicle, record) -> None:
    test = record(owner, vehicle, measured={**PASSING, "lambda": "1.05"})
    assert not test.passed
    failed = [check["quantity"] for check in test.checks if not check["ok"]]
    assert failed == ["lambda"]
    assert test.next_due is None


def test_it_stores_nothing_when_a_value_is_outside_the_instruments_range(
    owner, vehicle, record
) -> None:
    with pytest.raises(RuleViolation) as refused:
        record(owner, vehicle, measured={**PASSING, "co": "40"})
    assert refused.value.code == "EMT-0002"
    assert EmissionsTest.objects.count() == 0


def test_it_moves_the_cbs_position_to_the_next_due_date_of_the_country(
    owner, vehicle, positions, record
) -> None:
    DueInterval.objects.update_or_create(country="DK", defaults={"months": 36})
    test = record(owner, vehicle, tested_at="2026-03-10 10:00")
    assert test.next_due == datetime.date(2029, 3, 10)
    status = VehicleCbsStatus.objects.get(
        vehicle=vehicle, cbs_position=positions["statutory_emissions_test"]
    )
    assert status.due_date == datetime.date(2029, 3, 10)


def test_it_falls_back_to_the_cbs_positions_interval_without_a_country_setting(
    owner, vehicle, record
) -> None:
    DueInterval.objects.filter(country="DK").delete()
    test = record(owner, vehicle, tested_at="2026-03-10 10:00")
    assert test.next_due == datetime.date(2028, 3, 10)


def test_it_leaves_the_cbs_position_alone_when_the_test_fails(
    owner, vehicle, positions, record
) -> None:
    record(owner, vehicle, measured={**PASSING, "lambda": "1.05"})
    assert not VehicleCbsStatus.objects.filter(
        vehicle=vehicle, cbs_position=positions["statutory_emissions_test"]
    ).exists()


def test_it_takes_the_obd_state_from_the_latest_fault_memory_report(owner, vehicle, record) -> None:
    latest = report(owner, vehicle, mil_on=True, catalyst="incomplete")
    test = record(owner, vehicle, obd_ready=True, mil_on=False)
    assert test.obd_source == EmissionsTest.ObdSource.REPORT
    assert test.obd_report_id == latest.pk
    assert not test.passed and test.obd_failures == ["mil_on", "not_ready"]


def test_it_ignores_a_fault_memory_report_older_than_a_week(owner, vehicle, record) -> None:
    report(owner, vehicle, mil_on=True, catalyst="incomplete", hours_ago=24 * 8)
    test = record(owner, vehicle)
    assert test.obd_source == EmissionsTest.ObdSource.TYPED and test.passed


def test_it_ignores_another_workshops_fault_memory_report(owner, outsider, vehicle, record) -> None:
    report(outsider, vehicle, mil_on=True, catalyst="incomplete")
    assert record(owner, vehicle).obd_source == EmissionsTest.ObdSource.TYPED


def test_it_requires_the_obd_state_when_no_report_gives_it(owner, vehicle, record) -> None:
    with pytest.raises(RuleViolation) as refused:
        record(owner, vehicle, obd_ready=None, mil_on=None)
    assert refused.value.code == "EMT-0005"


def test_it_judges_a_diesel_by_smoke_opacity_and_governed_speed(owner, diesel, record) -> None:
    test = record(
        owner,
        diesel,
        measured={"idle_rpm": "820", "smoke_k": "0,62", "governed_rpm": "5000"},
    )
    assert not test.passed
    assert [c["quantity"] for c in test.checks if not c["ok"]] == ["smoke_k"]


def test_it_refuses_a_test_in_the_future(owner, vehicle, record) -> None:
    future = (clock.now() + datetime.timedelta(hours=2)).isoformat()
    with pytest.raises(RuleViolation) as refused:
        record(owner, vehicle, tested_at=future)
    assert refused.value.code == "EMT-0006"


def test_it_refuses_a_test_without_an_instrument(owner, vehicle, record) -> None:
    with pytest.raises(RuleViolation) as refused:
        record(owner, vehicle, instrument_id=" ")
    assert refused.value.code == "EMT-0007"


def test_it_never_changes_a_recorded_test(owner, vehicle, record) -> None:
    test = record(owner, vehicle)
    with pytest.raises(ValueError):
        test.save()
