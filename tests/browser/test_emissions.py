"""Emissions test nominal values in a real Chromium: VIN entry → the walkthrough car's nominal
values with their sources → Record test: a wrong number refused next to its field, a test that
fails on lambda, one that passes → the certificate PDF read back → the CBS position "Statutory
emissions test" moved to its next due date. Screens at 1280x900 and 390x844, checked for
sideways scrolling and small targets."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.emissions.models import EmissionsTest
from aftersales.faultcodes.models import FaultReport
from aftersales.servicehistory.cbs import add_months
from aftersales.vehicles.models import Vehicle, VehicleCbsStatus

from .responsive import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
COMPLETE = {
    "misfire": "complete",
    "fuel_system": "complete",
    "comprehensive_components": "complete",
    "catalyst": "complete",
    "oxygen_sensor": "complete",
    "oxygen_sensor_heater": "complete",
}


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def log_in(page: Page, base: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.locator("button.lang[value=en]").click()


def both_widths(visit: Visitor, page: Page, name: str) -> None:
    page.set_viewport_size(DESKTOP)
    visit(f"{name}-1280")
    page.set_viewport_size(PHONE)
    visit(f"{name}-390")
    page.set_viewport_size(DESKTOP)


def repaired_read_out() -> None:
    """After the catalyst repair the diagnosis tool reads the fault memory again: MIL off,
    every monitor complete (the demo's read-out of this morning had the MIL on)."""
    user = User.objects.get(email="mekaniker@mail.dk")
    FaultReport.objects.create(
        vehicle=Vehicle.objects.get(vin=VIN),
        organisation=user.organisation,
        created_by=user,
        read_at=clock.now() - datetime.timedelta(minutes=2),
        mileage_km=131_060,
        tool_id="ISTA 4.39.20",
        mil_on=False,
        readiness=COMPLETE,
        source=FaultReport.Source.API,
    )


def record(page: Page, *, lambda_value: str) -> None:
    page.get_by_test_id("record-test").click()
    expect(page.get_by_role("heading", name="Record test")).to_be_visible()
    page.fill("#id_mileage", "131060")
    page.fill("#id_instrument_id", "AVL 4000 #A-1187")
    page.fill("#id_measured_idle_rpm", "720")
    page.fill("#id_measured_raised_idle_rpm", "2650")
    page.fill("#id_measured_co", "0,05")
    page.fill("#id_measured_lambda", lambda_value)
    page.get_by_role("button", name="Store test").click()


def test_it_records_a_failed_and_a_passed_emissions_test(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot: Callable[[str], Path], demo
) -> None:
    base = live_server.url
    visit = Visitor(page, base, screenshot)
    repaired_read_out()
    log_in(page, base)
    page.goto(f"{base}/applications/emissions-test-nominal-values/")
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", name="VIN entry")).to_be_visible()
    both_widths(visit, page, "vin-entry")
    page.fill("#id_vin_main", "A193748")
    page.locator("#id_vin_main + button").click()
    expect(page.get_by_test_id("header-vin")).to_have_text(VIN)
    values = page.get_by_test_id("nominal-values")
    expect(values.locator("tr[data-quantity=lambda]")).to_contain_text("0.970–1.030")
    expect(page.get_by_test_id("source-lambda")).to_have_text("Manufacturer")
    expect(values.locator("tr[data-quantity=co]")).to_contain_text("≤ 0.20")
    expect(page.get_by_test_id("source-co")).to_have_text("Legal limit")
    expect(values.locator("tr[data-quantity=smoke_k]")).to_have_count(0)
    both_widths(visit, page, "nominal-values")

    printout = page.request.get(f"{base}/emissions-test-nominal-values/vehicle/{VIN}/print/")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(printout.body())).pages)
    assert "0.970–1.030" in text and "Legal limit" in text

    record(page, lambda_value="1,0x")
    expect(page.locator(".has-error")).to_contain_text("EMT-0001")
    expect(page.locator("#id_measured_lambda")).to_have_value("1,0x")
    expect(page.get_by_test_id("obd-from-report")).to_contain_text("ready for an emissions test")
    both_widths(visit, page, "wrong-number")
    assert EmissionsTest.objects.count() == 0

    page.fill("#id_measured_lambda", "1,05")
    page.get_by_role("button", name="Store test").click()
    expect(page.get_by_test_id("verdict")).to_have_text("Failed")
    checks = page.get_by_test_id("checks")
    expect(checks.locator("tr[data-quantity=lambda]")).to_contain_text("outside the nominal value")
    expect(checks.locator("tr[data-quantity=co]")).to_contain_text("OK")
    expect(checks.locator("tr[data-quantity=obd]")).to_contain_text("fault memory report")
    expect(page.get_by_test_id("certificate")).to_have_count(0)
    both_widths(visit, page, "failed")

    page.get_by_role("link", name="Back to the nominal values").click()
    record(page, lambda_value="1,004")
    expect(page.get_by_test_id("verdict")).to_contain_text("Passed")
    both_widths(visit, page, "passed")
    test = EmissionsTest.objects.get(passed=True)
    due = add_months(timezone.localdate(test.tested_at), 24)  # the demo's interval for Denmark
    expect(page.get_by_test_id("verdict")).to_contain_text(due.isoformat())

    href = page.get_by_test_id("certificate").get_attribute("href")
    certificate = page.request.get(f"{base}{href}")
    assert certificate.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate.body())).pages)
    assert "Emissions test certificate" in text and test.number in text and VIN in text
    assert "1.004" in text and "AVL 4000 #A-1187" in text

    status = VehicleCbsStatus.objects.get(
        vehicle__vin=VIN, cbs_position__code="statutory_emissions_test"
    )
    assert status.due_date == due
    page.goto(f"{base}/emissions-test-nominal-values/vehicle/{VIN}/")
    expect(page.get_by_test_id("tests").locator("tbody tr")).to_have_count(2)
    both_widths(visit, page, "tests")
    assert not visit.problems, "\n".join(visit.problems)
