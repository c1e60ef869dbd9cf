"""Technical campaigns in a real Chromium: the VIN entry shows the banner, "Carry out" puts the
campaign's lines on the order base of Service history, the consented entry is stored and the
campaign is done. Screenshots at desktop (1280x900) and phone (390x844) width."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from aftersales.campaigns.models import CampaignCompletion
from aftersales.mfa.demo import DEMO_TOTP_KEY
from tests.browser.second_factor import enter_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
RECALL = "0013250800"  # the demo's open recall of the walkthrough's car (may be driven)
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


def test_it_carries_out_a_recall_from_the_banner_to_a_stored_entry(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, demo
) -> None:
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/applications/technical-campaigns/")
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", name="VIN entry")).to_be_visible()
    page.fill("#id_vin", VIN)
    both_widths(page, screenshot, "vin-entry")
    page.get_by_role("button", name="Search VIN").click()

    expect(page.get_by_test_id("header-vin")).to_have_text(VIN)
    banner = page.get_by_test_id("vehicle-notices")
    expect(banner).to_contain_text("2 open technical campaigns")
    # Not red: neither says do not drive.
    expect(banner.locator(".message.warning", has_text="open technical campaigns")).to_be_visible()
    campaigns = page.get_by_test_id("campaign-list")
    expect(campaigns.locator(f"tr[data-number='{RECALL}'] [data-state=open]")).to_be_visible()
    done = campaigns.locator("tr[data-number='0072010200']")
    expect(done).to_contain_text("on 10-02-2016 by Bilværkstedet Nord ApS")
    expect(campaigns.locator("[data-state=not_applicable]")).to_have_count(1)
    both_widths(page, screenshot, "vehicle-campaigns")

    campaigns.locator(f"tr[data-number='{RECALL}']").get_by_role("link", name="Details").click()
    detail = page.get_by_test_id("campaign-detail")
    expect(detail).to_contain_text("High-pressure fuel pump: check and replace")
    expect(detail).to_contain_text("13 51 7 613 933")
    both_widths(page, screenshot, "campaign-detail")

    # The same banner in Service history, at its VIN entry.
    page.goto(f"{base}/service-history/?vin=A193748")
    expect(page.get_by_test_id("vehicle-notices")).to_contain_text("2 open technical campaigns")
    screenshot("service-history-banner")
    notices = page.get_by_test_id("vehicle-notices")
    notices.locator("p", has_text="open technical campaigns").get_by_role(
        "link", name="Show"
    ).click()
    expect(page.get_by_test_id("campaign-list")).to_be_visible()

    page.locator(f"tr[data-number='{RECALL}']").get_by_role("button", name="Carry out").click()
    lines = page.locator("#order-lines")
    expect(lines.locator("tr[data-kind=CAMP]")).to_have_count(3)
    expect(lines).to_contain_text(f"Campaign {RECALL}: High-pressure fuel pump")
    expect(lines).to_contain_text("14 FRU")
    expect(lines).to_contain_text("13 51 7 613 933")
    expect(page.get_by_text("are on the order base")).to_be_visible()
    both_widths(page, screenshot, "order-base-campaign")

    page.get_by_role("link", name="Correct the service data").first.click()
    expect(page.get_by_role("heading", name="Service data")).to_be_visible()
    page.fill("#id_mileage", "131480")  # as the demo's key read at the reception says
    page.get_by_role("button", name="Order base").click()
    expect(lines.locator("tr[data-kind=CAMP]")).to_have_count(3)
    expect(page.locator(".message.error")).to_have_count(0)
    page.get_by_role("button", name="Create service history entry").click()
    expect(page.get_by_role("heading", name="Declaration of consent")).to_be_visible()
    page.get_by_label("Consent to data storage").check()
    screenshot("consent")
    page.get_by_role("button", name="OK", exact=True).click()
    expect(page.get_by_text("has been stored")).to_be_visible()
    expect(page.locator("tr.sh-highlight")).to_contain_text("131,480 km")
    screenshot("stored")

    completion = CampaignCompletion.objects.get(campaign__number=RECALL, reopened_at__isnull=True)
    assert completion.organisation.name == "Motorhjørnet ApS"

    page.goto(f"{base}/technical-campaigns/vehicle/{VIN}/")
    row = page.locator(f"tr[data-number='{RECALL}']")
    expect(row.locator("[data-state=done]")).to_be_visible()
    expect(row).to_contain_text("by Motorhjørnet ApS")
    expect(row).to_contain_text(completion.entry.number)
    expect(page.get_by_test_id("vehicle-notices")).to_contain_text("1 open technical campaign")
    both_widths(page, screenshot, "campaign-done")


def test_it_imports_a_vin_list_in_the_back_office_with_progress_and_rejects(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, demo, tmp_path
) -> None:
    csv_file = tmp_path / "vins.csv"
    csv_file.write_text(f"vin\n{VIN}\nWBA<b>1\n{VIN}\nWBA00000000000001\n")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/back-office/login/")
    page.fill("#id_username", "operator@aftersales.local")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("input[type=submit]").click()
    enter_code(page, DEMO_TOTP_KEY)  # the demo operator's authenticator app (README)
    page.goto(f"{live_server.url}/back-office/campaigns/campaign/?q=0061190300")
    page.get_by_role("link", name="0061190300").click()
    expect(page.get_by_text("affected / done / open")).to_be_visible()
    screenshot("back-office-campaign")
    page.get_by_role("link", name="Import a VIN list (CSV)").first.click()
    page.set_input_files("#id_file", str(csv_file))
    page.get_by_role("button", name="Import").click()

    status = page.locator("#import-status")
    expect(status).to_have_attribute("data-state", "done")
    expect(page.get_by_test_id("import-summary")).to_contain_text(
        "5 lines read: 0 VINs added, 1 already listed, 3 rejected."
    )
    rejects = page.locator("#import-rejects")
    expect(rejects).to_contain_text("WBA<b>1")
    expect(rejects).to_contain_text("duplicate of line 2")
    expect(rejects).to_contain_text("not in the central vehicle data")
    both_widths(page, screenshot, "back-office-import")
