"""Key reads: what a key reader in the service reception read from a vehicle key.

A key carries the VIN, the mileage, the service needs (CBS) and check-control messages. A read
is kept as it arrived, whatever it says: a VIN the central data does not know yet is stored
unmatched (the operator sees it; `services.key_reads_match` links it once the vehicle is
imported), and a mileage below the central mileage is kept and flagged, never applied.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.api.models import ApiToken
from aftersales.vehicles.models import CbsPosition, Vehicle


class KeyRead(models.Model):
    class Source(models.TextChoices):
        DEVICE = "device", _("Key reader")
        UPLOAD = "upload", _("Uploaded file")

    # The workshop whose key reader (or user) sent it: only its users see it.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        # Organisations are never deleted (their service entries protect them too).
        on_delete=models.PROTECT,
        related_name="key_reads",
        verbose_name=_("workshop"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    device = models.ForeignKey(
        ApiToken,
        # A deleted token leaves its reads; they only lose the name of the device.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("key reader"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    vin = models.CharField(_("Vehicle identification number"), max_length=17)
    # Null while the central data do not know the VIN (unmatched); never lost.
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_reads",
        verbose_name=_("vehicle"),
    )
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    key_number = models.PositiveSmallIntegerField(_("Key number"))
    read_at = models.DateTimeField(_("Read at"))
    mileage_km = models.PositiveIntegerField(_("Mileage (key)"))
    # The central mileage when the read was matched, and whether the key's mileage was lower:
    # such a read is kept and shown flagged, and never pre-filled into an order.
    central_mileage_km = models.PositiveIntegerField(
        _("Mileage (central data) at the read"), null=True, blank=True
    )
    below_central = models.BooleanField(_("lower than the central mileage"), default=False)
    raw_readout = models.FileField(_("raw read-out"), upload_to="key-reads/%Y/%m/")
    raw_size = models.PositiveIntegerField(_("size of the raw read-out (bytes)"))
    raw_sha256 = models.CharField(_("SHA-256 of the raw read-out"), max_length=64)
    received_at = models.DateTimeField(_("received at"), default=clock.now)

    class Meta:
        verbose_name = _("key read")
        verbose_name_plural = _("key reads")
        constraints = [
            # A key reader that sends the same read again (a retry) gets the first one back.
            models.UniqueConstraint(
                fields=["organisation", "vin", "key_number", "read_at"],
                name="key_read_natural_unique",
            ),
            models.CheckConstraint(
                condition=Q(vehicle__isnull=True, matched_at__isnull=True)
                | Q(vehicle__isnull=False, matched_at__isnull=False),
                name="key_read_matched_has_time",
            ),
        ]
        indexes = [
            # Key reads page: one organisation's reads, newest first (organisation_key_reads()).
            models.Index(
                "organisation",
                models.F("read_at").desc(),
                models.F("id").desc(),
                name="key_read_org_recent_idx",
            ),
            # key_reads_match(): the unmatched reads whose VIN has arrived in the central data.
            models.Index(
                fields=["vin"], condition=Q(vehicle__isnull=True), name="key_read_unmatched_idx"
            ),
            # The newest read of a vehicle for the Service history notice (latest_for_vehicle()).
            models.Index("vehicle", models.F("read_at").desc(), name="key_read_vehicle_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.vin} #{self.key_number} {self.read_at:%Y-%m-%d %H:%M}"

    @property
    def is_matched(self) -> bool:
        return self.vehicle_id is not None


class KeyReadCbsItem(models.Model):
    """One service need as the key stores it: due on a date, in some km, and/or at a level."""

    key_read = models.ForeignKey(
        KeyRead, on_delete=models.CASCADE, related_name="cbs_items", verbose_name=_("key read")
    )
    position = models.ForeignKey(
        CbsPosition, on_delete=models.PROTECT, related_name="+", verbose_name=_("position")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    remaining_km = models.IntegerField(_("remaining (km)"), null=True, blank=True)
    percent = models.PositiveSmallIntegerField(_("remaining (%)"), null=True, blank=True)

    class Meta:
        verbose_name = _("CBS item")
        verbose_name_plural = _("CBS items")
        constraints = [
            models.UniqueConstraint(
                fields=["key_read", "position"], name="key_read_cbs_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=False)
                | Q(remaining_km__isnull=False)
                | Q(percent__isnull=False),
                name="key_read_cbs_has_value",
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="key_read_cbs_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.key_read_id} {self.position_id}"


class KeyReadMessage(models.Model):
    """A check-control message the key stored (code and the text the car showed)."""

    key_read = models.ForeignKey(
        KeyRead, on_delete=models.CASCADE, related_name="messages", verbose_name=_("key read")
    )
    line_no = models.PositiveSmallIntegerField(_("line"))
    code = models.CharField(_("code"), max_length=4)
    text = models.CharField(_("text"), max_length=200)

    class Meta:
        verbose_name = _("check-control message")
        verbose_name_plural = _("check-control messages")
        ordering = ["line_no"]
        constraints = [
            models.UniqueConstraint(fields=["key_read", "line_no"], name="key_read_message_line")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class KeyReaderDevice(ApiToken):
    """The back office's view of the key-reader device tokens (ApiToken rows of that scope)."""

    class Meta:
        proxy = True
        verbose_name = _("key reader (device token)")
        verbose_name_plural = _("key readers (device tokens)")
