"""A workshop issues a service history certificate; a buyer verifies it logged out; the
workshop revokes it and the buyer sees it revoked; once an anchor is published the buyer sees
the proof against it. Desktop and phone screenshots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.certificates.models import Certificate
from aftersales.trust.services import anchor_publish, anchor_record
from tests.browser.responsive import DEVICES, Visitor
from tests.conftest import ARTIFACTS, PASSWORD, make_organisation, make_user
from tests.servicehistory.factories import VehicleFactory, make_catalogue
from tests.trust.helpers import store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workshop(transactional_db) -> User:  # type: ignore[no-untyped-def]
    from aftersales.catalogue import demo as catalogue_demo
    from aftersales.servicehistory import demo as servicehistory_demo

    catalogue_demo.load()
    make_catalogue()
    servicehistory_demo.load_operations()
    organisation = make_organisation("Motorhjørnet ApS", "DK13585628")
    mechanic = make_user("mekaniker@example.com", organisation, full_name="Ole Mekaniker")
    vehicle = VehicleFactory()
    store(mechanic, vehicle, comment="Private note of the owner.")
    return mechanic


def test_it_issues_verifies_and_revokes(  # type: ignore[no-untyped-def]
    page: Page, browser: Browser, live_server, screenshot, workshop: User
) -> None:
    base = live_server.url
    visit = Visitor(page, base, screenshot)
    page.set_viewport_size(dict(zip(("width", "height"), DEVICES["desktop"], strict=True)))
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", workshop.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Logon").click()

    page.goto(f"{base}/service-history/vehicle/WBAUV71070A193748/history/")
    page.get_by_role("link", name="Service history certificate").click()
    visit("issue-desktop")
    page.get_by_role("button", name="Issue certificate").click()
    expect(page.locator(".messages")).to_contain_text("The certificate is issued.")
    code = page.get_by_test_id("certificate-code").inner_text()
    verify_url = page.get_by_test_id("verify-link").get_attribute("href") or ""
    visit("certificate-desktop")

    # A buyer, logged out, on a phone.
    buyer = browser.new_context(viewport={"width": 390, "height": 844})
    phone = buyer.new_page()
    shots = ARTIFACTS / "test_it_issues_verifies_and_revokes"

    def buyer_shot(name: str) -> None:
        shots.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(shots / f"buyer-{name}.png"), full_page=True)

    buyer_visit = Visitor(phone, base, buyer_shot)
    phone.goto(f"{base}/verify/{code}/")
    expect(phone.get_by_test_id("verdict")).to_contain_text("Valid. Issued by Motorhjørnet ApS")
    expect(phone.get_by_test_id("newer")).to_contain_text("0 newer service entries")
    expect(phone.locator("main")).not_to_contain_text("Private note")
    expect(phone.locator(".sidenav")).to_have_count(0)  # no account, no menu
    buyer_visit("verify-valid-phone")
    assert verify_url.endswith(f"/verify/{code}/")

    # The operator publishes the next anchor: the buyer sees the proof against it.
    operator = make_user("operator@example.com", None, is_staff=True, is_superuser=True)
    anchor = anchor_record(day=clock.today() + timedelta(days=1))
    anchor_publish(anchor=anchor, operator=operator)
    phone.reload()
    expect(phone.get_by_test_id("anchor-proof")).to_contain_text(anchor.root)
    expect(phone.get_by_test_id("anchor-proof")).to_contain_text(
        "The proof gives the published root."
    )
    buyer_visit("verify-proof-phone")

    # The workshop revokes it.
    page.fill("#id_reason", "Issued for the wrong vehicle.")
    page.get_by_role("button", name="Revoke certificate").click()
    expect(page.get_by_test_id("revoked")).to_contain_text("Issued for the wrong vehicle.")
    visit("revoked-desktop")

    phone.reload()
    expect(phone.get_by_test_id("verdict")).to_contain_text("This certificate was revoked")
    expect(phone.get_by_test_id("verdict")).to_contain_text("Issued for the wrong vehicle.")
    buyer_visit("verify-revoked-phone")
    page.set_viewport_size(dict(zip(("width", "height"), DEVICES["phone"], strict=True)))
    visit("certificate-phone")
    assert Certificate.objects.get().is_revoked
    problems = visit.problems + buyer_visit.problems
    assert not problems, "\n".join(problems)
    buyer.close()
