"""Electronic Parts Catalogue in a real Chromium: VIN → the walkthrough car's parts tree →
illustration → hotspot ↔ row → two parts added (one replaced: its successor comes) → the order
base of Service history shows them with one total → consent → the stored entry keeps them
(history and service sheet). Screenshots at desktop (1280x900) and phone (390x844) width."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from aftersales.servicehistory.models import ServiceEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def both_widths(page: Page, screenshot: Callable[[str], Path], name: str) -> None:
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        screenshot(f"{name}-{label}")
    page.set_viewport_size(DESKTOP)


def log_in(page: Page, base: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.locator("button.lang[value=en]").click()


def test_it_orders_parts_from_the_illustration_and_stores_them(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, demo
) -> None:
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/applications/electronic-parts-catalogue/")
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    page.fill("#id_vin", "A193748")
    page.get_by_role("button", name="Search VIN").click()
    expect(page.get_by_test_id("header-vin")).to_have_text(VIN)
    tree = page.get_by_test_id("parts-tree")
    expect(tree).to_contain_text("Automatic transmission")  # the car has option S205A
    expect(tree).not_to_contain_text("Manual gearbox")
    both_widths(page, screenshot, "tree")

    tree.get_by_role("link", name="Lubrication system, oil filter").click()
    rows = page.get_by_test_id("parts-rows")
    expect(rows).to_contain_text("11 42 7 953 129")
    expect(rows).not_to_contain_text("11 42 8 507 683")  # the diesel's filter
    page.locator("#hotspot-1").click()
    expect(rows.locator("tr[data-highlight='1']")).to_have_class("epc-row is-highlighted")
    expect(page.locator("#hotspot-1")).to_have_class("epc-hotspot is-highlighted")
    rows.locator("a.epc-pos#pos-5").click()
    expect(page.locator("#hotspot-5")).to_have_class("epc-hotspot is-highlighted")
    expect(page.locator("#hotspot-1")).to_have_class("epc-hotspot")
    both_widths(page, screenshot, "illustration-hotspot")

    quantity = rows.locator("tr[data-number='11427953129'] input[name=quantity]")
    quantity.fill("2x")
    rows.get_by_test_id("add-11427953129").click()
    expect(page.get_by_test_id("add-error")).to_contain_text("EPC-0003")
    expect(page.get_by_test_id("parts-rows").locator("input[aria-invalid=true]")).to_have_value(
        "2x"
    )
    page.get_by_test_id("parts-rows").locator(
        "tr[data-number='11427953129'] input[name=quantity]"
    ).fill("2")
    page.get_by_test_id("add-11427953129").click()
    expect(
        page.get_by_text("2 × 11 42 7 953 129 Oil filter element set with O-ring is on")
    ).to_be_visible()
    expect(page.get_by_test_id("order-count")).to_contain_text("1 part on the order base")

    page.fill("#id_q", "34 11 6 771 868")  # the old brake pads' number
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_test_id("search-results")
    expect(results.get_by_test_id("replaced-by")).to_contain_text("34 11 6 794 917")
    both_widths(page, screenshot, "search-replaced")
    results.get_by_test_id("add-34116794917").click()
    expect(page.get_by_test_id("order-count")).to_contain_text("2 parts on the order base")

    page.get_by_role("link", name="Order base →").click()
    lines = page.locator("#order-lines")
    expect(lines.locator("tr[data-kind=PART]")).to_have_count(2)
    expect(lines).to_contain_text("11 42 7 953 129")
    expect(lines).to_contain_text("34 11 6 794 917")
    expect(lines).to_contain_text("2 pcs")
    expect(lines.locator("tfoot")).to_contain_text("158.25")  # 2 × 18.875 (rounded once) + 120.50
    both_widths(page, screenshot, "order-base")

    page.get_by_role("link", name="Correct the service data").first.click()
    page.fill("#id_mileage", "131480")
    expect(page.locator("#id_maintenance_date")).to_have_value(timezone.localdate().isoformat())
    page.get_by_role("button", name="Order base").click()
    expect(page.locator("#order-lines tr[data-kind=PART]")).to_have_count(2)
    page.get_by_role("button", name="Create service history entry").click()
    page.get_by_label("Consent to data storage").check()
    page.get_by_role("button", name="OK", exact=True).click()
    expect(page.get_by_text("has been stored")).to_be_visible()
    both_widths(page, screenshot, "stored")

    entry = ServiceEntry.objects.get(mileage_km=131_480)
    assert list(entry.lines.values_list("kind", "number", "quantity")) == [
        ("PART", "11 42 7 953 129", 2),
        ("PART", "34 11 6 794 917", 1),
    ]
    with page.expect_download() as download_info:
        page.locator("tr.sh-highlight").get_by_role("link", name="Service sheet").click()
    text = " ".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages)
    assert "11 42 7 953 129" in text and "34 11 6 794 917" in text
