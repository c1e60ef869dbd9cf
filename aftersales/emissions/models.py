"""Emissions test nominal values: what a vehicle must show in the periodic emissions test, and
the tests workshops record.

- `NominalValues`: the manufacturer's values for an engine (optionally narrowed to a series,
  model code and production period: a variant), kept by the operator through the back office and
  CSV/XLSX imports. An empty value means "the manufacturer gives none".
- `LegalLimit`: what the law requires where the manufacturer gives nothing, per fuel and by the
  date of first registration (Directive 2014/45/EU, Annex I, 8.2.1, in the demo).
- `DueInterval`: after a passed test, when the next one is due, per country (the operator's
  setting); it moves the CBS position "Statutory emissions test" of the vehicle.
- `EmissionsTest`: one recorded test, never changed: the measured values, the nominal values it
  was judged against (a snapshot, so later catalogue changes do not rewrite it), the OBD state,
  pass or fail, tester and instrument. It belongs to the workshop that recorded it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.vehicles.models import Vehicle, VehicleBrand, WorkshopRecord

from .quantities import RPM, Fuel


def _bound(label: Any, unit: str, decimals: int = 3) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=7,
        decimal_places=decimals,
        null=True,
        blank=True,
        help_text=unit,
    )


class LimitValues(models.Model):
    """The bounds of every quantity (quantities.py); empty = not given by this source."""

    idle_rpm_min = _bound(_("idle speed from"), RPM, 0)
    idle_rpm_max = _bound(_("idle speed to"), RPM, 0)
    raised_idle_rpm_min = _bound(_("raised idle speed from"), RPM, 0)
    raised_idle_rpm_max = _bound(_("raised idle speed to"), RPM, 0)
    co_max = _bound(_("CO limit at raised idle"), "% vol", 2)
    lambda_min = _bound(_("lambda from"), "λ", 3)
    lambda_max = _bound(_("lambda to"), "λ", 3)
    smoke_k_max = _bound(_("smoke opacity limit (k value)"), "m⁻¹", 2)
    governed_rpm_min = _bound(_("governed speed from"), RPM, 0)
    governed_rpm_max = _bound(_("governed speed to"), RPM, 0)
    obd_check = models.BooleanField(
        _("OBD check is part of the test"),
        null=True,
        blank=True,
        help_text=_("Empty: as the legal limits say."),
    )

    class Meta:
        abstract = True


def _ordered(low: str, high: str) -> Q:
    return (
        Q(**{f"{low}__isnull": True})
        | Q(**{f"{high}__isnull": True})
        | Q(**{f"{high}__gte": models.F(low)})
    )


RANGE_PAIRS = [
    ("idle_rpm_min", "idle_rpm_max"),
    ("raised_idle_rpm_min", "raised_idle_rpm_max"),
    ("lambda_min", "lambda_max"),
    ("governed_rpm_min", "governed_rpm_max"),
]


class NominalValues(LimitValues):
    """The manufacturer's nominal values of an engine, or of a variant of it."""

    fuel = models.CharField(_("fuel"), max_length=10, choices=Fuel.choices)
    brand = models.CharField(_("brand"), max_length=20, choices=VehicleBrand.choices, blank=True)
    engine_type = models.CharField(_("Engine type"), max_length=20, help_text=_('e.g. "N54"'))
    series = models.CharField(_("Series"), max_length=10, blank=True)
    model_code = models.CharField(_("Model"), max_length=10, blank=True)
    produced_from = models.DateField(_("produced from"), null=True, blank=True)
    produced_to = models.DateField(_("produced until"), null=True, blank=True)
    # One string for the whole variant: part of the unique key (a unique constraint does not
    # compare empty dates). Written by save().
    variant = models.CharField(max_length=120, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("nominal values")
        verbose_name_plural = _("nominal values")
        ordering = ["engine_type", "variant"]
        constraints = [
            # The imports' key: engine + variant (nominal_values_upsert).
            models.UniqueConstraint(
                fields=["engine_type", "variant"], name="emissions_nominal_unique"
            ),
            models.CheckConstraint(
                condition=_ordered("produced_from", "produced_to"),
                name="emissions_nominal_period_ordered",
            ),
            *[
                models.CheckConstraint(condition=_ordered(low, high), name=f"emissions_{low}_ord")
                for low, high in RANGE_PAIRS
            ],
        ]
        indexes = [
            # nominal_values_for(vehicle): the rows of the vehicle's engine type.
            models.Index(fields=["engine_type"], name="emissions_nominal_engine_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.engine_type} ({self.variant_label()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in ("engine_type", "series", "model_code"):
            setattr(self, name, " ".join(str(getattr(self, name)).split()).upper())
        self.variant = self.variant_key()
        super().save(*args, **kwargs)

    def variant_key(self) -> str:
        return "|".join(
            [
                self.brand,
                self.series,
                self.model_code,
                self.produced_from.isoformat() if self.produced_from else "",
                self.produced_to.isoformat() if self.produced_to else "",
            ]
        )

    def variant_label(self) -> str:
        parts = [self.get_brand_display() if self.brand else "", self.series, self.model_code]
        if self.produced_from or self.produced_to:
            start = self.produced_from.strftime("%m/%Y") if self.produced_from else "…"
            end = self.produced_to.strftime("%m/%Y") if self.produced_to else "…"
            parts.append(f"{start}–{end}")
        return " · ".join(part for part in parts if part) or str(_("every variant"))

    def applies_to(self, vehicle: Vehicle) -> bool:
        production: date = vehicle.production_date
        return (
            self.engine_type == vehicle.engine_type.upper()
            and (not self.brand or self.brand == vehicle.brand)
            and (not self.series or self.series == vehicle.series.upper())
            and (not self.model_code or self.model_code == vehicle.model_code.upper())
            and (self.produced_from is None or self.produced_from <= production)
            and (self.produced_to is None or production <= self.produced_to)
        )

    @property
    def specificity(self) -> int:
        """Of two rows valid for a vehicle, the one naming more criteria wins."""
        values = (self.brand, self.series, self.model_code, self.produced_from, self.produced_to)
        return sum(1 for value in values if value)


class LegalLimit(LimitValues):
    """The legal limits of one fuel for vehicles first registered in a period (the production
    date when the first registration is unknown)."""

    fuel = models.CharField(_("fuel"), max_length=10, choices=Fuel.choices)
    name = models.CharField(
        _("name"), max_length=200, help_text=_('Shown as the source, e.g. "Directive 2014/45/EU"')
    )
    registered_from = models.DateField(_("first registered from"), null=True, blank=True)
    registered_to = models.DateField(_("first registered until"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal limits")
        verbose_name_plural = _("legal limits")
        ordering = ["fuel", "registered_from"]
        constraints = [
            models.CheckConstraint(
                condition=_ordered("registered_from", "registered_to"),
                name="emissions_legal_period_ordered",
            ),
        ]
        # No index: a handful of rows, read whole (legal_limit_for).

    def __str__(self) -> str:
        return f"{self.get_fuel_display()}: {self.name}"

    def applies_on(self, day: date) -> bool:
        return (self.registered_from is None or self.registered_from <= day) and (
            self.registered_to is None or day <= self.registered_to
        )


class DueInterval(models.Model):
    """After a passed test the next one is due this many months later, in this country."""

    country = models.CharField(_("country"), max_length=2, help_text=_("ISO country code"))
    months = models.PositiveSmallIntegerField(_("interval (months)"))

    class Meta:
        verbose_name = _("test interval")
        verbose_name_plural = _("test intervals")
        ordering = ["country"]
        constraints = [
            # test_interval_for(country).
            models.UniqueConstraint(fields=["country"], name="emissions_interval_country_unique"),
            models.CheckConstraint(
                condition=Q(months__gte=1) & Q(months__lte=120), name="emissions_interval_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.months}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.country = self.country.strip().upper()
        super().save(*args, **kwargs)


def _measured(label: Any, decimals: int = 3) -> models.DecimalField:
    return models.DecimalField(label, max_digits=7, decimal_places=decimals, null=True, blank=True)


class EmissionsTest(WorkshopRecord):
    """One recorded test. Written once (services.emissions_test_record), never changed."""

    class ObdSource(models.TextChoices):
        NONE = "none", _("not part of the test")
        REPORT = "report", _("fault memory report")
        TYPED = "typed", _("typed by the tester")

    class Source(models.TextChoices):
        FORM = "form", _("workshop (form)")
        API = "api", _("API")

    source = models.CharField(_("recorded through"), max_length=10, choices=Source.choices)
    tested_at = models.DateTimeField(_("Time of the test"))
    mileage_km = models.PositiveIntegerField(_("Mileage (in kilometers)"))
    tester = models.CharField(_("Tester"), max_length=100)
    instrument_id = models.CharField(_("Instrument id"), max_length=100)
    fuel = models.CharField(_("fuel"), max_length=10, choices=Fuel.choices)
    measured_idle_rpm = _measured(_("idle speed"), 0)
    measured_raised_idle_rpm = _measured(_("raised idle speed"), 0)
    measured_co = _measured(_("CO at raised idle"), 2)
    measured_lambda = _measured(_("lambda at raised idle"), 3)
    measured_smoke_k = _measured(_("smoke opacity (k value)"), 2)
    measured_governed_rpm = _measured(_("governed speed"), 0)
    obd_source = models.CharField(
        _("OBD state from"), max_length=10, choices=ObdSource.choices, default=ObdSource.NONE
    )
    obd_ready = models.BooleanField(_("readiness complete"), null=True, blank=True)
    mil_on = models.BooleanField(_("MIL on"), null=True, blank=True)
    # The fault memory report the OBD state was taken from (Emission-relevant fault codes);
    # its id and read-out time, kept as values: this app does not depend on that one.
    obd_report_id = models.PositiveIntegerField(_("fault memory report"), null=True, blank=True)
    obd_read_at = models.DateTimeField(_("read-out of the report"), null=True, blank=True)
    # What the test was judged against and how each check came out:
    # [{"quantity": "lambda", "measured": "1.050", "min": "0.970", "max": "1.030",
    #   "sources": ["manufacturer"], "ok": false}, ...]
    checks = models.JSONField(_("checks"), default=list)
    # Why the OBD part failed, in English keys: ["mil_on", "not_ready"].
    obd_failures = models.JSONField(_("OBD failures"), default=list, blank=True)
    nominal_values_id_used = models.PositiveIntegerField(null=True, blank=True, editable=False)
    passed = models.BooleanField(_("passed"))
    next_due = models.DateField(_("next test due"), null=True, blank=True)

    class Meta:
        verbose_name = _("emissions test")
        verbose_name_plural = _("emissions tests")
        ordering = ["-tested_at", "-id"]
        indexes = [
            # emissions_tests_for(): one workshop's tests of one vehicle, newest first.
            models.Index(
                "vehicle",
                "organisation",
                models.F("tested_at").desc(),
                name="emissions_test_vehicle_org_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(passed=True) | Q(next_due__isnull=True),
                name="emissions_test_due_only_when_passed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.vehicle_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A recorded emissions test is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A recorded emissions test is never deleted.")

    @property
    def number(self) -> str:
        """The certificate's number."""
        return f"ET-{self.pk:06d}" if self.pk else ""
