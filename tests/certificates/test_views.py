"""The workshop's certificate pages and the public verify page (no account)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from aftersales import clock
from aftersales.certificates.models import Certificate
from aftersales.certificates.services import certificate_issue, certificate_revoke
from tests.trust.helpers import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(owner, vehicle):  # type: ignore[no-untyped-def]
    store(owner, vehicle, comment="Owner's private remark.")
    return certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)


def test_it_issues_a_certificate_from_the_vehicles_page(owner, client_for, applications, vehicle):
    store(owner, vehicle)
    client = client_for(owner)
    page = client.get(reverse("certificates:issue", args=[vehicle.vin]))
    assert "The owner agreed that the comments" in page.content.decode()
    response = client.post(reverse("certificates:issue", args=[vehicle.vin]), {})
    certificate = Certificate.objects.get()
    assert response["Location"] == reverse("certificates:detail", args=[certificate.pk])
    detail = client.get(response["Location"]).content.decode()
    assert certificate.display_code in detail and 'src="data:image/svg+xml' in detail


def test_the_history_links_to_the_certificate(owner, client_for, applications, vehicle):
    html = client_for(owner).get(reverse("servicehistory:history", args=[vehicle.vin])).content
    assert reverse("certificates:issue", args=[vehicle.vin]).encode() in html


def test_it_prints_the_certificate_as_a_pdf_with_its_code(
    certificate, owner, client_for, applications
):
    response = client_for(owner).get(reverse("certificates:pdf", args=[certificate.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Service history certificate" in text
    assert certificate.display_code in text and certificate.snapshot["vin"] in text
    assert "130,000 km" in text and "Motorhjørnet ApS" in text
    assert "private remark" not in text and "Olga Owner" not in text


def test_it_shows_another_workshop_no_certificate_of_ours(
    certificate, outsider, client_for, applications
):
    client = client_for(outsider)
    assert client.get(reverse("certificates:detail", args=[certificate.pk])).status_code == 404
    assert client.get(reverse("certificates:pdf", args=[certificate.pk])).status_code == 404
    response = client.post(reverse("certificates:revoke", args=[certificate.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert not Certificate.objects.get().is_revoked


def test_it_revokes_with_a_reason_and_keeps_what_was_typed_on_error(
    certificate, owner, client_for, applications
):
    client = client_for(owner)
    url = reverse("certificates:revoke", args=[certificate.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 422 and "This field is required." in refused.content.decode()
    client.post(url, {"reason": "Issued for the wrong car."})
    assert Certificate.objects.get().revocation_reason == "Issued for the wrong car."


def test_anyone_verifies_a_certificate_without_an_account(certificate):
    html = (
        Client()
        .get(reverse("certificates:verify", args=[certificate.display_code]))
        .content.decode()
    )
    assert "Valid. Issued by Motorhjørnet ApS, Vejle" in html
    assert "0 newer service entries since the certificate was issued." in html
    assert "130,000 km" in html and "private remark" not in html


def test_the_verify_page_says_when_a_certificate_was_revoked(certificate, owner):
    certificate_revoke(actor=owner, certificate=certificate, reason="Wrong vehicle.")
    html = Client().get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "This certificate was revoked by Motorhjørnet ApS" in html and "Wrong vehicle." in html


def test_the_verify_page_counts_newer_entries(certificate, owner, vehicle):
    store(owner, vehicle, km="131000")
    html = Client().get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "1 newer service entry since the certificate was issued." in html
    assert "131,000" not in html


def test_it_says_so_for_an_unknown_code():
    response = Client().get(reverse("certificates:verify", args=["AAAA-BBBB-CCCC-DDDD-EEEE"]))
    assert response.status_code == 404 and "CERT-0001" in response.content.decode()


def test_the_code_form_leads_to_the_verify_page(certificate):
    response = Client().get(reverse("certificates:verify_form"), {"code": certificate.display_code})
    assert response["Location"] == reverse("certificates:verify", args=[certificate.code])


def test_it_limits_checks_per_address(certificate, settings, monkeypatch):
    settings.VERIFY_RATE_LIMIT = "2/min"
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)  # all three in one window
    client = Client()
    url = reverse("certificates:verify", args=[certificate.code])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    other = Client(REMOTE_ADDR="10.0.0.9").get(url)
    assert other.status_code == 200
