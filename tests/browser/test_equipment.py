"""Workshop equipment in a real Chromium: the catalogue and a tool's page; "Replace brake fluid"
put on the walkthrough car's order base warns that the brake bleeding adapter is missing from
the workshop's inventory → Request (pre-filled) → the operator confirms and ships it in the back
office → the workshop sees the state and gets e-mails → the tool in the inventory → the order
base says "yes" and stores the entry. Screenshots at desktop (1280x900) and phone (390x844)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from aftersales.accounts.models import OutgoingEmail
from aftersales.equipment.models import ToolRequest
from aftersales.mfa.demo import DEMO_TOTP_KEY
from tests.browser.second_factor import enter_code
from tests.conftest import ARTIFACTS

from .responsive import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
BLEEDER = "83 30 0 494 060"
WARNING = f"Special tool {BLEEDER} required, not in your inventory."
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def both_widths(page: Page, visit: Visitor, screenshot: Callable[[str], Path], name: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.wait_for_load_state("networkidle")  # the tools' pictures too
    screenshot(f"{name}-desktop")
    page.set_viewport_size(PHONE)
    visit(f"{name}-phone")
    page.set_viewport_size(DESKTOP)


def shoot_other(page: Page, name: str) -> None:
    """A screenshot of a second browser (the operator's) beside the test's own."""
    test_name = os.environ.get("PYTEST_CURRENT_TEST", "test").split(":")[-1].split(" ")[0]
    folder = ARTIFACTS / test_name
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def log_in(page: Page, base: str, email: str = "motorhj@mail.dk") -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.locator("button.lang[value=en]").click()


def test_it_warns_of_a_missing_tool_and_requests_it(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, demo
) -> None:
    base = live_server.url
    visit = Visitor(page, base, screenshot)
    log_in(page, base)
    page.goto(f"{base}/applications/workshop-equipment/")
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    tools = page.get_by_test_id("tools")
    expect(tools.locator(f"tr[data-number='{BLEEDER}']")).to_contain_text("185.63")
    expect(tools.locator("tr[data-number='00 9 250']")).to_contain_text("1 piece")
    both_widths(page, visit, screenshot, "catalogue")
    page.fill("#id_q", "torque")  # htmx narrows the list while typing
    expect(tools.locator(f"tr[data-number='{BLEEDER}']")).to_have_count(0)
    expect(page.get_by_test_id("tools").locator("tr[data-number='00 9 250']")).to_be_visible()

    page.goto(f"{base}/workshop-equipment/tools/83300494060/")
    detail = page.get_by_test_id("tool-detail")
    expect(detail).to_contain_text("Brake bleeding adapter")
    expect(page.get_by_test_id("tool-operations")).to_contain_text("34 00 500")
    expect(page.locator("img.eq-picture")).to_be_visible()
    both_widths(page, visit, screenshot, "tool")

    # The job: Replace brake fluid (Commercial Service Data) on the walkthrough's car.
    page.goto(f"{base}/commercial-service-data/vehicle/{VIN}/?q=34+00+500")
    row = page.get_by_test_id("operations").locator("tr[data-number='34 00 500']")
    row.get_by_role("button", name="Add").click()
    expect(page.get_by_text("is on the order base")).to_be_visible()
    page.get_by_test_id("open-order-base").click()
    panel = page.get_by_test_id("special-tools")
    expect(panel.get_by_test_id("missing-tool")).to_have_text(WARNING)
    expect(panel.locator(f"tr[data-tool='{BLEEDER}']")).to_contain_text("34 00 500")
    both_widths(page, visit, screenshot, "order-base-warning")

    panel.get_by_test_id("request-tool").click()
    form = page.get_by_test_id("request-form")
    expect(form.locator("#id_number_1")).to_have_value(BLEEDER)
    page.fill("#id_note", "For the brake fluid job on Friday.")
    both_widths(page, visit, screenshot, "request-form")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_test_id("request-status")).to_have_text("New")
    request = ToolRequest.objects.get(status="new")
    assert request.vin == VIN and request.lines.get().tool.number == BLEEDER
    both_widths(page, visit, screenshot, "request-new")

    # The operator processes it in the back office (a browser of its own).
    assert page.context.browser is not None
    back_office = page.context.browser.new_context(viewport=DESKTOP).new_page()
    back_office.goto(f"{base}/back-office/login/")
    back_office.fill("#id_username", "operator@aftersales.local")
    back_office.fill("#id_password", "Aftersales-demo-2026")
    back_office.locator("input[type=submit]").click()
    enter_code(back_office, DEMO_TOTP_KEY)  # the demo operator's authenticator app (README)
    back_office.goto(f"{base}/back-office/equipment/toolrequest/?status__exact=new")
    expect(back_office.locator("#result_list")).to_contain_text(request.number)
    shoot_other(back_office, "back-office-queue")
    back_office.goto(f"{base}/back-office/equipment/toolrequest/{request.pk}/change/")
    back_office.fill("#request-status textarea[name=note]", "Ships today with GLS.")
    back_office.locator("#request-status button[data-status=confirmed]").click()
    expect(back_office.locator(".messagelist")).to_contain_text("is now Confirmed")
    back_office.fill("#request-status textarea[name=note]", "Parcel 00340434 with GLS.")
    back_office.locator("#request-status button[data-status=shipped]").click()
    expect(back_office.locator(".messagelist")).to_contain_text("is now Shipped")
    shoot_other(back_office, "back-office-shipped")
    back_office.context.close()
    subjects = list(OutgoingEmail.objects.values_list("subject", flat=True))
    assert any("Confirmed" in subject and request.number in subject for subject in subjects)
    assert any("Shipped" in subject and request.number in subject for subject in subjects)

    # The workshop sees the state, puts the tool into its inventory, and the warning is gone.
    page.goto(f"{base}/workshop-equipment/requests/")
    expect(
        page.get_by_test_id("requests").locator(f"tr[data-number='{request.number}']")
    ).to_contain_text("Shipped")
    both_widths(page, visit, screenshot, "requests")
    page.goto(f"{base}/workshop-equipment/requests/{request.pk}/")
    expect(page.get_by_test_id("request-detail")).to_contain_text("Parcel 00340434 with GLS.")
    expect(page.get_by_test_id("request-events")).to_contain_text("Shipped")

    page.goto(f"{base}/workshop-equipment/inventory/?tool={BLEEDER.replace(' ', '+')}")
    page.fill("#id_serial_number", "BMW-4471")
    page.get_by_role("button", name="Add to my inventory").click()
    expect(
        page.get_by_test_id("inventory").locator(f"tr[data-number='{BLEEDER}']")
    ).to_contain_text("BMW-4471")
    expect(page.get_by_test_id("calibration-overdue")).to_be_visible()  # 00 9 250, 14 months
    both_widths(page, visit, screenshot, "inventory")

    page.goto(f"{base}/service-history/vehicle/{VIN}/order-base/")
    panel = page.get_by_test_id("special-tools")
    expect(panel.locator(f"tr[data-tool='{BLEEDER}']")).to_contain_text("yes")
    expect(panel.get_by_test_id("missing-tool")).to_have_count(0)
    both_widths(page, visit, screenshot, "order-base-in-inventory")
    assert not visit.problems, "\n".join(visit.problems)
