"""The service history certificate: what it says (a snapshot at issue) and how it is checked.

It lists, for one VIN, the entries since the cut-off (date, mileage, positions, workshop name
and city, transfer state; the latest version of each, cancelled ones marked), the odometer
readings with any inconsistency, and the head of the vehicle's chain. It names no person, and
shows no comment unless the workshop confirmed that the owner agreed.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.accounts.models import Organisation
from aftersales.servicehistory.cbs import position_label
from aftersales.servicehistory.selectors import history_cutoff, service_history
from aftersales.trust.anchors import anchor_inclusion
from aftersales.trust.models import ChainLink
from aftersales.trust.selectors import chain_head, chain_links_after
from aftersales.trust.verification import verify_vehicle
from aftersales.vehicles.mileage_notices import reading_label
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import mileage_readings_of

from .kinds import CertificateKind, CheckResult
from .models import Certificate

KIND = "service_history"
FORMAT = 1


def snapshot_build(
    *, vehicle: Vehicle, issuer: Organisation, include_comments: bool
) -> dict[str, Any]:
    """What the certificate says, in the issuing user's language, as plain JSON data."""
    head = chain_head(vehicle=vehicle)
    entries = []
    for entry in service_history(vehicle=vehicle, other_work=False):
        if entry.is_superseded:
            continue
        item: dict[str, Any] = {
            "number": entry.number,
            "date": entry.maintenance_date.isoformat(),
            "km": entry.mileage_km,
            "positions": [position_label(p) for p in entry.done_positions],
            "workshop": entry.organisation.name,
            "city": entry.organisation.city,
            "transferred": entry.is_transferred,
            "cancelled": entry.is_cancelled,
        }
        if include_comments:
            item["comment"] = entry.comment
        entries.append(item)
    readings = [r for r in mileage_readings_of(vehicle=vehicle) if not r.is_withdrawn]
    return {
        "kind": KIND,
        "format": FORMAT,
        "vin": vehicle.vin,
        "model": f"{vehicle.model_designation} {vehicle.model_code}".strip(),
        "series": vehicle.series,
        "production_date": vehicle.production_date.isoformat(),
        "issuer": {"name": issuer.name, "city": issuer.city},
        "since": history_cutoff().isoformat(),
        "comments_included": include_comments,
        "entries": entries,
        "readings": [
            {
                "date": timezone.localtime(r.read_at).date().isoformat(),
                "km": r.mileage_km,
                "source": str(r.get_source_display()),
                "flagged": r.is_flagged,
                "explanation": r.explanation if r.is_flagged else "",
            }
            for r in readings
        ],
        "inconsistencies": [
            _("%(lower)s is lower than %(earlier)s.")
            % {"lower": reading_label(r), "earlier": reading_label(r.lower_than)}
            for r in readings
            if r.is_flagged and r.lower_than is not None
        ],
        "chain": {
            "sequence": head.sequence if head else 0,
            "head": head.hash if head else "",
            "verified": not verify_vehicle(vehicle).breaks,
        },
    }


def check(certificate: Certificate) -> CheckResult:
    """Does the vehicle's chain still verify, does it still hold the head the certificate was
    issued on, what was added since, and the proof that the head (or a later one) is in the
    first published anchor after issue."""
    vehicle = certificate.vehicle
    if vehicle is None:
        return CheckResult(verifies=False, details=["the vehicle is no longer known"])
    details = [f"{b.entry}: {b.reason}" for b in verify_vehicle(vehicle).breaks]
    if certificate.head_sequence:
        link = ChainLink.objects.filter(vehicle=vehicle, sequence=certificate.head_sequence).first()
        if link is None or link.hash != certificate.head_hash:
            details.append("the chain no longer holds the head the certificate was issued on")
    later = chain_links_after(vehicle=vehicle, sequence=certificate.head_sequence)
    created = sum(kind == ChainLink.Kind.CREATED for kind in later)
    inclusion = anchor_inclusion(vehicle=vehicle, sequence=certificate.head_sequence)
    if inclusion is not None and not inclusion.verifies:
        details.append(f"the chain no longer gives the anchor published for {inclusion.day}")
    return CheckResult(
        verifies=not details,
        newer=created,
        changes=len(later) - created,
        details=details,
        anchor=inclusion.as_dict() if inclusion else None,
    )


SERVICE_HISTORY = CertificateKind(
    slug=KIND,
    title=gettext_lazy("Service history certificate"),
    template="certificates/_service_history.html",
    check=check,
)
