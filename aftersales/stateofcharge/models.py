"""State of charge: readings of a vehicle's high-voltage battery, the battery types with their
nominal capacity, and the operator's warning threshold.

A reading comes from the diagnosis tool (API, within its tool session) or is typed by the
workshop. Battery data is the vehicle's: every workshop that may use the application reads it
(the EU Battery Regulation makes it readable by independent operators); who recorded a reading
is kept.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock


class BatteryType(models.Model):
    class Kind(models.TextChoices):
        ELECTRIC = "bev", _("Electric vehicle")
        PLUG_IN_HYBRID = "phev", _("Plug-in hybrid")

    series = models.CharField(_("Series"), max_length=10)
    engine_type = models.CharField(_("Engine type"), max_length=20)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    nominal_capacity_kwh = models.DecimalField(
        _("nominal usable capacity (kWh)"), max_digits=5, decimal_places=1
    )

    class Meta:
        verbose_name = _("battery type")
        verbose_name_plural = _("battery types")
        ordering = ["series", "engine_type"]
        constraints = [
            # battery_type_for(): the type of a vehicle by series and engine type.
            models.UniqueConstraint(fields=["series", "engine_type"], name="battery_type_unique"),
            models.CheckConstraint(
                condition=models.Q(nominal_capacity_kwh__gt=0),
                name="battery_type_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.engine_type} ({self.nominal_capacity_kwh} kWh)"


class BatteryReading(models.Model):
    class Source(models.TextChoices):
        TOOL = "tool", _("Diagnosis tool")
        API = "api", _("Workshop system (API)")
        FORM = "form", _("Typed by the workshop")

    vehicle = models.ForeignKey(
        "vehicles.Vehicle",
        # A vehicle with battery readings is never deleted; its readings are its history.
        on_delete=models.PROTECT,
        related_name="battery_readings",
        verbose_name=_("vehicle"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="battery_readings",
        verbose_name=_("workshop"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    source = models.CharField(_("source"), max_length=4, choices=Source.choices)
    tool_session = models.ForeignKey(
        "tools.ToolSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="battery_readings",
        verbose_name=_("tool session"),
    )
    tool = models.CharField(_("Tool"), max_length=100, blank=True)
    read_at = models.DateTimeField(_("Time"))
    mileage_km = models.PositiveIntegerField(_("Mileage"))
    soc_percent = models.DecimalField(_("State of charge (%)"), max_digits=4, decimal_places=1)
    soh_percent = models.DecimalField(_("State of health (%)"), max_digits=4, decimal_places=1)
    usable_capacity_kwh = models.DecimalField(
        _("Usable capacity (kWh)"), max_digits=5, decimal_places=1
    )
    cycle_count = models.PositiveIntegerField(_("Cycle count"))
    cell_voltage_spread_mv = models.PositiveIntegerField(_("Cell voltage spread (mV)"))
    temperature_c = models.DecimalField(_("Temperature (°C)"), max_digits=4, decimal_places=1)
    created_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        verbose_name = _("battery reading")
        verbose_name_plural = _("battery readings")
        ordering = ["-read_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(soh_percent__gte=0, soh_percent__lte=100),
                name="battery_reading_soh_range",
            ),
            models.CheckConstraint(
                condition=models.Q(soc_percent__gte=0, soc_percent__lte=100),
                name="battery_reading_soc_range",
            ),
        ]
        indexes = [
            # readings_of(): a vehicle's readings in time order (page, chart, certificate).
            models.Index(fields=["vehicle", "read_at"], name="battery_reading_vehicle_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.vehicle_id} {self.read_at:%Y-%m-%d} SoH {self.soh_percent} %"


class BatterySettings(models.Model):
    """The operator's settings (one row): when the page warns about a battery's health."""

    soh_drop_warning_per_year = models.DecimalField(
        _("warn when the state of health drops faster than (% per year)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("4.0"),
    )

    class Meta:
        verbose_name = _("battery settings")
        verbose_name_plural = _("battery settings")

    def __str__(self) -> str:
        return str(_("Battery settings"))

    @classmethod
    def current(cls) -> BatterySettings:
        found = cls.objects.order_by("pk").first()
        return found or cls()
