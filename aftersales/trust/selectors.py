"""Reads of the trust app, shared by pages, the back office and the certificates."""

from __future__ import annotations

from django.db.models import QuerySet

from aftersales.vehicles.models import Vehicle

from .models import ChainAnchor, ChainLink, VerificationRun


def published_anchors() -> QuerySet[ChainAnchor]:
    """Every published anchor, newest day first (the public page)."""
    return (
        ChainAnchor.objects.filter(publication__isnull=False)
        .select_related("publication")
        .order_by("-day")
    )


def last_verification() -> VerificationRun | None:
    return VerificationRun.objects.order_by("-started_at", "-id").first()


def chain_head(*, vehicle: Vehicle) -> ChainLink | None:
    """The vehicle's last link (uses the unique index on vehicle, sequence)."""
    return ChainLink.objects.filter(vehicle=vehicle).order_by("-sequence").first()


def chain_links_after(*, vehicle: Vehicle, sequence: int) -> list[str]:
    """The kinds of the links after position `sequence`, in order (what changed since)."""
    return list(
        ChainLink.objects.filter(vehicle=vehicle, sequence__gt=sequence)
        .order_by("sequence")
        .values_list("kind", flat=True)
    )
