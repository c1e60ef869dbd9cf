"""Multi-factor log-on in a real Chromium: an authenticator app enrolled and used (codes computed
from the key the page shows), a passkey made and used with Chromium's virtual authenticator,
and a recovery code that works once only. Screenshots at 1280 and 390 px."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from aftersales.mfa.models import RecoveryCode, WebAuthnDevice
from tests.browser.responsive import Visitor
from tests.conftest import PASSWORD, make_organisation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _code(secret: str, steps_ahead: int = 0) -> str:
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _localhost(url: str) -> str:
    # A passkey needs a secure context whose host is a valid relying-party id: localhost is one.
    return url.replace("127.0.0.1", "localhost")


def _password(page: Page, base: str, email: str, next_path: str = "") -> None:
    page.goto(f"{base}/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()


def _log_out(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Logout").click()


@pytest.fixture
def workshop_user(transactional_db):  # type: ignore[no-untyped-def]
    organisation = make_organisation("Motorhjørnet ApS", "DK13585628")
    return make_user("jens@example.com", organisation, is_org_admin=True)


def test_it_enrols_an_authenticator_app_and_logs_on_with_its_code(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, workshop_user
) -> None:
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    _password(page, base, workshop_user.email)
    page.goto(f"{base}/accounts/my-data/")
    page.get_by_role("link", name="Manage two-factor log-on").click()
    page.get_by_role("link", name="Add authenticator app").click()
    secret = page.locator("#totp-secret").inner_text()
    expect(page.locator(".qr svg")).to_be_visible()
    screenshot("totp-add-desktop")
    page.set_viewport_size(PHONE)
    screenshot("totp-add-phone")
    page.fill("#id_code", _code(secret))
    page.fill("#id_name", "Workshop phone")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#new-recovery-codes li")).to_have_count(10)
    expect(page.locator("#factors")).to_contain_text("Workshop phone")
    screenshot("recovery-codes-phone")
    page.set_viewport_size(DESKTOP)
    screenshot("recovery-codes-desktop")
    _log_out(page)

    _password(page, base, workshop_user.email, "/accounts/my-organisation/")
    expect(page.get_by_role("heading", name="Logon: second factor")).to_be_visible()
    page.fill("#id_code", "000000")
    page.locator("#verify-totp").get_by_role("button", name="Confirm").click()
    expect(page.locator(".errorlist")).to_contain_text("MFA-0001")
    screenshot("second-step-wrong-code")
    time.sleep(1.1)  # a wrong code slows the app down for a second
    page.fill("#id_code", _code(secret, steps_ahead=1))  # the enrolment used this step's code
    page.locator("#verify-totp").get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{base}/accounts/my-organisation/")


def test_it_uses_a_recovery_code_once_only(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, workshop_user
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from aftersales.mfa.services import recovery_codes_create

    TOTPDevice.objects.create(user=workshop_user, name="Phone", confirmed=True)
    codes = recovery_codes_create(user=workshop_user)
    base = live_server.url
    page.set_viewport_size(PHONE)
    _password(page, base, workshop_user.email)
    page.get_by_text("Use a recovery code").click()
    page.fill("#id_code >> nth=-1", codes[3])
    screenshot("recovery-code-phone")
    page.get_by_role("button", name="Use recovery code").click()
    expect(page).to_have_url(f"{base}/overview/")
    assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 1
    page.goto(f"{base}/accounts/my-data/two-factor/")
    expect(page.locator("#codes-left")).to_contain_text("9 unused recovery codes left.")
    _log_out(page)

    _password(page, base, workshop_user.email)
    page.get_by_text("Use a recovery code").click()
    page.fill("#id_code >> nth=-1", codes[3])
    page.get_by_role("button", name="Use recovery code").click()
    expect(page.locator("#verify-recovery .errorlist")).to_contain_text("MFA-0001")
    screenshot("recovery-code-used-again")


def test_it_enrols_a_passkey_and_logs_on_with_it(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, workshop_user
) -> None:
    base = _localhost(live_server.url)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.set_viewport_size(DESKTOP)
    _password(page, base, workshop_user.email)
    page.goto(f"{base}/accounts/my-data/two-factor/")
    page.get_by_role("link", name="Add passkey or security key").click()
    page.fill("#id_name", "Laptop")
    screenshot("passkey-add-desktop")
    page.get_by_role("button", name="Add passkey").click()
    expect(page.locator("#factors")).to_contain_text("Laptop")
    assert WebAuthnDevice.objects.filter(user=workshop_user, name="Laptop").exists()
    screenshot("passkey-added-desktop")
    visit = Visitor(page, base, screenshot)
    page.set_viewport_size(PHONE)
    visit("two-factor-phone", "/accounts/my-data/two-factor/")
    assert not visit.problems, "\n".join(visit.problems)
    _log_out(page)

    _password(page, base, workshop_user.email, "/accounts/my-data/")
    expect(page.get_by_role("heading", name="Logon: second factor")).to_be_visible()
    screenshot("second-step-passkey")
    page.get_by_role("button", name="Use passkey").click()
    expect(page).to_have_url(f"{base}/accounts/my-data/")
    device = WebAuthnDevice.objects.get(user=workshop_user)
    assert device.last_used_at is not None
    _log_out(page)

    # The passkey alone (it verified its user): no password.
    page.goto(f"{base}/accounts/login/?next=/accounts/my-organisation/")
    screenshot("login-with-passkey")
    page.get_by_role("button", name="Log on with a passkey").click()
    expect(page).to_have_url(f"{base}/accounts/my-organisation/")
