"""Certificates in the API: a workshop issues (and revokes) one; anyone verifies one by code."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool

from aftersales.api.auth import TokenAuth, api_user, require_application
from aftersales.api.common import errors, resolve_vehicle
from aftersales.api.text import MultilineText, Text
from aftersales.portal.errors import RuleViolation
from aftersales.portal.http import client_ip
from aftersales.servicehistory.selectors import APPLICATION_SLUG

from . import codes
from .kinds import certificate_kind
from .models import Certificate
from .qr import verify_url
from .ratelimit import wait_seconds
from .selectors import (
    certificate_by_code,
    certificate_get_by_code,
    certificate_public,
    certificate_status,
)
from .services import certificate_issue, certificate_revoke

router = Router()


class CertificateIssue(Schema):
    vin: Text = Field(
        description="Full VIN or its last 7 characters.", examples=["WBAUV71070A193748"]
    )
    # Strict: 0 or "no" is refused (422), never read as "no comments" by accident.
    include_comments: StrictBool = Field(
        False, description="Show the entries' comments: only when the owner agreed."
    )


class CertificateRevoke(Schema):
    reason: MultilineText = Field(
        description="Why it is revoked; the verify page shows it (CERT-0003)."
    )


class CertificateOut(Schema):
    code: str = Field(description="The verification code, in groups of four.")
    verify_url: str = Field(description="The public verify page (also in the QR code).")
    issued_at: datetime
    fingerprint: str = Field(description="SHA-256 of what the certificate says.")
    revoked: bool
    certificate: dict[str, Any] = Field(description="What the certificate says.")


class Issuer(Schema):
    name: str
    city: str


class AnchorProof(Schema):
    """Check it yourself: leaf hash = SHA-256(0x00 || `leaf`), then fold `path` in with
    `index` and `size` as RFC 9162, 2.1.3.2 describes (node = SHA-256(0x01 || left || right));
    the result must be `root`, the one listed for `day` at /anchors/."""

    day: date
    root: str = Field(description="The published Merkle root (hex).")
    published_at: datetime
    vin: str
    head: str = Field(description="The vehicle's chain head in that anchor (hex).")
    head_sequence: int = Field(description="Its position in the vehicle's chain.")
    leaf: str = Field(description='The leaf: "<VIN>:<head>".')
    index: int = Field(description="The leaf's index among all chains, sorted by VIN.")
    size: int = Field(description="How many chains the anchor holds.")
    path: list[str] = Field(description="The audit path, bottom up (hex).")
    verifies: bool = Field(description="The portal's own recomputation gives `root`.")


class VerificationOut(Schema):
    code: str
    kind: str = Field(description='"service_history", "battery_health" or "emissions_test"')
    valid: bool = Field(
        description="Not revoked, not superseded, and the record behind it still verifies."
    )
    revoked: bool
    revoked_at: datetime | None
    revocation_reason: str
    issued_at: datetime
    issued_by: Issuer
    record_verifies: bool = Field(description="The vehicle's chain verifies and holds the head.")
    superseded_by: str = Field(
        description="The code of a newer certificate that replaces it (battery health, emissions "
        "test); empty."
    )
    newer_entries: int = Field(description="Service entries stored since issue (a count).")
    later_changes: int = Field(description="Corrections, cancellations, transfers since issue.")
    problems: list[str]
    anchor: AnchorProof | None = Field(
        None,
        description="Service history: the proof that the vehicle's chain head (the one the "
        "certificate was issued on, or a later one) is in the first anchor published after "
        "issue; null until one is published.",
    )
    fingerprint: str
    certificate: dict[str, Any] = Field(description="What the certificate said at issue.")


def _out(certificate: Certificate) -> dict[str, Any]:
    return {
        "code": certificate.display_code,
        "verify_url": verify_url(certificate),
        "issued_at": certificate.issued_at,
        "fingerprint": certificate.fingerprint,
        "revoked": certificate.is_revoked,
        "certificate": certificate.snapshot,
    }


@router.post(
    "/certificates",
    auth=TokenAuth(write=True),
    response={201: CertificateOut, **errors(403, 404, 409, 503)},
    summary="Issue a service history certificate",
    description="Issues a certificate of the vehicle's service history as it stands now: the "
    "entries since the cut-off, the odometer readings and the chain's head, with a "
    "verification code anyone can check at `verify_url` or `GET /verify/{code}`. No person is "
    "named; comments only with `include_comments` (the owner agreed). Needs access to Service "
    "history and a user of a workshop (CERT-0004).",
    operation_id="certificate_issue",
)
def issue(request: HttpRequest, payload: CertificateIssue) -> Status[dict[str, Any]]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(payload.vin)
    certificate = certificate_issue(
        actor=user, vehicle=vehicle, include_comments=payload.include_comments
    )
    return Status(201, _out(certificate))


@router.post(
    "/certificates/{code}/revoke",
    auth=TokenAuth(write=True),
    response={200: CertificateOut, **errors(403, 404, 409, 503)},
    summary="Revoke a certificate",
    description="The issuing workshop revokes a certificate with a reason (CERT-0003); the "
    "verify page and `GET /verify/{code}` say so from then on. Another workshop's certificate "
    "is not found (404); a revoked one stays revoked (CERT-0002, 409).",
    operation_id="certificate_revoke",
)
def revoke(request: HttpRequest, code: str, payload: CertificateRevoke) -> dict[str, Any]:
    certificate = certificate_get_by_code(actor=api_user(request), code=code)
    user = require_application(request, certificate_kind(certificate.kind).application)
    return _out(certificate_revoke(actor=user, certificate=certificate, reason=payload.reason))


@router.get(
    "/verify/{code}",
    auth=None,
    response={200: VerificationOut, **errors(404)},
    summary="Verify a certificate (public)",
    description="Without a token: what the certificate said at issue, whether it is revoked, "
    "whether the record behind it still verifies, and how many entries were stored since (a "
    "count, not their content); the same as the page /verify/{code}/. Dashes, case and the "
    "letters O, I, L for 0, 1 do not matter. Limited per address (VERIFY_RATE_LIMIT, default "
    "30 a minute; above it 429 CERT-0429 with `retry_after`). Unknown code: 404 CERT-0001.",
    operation_id="certificate_verify",
)
def verify(request: HttpRequest, code: str) -> dict[str, Any]:
    wait = wait_seconds(scope="api", address=client_ip(request))
    if wait is not None:
        raise RuleViolation(
            codes.TOO_MANY_CHECKS,
            _("Too many checks from this address. Please wait %(seconds)s seconds.")
            % {"seconds": wait},
            extra={"retry_after": wait},
        )
    certificate = certificate_by_code(code=code)
    if certificate is None:
        raise RuleViolation(codes.NOT_FOUND, _("No certificate has this verification code."))
    return certificate_public(certificate_status(certificate))
