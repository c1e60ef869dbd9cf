"""The kinds of certificate and how each is checked: one verification mechanism for all.

A kind registers, in its app's ready(), how its certificates are checked now (`check`) and which
template shows what it said (`template`, included in the verify page and the PDF). The verify
page and the public API (`GET /api/v1/verify/{code}`) do the rest the same for every kind:
code, issuer, issue time, revocation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from .models import Certificate


@dataclass(frozen=True)
class CheckResult:
    """What is true now about a certificate's subject."""

    verifies: bool  # the record behind it is intact (e.g. the vehicle's chain verifies)
    superseded_by: str = ""  # the display code of a newer certificate that replaces it
    newer: int = 0  # how many things were added since it was issued (e.g. new entries)
    changes: int = 0  # how many later changes touched what it lists (corrections, ...)
    details: list[str] = field(default_factory=list)  # why it does not verify
    # Evidence anyone can check without trusting the portal (service history: the inclusion
    # proof of the vehicle's chain head in a published anchor, trust.anchors.AnchorInclusion).
    anchor: dict[str, Any] | None = None


@dataclass(frozen=True)
class CertificateKind:
    slug: str
    title: str | Promise  # gettext_lazy: translated where shown
    template: str  # shows the snapshot; gets `snapshot` and `certificate`
    check: Callable[[Certificate], CheckResult]
    # The application whose users issue, print and revoke it (its pages' gate).
    application: str = "service-history"
    # The verify page's verdict while not revoked; gets `certificate`, `status`, `kind`.
    status_template: str = "certificates/_service_history_status.html"
    # The page of a vehicle's certificates of this kind (a URL name taking `vin`).
    vehicle_url_name: str = "certificates:issue"


_KINDS: dict[str, CertificateKind] = {}


def certificate_kind_register(kind: CertificateKind) -> None:
    _KINDS[kind.slug] = kind


def certificate_kind(slug: str) -> CertificateKind:
    return _KINDS[slug]
