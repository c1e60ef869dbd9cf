"""The operator's back office: record an authorisation with its evidence, withdraw it, and
filter and export the access log."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.accounts.models import User
from aftersales.sermi import services
from aftersales.sermi.models import SecurityAccess, SecurityAuthorisation

from .conftest import PDF, authorise

pytestmark = pytest.mark.django_db

ADD = reverse("admin:sermi_securityauthorisation_add")
EXPORT = reverse("admin:sermi_securityaccess_export")


def _add(client, owner: User, **fields: object):  # type: ignore[no-untyped-def]
    data = {
        "user": owner.pk,
        "approval_number": "SERMI-DK-0042",
        "issuing_body": "Nordic Conformity CAB",
        "valid_from": "2025-01-01",
        "valid_until": "2030-12-31",
        "evidence": SimpleUploadedFile("approval.pdf", PDF, content_type="application/pdf"),
    }
    data.update(fields)
    return client.post(ADD, data)


def test_it_records_an_authorisation_with_its_evidence(
    client_for, operator: User, owner: User
) -> None:  # type: ignore[no-untyped-def]
    response = _add(client_for(operator), owner)
    assert response.status_code == 302
    authorisation = SecurityAuthorisation.objects.get()
    assert authorisation.recorded_by == operator
    assert authorisation.evidence.read() == PDF


def test_it_refuses_evidence_that_is_no_pdf_or_image(
    client_for, operator: User, owner: User
) -> None:  # type: ignore[no-untyped-def]
    fake = SimpleUploadedFile("approval.pdf", b"<script>", content_type="application/pdf")
    response = _add(client_for(operator), owner, evidence=fake)
    assert response.status_code == 200
    assert "Please upload a PDF, JPEG or PNG file." in response.content.decode()
    assert not SecurityAuthorisation.objects.exists()


def test_it_refuses_an_end_before_the_start(client_for, operator: User, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = _add(client_for(operator), owner, valid_until="2024-12-31")
    assert response.status_code == 200
    assert not SecurityAuthorisation.objects.exists()


def test_it_opens_the_evidence_as_a_download(client_for, operator: User, owner: User) -> None:  # type: ignore[no-untyped-def]
    authorisation = authorise(owner)
    url = reverse("admin:sermi_securityauthorisation_evidence", args=[authorisation.pk])
    response = client_for(operator).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_it_withdraws_an_authorisation_with_a_reason(
    client_for, operator: User, owner: User
) -> None:  # type: ignore[no-untyped-def]
    authorisation = authorise(owner)
    url = reverse("admin:sermi_securityauthorisation_withdraw", args=[authorisation.pk])
    client = client_for(operator)
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Approval revoked by the CAB"}).status_code == 302
    authorisation.refresh_from_db()
    assert authorisation.withdrawn_by == operator
    assert authorisation.withdrawal_reason == "Approval revoked by the CAB"


def test_it_exports_the_filtered_access_log_as_csv(client_for, operator: User, owner: User) -> None:  # type: ignore[no-untyped-def]
    authorise(owner)
    services.security_access_log(
        user=owner, what="SI B 61 35 100 Immobiliser", vin="WBAUV71070A193748"
    )
    services.security_access_log(user=owner, what="=HYPERLINK(1)", vin="WBAPK31000A412307")
    response = client_for(operator).get(EXPORT, {"q": "WBAUV71070A193748"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "when,user,organisation,application,what,vin"
    assert len(lines) == 2 and "WBAUV71070A193748" in lines[1] and owner.email in lines[1]
    everything = b"".join(client_for(operator).get(EXPORT).streaming_content).decode()
    assert "'=HYPERLINK(1)" in everything


def test_it_filters_the_access_log_by_date(client_for, operator: User, owner: User) -> None:  # type: ignore[no-untyped-def]
    services.security_access_log(
        user=owner, what="old", at=datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)
    )
    services.security_access_log(user=owner, what="new")
    page = client_for(operator).get(
        reverse("admin:sermi_securityaccess_changelist"), {"at__year": "2025"}
    )
    assert page.status_code == 200
    assert SecurityAccess.objects.count() == 2
    assert ">old<" in page.content.decode() and ">new<" not in page.content.decode()


def test_it_keeps_the_log_and_evidence_from_workshop_users(
    client_for, outsider: User, owner: User
) -> None:  # type: ignore[no-untyped-def]
    authorisation = authorise(owner)
    client = client_for(outsider)
    url = reverse("admin:sermi_securityauthorisation_evidence", args=[authorisation.pk])
    assert client.get(url).status_code == 302  # to the back office's log-on
    assert client.get(EXPORT).status_code == 302
