"""Commercial Service Data in a real Chromium: VIN → search the operations valid for the car →
add one with a quantity (a bad quantity refused next to its row first) and a service package →
the order base of Service history shows them with prices and one total → consent → the stored
entry keeps them (read back from the service sheet). Screenshots at 1280x900 and 390x844."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from aftersales.servicehistory.models import ServiceEntry

from .responsive import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def both_widths(page: Page, visit: Visitor, screenshot: Callable[[str], Path], name: str) -> None:
    screenshot(f"{name}-desktop")
    page.set_viewport_size(PHONE)
    visit(f"{name}-phone")
    page.set_viewport_size(DESKTOP)


def log_in(page: Page, base: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.locator("button.lang[value=en]").click()


def test_it_puts_labour_operations_on_the_order_and_stores_them(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, demo
) -> None:
    base = live_server.url
    visit = Visitor(page, base, screenshot)
    log_in(page, base)
    page.goto(f"{base}/applications/commercial-service-data/")
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", name="VIN entry")).to_be_visible()
    page.fill("#id_vin_main", "A193748")
    page.locator("#id_vin_main + button").click()
    expect(page.get_by_test_id("header-vin")).to_have_text(VIN)
    operations = page.get_by_test_id("operations")
    expect(operations.locator("tr[data-number='11 00 050']")).to_be_visible()
    expect(operations.locator("tr[data-number='13 32 000']")).to_have_count(0)  # diesel only
    both_widths(page, visit, screenshot, "operations")

    page.fill("#id_q", "oil filter")  # htmx narrows the list while typing
    expect(operations.locator("tr[data-number='12 12 000']")).to_have_count(0)
    row = operations.locator("tr[data-number='11 00 050']")
    expect(row).to_contain_text("65.63")  # 6 FRU at 105.00 an hour + 25 % VAT
    row.locator("input[name=quantity]").fill("1x")
    row.get_by_role("button", name="Add").click()
    row = page.get_by_test_id("operations").locator("tr[data-number='11 00 050']")
    expect(row).to_contain_text("CSD-0003")
    expect(row.locator("input[name=quantity]")).to_have_value("1x")
    both_widths(page, visit, screenshot, "bad-quantity")

    row.locator("input[name=quantity]").fill("1,5")
    row.get_by_role("button", name="Add").click()
    expect(page.get_by_text("is on the order base")).to_be_visible()
    summary = page.get_by_test_id("order-summary")
    expect(summary.locator("tr[data-number='11 00 050']")).to_contain_text("9 FRU")
    expect(summary.locator("tr[data-number='11 00 050']")).to_contain_text("98.44")

    page.get_by_test_id("packages").locator("tr[data-number='SP-BRAKE-FLUID']").get_by_role(
        "button", name="Add package"
    ).click()
    expect(summary.locator("tr[data-number='SP-BRAKE-FLUID']")).to_contain_text("123.75")
    expect(page.get_by_test_id("order-total")).to_have_text("222.19")
    both_widths(page, visit, screenshot, "on-the-order")

    page.get_by_test_id("open-order-base").click()
    lines = page.locator("#order-lines")
    expect(lines.locator("tr[data-kind=LAB][data-number='11 00 050']")).to_contain_text("98.44")
    expect(lines).to_contain_text("Total (gross)")
    expect(lines.locator("tfoot")).to_contain_text("222.19")

    page.get_by_role("link", name="Service data", exact=True).click()
    page.fill("#id_mileage", "130500")
    page.get_by_role("button", name="Order base").click()
    expect(lines.locator("tr[data-kind=LAB]").first).to_be_visible()
    both_widths(page, visit, screenshot, "order-base")

    page.get_by_role("button", name="Create service history entry").click()
    page.get_by_label("Consent to data storage").check()
    page.get_by_role("button", name="OK", exact=True).click()
    expect(page.get_by_text("has been stored")).to_be_visible()
    entry = ServiceEntry.objects.get(mileage_km=130_500)
    stored = {line.number: line for line in entry.lines.filter(kind="LAB")}
    assert stored["11 00 050"].reference.startswith("LOV-")
    assert str(stored["SP-BRAKE-FLUID"].gross_amount) == "123.75"
    screenshot("stored")

    with page.expect_download() as download_info:
        page.locator("tr.sh-highlight").get_by_role("link", name="Service sheet").click()
    pdf = PdfReader(download_info.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "11 00 050" in text and "Engine oil service with oil filter" in text
    assert "Brake fluid service" in text
    assert not visit.problems, "\n".join(visit.problems)
