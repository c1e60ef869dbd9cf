"""The chain of a vehicle's service record, its verification runs and the daily anchors.

Links and anchors are append-only: the models refuse to change or delete a stored row, and on
PostgreSQL (and SQLite, for updates) a trigger makes the database refuse it too (migration
0002). The format of a link's payload and hash is documented in `canonical.py`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import Vehicle


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(f"A stored {self._meta.verbose_name} is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"A stored {self._meta.verbose_name} is never deleted.")


class ChainLink(AppendOnly):
    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        CORRECTED = "corrected", _("corrected")
        CANCELLED = "cancelled", _("cancelled")
        TRANSFERRED = "transferred", _("transferred to the vehicle")

    # No index of its own: chain_link_position (vehicle, sequence) serves it.
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        related_name="chain_links",
        verbose_name=_("vehicle"),
        db_index=False,
    )
    # 1, 2, 3, ... per vehicle: link n follows link n-1 and its hash seals that one's hash.
    sequence = models.PositiveIntegerField(_("position in the chain"))
    # Its index is chain_link_entry_idx below (the FK's own would be the same one again).
    entry = models.ForeignKey(
        ServiceEntry,
        on_delete=models.PROTECT,
        related_name="chain_links",
        verbose_name=_("entry version"),
        db_index=False,
    )
    kind = models.CharField(_("change"), max_length=12, choices=Kind.choices)
    payload = models.TextField(_("what was hashed"))
    hash = models.CharField(_("hash"), max_length=64)
    # When the link was written (not hashed: the payload carries the change's own time).
    created_at = models.DateTimeField(_("written at"), default=clock.now)

    class Meta:
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        ordering = ["vehicle", "sequence"]
        constraints = [
            # One link per position: two writers appending to one vehicle's chain at once can
            # never both follow the same predecessor (a fork); the second one fails. The index
            # also serves the head lookup (vehicle, sequence DESC) and the verification's scan.
            models.UniqueConstraint(fields=["vehicle", "sequence"], name="chain_link_position"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="chain_link_from_one"),
        ]
        indexes = [
            # Verification: the links of a batch of entries (records check).
            models.Index(fields=["entry"], name="chain_link_entry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.vehicle_id}#{self.sequence} {self.kind} {self.hash[:12]}"


class VerificationRun(AppendOnly):
    """One run of `manage.py verify_chains` (or its task): what was checked, what was broken."""

    started_at = models.DateTimeField(_("started"), default=clock.now)
    finished_at = models.DateTimeField(_("finished"))
    vehicles = models.PositiveIntegerField(_("chains"), default=0)
    links = models.PositiveIntegerField(_("links"), default=0)
    entries = models.PositiveIntegerField(_("entry versions"), default=0)
    anchors = models.PositiveIntegerField(_("anchors"), default=0)
    records_checked = models.BooleanField(_("entries compared"), default=True)
    broken = models.PositiveIntegerField(_("breaks"), default=0)
    # One item per break (the first bad link of each chain, bad anchors), at most MAX_REPORTED.
    breaks = models.JSONField(_("what is broken"), default=list, blank=True)

    class Meta:
        verbose_name = _("chain verification")
        verbose_name_plural = _("chain verifications")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {'OK' if self.ok else self.broken}"

    @property
    def ok(self) -> bool:
        return self.broken == 0

    @property
    def seconds(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()


class ChainAnchor(AppendOnly):
    """The head of every chain on one day, as one Merkle root (`merkle.py`)."""

    day = models.DateField(_("day"))
    root = models.CharField(_("Merkle root"), max_length=64)
    vehicles = models.PositiveIntegerField(_("chains"))
    links = models.PositiveIntegerField(_("links"))
    # The heads are the last link of each vehicle with an id up to this one (so the root can
    # be computed again later); the anchor locks out writers while it reads them.
    up_to_link_id = models.BigIntegerField(_("last link"), default=0)
    computed_at = models.DateTimeField(_("computed at"), default=clock.now)
    # [first VIN, subtree root] of each block of anchors.PROOF_BLOCK leaves, in VIN order, so
    # that an inclusion proof reads the heads of one block, not of every chain. Empty for the
    # anchors made before blocks were kept (their proofs read every head).
    blocks = models.JSONField(_("blocks"), default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("daily anchor")
        verbose_name_plural = _("daily anchors")
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["day"], name="chain_anchor_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.root[:16]}"


class AnchorPublication(AppendOnly):
    """The operator published an anchor: from then on it is on the public page for good."""

    anchor = models.OneToOneField(ChainAnchor, on_delete=models.PROTECT, related_name="publication")
    published_at = models.DateTimeField(_("published at"), default=clock.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("anchor publication")
        verbose_name_plural = _("anchor publications")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.anchor} {self.published_at:%Y-%m-%d}"
