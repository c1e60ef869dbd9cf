"""Certificates: what a workshop certified at one moment, verifiable by its code.

A certificate keeps what it said when it was issued (`snapshot`, never changed) and, for a
service history certificate, the head of the vehicle's chain then (`head_sequence`,
`head_hash`), so the verify page can tell whether the chain still verifies and how much was
added since. Only the revocation (time, reason) is ever written later.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock

REVOCATION_FIELDS = frozenset({"revoked_at", "revoked_by", "revocation_reason"})


class Certificate(models.Model):
    # Crockford base32 without separators (20 characters = 100 random bits).
    code = models.CharField(_("verification code"), max_length=32)
    kind = models.CharField(_("kind"), max_length=40)
    vehicle = models.ForeignKey(
        "vehicles.Vehicle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("vehicle"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("issued by"),
    )
    # Who pressed the button, for the audit trail; never shown on the certificate.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), default=clock.now)
    snapshot = models.JSONField(_("what the certificate says"))
    fingerprint = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    head_sequence = models.PositiveIntegerField(_("chain position at issue"), default=0)
    head_hash = models.CharField(_("chain head at issue"), max_length=64, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for the revocation"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            # The public verify page: certificate_by_code().
            models.UniqueConstraint(fields=["code"], name="certificate_code_unique"),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True, revocation_reason="")
                | models.Q(revoked_at__isnull=False) & ~models.Q(revocation_reason=""),
                name="certificate_revoked_with_reason",
            ),
        ]
        indexes = [
            # The workshop's certificates of one vehicle (the issue page).
            models.Index(fields=["organisation", "vehicle", "-issued_at"], name="cert_org_idx"),
        ]

    def __str__(self) -> str:
        return self.display_code

    def save(self, *args: Any, **kwargs: Any) -> None:
        """What a certificate says is never changed; only a revocation is written later."""
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if not fields or not set(fields) <= REVOCATION_FIELDS:
                raise ValueError("A certificate is never changed; it can only be revoked.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A certificate is never deleted; revoke it instead.")

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
