"""The demo operator's authenticator app: a published key, so that the README's demo log-in
works (README: Demo log-ins). Never use it for a real account."""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.models import User

DEMO_OPERATOR = "operator@aftersales.local"
# 20 bytes, hex as django-otp stores it; the README gives it in base32 for authenticator apps.
DEMO_TOTP_KEY = b"Aftersales-demo-2026".hex()


def demo_key_base32() -> str:
    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode()


def demo_code(at: float | None = None) -> str:
    """The code an authenticator app with the demo key shows now."""
    totp = TOTP(unhexlify(DEMO_TOTP_KEY))
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def load() -> str:
    operator = User.objects.filter(email=DEMO_OPERATOR).first()
    if operator is None:
        return "no demo operator"
    TOTPDevice.objects.get_or_create(
        user=operator,
        name="Demo authenticator",
        defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
    )
    return f"demo operator's authenticator key {demo_key_base32()}"
