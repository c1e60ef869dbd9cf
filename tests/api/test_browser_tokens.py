"""API tokens in a real Chromium: create one under My data, see it once, revoke it; the docs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from aftersales.api.models import ApiToken
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Logon").click()


def test_it_creates_shows_once_and_revokes_a_token(page: Page, live_server, screenshot, owner):  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, owner.email)
    page.goto(f"{live_server.url}/accounts/my-data/")
    screenshot("my-data")
    page.get_by_role("link", name="Manage API tokens").click()
    page.fill("#id_name", "DMS bay 1")
    page.check("input[name=scope][value=write]")
    page.get_by_role("button", name="Create token").click()
    secret = page.locator(".token-secret").inner_text()
    assert secret.startswith("as_")
    screenshot("token-created")
    page.reload()
    expect(page.locator(".token-secret")).to_have_count(0)
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("has been revoked")).to_be_visible()
    screenshot("token-revoked")
    assert ApiToken.objects.get().revoked_at is not None


def test_it_shows_the_token_page_in_danish(page: Page, live_server, screenshot, owner):  # type: ignore[no-untyped-def]
    owner.language = "da"
    owner.save()
    log_in(page, live_server.url, owner.email)
    page.goto(f"{live_server.url}/api/tokens/")
    expect(page.get_by_role("heading", name="Opret et token")).to_be_visible()
    page.get_by_role("button", name="Opret token").click()
    expect(page.locator(".field.has-error")).to_have_count(1)
    screenshot("tokens-da-error")


def test_it_renders_the_interactive_documentation_offline(page: Page, live_server, screenshot):  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.get_by_text("Create a service entry")).to_be_visible(timeout=15000)
    screenshot("docs")
