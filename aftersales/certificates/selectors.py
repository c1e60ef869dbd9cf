"""Reads of certificates: the public lookup by code, the issuer's scoping helper, the status."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from aftersales.accounts.models import User
from aftersales.vehicles.models import Vehicle

from .kinds import CheckResult, certificate_kind
from .models import Certificate

# Crockford base32 reads O as 0 and I, L as 1; separators and case do not matter.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{20}$")


def code_normalize(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw or "").upper().translate(_CONFUSABLE)


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with this verification code (typed or scanned), for anyone."""
    value = code_normalize(code)
    if not _CODE.match(value):
        return None
    return Certificate.objects.select_related("organisation", "vehicle").filter(code=value).first()


def certificate_superseding(certificate: Certificate) -> Certificate | None:
    """The first later certificate of the same kind for the same vehicle, if any: it replaces
    this one. One revoked (issued in error) replaces nothing."""
    if certificate.vehicle_id is None:
        return None
    return (
        Certificate.objects.filter(
            Q(issued_at__gt=certificate.issued_at)
            | Q(issued_at=certificate.issued_at, pk__gt=certificate.pk),
            kind=certificate.kind,
            vehicle_id=certificate.vehicle_id,
            revoked_at__isnull=True,
        )
        .order_by("issued_at", "pk")
        .first()
    )


def supersession_check(certificate: Certificate, *, records: QuerySet[Any]) -> CheckResult:
    """The check of a certificate that stays valid until a later one of its kind for the vehicle
    supersedes it; `newer` counts the `records` (rows with `vehicle` and `created_at`) made
    since it was issued."""
    vehicle = certificate.vehicle
    if vehicle is None:
        return CheckResult(verifies=False, details=["the vehicle is no longer known"])
    newer = certificate_superseding(certificate)
    later = records.filter(vehicle=vehicle, created_at__gt=certificate.issued_at).count()
    return CheckResult(
        verifies=True, newer=later, superseded_by=newer.display_code if newer else ""
    )


def certificate_get(*, actor: User, certificate_id: int) -> Certificate:
    """A certificate by id for its issuing workshop; anyone else gets a 404."""
    organisation_id = actor.organisation_id
    found = None
    if organisation_id is not None:
        found = (
            Certificate.objects.select_related("organisation", "vehicle")
            .filter(pk=certificate_id, organisation_id=organisation_id)
            .first()
        )
    if found is None:
        raise Http404(_("No certificate found."))
    return found


def certificate_get_by_code(*, actor: User, code: str) -> Certificate:
    """A certificate by its code for its issuing workshop (the API); anyone else gets a 404."""
    found = certificate_by_code(code=code)
    if found is None or actor.organisation_id is None:
        raise Http404(_("No certificate found."))
    return certificate_get(actor=actor, certificate_id=found.pk)


def certificates_of(*, actor: User, vehicle: Vehicle) -> list[Certificate]:
    """The certificates the actor's workshop issued for this vehicle, newest first."""
    if actor.organisation_id is None:
        return []
    # Uses cert_org_idx (organisation, vehicle, -issued_at).
    return list(Certificate.objects.filter(organisation_id=actor.organisation_id, vehicle=vehicle))


@dataclass(frozen=True)
class CertificateStatus:
    certificate: Certificate
    check: CheckResult

    @property
    def valid(self) -> bool:
        return (
            not self.certificate.is_revoked and self.check.verifies and not self.check.superseded_by
        )


def certificate_status(certificate: Certificate) -> CertificateStatus:
    """What is true now: revoked or not, and the kind's check of the record behind it."""
    return CertificateStatus(certificate, certificate_kind(certificate.kind).check(certificate))


def certificate_public(status: CertificateStatus) -> dict[str, object]:
    """The verification result as data: the same for the page and the public API."""
    certificate = status.certificate
    return {
        "code": certificate.display_code,
        "kind": certificate.kind,
        "valid": status.valid,
        "revoked": certificate.is_revoked,
        "revoked_at": certificate.revoked_at,
        "revocation_reason": certificate.revocation_reason,
        "issued_at": certificate.issued_at,
        "issued_by": {"name": certificate.organisation.name, "city": certificate.organisation.city},
        "record_verifies": status.check.verifies,
        "superseded_by": status.check.superseded_by,
        "newer_entries": status.check.newer,
        "later_changes": status.check.changes,
        "problems": status.check.details,
        "anchor": status.check.anchor,
        "fingerprint": certificate.fingerprint,
        "certificate": certificate.snapshot,
    }
