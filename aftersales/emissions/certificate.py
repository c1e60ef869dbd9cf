"""The emissions test certificate on the portal's one verification mechanism
(aftersales/certificates): what it says (a snapshot of the passed test) and how it is checked.

A passed test gets its certificate when it is recorded (services.emissions_test_record): the
PDF carries its verification code and QR code, and anyone opens `/verify/<code>/` without an
account. It names no person (the tester stays on the workshop's own printout), only the
testing workshop. It stays valid until the workshop revokes it or a newer passed test of the
vehicle supersedes it; the verify page also says when the next test was due.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from aftersales.certificates.kinds import CertificateKind, CheckResult
from aftersales.certificates.models import Certificate
from aftersales.certificates.qr import qr_data_uri, verify_url
from aftersales.certificates.selectors import supersession_check

from .models import EmissionsTest
from .presenters import obd_failure_texts, test_rows
from .selectors import APPLICATION_SLUG

KIND = "emissions_test"
FORMAT = 1


def snapshot_build(*, test: EmissionsTest) -> dict[str, Any]:
    """What the certificate says, in the issuing user's language, as plain JSON data."""
    vehicle, issuer = test.vehicle, test.organisation
    obd: dict[str, Any] | None = None
    if test.obd_source != EmissionsTest.ObdSource.NONE:
        obd = {
            "ready": test.obd_ready,
            "mil_on": test.mil_on,
            "source": str(test.get_obd_source_display()),
            "failures": obd_failure_texts(test),
        }
    return {
        "kind": KIND,
        "format": FORMAT,
        "number": test.number,
        "vin": vehicle.vin,
        "model": f"{vehicle.model_designation} {vehicle.model_code}".strip(),
        "series": vehicle.series,
        "engine_type": vehicle.engine_type,
        "issuer": {"name": issuer.name, "city": issuer.city},
        "tested_at": timezone.localtime(test.tested_at).isoformat(timespec="minutes"),
        "km": test.mileage_km,
        "fuel": str(test.get_fuel_display()),
        "passed": test.passed,
        "next_due": test.next_due.isoformat() if test.next_due else "",
        "checks": [
            {
                "quantity": row.label,
                "measured": row.measured,
                "nominal": row.nominal,
                "unit": row.unit,
                "source": row.source_text,
                "ok": row.ok,
            }
            for row in test_rows(test)
        ],
        "obd": obd,
    }


def certificate_of(test: EmissionsTest) -> Certificate | None:
    """The certificate issued with a passed test (cert_org_idx: the workshop's certificates of
    the vehicle, then the test's number in the snapshot)."""
    if not test.passed:
        return None
    return Certificate.objects.filter(
        kind=KIND,
        organisation_id=test.organisation_id,
        vehicle_id=test.vehicle_id,
        snapshot__number=test.number,
    ).first()


def verification_context(test: EmissionsTest) -> dict[str, Any]:
    """The verification code, QR code and address of a test's certificate for its printout
    and page; empty for a failed test (and a passed one recorded before certificates)."""
    found = certificate_of(test)
    if found is None:
        return {}
    return {"certificate": found, "qr": qr_data_uri(found), "verify_url": verify_url(found)}


def check(certificate: Certificate) -> CheckResult:
    """Valid until a newer passed test of the vehicle (by any workshop) supersedes it; `newer`
    counts the tests recorded since (passed or not)."""
    return supersession_check(certificate, records=EmissionsTest.objects.all())


EMISSIONS_TEST = CertificateKind(
    slug=KIND,
    title=gettext_lazy("Emissions test certificate"),
    template="emissions/_certificate.html",
    check=check,
    application=APPLICATION_SLUG,
    status_template="emissions/_certificate_status.html",
    vehicle_url_name="emissions:vehicle",
)
