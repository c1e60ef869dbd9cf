"""Service history: the position → standard repair package mapping, service entries, audit.

A stored service entry is never changed or deleted: its content (vehicle, mileage, date,
positions, order lines, comment, consent) is written once. Only its status moves on: it can be
superseded by a correction (a new version linked to the original), cancelled with a reason, or
confirmed as transferred to the vehicle by the diagnosis tool. The rules live in `rules.py`,
the writes in `services.py`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.servicedata.models import ServicePackage
from aftersales.vehicles.models import CbsPosition, Vehicle

# The only fields of a stored entry that may change after it was written.
STATUS_FIELDS = frozenset(
    {
        "superseded_at",
        "cancelled_at",
        "cancelled_by",
        "cancellation_reason",
        "transferred_at",
        "transfer_tool_id",
    }
)


class StandardPackageManager(models.Manager["LabourOperation"]):
    def get_queryset(self) -> models.QuerySet[LabourOperation]:
        return super().get_queryset().filter(kind=ServicePackage.Kind.STANDARD)


class LabourOperation(ServicePackage):
    """A standard repair package (SRP, e.g. 00 00 610 "Engine oil"): a package of Commercial
    Service Data (aftersales.servicedata) whose operations give its FRU for the vehicle. The
    name is kept from the time before SRPs became packages of that catalogue."""

    objects = StandardPackageManager()  # type: ignore[misc]  # a narrower manager of the proxy

    class Meta:
        proxy = True
        verbose_name = _("standard repair package")
        verbose_name_plural = _("standard repair packages")
        ordering = ["number"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = ServicePackage.Kind.STANDARD
        super().save(*args, **kwargs)

    @property
    def description(self) -> str:
        return self.name

    @property
    def description_da(self) -> str:
        return self.name_da

    @property
    def description_de(self) -> str:
        return self.name_de

    def localized_description(self, language: str | None) -> str:
        return self.localized_name(language)


class PositionOperation(models.Model):
    """Operator data: which standard repair packages a CBS position puts on the order base.

    The "Standard scope" (00 00 105) is mapped to every position; the order base lists each
    operation once, however many selected positions map to it.
    """

    cbs_position = models.ForeignKey(
        CbsPosition,
        on_delete=models.CASCADE,
        related_name="operations",
        verbose_name=_("CBS position"),
    )
    labour_operation = models.ForeignKey(
        LabourOperation,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("standard repair package"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("position → labour operation")
        verbose_name_plural = _("positions → labour operations")
        ordering = ["cbs_position", "position", "labour_operation__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_position", "labour_operation"], name="position_operation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cbs_position} → {self.labour_operation}"


class ServiceEntryQuerySet(models.QuerySet["ServiceEntry"]):
    def current(self) -> ServiceEntryQuerySet:
        """The latest version of every entry (corrected versions are superseded)."""
        return self.filter(superseded_at__isnull=True)

    def active(self) -> ServiceEntryQuerySet:
        return self.current().filter(cancelled_at__isnull=True)


class ServiceEntry(models.Model):
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        related_name="service_entries",
        verbose_name=_("vehicle"),
    )
    # The entering workshop: only it may correct or cancel. Organisations are never deleted.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="service_entries",
        verbose_name=_("workshop"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), default=clock.now)
    mileage_km = models.PositiveIntegerField(_("Mileage (in kilometers)"))
    maintenance_date = models.DateField(_("Maintenance date"))
    positions = models.ManyToManyField(
        CbsPosition, related_name="+", verbose_name=_("positions done")
    )
    comment = models.TextField(_("Comment"), blank=True)
    consent_given_at = models.DateTimeField(_("consent to data storage given at"))
    # Versions: a correction is a new row; `original` points at version 1 of the chain.
    original = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("original entry"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    superseded_at = models.DateTimeField(_("replaced by a correction at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancellation_reason = models.TextField(_("reason for the cancellation"), blank=True)
    transferred_at = models.DateTimeField(_("transferred to the vehicle at"), null=True, blank=True)
    transfer_tool_id = models.CharField(_("transferred by tool"), max_length=100, blank=True)

    objects = ServiceEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("service entry")
        verbose_name_plural = _("service entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(original__isnull=True, version=1)
                | Q(original__isnull=False, version__gt=1),
                name="service_entry_version_chain",
            ),
            models.UniqueConstraint(
                fields=["original", "version"], name="service_entry_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True, cancellation_reason="")
                | Q(cancelled_at__isnull=False) & ~Q(cancellation_reason=""),
                name="service_entry_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(transferred_at__isnull=True, transfer_tool_id="")
                | Q(transferred_at__isnull=False) & ~Q(transfer_tool_id=""),
                name="service_entry_transfer_has_tool",
            ),
        ]
        indexes = [
            # service_history(): the history of one vehicle, newest first.
            models.Index(
                "vehicle",
                models.F("maintenance_date").desc(),
                models.F("id").desc(),
                name="service_entry_history_idx",
            ),
            # entries_pending_transfer(): current, not cancelled, not yet transferred.
            models.Index(
                fields=["vehicle", "created_at"],
                condition=Q(
                    transferred_at__isnull=True,
                    cancelled_at__isnull=True,
                    superseded_at__isnull=True,
                ),
                name="service_entry_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Immutable content: an existing row may only be saved with status fields."""
        if self.pk is not None and self._state.adding is False:
            update_fields = kwargs.get("update_fields")
            if not update_fields or not set(update_fields) <= STATUS_FIELDS:
                raise ValueError("A stored service entry is never changed; only its status moves.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A stored service entry is never deleted; cancel it instead.")

    @property
    def chain_id(self) -> int:
        return self.original_id or self.pk

    # The lines beyond the CBS positions, filled by selectors.details_attach (the history page).
    other_work: list[ServiceEntryLine]

    @cached_property
    def done_positions(self) -> list[CbsPosition]:
        """The CBS positions done, in the catalogue's order. The selectors fill it for a whole
        page in one query (selectors.details_attach); read alone, it asks the database."""
        return list(self.positions.order_by("position", "name"))

    @property
    def original_number(self) -> str:
        """The number of the first version, without loading it."""
        return f"SH-{self.chain_id:06d}"

    @property
    def number(self) -> str:
        """The entry number printed on the service sheet: SH-000123, SH-000123/2 for a correction."""
        base = f"SH-{self.chain_id:06d}"
        return base if self.version == 1 else f"{base}/{self.version}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    @property
    def is_transferred(self) -> bool:
        return self.transferred_at is not None


class ServiceEntryLine(models.Model):
    """One line of the order as it was when the entry was stored (aftersales.orders.lines):
    its kind, number, description, quantity and unit, unit price and gross amount."""

    # No index of its own: service_entry_line_unique (entry, line_no) serves it.
    entry = models.ForeignKey(
        ServiceEntry, on_delete=models.CASCADE, related_name="lines", db_index=False
    )
    line_no = models.PositiveSmallIntegerField(_("line"))
    kind = models.CharField(_("Type"), max_length=10, default="SRP")
    number = models.CharField(_("Number"), max_length=30)
    description = models.CharField(_("Description"), max_length=200)
    quantity = models.DecimalField(_("Quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, default="FRU")
    # Exact to 4 places (an hourly rate / 12 need not end in cents); the amount is what counts.
    unit_price_gross = models.DecimalField(
        _("unit price (gross)"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    gross_amount = models.DecimalField(
        _("Package price (gross)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # What the line carried out, e.g. a campaign's number.
    reference = models.CharField(_("reference"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["entry", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "line_no"], name="service_entry_line_unique"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="service_entry_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description}"


class AuditLogEntry(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CORRECTED = "corrected", _("corrected")
        CANCELLED = "cancelled", _("cancelled")
        TRANSFERRED = "transferred", _("transferred to the vehicle")

    at = models.DateTimeField(_("when"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    entry = models.ForeignKey(
        ServiceEntry, on_delete=models.PROTECT, related_name="audit_log", verbose_name=_("entry")
    )
    ip_address = models.GenericIPAddressField(_("from which address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            # The audit trail of one entry in the back office, newest first.
            models.Index(fields=["entry", "-at"], name="sh_audit_entry_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.entry}"
