"""Issue 8 in a real Chromium: every page of the walkthrough works on a phone (390x844), a tablet
(768x1024) and a desktop (1280x900): no horizontal scrolling, the menu collapsed on the phone,
buttons and the Service data checkboxes big enough to tap. Screenshots of each page go to
var/test-artifacts/test_it_fits_every_page_on[<screen>]/."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from aftersales.catalogue.registry import BUILT_APPLICATIONS
from aftersales.news.models import News
from tests.browser.responsive import DEVICES, NARROW, Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("load_demo_data", stdout=io.StringIO())


@pytest.fixture
def visit(page: Page, live_server: LiveServer, screenshot: Callable[[str], object]) -> Visitor:
    return Visitor(page, live_server.url, screenshot)


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    # The demo administrator reads Danish; the walkthrough is in English.
    page.locator("button.lang[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.fixture(params=list(DEVICES), ids=list(DEVICES))
def screen(request: pytest.FixtureRequest, page: Page) -> str:
    width, height = DEVICES[request.param]
    page.set_viewport_size({"width": width, "height": height})
    return str(request.param)


def test_it_fits_every_page_on(
    screen: str, page: Page, live_server: LiveServer, visit: Visitor, demo: None
) -> None:
    base = live_server.url
    visit("landing", "/")
    visit("login", "/accounts/login/")
    visit("register", "/accounts/register/")
    visit("technical-requirements", "/technical-requirements/")
    log_in(page, base)

    visit("overview", "/overview/")
    visit("catalogue", "/applications/")
    visit("start-page", "/applications/service-history/")
    visit("news", "/news/")
    visit("news-item", f"/news/{News.objects.order_by('pk')[0].pk}/")
    visit("vin-entry", "/service-history/")
    visit("central-data", f"/service-history/vehicle/{VIN}/")
    visit("vehicle-data", f"/service-history/vehicle/{VIN}/vehicle-data/")
    visit("options", f"/service-history/vehicle/{VIN}/options/")
    visit("service-history", f"/service-history/vehicle/{VIN}/history/")

    visit("service-data", f"/service-history/vehicle/{VIN}/service-data/")
    if DEVICES[screen][0] <= NARROW:
        visit.check_checkboxes(".sh-positions-table input[type=checkbox]")
    page.get_by_label("Engine oil").check()
    page.get_by_label("Brake fluid").check()
    page.fill("#id_mileage", "130500")
    page.get_by_role("button", name="Order base").click()
    expect(page.locator("#order-lines")).to_contain_text("00 00 610")
    visit("order-base")
    page.get_by_role("button", name="Create service history entry").click()
    expect(page.get_by_role("heading", name="Declaration of consent")).to_be_visible()
    visit("order-base-consent")

    visit("my-data", "/accounts/my-data/")
    visit("my-organisation", "/accounts/my-organisation/")
    visit("my-tickets", "/credit/tickets/")
    visit("my-credit", "/credit/account/")
    visit("price-list", "/credit/price-list/")
    visit("api-tokens", "/api/tokens/")
    visit("api-problems", "/api/problems/")
    for application in BUILT_APPLICATIONS[1:]:  # the other applications' first screens
        visit(f"app-{application.slug}", f"/{application.slug}/")
    page.locator("button.lang[value=da]").click()  # Danish labels are longer
    visit("overview-da", "/overview/")
    visit("service-history-da", f"/service-history/vehicle/{VIN}/history/")
    assert not visit.problems, "\n".join(visit.problems)


@pytest.mark.parametrize("width,height", [DEVICES["phone"], DEVICES["tablet"]])
def test_it_opens_and_closes_the_collapsed_menu(
    page: Page,
    live_server: LiveServer,
    screenshot: Callable[[str], object],
    demo: None,
    width: int,
    height: int,
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server.url)
    menu, toggle = page.locator(".sidenav"), page.locator(".menu-toggle")
    expect(menu).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(menu).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    screenshot("menu-open")
    menu.get_by_role("link", name="My credit").click()
    expect(page).to_have_url(re.compile("/credit/account/$"))
    expect(page.locator(".sidenav")).to_be_hidden()
    page.locator(".menu-toggle").click()
    page.locator(".menu-toggle").click()
    expect(page.locator(".sidenav")).to_be_hidden()


def test_it_keeps_the_desktop_menu_open_without_a_toggle(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url)
    expect(page.locator(".sidenav")).to_be_visible()
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.get_by_role("button", name="Logout")).to_be_visible()


def test_it_opens_the_collapsed_menu_without_a_script(
    browser: Browser, live_server: LiveServer, demo: None
) -> None:
    """The toggle is a link to #site-menu: with scripts off, :target still opens the menu."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", "motorhj@mail.dk")
        page.fill("#id_password", "Aftersales-demo-2026")
        page.locator("form.stacked button[type=submit]").click()
        expect(page.locator(".sidenav")).to_be_hidden()
        page.locator(".menu-toggle").click()
        expect(page.locator(".sidenav")).to_be_visible()
        expect(page.locator(".sidenav")).to_contain_text(
            "Min organisation"
        )  # the demo reads Danish
    finally:
        context.close()
