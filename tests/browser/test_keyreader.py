"""KeyReader in a real Chromium: the demo's key read of the walkthrough's car → Use for order →
Service data with the mileage and the due positions filled in; the upload form's IPL-0051.
Screenshots at desktop (1280x900) and phone (390x844) width."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

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


def test_it_uses_a_key_read_for_the_order(page: Page, live_server, screenshot, demo) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/applications/keyreader/")
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    reads = page.get_by_test_id("key-reads")
    expect(reads).to_contain_text(VIN)
    expect(reads).to_contain_text("131,480 km")
    expect(reads).to_contain_text("vehicle not known yet")  # the MINI the import has not brought
    both_widths(page, screenshot, "key-reads")

    reads.get_by_role("link", name=VIN).click()
    expect(page.get_by_test_id("read-vin")).to_have_text(VIN)
    expect(page.get_by_text("Service due soon: engine oil.")).to_be_visible()
    both_widths(page, screenshot, "key-read")

    page.get_by_test_id("use-for-order").click()
    expect(page.get_by_role("heading", name="Service data")).to_be_visible()
    expect(page.get_by_text("Service data filled in from the key read")).to_be_visible()
    expect(page.locator("#id_mileage")).to_have_value("131480")
    expect(page.get_by_label("Engine oil")).to_be_checked()
    expect(page.get_by_label("Vehicle check")).to_be_checked()
    expect(page.get_by_label("Front Brake")).not_to_be_checked()
    expect(page.get_by_test_id("vehicle-notices")).to_contain_text("Key read of")
    both_widths(page, screenshot, "service-data")

    page.get_by_role("button", name="Order base").click()
    expect(page.locator("#order-lines")).to_contain_text("00 00 610")
    screenshot("order-base")


def test_it_refuses_an_uploaded_read_with_letters_in_the_mileage(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, demo, tmp_path
) -> None:
    readout = {
        "vin": VIN,
        "key_number": 2,
        "read_at": "2026-01-05T09:30:00+01:00",
        "mileage": "131.5OO",
        "cbs": [{"position": "engine_oil", "remaining_km": 870}],
        "check_control": [],
        "raw_readout": "S1JEMQ==",
    }
    path = tmp_path / "key-2.json"
    path.write_text(json.dumps(readout))
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/keyreader/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Upload read-out").click()
    expect(page.get_by_text("IPL-0051 The kilometre entered is invalid.")).to_be_visible()
    both_widths(page, screenshot, "upload-ipl-0051")
