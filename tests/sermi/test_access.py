"""Security-related content and applications: only authorised persons with a second factor,
every access logged (who, what, when, VIN); expired or withdrawn means no access at once."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.catalogue.access import application_access, security_access
from aftersales.catalogue.models import Application
from aftersales.mfa.rules import second_factor_required
from aftersales.sermi import services
from aftersales.sermi.models import SecurityAccess

from .conftest import authorise

pytestmark = pytest.mark.django_db

VIN = "WBAUV71070A193748"


def _page(document_id: int) -> str:
    return reverse("documents:document", args=[document_id])


def test_it_refuses_a_security_related_document_without_an_authorisation(
    client_for, owner: User, access, immobiliser
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(_page(immobiliser.pk))
    assert response.status_code == 403
    assert "ACCESS-0007" in response.content.decode()
    assert not SecurityAccess.objects.exists()


def test_it_opens_it_for_an_authorised_person_with_a_second_factor_and_logs_it(
    client_for, owner: User, access, immobiliser, authorised
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(_page(immobiliser.pk), {"vin": VIN})
    assert response.status_code == 200
    assert "every opening is logged with the VIN" in response.content.decode()
    logged = SecurityAccess.objects.get()
    assert (logged.user, logged.organisation, logged.vin) == (owner, owner.organisation, VIN)
    assert logged.what == "SI B 61 35 100 Immobiliser: program a new key"
    assert logged.authorisation == authorised
    assert logged.application == "information-research"


def test_it_logs_every_file_fetch_too(
    client_for, owner: User, access, immobiliser, authorised
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    assert client.get(reverse("documents:file", args=[immobiliser.pk])).status_code == 200
    assert SecurityAccess.objects.count() == 1


def test_it_leaves_ordinary_documents_open_and_unlogged(client_for, owner: User, access) -> None:  # type: ignore[no-untyped-def]
    from .conftest import make_document

    document = make_document()
    assert client_for(owner).get(_page(document.pk)).status_code == 200
    assert not SecurityAccess.objects.exists()


def test_it_refuses_at_once_when_the_authorisation_is_withdrawn(
    client_for, owner: User, access, immobiliser, authorised
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    assert client.get(_page(immobiliser.pk)).status_code == 200
    services.authorisation_withdraw(operator=None, authorisation=authorised, reason="Lapsed")
    response = client.get(_page(immobiliser.pk))
    assert response.status_code == 403 and "ACCESS-0007" in response.content.decode()


def test_it_refuses_once_the_authorisation_has_expired(owner: User, access) -> None:  # type: ignore[no-untyped-def]
    authorise(owner, valid_until=clock.today() - datetime.timedelta(days=1))
    owner.is_verified = lambda: True  # type: ignore[attr-defined]
    decision = security_access(user=owner, what="x")
    assert not decision.allowed and decision.code == "ACCESS-0007"


def test_it_refuses_an_authorised_person_without_a_second_factor(
    owner: User, access, authorised
) -> None:  # type: ignore[no-untyped-def]
    owner.is_verified = lambda: False  # type: ignore[attr-defined]
    decision = security_access(user=owner, what="x")
    assert not decision.allowed and decision.code == "ACCESS-0008"


def test_it_refuses_an_api_token_for_a_security_related_document(
    owner: User, access, immobiliser, authorised
) -> None:  # type: ignore[no-untyped-def]
    from aftersales.api.services import token_create

    _token, raw = token_create(actor=owner, name="DMS", scope="read")
    response = Client().get(
        f"/api/v1/documents/{immobiliser.pk}/file", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "ACCESS-0008"


def test_it_hides_the_document_from_another_organisation(
    client_for, outsider: User, access, immobiliser
) -> None:  # type: ignore[no-untyped-def]
    # The outsider's organisation has no ticket for the application: refused before the mark.
    response = client_for(outsider).get(_page(immobiliser.pk))
    assert response.status_code == 403
    assert not SecurityAccess.objects.exists()


def test_it_marks_an_application_security_related_in_the_one_access_function(
    owner: User, applications, authorised
) -> None:  # type: ignore[no-untyped-def]
    application = Application.objects.get(slug="service-history")
    application.security_related = True
    application.save()
    owner.is_verified = lambda: False  # type: ignore[attr-defined]
    assert application_access(user=owner, application=application).code == "ACCESS-0008"
    owner.is_verified = lambda: True  # type: ignore[attr-defined]
    assert application_access(user=owner, application=application).allowed


def test_it_logs_a_security_related_application_with_the_vin_of_the_page(
    client_for, owner: User, applications, authorised
) -> None:  # type: ignore[no-untyped-def]
    from tests.servicehistory.factories import VehicleFactory

    VehicleFactory()
    Application.objects.filter(slug="service-history").update(security_related=True)
    response = client_for(owner).get(reverse("servicehistory:history", args=[VIN]))
    assert response.status_code == 200
    logged = SecurityAccess.objects.get()
    assert logged.vin == VIN and logged.application == "service-history"


def test_it_requires_a_second_factor_of_an_authorisation_holder(owner: User) -> None:
    assert not second_factor_required(owner)
    authorise(owner)
    assert second_factor_required(owner)
