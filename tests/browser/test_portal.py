"""Issue 2 in a real Chromium: register, get verified by the operator, log in, look around."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from aftersales.accounts.models import Organisation
from tests.browser.second_factor import enter_code
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_catalogue(transactional_db) -> None:  # type: ignore[no-untyped-def]
    from aftersales.catalogue import demo as catalogue_demo
    from aftersales.news import demo as news_demo

    catalogue_demo.load()
    news_demo.load()


def log_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Logon").click()


def test_it_registers_verifies_and_logs_in(
    page: Page, live_server, screenshot, demo_catalogue
) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    page.goto(base)
    screenshot("landing")
    page.get_by_role("link", name="Register now").click()
    page.fill("#id_name", "Browser Værksted ApS")
    page.fill("#id_street", "Testvej 1")
    page.fill("#id_postcode", "8000")
    page.fill("#id_city", "Aarhus")
    page.select_option("#id_country", "DK")
    page.fill("#id_vat_number", "DK10150817")
    page.fill("#id_phone", "+45 12 34 56 78")
    page.fill("#id_contact_email", "info@browser.example")
    page.check("input[name=brands][value=bmw]")
    page.fill("#id_admin_full_name", "Bente Browser")
    page.fill("#id_admin_email", "bente@browser.example")
    page.fill("#id_password1", "Bremsevæske-2026")
    page.fill("#id_password2", "Bremsevæske-2026")
    page.check("#id_accept_terms")
    screenshot("registration-filled")
    page.get_by_role("button", name="Register now").click()
    expect(page.get_by_role("heading", name="Thank you for your registration")).to_be_visible()
    # Registering does not log on (the answer is the same for an address with an account).
    log_in(page, base, "bente@browser.example", "Bremsevæske-2026")
    page.goto(f"{base}/overview/")
    expect(page.locator("#status-box")).to_contain_text("has not been activated yet")
    screenshot("overview-pending")
    page.get_by_role("button", name="Logout").click()

    operator = make_user("op@example.com", None, is_staff=True, is_superuser=True)
    app = TOTPDevice.objects.create(user=operator, name="Ops phone", confirmed=True)
    log_in(page, base, "op@example.com", PASSWORD)
    enter_code(page, app.key)
    page.goto(f"{base}/back-office/accounts/organisation/?status__exact=pending")
    page.locator("tr", has_text="Browser Værksted ApS").locator("input.action-select").check()
    page.select_option("select[name=action]", "verify")
    screenshot("back-office-queue")
    page.get_by_role("button", name=re.compile("Go|Udfør")).click()
    expect(page.locator(".messagelist")).to_contain_text("1 organisation(s) verified.")
    assert Organisation.objects.get(vat_number="DK10150817").is_verified
    page.get_by_role("button", name=re.compile("Log out")).click()

    log_in(page, base, "bente@browser.example", "Bremsevæske-2026")
    expect(page.get_by_role("heading", name="Welcome, bente@browser.example")).to_be_visible()
    expect(page.locator("#status-box")).to_contain_text("Your organisation data is valid.")
    expect(page.locator("#news-panel")).to_contain_text("Mandatory ISTA (Diagnosis) update")
    expect(page.locator("#news-panel")).to_contain_text("08-Aug-2017")
    screenshot("overview-verified")
    page.get_by_role("link", name="All applications").click()
    expect(page.locator(".app-list")).to_contain_text("Electronic Parts Catalogue - passenger car")
    screenshot("catalogue")
    page.get_by_role("link", name="Service history").click()
    expect(page.locator("#status .status-light")).not_to_have_class(re.compile("checking"))
    expect(page.get_by_text("Please wait until the status is green")).to_be_visible()
    screenshot("start-page")


def test_it_shows_why_a_login_failed(page: Page, live_server, screenshot, transactional_db) -> None:  # type: ignore[no-untyped-def]
    organisation = Organisation.objects.create(
        name="X",
        street="s",
        postcode="1",
        city="c",
        country="DK",
        vat_number="DK13585628",
        phone="1",
        contact_email="x@example.com",
        brands=["bmw"],
        status="verified",
    )
    make_user("known@example.com", organisation)
    log_in(page, live_server.url, "known@example.com", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text(
        "The e-mail address or the password is not correct."
    )
    expect(page.locator("#id_username")).to_have_value("known@example.com")
    screenshot("login-failed")
