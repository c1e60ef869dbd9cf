"""Reads of a user's factors."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.http import Http404
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal import shared_cache

from .models import RecoveryCode, RecoveryCodeSet, WebAuthnDevice
from .rules import requirements_cacheable, second_factor_required


def user_factors(*, user: User) -> list[Device]:
    """The user's confirmed authenticator apps and passkeys, oldest first."""
    apps: list[Device] = list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"))
    keys: list[Device] = list(
        WebAuthnDevice.objects.filter(user=user, confirmed=True).order_by("id")
    )
    return apps + keys


def user_has_factor(*, user: User) -> bool:
    return bool(
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnDevice.objects.filter(user=user, confirmed=True).exists()
    )


def second_factor_state(*, user: User) -> tuple[bool, bool]:
    """(whether the user has a confirmed factor, whether they must have one), asked by the
    middleware on every request of a session without a confirmed factor: kept in the shared
    cache until a factor, the user, their organisation or what a requirement reads changes
    (MfaConfig.ready), and never past midnight (a requirement may depend on the day)."""

    def compute() -> tuple[bool, bool]:
        return user_has_factor(user=user), second_factor_required(user)

    if not requirements_cacheable():
        return compute()
    now = timezone.localtime(clock.now())
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)
    return shared_cache.cached("factors", str(user.pk), compute, until=lambda _: midnight)


def user_totp_devices(*, user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"))


def user_passkeys(*, user: User) -> list[WebAuthnDevice]:
    return list(WebAuthnDevice.objects.filter(user=user, confirmed=True).order_by("id"))


def recovery_code_set(*, user: User) -> RecoveryCodeSet | None:
    found: RecoveryCodeSet | None = RecoveryCodeSet.objects.filter(
        user=user, confirmed=True
    ).first()
    return found


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(
        device__user=user, device__confirmed=True, used_at__isnull=True
    ).count()


def user_factor_get(*, actor: User, kind: str, factor_id: int) -> Device:
    """One of the actor's own factors; another user's (or none) is a 404."""
    model: type[Device] = TOTPDevice if kind == "totp" else WebAuthnDevice
    if kind not in ("totp", "passkey"):
        raise Http404
    device = model.objects.filter(user=actor, pk=factor_id, confirmed=True).first()
    if device is None:
        raise Http404
    return device


def passkey_for_credential(*, credential_id: str) -> WebAuthnDevice | None:
    found: WebAuthnDevice | None = (
        WebAuthnDevice.objects.select_related("user")
        .filter(credential_id=credential_id, confirmed=True)
        .first()
    )
    return found
