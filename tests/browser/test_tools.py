"""Diagnosis, Programming and State of charge in a real Chromium, on the demo: Start issues a
licence, a too-old version is refused with the version to install, the session log; the i3's
battery page with its charts and warning, a battery health certificate issued and verified
without an account; the 330e's programming results in its central data. Screenshots at desktop
(1280x900) and phone (390x844) width, checked for sideways scrolling on the phone."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from aftersales.vehicles.models import Vehicle
from tests.browser.responsive import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def both_widths(visit: Visitor, page: Page, name: str) -> None:
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        visit(f"{name}-{label}")
    page.set_viewport_size(DESKTOP)


def log_in(page: Page, base: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.locator("button.lang[value=en]").click()


def test_it_starts_the_tools_and_shows_the_battery(
    page: Page, live_server, screenshot: Callable[[str], Path], demo: None
) -> None:
    base = live_server.url
    visit = Visitor(page, base, screenshot)
    log_in(page, base)

    page.goto(f"{base}/diagnosis/")
    page.select_option("#id_version", "4.37.40")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("Please install version 4.41.10")
    both_widths(visit, page, "diagnosis-too-old")
    page.select_option("#id_version", "4.41.10")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_test_id("licence-issued")).to_be_visible()
    both_widths(visit, page, "diagnosis-licence")

    page.goto(f"{base}/diagnosis/sessions/")
    expect(page.get_by_test_id("sessions")).to_contain_text("ISTA 4.41.10")
    both_widths(visit, page, "diagnosis-sessions")

    i3 = Vehicle.objects.filter(model_designation="i3 120Ah").order_by("vin").first()
    assert i3 is not None
    page.goto(f"{base}/state-of-charge/vehicle/{i3.vin}/")
    expect(page.get_by_test_id("health-warning")).to_be_visible()
    expect(page.get_by_test_id("soh-chart")).to_have_count(2)
    both_widths(visit, page, "battery")
    page.get_by_role("button", name="Issue certificate").click()
    expect(page.get_by_test_id("certificate-code")).to_be_visible()
    both_widths(visit, page, "battery-certificate")
    verify = page.get_by_test_id("verify-link").get_attribute("href") or ""

    anonymous = page.context.browser.new_page()  # type: ignore[union-attr]
    anonymous.goto(verify.replace("http://127.0.0.1:8000", base))
    expect(anonymous.get_by_test_id("verdict")).to_contain_text("Valid. Issued by Motorhjørnet")
    anonymous.set_viewport_size(PHONE)
    Visitor(anonymous, base, screenshot)("battery-verify-phone")
    anonymous.close()

    hybrid = Vehicle.objects.filter(model_designation="330e").order_by("vin").first()
    assert hybrid is not None
    page.goto(f"{base}/service-history/vehicle/{hybrid.vin}/")
    expect(page.get_by_test_id("control-unit-results")).to_contain_text("B46-26-09-510")
    both_widths(visit, page, "programming-central-data")
    assert not visit.problems, "\n".join(visit.problems)
