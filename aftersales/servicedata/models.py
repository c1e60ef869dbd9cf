"""Commercial Service Data: the manufacturer's flat-rate labour values and service packages.

- A labour operation is identified by its number and its validity (brand, series, model code,
  engine, production-date range; an empty criterion matches every vehicle): the same number may
  have one flat rate for an E91 with N54 and another for a G20. That pair is the key the imports
  are idempotent by.
- What an operation says (descriptions, units, included and excluded work, the special tools it
  needs) lives in versions. A change never edits a version: it writes the next one and makes it
  current, so that an order priced with version 3 can always be read back as it was priced.
- Units are the maker's flat-rate units; how many minutes one unit is depends on the brand
  (`BrandUnit`, 5 minutes when none is set). The order base counts labour in FRU of 5 minutes.
- A service package is a named set of operations (by number: the variant valid for the vehicle
  is taken), parts and fluids as text lines, with an optional fixed price.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.portal.imports import ImportJob
from aftersales.portal.languages import localized
from aftersales.vehicles.models import Vehicle, VehicleBrand

DEFAULT_UNIT_MINUTES = Decimal("5")


def number_key(number: str) -> str:
    """The form numbers are compared in: "11 00 050", "1100050" and "11-00-050" are one."""
    return re.sub(r"[\s\-./]", "", number).upper()


def clean_number(number: str) -> str:
    return " ".join(number.split()).upper()


class Validity(models.Model):
    """Which vehicles a catalogue record applies to. Text criteria are stored in capitals and
    compared with the vehicle's central data in capitals."""

    brand = models.CharField(_("brand"), max_length=20, choices=VehicleBrand.choices, blank=True)
    series = models.CharField(_("Series"), max_length=10, blank=True)
    model_code = models.CharField(_("Model"), max_length=10, blank=True)
    engine_type = models.CharField(_("Engine type"), max_length=20, blank=True)
    produced_from = models.DateField(_("produced from"), null=True, blank=True)
    produced_to = models.DateField(_("produced until"), null=True, blank=True)

    class Meta:
        abstract = True

    def normalise_validity(self) -> None:
        for name in ("series", "model_code", "engine_type"):
            setattr(self, name, " ".join(str(getattr(self, name)).split()).upper())

    @property
    def validity_key(self) -> str:
        """One string for the whole validity: part of the unique key (dates may be empty, and
        a unique constraint does not compare empty dates)."""
        return "|".join(
            [
                self.brand,
                self.series,
                self.model_code,
                self.engine_type,
                self.produced_from.isoformat() if self.produced_from else "",
                self.produced_to.isoformat() if self.produced_to else "",
            ]
        )

    def applies_to(self, vehicle: Vehicle) -> bool:
        production: date = vehicle.production_date
        return (
            (not self.brand or self.brand == vehicle.brand)
            and (not self.series or self.series == vehicle.series.upper())
            and (not self.model_code or self.model_code == vehicle.model_code.upper())
            and (not self.engine_type or self.engine_type == vehicle.engine_type.upper())
            and (self.produced_from is None or self.produced_from <= production)
            and (self.produced_to is None or production <= self.produced_to)
        )

    @property
    def specificity(self) -> int:
        """How many criteria are set: of two variants valid for a vehicle, the narrower wins."""
        return sum(
            1
            for value in (
                self.brand,
                self.series,
                self.model_code,
                self.engine_type,
                self.produced_from,
                self.produced_to,
            )
            if value
        )

    def validity_label(self) -> str:
        parts = [
            self.get_brand_display() if self.brand else "",
            self.series,
            self.model_code,
            self.engine_type,
        ]
        period = ""
        if self.produced_from or self.produced_to:
            start = self.produced_from.strftime("%m/%Y") if self.produced_from else "…"
            end = self.produced_to.strftime("%m/%Y") if self.produced_to else "…"
            period = f"{start}–{end}"
        return " · ".join(part for part in [*parts, period] if part) or str(_("all vehicles"))


def valid_for(vehicle: Vehicle) -> Q:
    """The filter of `Validity.applies_to` in SQL (used by the selectors)."""
    production = vehicle.production_date
    return (
        (Q(brand="") | Q(brand=vehicle.brand))
        & (Q(series="") | Q(series=vehicle.series.upper()))
        & (Q(model_code="") | Q(model_code=vehicle.model_code.upper()))
        & (Q(engine_type="") | Q(engine_type=vehicle.engine_type.upper()))
        & (Q(produced_from__isnull=True) | Q(produced_from__lte=production))
        & (Q(produced_to__isnull=True) | Q(produced_to__gte=production))
    )


class BrandUnit(models.Model):
    """How long one flat-rate unit of a brand's labour values is: 5 minutes at BMW (FRU) and
    Mercedes (AW), 6 minutes or 36 seconds (0.6) at other makers."""

    brand = models.CharField(_("brand"), max_length=20, choices=VehicleBrand.choices)
    minutes = models.DecimalField(
        _("minutes per unit"), max_digits=5, decimal_places=2, default=DEFAULT_UNIT_MINUTES
    )

    class Meta:
        verbose_name = _("unit length of a brand")
        verbose_name_plural = _("unit lengths per brand")
        ordering = ["brand"]
        constraints = [
            models.UniqueConstraint(fields=["brand"], name="servicedata_brand_unit_unique"),
            models.CheckConstraint(
                condition=Q(minutes__gt=0), name="servicedata_brand_unit_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_brand_display()}: {self.minutes} min"


class LabourOperation(Validity):
    """One labour operation for one validity; its content is `current` (a version)."""

    number = models.CharField(_("Operation number"), max_length=20, help_text=_('e.g. "11 42 000"'))
    number_key = models.CharField(max_length=20, editable=False)
    validity = models.CharField(max_length=120, editable=False)
    current = models.ForeignKey(
        "LabourOperationVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    # Number and both descriptions in lower case, for the word search (see selectors).
    search_text = models.TextField(editable=False, blank=True)
    retired_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("labour operation")
        verbose_name_plural = _("labour operations")
        ordering = ["number_key", "validity"]
        constraints = [
            # The imports' key: number + validity (labour_operation_upsert).
            models.UniqueConstraint(
                fields=["number_key", "validity"], name="servicedata_operation_unique"
            ),
            models.CheckConstraint(
                condition=Q(produced_from__isnull=True)
                | Q(produced_to__isnull=True)
                | Q(produced_to__gte=models.F("produced_from")),
                name="servicedata_operation_period_ordered",
            ),
        ]
        indexes = [
            # labour_operations_for_vehicle(): the operations of a series (most are per series)
            # and those valid across series, narrowed by the engine.
            models.Index(fields=["series", "engine_type"], name="servicedata_op_series_idx"),
            # labour_operation_find(number=...) and the search by number (prefix).
            models.Index(fields=["number_key"], name="servicedata_op_number_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.validity_label()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number = clean_number(self.number)
        self.number_key = number_key(self.number)
        self.normalise_validity()
        self.validity = self.validity_key
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "number_key", "validity"}
        super().save(*args, **kwargs)

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class LabourOperationVersion(models.Model):
    """What an operation said from `created_at` on. Written once, never changed: a change of
    the back office or an import makes the next version (services.labour_operation_change)."""

    class Source(models.TextChoices):
        BACK_OFFICE = "back_office", _("Back office")
        IMPORT = "import", _("Import")
        DEMO = "demo", _("Demo data")

    operation = models.ForeignKey(
        LabourOperation,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("labour operation"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    description = models.CharField(_("Description"), max_length=200)
    description_da = models.CharField(_("description (Danish)"), max_length=200, blank=True)
    description_de = models.CharField(
        _("description (German)"), max_length=200, blank=True, default="", db_default=""
    )
    units = models.DecimalField(
        _("Units"),
        max_digits=7,
        decimal_places=2,
        help_text=_("Flat-rate units of the maker (at BMW 1 unit = 5 minutes)."),
    )
    included_work = models.TextField(_("Included work"), blank=True)
    included_work_da = models.TextField(_("included work (Danish)"), blank=True)
    included_work_de = models.TextField(
        _("included work (German)"), blank=True, default="", db_default=""
    )
    excluded_work = models.TextField(_("Not included"), blank=True)
    excluded_work_da = models.TextField(_("not included (Danish)"), blank=True)
    excluded_work_de = models.TextField(
        _("not included (German)"), blank=True, default="", db_default=""
    )
    # Workshop equipment will read these: the special tools the operation needs, by number.
    tool_numbers = models.JSONField(_("special tools"), default=list, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.BACK_OFFICE
    )
    created_at = models.DateTimeField(_("valid from"), default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("version of a labour operation")
        verbose_name_plural = _("versions")
        ordering = ["operation", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "version"], name="servicedata_version_unique"
            ),
            models.CheckConstraint(condition=Q(units__gt=0), name="servicedata_units_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("A version of a labour operation is never changed; write the next.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A version of a labour operation is never deleted.")

    @property
    def reference(self) -> str:
        """What an order line stores to name the version it was priced with (≤ 40 chars)."""
        return f"LOV-{self.pk:06d}"

    def text(self, name: str, language: str | None) -> str:
        """A text in the language asked for, English when that language's is empty."""
        return localized(self, name, language)


class ServicePackage(Validity):
    """A named set of operations, parts and fluids, e.g. an oil service for one engine.

    A standard repair package (SRP, e.g. 00 00 610 "Engine oil") is a package too: Service
    history puts it on the order base for the CBS positions mapped to it (its PositionOperation)
    with the FRU of its operations; Commercial Service Data offers only the service packages."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service package")
        STANDARD = "srp", _("Standard repair package (Service history)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SERVICE)
    number = models.CharField(_("Package number"), max_length=20, help_text=_('e.g. "SP-OIL-N54"'))
    name = models.CharField(_("Name"), max_length=200)
    name_da = models.CharField(_("name (Danish)"), max_length=200, blank=True)
    name_de = models.CharField(
        _("name (German)"), max_length=200, blank=True, default="", db_default=""
    )
    fixed_price = models.DecimalField(
        _("Fixed price (net, EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Without VAT. Empty: labour at the workshop's rate plus the parts' prices."),
    )
    active = models.BooleanField(_("offered to workshops"), default=True)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("service package")
        verbose_name_plural = _("service packages")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="servicedata_package_unique"),
            models.CheckConstraint(
                condition=Q(fixed_price__isnull=True) | Q(fixed_price__gte=0),
                name="servicedata_package_price_not_negative",
            ),
        ]
        # No index besides the unique number: packages are few (hundreds); the vehicle's
        # packages are read in one query (packages_for_vehicle).

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number = clean_number(self.number)
        self.normalise_validity()
        super().save(*args, **kwargs)

    def localized_name(self, language: str | None) -> str:
        return localized(self, "name", language)


class PackageOperation(models.Model):
    """An operation of a package, by number: the variant valid for the vehicle is priced."""

    package = models.ForeignKey(ServicePackage, on_delete=models.CASCADE, related_name="operations")
    operation_number = models.CharField(_("Operation number"), max_length=20)
    quantity = models.DecimalField(_("Quantity"), max_digits=6, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("operation of the package")
        verbose_name_plural = _("operations of the package")
        ordering = ["package", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "operation_number"], name="servicedata_package_op_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="servicedata_package_op_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.operation_number

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.operation_number = clean_number(self.operation_number)
        super().save(*args, **kwargs)


class PackageMaterial(models.Model):
    """A part or fluid of a package, as a text line with an optional net unit price."""

    class Unit(models.TextChoices):
        PIECE = "pcs", _("pcs")
        LITRE = "l", _("l")

    package = models.ForeignKey(ServicePackage, on_delete=models.CASCADE, related_name="materials")
    number = models.CharField(_("Part number"), max_length=30, blank=True)
    description = models.CharField(_("Description"), max_length=200)
    description_da = models.CharField(_("description (Danish)"), max_length=200, blank=True)
    description_de = models.CharField(
        _("description (German)"), max_length=200, blank=True, default="", db_default=""
    )
    quantity = models.DecimalField(_("Quantity"), max_digits=8, decimal_places=2, default=1)
    unit = models.CharField(_("unit"), max_length=5, choices=Unit.choices, default=Unit.PIECE)
    unit_price = models.DecimalField(
        _("Unit price (net, EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("part or fluid")
        verbose_name_plural = _("parts and fluids")
        ordering = ["package", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="servicedata_material_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__isnull=True) | Q(unit_price__gte=0),
                name="servicedata_material_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description}".strip()

    def localized_description(self, language: str | None) -> str:
        return localized(self, "description", language)


class LabourImport(ImportJob):
    """One upload of a labour catalogue (CSV or XLSX), run in the background by
    `tasks.labour_import_task`; the back office polls its progress and rejects."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel workbook (XLSX)")

    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="labour-imports/", blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("new versions"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta(ImportJob.Meta):
        verbose_name = _("labour catalogue import")
        verbose_name_plural = _("labour catalogue imports")

    def __str__(self) -> str:
        return f"{self.get_format_display()} {self.file_name}"
