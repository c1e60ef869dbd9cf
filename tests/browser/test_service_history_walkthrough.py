"""Issue 3 in a real Chromium: the workshop walkthrough from log-in to the printed service sheet."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from aftersales.servicehistory.models import ServiceEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
IPL_0051 = (
    "IPL-0051 The kilometre entered is invalid. "
    "Please use exclusively the numbers 0 - 9 for your input."
)


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def test_it_walks_from_the_vin_to_a_consented_printed_entry(
    page: Page, live_server, screenshot, demo
) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    # The demo administrator reads Danish; the walkthrough is in English.
    page.locator("button.lang[value=en]").click()
    expect(page.get_by_role("link", name="Service history").first).to_be_visible()
    screenshot("overview")

    page.get_by_role("link", name="Service history").first.click()
    expect(page.locator("[data-status=green]")).to_be_visible()
    screenshot("start-page")
    page.get_by_role("button", name="Start").click()

    expect(
        page.get_by_text("Enter the vehicle identification number (17 characters")
    ).to_be_visible()
    page.fill("#id_vin", VIN)
    screenshot("vin-entry")
    page.get_by_role("button", name="Search VIN").click()

    header = page.locator(".sh-header")
    expect(header.get_by_test_id("header-vin")).to_have_text(VIN)
    for text in [
        "129,226 km",
        "335i UV81",
        "E91 / N54",
        "475 black-sapphire metallic",
        "22-09-2008",
    ]:
        expect(header).to_contain_text(text)
    screenshot("vehicle-header")

    page.get_by_role("link", name="Order base / inspection").click()
    expect(page.get_by_role("heading", name="Service data")).to_be_visible()
    page.get_by_label("Engine oil").check()
    page.fill("#id_mileage", "129a")
    expect(page.locator("#id_maintenance_date")).to_have_value(timezone.localdate().isoformat())
    page.get_by_role("button", name="Order base").click()
    expect(page.get_by_text(IPL_0051)).to_be_visible()
    expect(page.get_by_label("Engine oil")).to_be_checked()
    screenshot("ipl-0051")

    page.fill("#id_mileage", "130500")
    page.get_by_role("button", name="Order base").click()
    lines = page.locator("#order-lines")
    expect(lines).to_contain_text("00 00 610")
    expect(lines).to_contain_text("3 FRU")
    expect(lines).to_contain_text("00 00 105")
    page.fill("#id_comment", "Engine oil 5W-30 changed, ")
    # ± removes a line and adds it again without losing the comment (htmx).
    lines.locator("tr[data-number='00 00 105'] button").click()
    expect(lines.locator("tr[data-number='00 00 105']")).to_have_class("sh-removed")
    lines.locator("tr[data-number='00 00 105'] button").click()
    expect(lines.locator("tr[data-number='00 00 105']")).not_to_have_class("sh-removed")
    page.locator("#id_comment").press_sequentially("customer waited.")
    screenshot("order-base")

    page.get_by_role("button", name="Create service history entry").click()
    expect(page.get_by_role("heading", name="Declaration of consent")).to_be_visible()
    expect(page.locator("#id_comment")).to_have_value("Engine oil 5W-30 changed, customer waited.")
    page.get_by_role("button", name="OK", exact=True).click()
    expect(page.get_by_text("Nothing has been stored")).to_be_visible()
    assert not ServiceEntry.objects.filter(mileage_km=130_500).exists()
    screenshot("consent-missing")

    page.get_by_label("Consent to data storage").check()
    page.get_by_role("button", name="OK", exact=True).click()
    expect(page.get_by_text("has been stored")).to_be_visible()
    row = page.locator("tr.sh-highlight")
    expect(row).to_contain_text("Engine oil 5W-30 changed, customer waited.")
    expect(row).to_contain_text("130,500 km")
    expect(row).to_contain_text("Motorhjørnet ApS")
    expect(row).to_contain_text("Not yet transferred to vehicle")
    expect(page.locator(".sh-header")).to_contain_text("130,500 km")
    expect(page.locator("tr.sh-cancelled").first).to_contain_text("Dobbeltregistrering")
    screenshot("service-history")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Service sheet").click()
    pdf = PdfReader(download_info.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert VIN in text and "Engine oil" in text and "130,500 km" in text
    assert "customer waited." in text and len(pdf.pages) == 1


def test_it_speaks_danish_to_the_danish_workshop(page: Page, live_server, screenshot, demo) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "mekaniker@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.goto(f"{base}/service-history/?vin=a193748")
    expect(page.locator(".sh-header")).to_contain_text("Stelnummer")
    page.get_by_role("link", name="Ordregrundlag / eftersyn").click()
    page.get_by_label("Motorolie").check()
    page.get_by_label("Bremsevæske").check()
    page.fill("#id_mileage", "130100")
    page.get_by_role("button", name="Ordregrundlag").click()
    expect(page.locator("#order-lines")).to_contain_text("Standardomfang")
    page.get_by_role("button", name="Opret registrering i servicehistorikken").click()
    expect(page.get_by_role("heading", name="Samtykkeerklæring")).to_be_visible()
    screenshot("order-base-da")
    page.get_by_role("link", name="Centrale køretøjsdata").click()
    page.get_by_role("link", name="Servicehistorik").last.click()
    expect(page.locator(".sh-history")).to_contain_text("Annulleret")
    screenshot("history-da")
