"""German in a real Chromium: the walkthrough's pages in German fit a phone (390x844) and a desktop
(1280x900) without sideways scrolling (German words are long: Fahrgestellnummer,
Schlüsselauslesungen), and the German demo workshop reads its pending status in German.
Screenshots go to var/test-artifacts/test_it_fits_the_german_pages_on[<screen>]/."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from aftersales.catalogue.registry import BUILT_APPLICATIONS
from tests.browser.responsive import DEVICES, Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("load_demo_data", stdout=io.StringIO())


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_it_fits_the_german_pages_on(
    screen: str,
    page: Page,
    live_server: LiveServer,
    screenshot: Callable[[str], object],
    demo: None,
) -> None:
    width, height = DEVICES[screen]
    page.set_viewport_size({"width": width, "height": height})
    visit = Visitor(page, live_server.url, screenshot)
    log_in(page, live_server.url, "motorhj@mail.dk")
    page.locator("button.lang[value=de]").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")

    visit("overview", "/overview/")
    expect(page.locator("main")).to_contain_text("Aftersales jetzt auf Deutsch")
    visit("catalogue", "/applications/")
    visit("vin-entry", "/service-history/")
    expect(page.get_by_role("button", name="FIN suchen")).to_be_visible()
    visit("central-data", f"/service-history/vehicle/{VIN}/")
    expect(page.locator("main")).to_contain_text("Kilometerstand (Zentraldaten)")
    visit("vehicle-data", f"/service-history/vehicle/{VIN}/vehicle-data/")
    visit("service-data", f"/service-history/vehicle/{VIN}/service-data/")
    visit("service-history", f"/service-history/vehicle/{VIN}/history/")
    visit("my-data", "/accounts/my-data/")
    visit("my-organisation", "/accounts/my-organisation/")
    visit("my-tickets", "/credit/tickets/")
    visit("my-credit", "/credit/account/")
    visit("price-list", "/credit/price-list/")
    visit("api-tokens", "/api/tokens/")
    for application in BUILT_APPLICATIONS[1:]:
        visit(f"app-{application.slug}", f"/{application.slug}/")
    assert not visit.problems, "\n".join(visit.problems)


def test_it_shows_the_german_workshop_its_pending_status_in_german(
    page: Page, live_server: LiveServer, screenshot: Callable[[str], object], demo: None
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "anna@werkstatt-mueller.de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("main")).to_contain_text("Ihre Organisation ist noch nicht freigeschaltet")
    screenshot("pending-overview")
    page.goto(f"{live_server.url}/accounts/my-organisation/")
    expect(page.locator("#id_postcode")).to_have_value("80331")
    expect(page.locator("#id_phone")).to_have_value("+49 89 123456")
    screenshot("my-organisation")
