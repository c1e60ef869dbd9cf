"""Recording fault memory reports and attaching them to the service entry of the visit."""

from __future__ import annotations

import datetime

import pytest

from aftersales import clock
from aftersales.faultcodes.models import FaultReport
from aftersales.faultcodes.services import fault_report_attach, fault_report_check
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import MileageReading
from tests.servicehistory.factories import ServiceEntryFactory, VehicleFactory

from .conftest import report_input

pytestmark = pytest.mark.django_db


def test_it_stores_a_read_out_with_its_codes_in_order(owner, vehicle, make_report) -> None:
    report = make_report(owner, vehicle)
    assert (report.organisation, report.mileage_km, report.mil_on) == (
        owner.organisation,
        131_050,
        True,
    )
    assert [(c.code, c.status) for c in report.codes.all()] == [
        ("P0420", "confirmed"),
        ("P0562", "pending"),
    ]
    assert report.readiness["catalyst"] == "incomplete"


def test_it_keeps_the_read_outs_mileage_as_odometer_evidence(owner, vehicle, make_report) -> None:  # type: ignore[no-untyped-def]
    report = make_report(owner, vehicle)
    evidence = MileageReading.objects.get(vehicle=vehicle, source="tool_session")
    assert (evidence.mileage_km, evidence.reference) == (131_050, f"fault-report:{report.pk}")


def test_it_stores_a_clean_fault_memory(owner, vehicle, make_report) -> None:
    report = make_report(owner, vehicle, codes=[], mil_on=False)
    assert report.codes.count() == 0


def test_it_applies_the_mileage_rule_of_service_history(owner, vehicle, make_report) -> None:
    with pytest.raises(RuleViolation) as caught:
        make_report(owner, vehicle, mileage="131.050")
    assert caught.value.code == "IPL-0051"
    assert not FaultReport.objects.exists()


def test_it_reports_every_broken_rule_at_once(owner, vehicle) -> None:
    data = report_input(
        mileage="12a", read_at="tomorrow", codes=[("X0420", "confirmed")], readiness={"x": "y"}
    )
    _checked, errors = fault_report_check(actor=owner, vehicle=vehicle, data=data)
    assert [e.code for e in errors] == ["FC-0013", "IPL-0051", "FC-0001", "FC-0011"]


def test_it_needs_a_workshop_organisation(operator, vehicle, make_report) -> None:
    with pytest.raises(RuleViolation) as caught:
        make_report(operator, vehicle)
    assert caught.value.code == "FC-0016"


def test_it_attaches_the_report_to_the_workshops_entry_of_the_vehicle(
    owner, vehicle, make_report
) -> None:
    entry = ServiceEntryFactory(vehicle=vehicle, organisation=owner.organisation, created_by=owner)
    report = make_report(owner, vehicle, service_entry_id=entry.pk)
    assert report.service_entry == entry
    fault_report_attach(actor=owner, report=report, entry_id=None)
    assert FaultReport.objects.get().service_entry is None


def test_it_refuses_another_workshops_entry(owner, outsider, vehicle, make_report) -> None:
    entry = ServiceEntryFactory(
        vehicle=vehicle, organisation=outsider.organisation, created_by=outsider
    )
    report = make_report(owner, vehicle)
    with pytest.raises(RuleViolation) as caught:
        fault_report_attach(actor=owner, report=report, entry_id=entry.pk)
    assert caught.value.code == "FC-0020"


def test_it_refuses_an_entry_of_another_vehicle(owner, vehicle, make_report) -> None:
    other = VehicleFactory(vin="WBA3A5C50DF123456")
    entry = ServiceEntryFactory(vehicle=other, organisation=owner.organisation, created_by=owner)
    with pytest.raises(RuleViolation) as caught:
        make_report(owner, vehicle, service_entry_id=entry.pk)
    assert caught.value.code == "FC-0020"


def test_it_refuses_a_cancelled_entry(owner, vehicle, make_report) -> None:
    entry = ServiceEntryFactory(
        vehicle=vehicle,
        organisation=owner.organisation,
        created_by=owner,
        cancelled_at=clock.now() - datetime.timedelta(days=1),
        cancelled_by=owner,
        cancellation_reason="Twice.",
    )
    with pytest.raises(RuleViolation) as caught:
        make_report(owner, vehicle, service_entry_id=entry.pk)
    assert caught.value.code == "FC-0020"
