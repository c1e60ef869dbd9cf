"""Emission-relevant fault codes: the catalogue of OBD fault codes, its imports, and the fault
memory reports workshops record for a vehicle.

A catalogue entry is one code with one meaning: the standard's meaning (brand empty) or one
brand's meaning. Generic codes (P0xxx, ...) have the standard's entry and may have a brand's own
explanation too (type approval makes manufacturers list every emission-related code);
manufacturer-specific codes (P1xxx, ...) always belong to a brand. Which is which is computed
from the code (dtc.py), never typed.

A fault memory report is what a diagnosis tool (API) or a workshop (form) read out of a vehicle
at one time: its codes with their status, the MIL, the readiness monitors. It belongs to the
organisation that recorded it; nobody else sees it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.portal.imports import ImportJob
from aftersales.portal.languages import localized
from aftersales.vehicles.models import VehicleBrand, WorkshopRecord

from . import dtc

MAX_DESCRIPTION_LENGTH = 300
MAX_CAUSES_LENGTH = 2_000


class FaultCode(models.Model):
    code = models.CharField(_("Fault code"), max_length=5, help_text=dtc.FORMAT_HELP)
    system = models.CharField(
        _("system"), max_length=1, choices=dtc.FaultSystem.choices, editable=False
    )
    scope = models.CharField(
        _("generic or manufacturer-specific"),
        max_length=12,
        choices=dtc.CodeScope.choices,
        editable=False,
    )
    brand = models.CharField(
        _("brand"),
        max_length=20,
        choices=VehicleBrand.choices,
        blank=True,
        help_text=_("Empty: the standard's meaning. Required for manufacturer-specific codes."),
    )
    description = models.CharField(_("Description"), max_length=MAX_DESCRIPTION_LENGTH)
    description_da = models.CharField(
        _("description (Danish)"), max_length=MAX_DESCRIPTION_LENGTH, blank=True
    )
    description_de = models.CharField(
        _("description (German)"),
        max_length=MAX_DESCRIPTION_LENGTH,
        blank=True,
        default="",
        db_default="",
    )
    emission_relevant = models.BooleanField(_("emission-relevant"), default=True)
    mil_relevant = models.BooleanField(
        _("MIL-relevant"),
        default=True,
        help_text=_("A confirmed fault switches the malfunction indicator lamp on."),
    )
    # One cause a line.
    possible_causes = models.TextField(_("possible causes"), blank=True)
    possible_causes_da = models.TextField(_("possible causes (Danish)"), blank=True)
    possible_causes_de = models.TextField(
        _("possible causes (German)"), blank=True, default="", db_default=""
    )
    updated_at = models.DateTimeField(_("updated"), default=clock.now)

    class Meta:
        verbose_name = _("fault code")
        verbose_name_plural = _("fault codes")
        ordering = ["code", "brand"]
        constraints = [
            # fault_code_entries(): the entries of one code (the unique index is the lookup);
            # the import finds existing rows by (code, brand).
            models.UniqueConstraint(fields=["code", "brand"], name="fault_code_brand_unique"),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[PBCU][0-3][0-9A-F]{3}$"), name="fault_code_format"
            ),
            models.CheckConstraint(
                condition=Q(scope="generic") | ~Q(brand=""), name="fault_code_manufacturer_brand"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_brand_display()})" if self.brand else self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.classify()
        super().save(*args, **kwargs)

    def classify(self) -> None:
        """System and scope follow from the code (bulk writes call this, save() does too)."""
        self.system = dtc.system_of(self.code).value
        self.scope = dtc.scope_of(self.code).value

    @property
    def is_generic(self) -> bool:
        return self.scope == dtc.CodeScope.GENERIC

    def localized_description(self, language: str | None) -> str:
        return localized(self, "description", language)

    def localized_causes(self, language: str | None) -> list[str]:
        text = localized(self, "possible_causes", language)
        return [line for line in text.splitlines() if line.strip()]


class FaultCodeImport(ImportJob):
    """One manufacturer pack (CSV) the operator uploaded; read by a background task
    (aftersales.portal.imports). Its progress counts the pack's lines."""

    # Private media: never served, read by the task only, deleted once read.
    file = models.FileField(_("file"), upload_to="fault-code-imports/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    brand = models.CharField(
        _("brand"),
        max_length=20,
        choices=VehicleBrand.choices,
        blank=True,
        help_text=_("For lines without a brand of their own."),
    )
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta(ImportJob.Meta):
        verbose_name = _("fault code import")
        verbose_name_plural = _("fault code imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"


class CodeStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    PENDING = "pending", _("pending")
    PERMANENT = "permanent", _("permanent")


class ReadinessMonitor(models.TextChoices):
    """The OBD readiness monitors (SAE J1979 mode $01 PID $01/$41); the first three run
    continuously, the others once per drive cycle when their conditions are met."""

    MISFIRE = "misfire", _("Misfire")
    FUEL_SYSTEM = "fuel_system", _("Fuel system")
    COMPREHENSIVE_COMPONENTS = "comprehensive_components", _("Comprehensive components")
    CATALYST = "catalyst", _("Catalyst")
    HEATED_CATALYST = "heated_catalyst", _("Heated catalyst")
    EVAPORATIVE_SYSTEM = "evaporative_system", _("Evaporative system")
    SECONDARY_AIR = "secondary_air", _("Secondary air system")
    AC_REFRIGERANT = "ac_refrigerant", _("A/C refrigerant")
    OXYGEN_SENSOR = "oxygen_sensor", _("Oxygen sensor")
    OXYGEN_SENSOR_HEATER = "oxygen_sensor_heater", _("Oxygen sensor heater")
    EGR_VVT = "egr_vvt", _("EGR/VVT system")
    # Compression ignition (diesel) engines
    NMHC_CATALYST = "nmhc_catalyst", _("NMHC catalyst")
    NOX_AFTERTREATMENT = "nox_aftertreatment", _("NOx/SCR aftertreatment")
    BOOST_PRESSURE = "boost_pressure", _("Boost pressure")
    EXHAUST_GAS_SENSOR = "exhaust_gas_sensor", _("Exhaust gas sensor")
    PM_FILTER = "pm_filter", _("PM filter")


class MonitorState(models.TextChoices):
    COMPLETE = "complete", _("complete")
    INCOMPLETE = "incomplete", _("incomplete")
    NOT_SUPPORTED = "not_supported", _("not supported")


class FaultReport(WorkshopRecord):
    class Source(models.TextChoices):
        API = "api", _("diagnosis tool (API)")
        FORM = "form", _("workshop (form)")

    read_at = models.DateTimeField(_("Time of the read-out"))
    mileage_km = models.PositiveIntegerField(_("Mileage (in kilometers)"))
    tool_id = models.CharField(_("Tool id"), max_length=100, blank=True)
    mil_on = models.BooleanField(_("MIL on"))
    # {monitor: state} for the monitors read (ReadinessMonitor / MonitorState values).
    readiness = models.JSONField(_("readiness monitors"), default=dict)
    source = models.CharField(_("recorded through"), max_length=10, choices=Source.choices)
    # The service entry of the same visit; entries are never deleted.
    service_entry = models.ForeignKey(
        "servicehistory.ServiceEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fault_reports",
        verbose_name=_("service entry"),
    )

    class Meta:
        verbose_name = _("fault memory report")
        verbose_name_plural = _("fault memory reports")
        indexes = [
            # fault_reports_for(): one workshop's reports of one vehicle, newest first.
            models.Index(
                "vehicle",
                "organisation",
                models.F("read_at").desc(),
                name="fault_report_vehicle_org_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vehicle_id} {self.read_at:%Y-%m-%d %H:%M}"


class FaultReportCode(models.Model):
    report = models.ForeignKey(
        FaultReport, on_delete=models.CASCADE, related_name="codes", verbose_name=_("report")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("Fault code"), max_length=5)
    status = models.CharField(_("status"), max_length=10, choices=CodeStatus.choices)

    class Meta:
        verbose_name = _("read code")
        verbose_name_plural = _("read codes")
        ordering = ["report", "position"]
        constraints = [
            # A code is read once per status (it may be confirmed and permanent at once).
            models.UniqueConstraint(
                fields=["report", "code", "status"], name="fault_report_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[PBCU][0-3][0-9A-F]{3}$"),
                name="fault_report_code_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.status})"
