"""A person's security-related authorisation (SERMI approval) and the log of every access to
security-related functions and content."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock


class SecurityAuthorisation(models.Model):
    """Recorded by the operator after checking the evidence. Valid from `valid_from` to
    `valid_until` (both days included) unless withdrawn; expired or withdrawn means no access
    at once (the rule reads it on every request)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Users are deactivated, never deleted; an authorisation and its history stay.
        on_delete=models.PROTECT,
        related_name="security_authorisations",
        verbose_name=_("user"),
    )
    approval_number = models.CharField(_("approval number"), max_length=60)
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=200,
        help_text=_("The conformity assessment body that approved the person."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    evidence = models.FileField(
        _("evidence"),
        upload_to="sermi-evidence/%Y/",
        help_text=_("The approval certificate (PDF, JPEG or PNG, at most 5 MB)."),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=clock.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The operator may leave; the record stays.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        editable=False,
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
        editable=False,
    )
    withdrawal_reason = models.CharField(
        _("reason for the withdrawal"), max_length=300, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("security-related authorisation")
        verbose_name_plural = _("security-related authorisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="sermi_authorisation_period_valid",
            ),
            # One record per approval of an issuing body.
            models.UniqueConstraint(
                fields=["issuing_body", "approval_number"], name="sermi_approval_unique"
            ),
        ]
        indexes = [
            # The access rule: a user's authorisations that are not withdrawn, by end date.
            models.Index(fields=["user", "valid_until"], name="sermi_auth_user_until_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.approval_number} ({self.issuing_body})"

    def is_valid_on(self, day: date) -> bool:
        return self.withdrawn_at is None and self.valid_from <= day <= self.valid_until


class SecurityAccess(models.Model):
    """One access to a security-related function or content: who, what, when, which VIN."""

    at = models.DateTimeField(_("when"), default=clock.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    authorisation = models.ForeignKey(
        SecurityAuthorisation,
        on_delete=models.PROTECT,
        null=True,
        related_name="accesses",
        verbose_name=_("authorisation"),
    )
    application = models.CharField(_("application"), max_length=60, blank=True)
    what = models.CharField(_("what"), max_length=300)
    vin = models.CharField(_("VIN"), max_length=17, blank=True)

    class Meta:
        verbose_name = _("security-related access")
        verbose_name_plural = _("security-related accesses")
        indexes = [
            # The operator's log: newest first, filtered by time.
            models.Index(fields=["-at"], name="sermi_access_at_idx"),
            # Filter by VIN: who reached security information of this vehicle.
            models.Index(fields=["vin", "-at"], name="sermi_access_vin_idx"),
            # Filter by user.
            models.Index(fields=["user", "-at"], name="sermi_access_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.what}"
