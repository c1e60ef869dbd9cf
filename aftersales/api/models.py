"""API tokens and the stored results of idempotent requests.

A token is shown to its user once; only its sha256 hash and a short lookup prefix are stored.
The secret has 256 bits of entropy, so a fast hash is enough (nothing to brute-force).
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")
        # A device's token (the key reader in the service reception): it may only send key
        # reads, nothing else. It is made by an organisation administrator (or the operator for
        # one) and acts for that administrator, so the organisation's access rules apply.
        KEY_READER = "key-reader", _("Key reader device")
        # A desktop tool's session (Diagnosis, Programming): made when a licence starts a
        # session (aftersales.tools), acting for the licence's user; it expires without
        # heartbeats and is revoked when the session ends.
        TOOL = "tool", _("Tool session")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # A deleted user's tokens die with the user: nobody else may act through them.
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    # The public part of the token ("as_<prefix>_<secret>"): finds the row without the secret.
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    secret_hash = models.CharField(_("hash"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # A tool session's token dies by itself when the tool stops sending heartbeats.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            # Authentication: token_for_secret() looks the token up by its prefix.
            models.UniqueConstraint(fields=["prefix"], name="api_token_prefix_unique"),
            models.CheckConstraint(
                condition=models.Q(scope__in=["read", "write", "key-reader", "tool"]),
                name="api_token_scope_valid",
            ),
        ]
        indexes = [
            # My data / API tokens: the tokens of one user, newest first (user_tokens()).
            models.Index(fields=["user", "-created_at"], name="api_token_user_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (as_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope in (self.Scope.WRITE, self.Scope.TOOL)

    @property
    def is_tool(self) -> bool:
        return self.scope == self.Scope.TOOL

    @property
    def is_device(self) -> bool:
        return self.scope == self.Scope.KEY_READER


class IdempotencyRecord(models.Model):
    """The first result of a request sent with an `Idempotency-Key` header, per user and key."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    key = models.CharField(_("idempotency key"), max_length=255)
    # Method and path the key was first used for, e.g. "POST /api/v1/vehicles/…/service-entries".
    operation = models.CharField(_("operation"), max_length=300)
    # sha256 over operation and the canonical JSON body: another body under one key is refused.
    request_hash = models.CharField(_("request hash"), max_length=64)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            # idempotent_call(): one record per user and key; the unique index is the lookup.
            models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_user_key_unique"),
        ]
        indexes = [
            # idempotency_records_purge(): deletes records older than the retention period.
            models.Index(fields=["created_at"], name="api_idempotency_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
