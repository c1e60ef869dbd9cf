"""Workshop equipment: the catalogue of special tools and equipment, each organisation's own
inventory of them, and the workshops' requests for tools that the operator processes.

- A `Tool` is the operator's data, the same for every workshop: number (as printed, e.g.
  "83 30 0 494 060"; compared without spaces, dots or dashes), name per language, supplier,
  net price, the brands it serves (none: every brand), its calibration interval and a picture.
  Labour operations name the tools they need by number (Commercial Service Data's
  `LabourOperationVersion.tool_numbers`); documents of Information research link them
  (`DocumentLink` of kind "tool").
- An `InventoryItem` is one tool an organisation has: serial number and last calibration; the
  next calibration is due the tool's interval later.
- A `ToolRequest` is a workshop's order request for tools (lines with quantities), processed
  by the operator new → confirmed → shipped (or cancelled); every change is an event, and the
  requester is told by e-mail.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.portal.imports import ImportJob
from aftersales.portal.languages import localized


def number_key(number: str) -> str:
    """The form tool numbers are compared in: "83 30 0 494 060", "83300494060" and
    "83-30-0-494-060" are one."""
    return re.sub(r"[\s\-./]", "", number).upper()


def clean_number(number: str) -> str:
    return " ".join(number.split()).upper()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


class Tool(models.Model):
    class PictureType(models.TextChoices):
        NONE = "", _("none")
        SVG = "svg", "SVG"
        PNG = "png", "PNG"

    number = models.CharField(
        _("Tool number"), max_length=30, help_text=_('e.g. "83 30 0 494 060"')
    )
    number_key = models.CharField(max_length=30, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    name_da = models.CharField(_("name (Danish)"), max_length=200, blank=True)
    name_de = models.CharField(
        _("name (German)"), max_length=200, blank=True, default="", db_default=""
    )
    description = models.TextField(_("What it is for"), blank=True)
    description_da = models.TextField(_("what it is for (Danish)"), blank=True)
    description_de = models.TextField(
        _("what it is for (German)"), blank=True, default="", db_default=""
    )
    supplier = models.CharField(_("Supplier"), max_length=120, blank=True)
    price = models.DecimalField(
        _("Price (net, EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Without VAT. Empty: price on request."),
    )
    # The VehicleBrand values the tool serves; empty: every brand.
    brands = models.JSONField(_("Brands"), default=list, blank=True)
    calibration_months = models.PositiveSmallIntegerField(
        _("Calibration interval (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the tool needs no calibration."),
    )
    # Checked and rewritten (SVG) before it is stored; never a public file: read through a view.
    picture = models.FileField(_("Picture"), upload_to="tool-pictures/", blank=True)
    picture_type = models.CharField(
        max_length=3, choices=PictureType.choices, blank=True, editable=False
    )
    active = models.BooleanField(
        _("offered to workshops"),
        default=True,
        help_text=_(
            "A withdrawn tool stays in inventories and old requests but cannot be requested."
        ),
    )
    # Number, key and both names in lower case, for the word search (selectors.tool_search).
    search_text = models.TextField(editable=False, blank=True)
    # "|bmw|mini|" ("" = every brand), for the brand filter of tool_search on any database.
    brand_tags = models.CharField(max_length=200, editable=False, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("special tool")
        verbose_name_plural = _("special tools")
        ordering = ["number_key"]
        constraints = [
            # tool_get(number), tools_by_numbers() (the order base), the import's key.
            models.UniqueConstraint(fields=["number_key"], name="equipment_tool_number_unique"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="equipment_tool_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(calibration_months__isnull=True)
                | Q(calibration_months__gte=1, calibration_months__lte=240),
                name="equipment_tool_calibration_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number = clean_number(self.number)
        self.number_key = number_key(self.number)
        self.search_text = " ".join(
            [self.number, self.number_key, self.name, self.name_da, self.name_de, self.supplier]
        ).lower()
        self.brand_tags = f"|{'|'.join(self.brands)}|" if self.brands else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                *("number", "number_key", "search_text", "brand_tags"),
            }
        super().save(*args, **kwargs)

    def text(self, field: str, language: str | None) -> str:
        """A text in the language asked for, English when that language's is empty."""
        return localized(self, field, language)

    @property
    def has_picture(self) -> bool:
        return bool(self.picture) and bool(self.picture_type)

    def brands_label(self) -> str:
        from aftersales.vehicles.models import VehicleBrand

        labels = dict(VehicleBrand.choices)
        return ", ".join(str(labels.get(brand, brand)) for brand in self.brands)


class InventoryItem(models.Model):
    """One tool an organisation has in its workshop."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,  # the inventory is the organisation's own record
        related_name="tool_inventory",
        verbose_name=_("organisation"),
        db_index=False,  # the index (organisation, tool) serves it
    )
    tool = models.ForeignKey(
        Tool,
        on_delete=models.PROTECT,  # withdraw a tool instead of deleting it
        related_name="inventory_items",
        verbose_name=_("special tool"),
    )
    serial_number = models.CharField(_("Serial number"), max_length=60, blank=True)
    last_calibrated_on = models.DateField(_("Last calibration"), null=True, blank=True)
    note = models.CharField(
        _("Note"), max_length=200, blank=True, help_text=_("e.g. where it is kept")
    )
    added_at = models.DateTimeField(_("added at"), default=clock.now, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("tool of a workshop's inventory")
        verbose_name_plural = _("workshop inventories")
        ordering = ["organisation", "tool__number_key", "serial_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "tool", "serial_number"],
                name="equipment_inventory_serial_unique",
            ),
        ]
        indexes = [
            # inventory_for(organisation) and inventory_counts(organisation, tools) (order base).
            models.Index(fields=["organisation", "tool"], name="equipment_inventory_org_idx"),
        ]

    def __str__(self) -> str:
        serial = f" #{self.serial_number}" if self.serial_number else ""
        return f"{self.tool.number}{serial}"

    @property
    def calibration_due(self) -> date | None:
        """When the next calibration is due; None: the tool needs none or it was never done."""
        months = self.tool.calibration_months
        if not months or self.last_calibrated_on is None:
            return None
        return add_months(self.last_calibrated_on, months)

    def calibration_overdue(self, today: date | None = None) -> bool:
        """A tool that needs calibrating and was never calibrated, or whose date has passed."""
        if not self.tool.calibration_months:
            return False
        due = self.calibration_due
        return due is None or due < (today or clock.today())


class ToolRequest(models.Model):
    """A workshop's order request for special tools."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONFIRMED = "confirmed", _("Confirmed")
        SHIPPED = "shipped", _("Shipped")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,  # requests are a business record
        related_name="tool_requests",
        verbose_name=_("organisation"),
        db_index=False,  # the index (organisation, created_at) serves it
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    vin = models.CharField(_("for vehicle"), max_length=17, blank=True)
    note = models.TextField(_("Note of the workshop"), blank=True)
    operator_note = models.TextField(
        _("Note to the workshop"),
        blank=True,
        help_text=_("e.g. the delivery date or tracking number"),
    )
    created_at = models.DateTimeField(_("requested at"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("last change"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("tool request")
        verbose_name_plural = _("tool requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            # tool_requests_for(organisation): the workshop's list, newest first.
            models.Index(fields=["organisation", "-created_at"], name="equipment_request_org_idx"),
            # The back office's queue: the open requests by status, oldest first.
            models.Index(fields=["status", "created_at"], name="equipment_request_status_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"TR-{self.pk:06d}" if self.pk else "TR-"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NEW, self.Status.CONFIRMED)


class ToolRequestLine(models.Model):
    request = models.ForeignKey(
        ToolRequest, on_delete=models.CASCADE, related_name="lines", verbose_name=_("tool request")
    )
    tool = models.ForeignKey(
        Tool, on_delete=models.PROTECT, related_name="request_lines", verbose_name=_("special tool")
    )
    quantity = models.PositiveSmallIntegerField(_("Quantity"), default=1)
    # The net price when requested (the catalogue's price may change later).
    unit_price = models.DecimalField(
        _("Unit price (net, EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("requested tool")
        verbose_name_plural = _("requested tools")
        ordering = ["request", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "tool"], name="equipment_line_unique"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=99),
                name="equipment_line_quantity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.tool.number}"


class ToolRequestEvent(models.Model):
    """A status of a request, with who set it and when (the first one: "new")."""

    request = models.ForeignKey(
        ToolRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("tool request")
    )
    status = models.CharField(_("Status"), max_length=10, choices=ToolRequest.Status.choices)
    at = models.DateTimeField(_("at"), default=clock.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("Note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["request", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.at:%Y-%m-%d %H:%M}"


class ToolImport(ImportJob):
    """One upload of a tool catalogue (CSV or XLSX), run in the background by
    `tasks.tool_import_task` (aftersales.portal.imports); the back office polls its progress."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel workbook (XLSX)")

    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="tool-imports/", blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta(ImportJob.Meta):
        verbose_name = _("tool catalogue import")
        verbose_name_plural = _("tool catalogue imports")

    def __str__(self) -> str:
        return f"{self.get_format_display()} {self.file_name}"
