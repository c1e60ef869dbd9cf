"""Certificates in the API: issue with a token, verify in public."""

from __future__ import annotations

import pytest

from aftersales import clock
from aftersales.certificates.models import Certificate
from tests.api.conftest import VIN, api_for, catalogue, vehicle  # noqa: F401
from tests.trust.helpers import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(owner, vehicle):  # type: ignore[no-untyped-def]  # noqa: F811
    return store(owner, vehicle)


def test_it_issues_a_certificate(api_for, owner, stored):  # noqa: F811
    response = api_for(owner).post("/api/v1/certificates", {"vin": VIN})
    assert response.status_code == 201, response.content
    body = response.json()
    certificate = Certificate.objects.get()
    assert body["code"] == certificate.display_code
    assert body["verify_url"].endswith(f"/verify/{certificate.display_code}/")
    assert body["certificate"]["entries"][0]["number"] == stored.number


def test_anyone_verifies_a_certificate_without_a_token(api_for, owner, stored):  # noqa: F811
    code = api_for(owner).post("/api/v1/certificates", {"vin": VIN}).json()["code"]
    body = api_for(None).get(f"/api/v1/verify/{code}").json()
    assert body["valid"] and body["record_verifies"] and not body["revoked"]
    assert body["newer_entries"] == 0 and body["issued_by"]["name"] == "Motorhjørnet ApS"
    assert body["certificate"]["vin"] == VIN


def test_it_reports_a_revocation_in_the_public_result(api_for, owner, stored):  # noqa: F811
    client = api_for(owner)
    code = client.post("/api/v1/certificates", {"vin": VIN}).json()["code"]
    assert (
        client.post(f"/api/v1/certificates/{code}/revoke", {"reason": "Typo."}).status_code == 200
    )
    body = api_for(None).get(f"/api/v1/verify/{code}").json()
    assert body["revoked"] and not body["valid"] and body["revocation_reason"] == "Typo."


def test_it_answers_an_unknown_code_with_a_problem(api_for, catalogue):  # noqa: F811
    response = api_for(None).get("/api/v1/verify/AAAA-BBBB-CCCC-DDDD-EEEE")
    assert response.status_code == 404 and response.json()["code"] == "CERT-0001"


def test_it_limits_public_checks_per_address(api_for, owner, stored, settings, monkeypatch):  # noqa: F811
    settings.VERIFY_RATE_LIMIT = "1/min"
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)  # both in one window
    code = api_for(owner).post("/api/v1/certificates", {"vin": VIN}).json()["code"]
    public = api_for(None)
    assert public.get(f"/api/v1/verify/{code}").status_code == 200
    limited = public.get(f"/api/v1/verify/{code}")
    assert limited.status_code == 429 and limited.json()["code"] == "CERT-0429"
    assert limited.json()["retry_after"] >= 1


def test_it_keeps_another_workshops_certificate_from_an_outsider(api_for, owner, outsider, stored):  # noqa: F811
    code = api_for(owner).post("/api/v1/certificates", {"vin": VIN}).json()["code"]
    response = api_for(outsider).post(
        f"/api/v1/certificates/{code}/revoke", {"reason": "Mine now."}
    )
    assert response.status_code == 404
    assert not Certificate.objects.get().is_revoked


def test_it_needs_a_write_token_to_issue(api_for, owner, stored):  # noqa: F811
    response = api_for(owner, scope="read").post("/api/v1/certificates", {"vin": VIN})
    assert response.status_code == 403 and response.json()["code"] == "API-0403"
