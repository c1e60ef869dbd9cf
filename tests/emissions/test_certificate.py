"""The emissions test certificate on the portal's one verification mechanism: a passed test's
printout carries a verification code anyone checks at /verify/<code>/ without an account
(no person named), revoked by the workshop or superseded by a newer passed test."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from aftersales.certificates.models import Certificate
from aftersales.certificates.services import certificate_revoke
from aftersales.emissions.certificate import KIND, certificate_of
from tests.api.conftest import ApiClient, make_token

pytestmark = pytest.mark.django_db

FAILING = {"idle_rpm": "720", "raised_idle_rpm": "2650", "co": "0.05", "lambda": "1.05"}


def verify_page(certificate: Certificate) -> str:
    return Client().get(reverse("certificates:verify", args=[certificate.code])).content.decode()


def test_a_passed_test_gets_a_certificate_anyone_verifies(owner, access, vehicle, record) -> None:  # type: ignore[no-untyped-def]
    test = record(owner, vehicle)
    html = verify_page(certificate_of(test))
    assert "Emissions test certificate" in html and test.number in html
    assert "Valid. The test was passed at Motorhjørnet ApS" in html


def test_the_verify_page_names_no_person(owner, access, vehicle, record) -> None:  # type: ignore[no-untyped-def]
    test = record(owner, vehicle)
    html = verify_page(certificate_of(test))
    assert "Mads Mekaniker" not in html and owner.email not in html


def test_a_failed_test_gets_no_certificate(owner, access, vehicle, record) -> None:  # type: ignore[no-untyped-def]
    record(owner, vehicle, measured=FAILING)
    assert not Certificate.objects.filter(kind=KIND).exists()


def test_the_printout_carries_the_verification_code(
    client_for, owner, access, vehicle, record
) -> None:  # type: ignore[no-untyped-def]
    test = record(owner, vehicle)
    response = client_for(owner).get(reverse("emissions:certificate", args=[test.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert certificate_of(test).display_code in text and "/verify/" in text


def test_the_verify_page_says_when_the_workshop_revoked_it(owner, access, vehicle, record) -> None:  # type: ignore[no-untyped-def]
    certificate = certificate_of(record(owner, vehicle))
    certificate_revoke(actor=owner, certificate=certificate, reason="Wrong instrument.")
    html = verify_page(certificate)
    assert "This certificate was revoked by Motorhjørnet ApS" in html
    assert "Wrong instrument." in html


def test_a_newer_passed_test_supersedes_it(owner, outsider, access, vehicle, record) -> None:  # type: ignore[no-untyped-def]
    first = certificate_of(record(owner, vehicle))
    newer = record(outsider, vehicle)
    body = ApiClient(None).get(f"/api/v1/verify/{first.code}").json()
    assert body["valid"] is False
    assert body["superseded_by"] == certificate_of(newer).display_code


def test_another_workshop_cannot_open_or_revoke_it(
    client_for, owner, outsider, access, vehicle, record
) -> None:  # type: ignore[no-untyped-def]
    certificate = certificate_of(record(owner, vehicle))
    client = client_for(outsider)
    assert client.get(reverse("certificates:detail", args=[certificate.pk])).status_code == 404
    client.post(reverse("certificates:revoke", args=[certificate.pk]), {"reason": "x"})
    assert not Certificate.objects.get(pk=certificate.pk).is_revoked


def test_the_api_gives_a_passed_tests_verification_code(owner, access, vehicle, record) -> None:  # type: ignore[no-untyped-def]
    test = record(owner, vehicle)
    body = ApiClient(make_token(owner, "read")).get(f"/api/v1/emission-tests/{test.pk}").json()
    assert body["verification_code"] == certificate_of(test).display_code
    assert body["verify_url"].endswith(f"/verify/{body['verification_code']}/")
