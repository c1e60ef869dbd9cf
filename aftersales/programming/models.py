"""Programming: the preconditions a tool session reported before programming a vehicle, and
the result per control unit (software before and after, success or failure)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock


class ProgrammingSettings(models.Model):
    """The operator's settings (one row)."""

    minimum_soc_percent = models.DecimalField(
        _("minimum state of charge for programming (%)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("50.0"),
    )

    class Meta:
        verbose_name = _("programming settings")
        verbose_name_plural = _("programming settings")

    def __str__(self) -> str:
        return str(_("Programming settings"))

    @classmethod
    def current(cls) -> ProgrammingSettings:
        return cls.objects.order_by("pk").first() or cls()


class PreconditionCheck(models.Model):
    class Ignition(models.TextChoices):
        ON = "on", _("On")
        OFF = "off", _("Off")

    session = models.ForeignKey(
        "tools.ToolSession",
        on_delete=models.PROTECT,
        related_name="precondition_checks",
        verbose_name=_("tool session"),
    )
    charger_connected = models.BooleanField(_("battery charger connected"))
    soc_percent = models.DecimalField(_("state of charge (%)"), max_digits=4, decimal_places=1)
    minimum_soc_percent = models.DecimalField(
        _("minimum state of charge (%)"), max_digits=4, decimal_places=1
    )
    ignition = models.CharField(_("ignition"), max_length=3, choices=Ignition.choices)
    passed = models.BooleanField(_("passed"))
    failures = models.JSONField(_("failed preconditions"), default=list, blank=True)
    checked_at = models.DateTimeField(_("checked at"), default=clock.now)

    class Meta:
        verbose_name = _("precondition check")
        verbose_name_plural = _("precondition checks")
        ordering = ["-checked_at", "-id"]
        indexes = [
            # require_passed_check(): the session's latest check.
            models.Index(fields=["session", "-checked_at"], name="prg_check_session_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {'passed' if self.passed else 'refused'}"


class ControlUnitResult(models.Model):
    session = models.ForeignKey(
        "tools.ToolSession",
        on_delete=models.PROTECT,
        related_name="control_unit_results",
        verbose_name=_("tool session"),
    )
    vehicle = models.ForeignKey(
        "vehicles.Vehicle",
        on_delete=models.PROTECT,
        related_name="control_unit_results",
        verbose_name=_("vehicle"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("workshop"),
    )
    # The service entry of the same visit, when one exists (same workshop, vehicle and day).
    service_entry = models.ForeignKey(
        "servicehistory.ServiceEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="control_unit_results",
        verbose_name=_("service entry"),
    )
    control_unit = models.CharField(_("Control unit"), max_length=40)
    software_before = models.CharField(_("Software before"), max_length=60)
    software_after = models.CharField(_("Software after"), max_length=60, blank=True)
    success = models.BooleanField(_("Success"))
    message = models.CharField(_("Message"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        verbose_name = _("control unit result")
        verbose_name_plural = _("control unit results")
        ordering = ["-recorded_at", "control_unit"]
        indexes = [
            # control_unit_results_of(): a vehicle's results, newest first.
            models.Index(fields=["vehicle", "-recorded_at"], name="prg_result_vehicle_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.control_unit} {self.software_before} → {self.software_after}"
