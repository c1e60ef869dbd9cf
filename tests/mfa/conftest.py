from __future__ import annotations

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.models import User


def code_for(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now (or `offset_steps` steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def owner_app(owner: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
