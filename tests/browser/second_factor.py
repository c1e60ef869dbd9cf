"""The log-on's second step in the browser: the code an authenticator app would show."""

from __future__ import annotations

import time
from binascii import unhexlify

from django_otp.oath import TOTP
from playwright.sync_api import Page


def totp_code(key_hex: str, *, steps_ahead: int = 0) -> str:
    totp = TOTP(unhexlify(key_hex))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def enter_code(page: Page, key_hex: str, *, steps_ahead: int = 0) -> None:
    """On the second step (or a confirmation), enters the current code and confirms."""
    page.fill("#id_code", totp_code(key_hex, steps_ahead=steps_ahead))
    page.locator("#verify-totp").get_by_role("button", name="Confirm").click()
