"""Writes of multi-factor log-in: enrol, confirm and remove factors, recovery codes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from . import codes
from .models import RecoveryCode, RecoveryCodeSet, WebAuthnDevice
from .rules import second_factor_required
from .selectors import user_factors

RECOVERY_CODE_COUNT = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator app; the user confirms it with its first code. Earlier
    unconfirmed ones of the user are dropped."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="", confirmed=False)


def totp_device_confirm(*, user: User, device_id: int, code: str, name: str) -> TOTPDevice:
    """Confirms the user's unconfirmed authenticator app with a code it shows (MFA-0001)."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, pk=device_id, confirmed=False)
            .first()
        )
        if device is None:
            raise RuleViolation(
                codes.WRONG_CODE, _("Start adding the authenticator app again."), field="code"
            )
        # verify_token() throttles and refuses a replayed code; it saves the device.
        if not device.verify_token(code.replace(" ", "")):
            raise RuleViolation(
                codes.WRONG_CODE,
                _("The code is not valid. Enter the code the app shows now."),
                field="code",
            )
        device.name = name or _("Authenticator app")
        device.confirmed = True
        device.save(update_fields=["name", "confirmed"])
        return device


def passkey_add(
    *,
    user: User,
    name: str,
    credential_id: str,
    public_key: bytes,
    sign_count: int,
    transports: list[str],
    discoverable: bool,
    now: datetime | None = None,
) -> WebAuthnDevice:
    if WebAuthnDevice.objects.filter(credential_id=credential_id).exists():
        raise RuleViolation(
            codes.PASSKEY_FAILED, _("This passkey or security key is already registered.")
        )
    device: WebAuthnDevice = WebAuthnDevice.objects.create(
        user=user,
        name=name or _("Passkey"),
        credential_id=credential_id,
        public_key=public_key,
        sign_count=sign_count,
        transports=transports,
        discoverable=discoverable,
        created_at=now or clock.now(),
    )
    return device


def passkey_used(*, device: WebAuthnDevice, sign_count: int) -> None:
    device.sign_count = sign_count
    device.last_used_at = clock.now()
    device.save(update_fields=["sign_count", "last_used_at"])


def factor_remove(*, actor: User, device: Device) -> None:
    """Removes one of the actor's authenticator apps or passkeys; the last one is refused where
    a second factor is required (MFA-0003). Without factors, the recovery codes go too."""
    if device.user_id != actor.pk:
        raise RuleViolation(codes.LAST_FACTOR, _("This factor is not yours."))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()  # one removal at a time
        remaining = [f for f in user_factors(user=actor) if f != device]
        if not remaining and second_factor_required(actor):
            raise RuleViolation(
                codes.LAST_FACTOR,
                _(
                    "You must log on with a second factor. Add another authenticator app or "
                    "passkey before removing the last one."
                ),
            )
        device.delete()
        if not remaining:
            RecoveryCodeSet.objects.filter(user=actor).delete()


def _normalised(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(_normalised(code).encode()).hexdigest()


def recovery_codes_create(*, user: User) -> list[str]:
    """Ten new one-time recovery codes ("abcde-fghij"), replacing the old ones; shown once,
    stored as hashes."""
    plain = [
        "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(2))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        RecoveryCodeSet.objects.filter(user=user).delete()
        device = RecoveryCodeSet.objects.create(user=user, name=_("Recovery codes"))
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, code_hash=_hash(code)) for code in plain
        )
    return plain


def recovery_code_consume(*, device: RecoveryCodeSet, code: str) -> bool:
    """Marks the code used if it is one of the set's unused codes; one statement, so two
    requests with the same code cannot both use it."""
    if not _normalised(code):
        return False
    used = RecoveryCode.objects.filter(
        device=device, code_hash=_hash(code), used_at__isnull=True
    ).update(used_at=clock.now())
    return used == 1
