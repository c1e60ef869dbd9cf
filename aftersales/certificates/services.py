"""Writes of certificates: issue (a snapshot with a verification code) and revoke."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle

from . import codes, service_history
from .models import Certificate

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
CODE_LENGTH = 20  # 20 characters of 5 bits: 100 bits of randomness
MAX_REASON = 500


def snapshot_fingerprint(snapshot: dict[str, Any]) -> str:
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_new() -> str:
    """A verification code: 100 random bits from the operating system, Crockford base32."""
    number = secrets.randbits(5 * CODE_LENGTH)
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(CODE_LENGTH))


def _issuer(actor: User) -> Organisation:
    if actor.organisation is None:
        raise RuleViolation(
            codes.ISSUER_REQUIRED, _("Only a workshop can issue or revoke certificates.")
        )
    return actor.organisation


@transaction.atomic
def certificate_create(
    *,
    actor: User,
    vehicle: Vehicle | None,
    kind: str,
    snapshot: dict[str, Any],
    head_sequence: int = 0,
    head_hash: str = "",
    now: datetime | None = None,
) -> Certificate:
    """Stores a certificate of any kind (kinds.py) with a new verification code: what it says
    (`snapshot`, never changed, built by the kind's app) and its SHA-256 fingerprint: the
    canonical JSON of the snapshot (sorted keys, no spaces, UTF-8), which a holder can recompute."""
    issuer = _issuer(actor)
    code = code_new()
    while Certificate.objects.filter(code=code).exists():  # 2^-100: practically never
        code = code_new()
    return Certificate.objects.create(
        code=code,
        kind=kind,
        vehicle=vehicle,
        organisation=issuer,
        issued_by=actor,
        issued_at=now or clock.now(),
        snapshot=snapshot,
        fingerprint=snapshot_fingerprint(snapshot),
        head_sequence=head_sequence,
        head_hash=head_hash,
    )


@transaction.atomic
def certificate_issue(
    *, actor: User, vehicle: Vehicle, include_comments: bool, now: datetime | None = None
) -> Certificate:
    """Issues a service history certificate for the vehicle as its record stands now. Comments
    are shown only when `include_comments` (the workshop confirms the owner agreed)."""
    issuer = _issuer(actor)
    snapshot = service_history.snapshot_build(
        vehicle=vehicle, issuer=issuer, include_comments=include_comments
    )
    return certificate_create(
        actor=actor,
        vehicle=vehicle,
        kind=service_history.KIND,
        snapshot=snapshot,
        head_sequence=snapshot["chain"]["sequence"],
        head_hash=snapshot["chain"]["head"],
        now=now,
    )


@transaction.atomic
def certificate_revoke(
    *, actor: User, certificate: Certificate, reason: str, now: datetime | None = None
) -> Certificate:
    """The issuing workshop revokes a certificate with a reason (the verify page shows both).
    CERT-0002 when it was revoked before, CERT-0003 without a reason."""
    issuer = _issuer(actor)
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(
            codes.REASON_MISSING, _("Please give the reason for the revocation."), field="reason"
        )
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.organisation_id != issuer.pk:
        raise RuleViolation(codes.NOT_FOUND, _("No certificate found."))
    if locked.is_revoked:
        raise RuleViolation(codes.ALREADY_REVOKED, _("This certificate was revoked before."))
    locked.revoked_at, locked.revoked_by, locked.revocation_reason = (
        now or clock.now(),
        actor,
        reason[:MAX_REASON],
    )
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return locked
