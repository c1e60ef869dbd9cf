"""Emission-relevant fault codes in a real Chromium: the lookup (normalised code, coded message
for a malformed one, search in words), the walkthrough car's fault memory report, recording a
report in the form. Every screen at desktop (1280x900) and phone (390x844) width."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from aftersales.faultcodes.models import FaultReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


@pytest.fixture
def both(page: Page, screenshot: Callable[[str], Path]) -> Callable[[str], None]:
    """A screenshot at desktop and at phone width; the page is left at desktop width."""

    def shoot(name: str) -> None:
        page.set_viewport_size(DESKTOP)
        screenshot(f"{name}-1280")
        page.set_viewport_size(PHONE)
        screenshot(f"{name}-390")
        page.set_viewport_size(DESKTOP)

    return shoot


def log_in(page: Page, base: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.locator("button.lang[value=en]").click()


def test_it_looks_up_codes_and_shows_the_walkthrough_cars_report(
    page: Page, live_server, both, demo
) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    log_in(page, base)
    page.get_by_role("link", name="Emission-relevant fault codes").first.click()
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Look up a fault code")).to_be_visible()
    both("lookup")

    page.fill("#id_code", "p0301 ")
    page.get_by_role("button", name="Look up").click()
    expect(page.get_by_role("heading", name="Fault code P0301")).to_be_visible()
    expect(page.locator(".fc-description")).to_have_text("Misfire in cylinder 1")
    expect(page.get_by_test_id("code-scope")).to_have_text("Generic (ISO/SAE)")
    expect(page.get_by_text("Ignition coil faulty")).to_be_visible()
    both("code-p0301")

    page.fill("#id_code", "P9X01")
    page.get_by_role("button", name="Look up").click()
    expect(
        page.get_by_text("FC-0001 The second character must be a digit 0-3, not “9”.")
    ).to_be_visible()
    expect(page.locator("#id_code")).to_have_value("P9X01")
    both("code-malformed")

    page.fill("#id_search", "efficiency bank 1")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("#results")
    expect(results.get_by_role("heading")).to_have_text("4 codes found")
    expect(results).to_contain_text("P0420")
    expect(results).to_contain_text("P0422")
    both("search")

    page.fill("#id_vin", "a193748")
    page.get_by_role("button", name="Search VIN").click()
    expect(page.get_by_test_id("header-vin")).to_have_text(VIN)
    report = page.get_by_test_id("fault-report").first
    expect(report.get_by_test_id("mil")).to_have_text("MIL on")
    expect(report.get_by_test_id("emissions-test")).to_contain_text(
        "not ready: MIL on; catalyst monitor incomplete"
    )
    expect(report.locator("tr.fc-row-emission")).to_contain_text("P0420")
    expect(report).to_contain_text("1 emission-relevant code")
    both("vehicle-reports")

    report.get_by_role("link", name="Read-out of").click()
    expect(page.get_by_role("heading", name="Readiness monitors")).to_be_visible()
    expect(page.locator(".fc-monitors")).to_contain_text("incomplete")
    both("report")


def test_it_records_a_report_in_the_form(page: Page, live_server, both, demo) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/emission-relevant-fault-codes/vehicle/{VIN}/")
    page.get_by_role("link", name="Record a fault memory report").click()
    page.fill("#id_mileage", "131 500")
    page.fill("#id_tool_id", "ISTA 4.39.20")
    page.get_by_label("MIL on (malfunction indicator lamp lit)").check()
    page.fill("#id_code_1", "p0171")
    page.fill("#id_code_2", "0174")
    page.select_option("#id_status_2", "pending")
    page.select_option("#id_monitor_catalyst", "complete")
    page.select_option("#id_monitor_oxygen_sensor", "incomplete")
    page.get_by_role("button", name="Store report").click()
    expect(page.get_by_text("IPL-0051 The kilometre entered is invalid.")).to_be_visible()
    expect(page.locator("#id_code_2")).to_have_value("0174")
    expect(page.locator("#id_monitor_oxygen_sensor")).to_have_value("incomplete")
    both("report-form-ipl-0051")

    page.fill("#id_mileage", "131500")
    page.get_by_role("button", name="Store report").click()
    expect(page.get_by_text("The fault memory report has been stored.")).to_be_visible()
    report = page.get_by_test_id("fault-report")
    expect(report).to_contain_text("P0171")
    expect(report).to_contain_text("Mixture too lean (bank 2)")
    expect(report.get_by_test_id("emissions-test")).to_contain_text(
        "not ready: MIL on; oxygen sensor monitor incomplete"
    )
    both("report-stored")
    stored = FaultReport.objects.filter(mileage_km=131_500).get()
    assert [c.code for c in stored.codes.all()] == ["P0171", "P0174"]
