"""The factors of a user beside django-otp's `TOTPDevice` (an authenticator app):

- `WebAuthnDevice`: a passkey or security key (WebAuthn), verified with py_webauthn.
- `RecoveryCodeSet` with its `RecoveryCode`s: ten one-time codes, stored as hashes only.

All are django-otp devices, so `django_otp.login()` marks a session as verified by them and
`OTPMiddleware` gives `request.user.is_verified()` for every page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from aftersales import clock


class WebAuthnDevice(TimestampMixin, Device):
    # The credential id as the browser sends it (base64url, no padding): the log-in looks the
    # passkey up by it.
    credential_id: models.CharField[str, str] = models.CharField(
        _("credential id"), max_length=1400, editable=False
    )
    public_key: models.BinaryField[bytes, bytes] = models.BinaryField(
        _("public key"), editable=False
    )
    sign_count: models.PositiveBigIntegerField[int, int] = models.PositiveBigIntegerField(
        _("signature counter"), default=0
    )
    transports: models.JSONField[list[str], list[str]] = models.JSONField(
        _("transports"), default=list, blank=True
    )
    # A discoverable credential with user verification: it can log on without the password.
    discoverable: models.BooleanField[bool, bool] = models.BooleanField(_("passkey"), default=False)

    class Meta(Device.Meta):
        verbose_name = _("passkey or security key")
        verbose_name_plural = _("passkeys and security keys")
        constraints = [
            # passkey_for_credential(): one row per credential, also across users.
            models.UniqueConstraint(fields=["credential_id"], name="webauthn_credential_unique"),
        ]

    def verify_token(self, token: object) -> bool:
        return False  # verified with a signed assertion (webauthn.py), never with a code


class RecoveryCodeSet(ThrottlingMixin, TimestampMixin, Device):
    """The user's recovery codes (one set; a new set replaces the old one)."""

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1))

    def verify_token(self, token: object) -> bool:
        from .services import recovery_code_consume

        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        if recovery_code_consume(device=self, code=str(token)):
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(
        RecoveryCodeSet,
        # The codes belong to their set; a new set deletes the old one and its codes.
        on_delete=models.CASCADE,
        related_name="codes",
    )
    # sha256 of the normalised code: the code itself is shown once and never stored.
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            # recovery_code_consume(): finds the code by set and hash.
            models.UniqueConstraint(fields=["device", "code_hash"], name="recovery_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.device_id}: {'used' if self.used_at else 'unused'}"
