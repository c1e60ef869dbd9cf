import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from aftersales.accounts.models import Organisation, User
from aftersales.catalogue.models import Application
from aftersales.news.models import News
from tests.catalogue.registry_helpers import UNBUILT_SLUG, built_as, unbuilt_application

pytestmark = pytest.mark.django_db


def test_it_lists_the_twelve_applications(client_for, owner: User, applications) -> None:
    page = client_for(owner).get(reverse("catalogue:list")).content.decode()
    for name in [
        "Emissions test nominal values",
        "Information research",
        "State of charge",
        "Electronic Parts Catalogue - passenger car",
        "Commercial Service Data",
        "Diagnosis",
        "Emission-relevant fault codes",
        "Programming",
        "KeyReader",
        "Service history",
        "Technical campaigns",
        "Workshop equipment",
    ]:
        assert name in page


def test_it_shows_a_start_page_with_news_and_a_guide(client_for, owner: User, applications) -> None:
    application = Application.objects.get(slug="service-history")
    News.objects.create(
        title="Transfer into the vehicle", teaser="Via Diagnosis.", application=application
    )
    page = (
        client_for(owner)
        .get(reverse("catalogue:start_page", args=["service-history"]))
        .content.decode()
    )
    assert "Transfer into the vehicle" in page
    assert "Please wait until the status is green before continuing." in page
    assert reverse("catalogue:guide", args=["service-history"]) in page


def test_it_reports_the_status_of_an_unbuilt_application(
    client_for, owner: User, applications
) -> None:
    page = (
        client_for(owner)
        .get(reverse("catalogue:status", args=[unbuilt_application().slug]))
        .content.decode()
    )
    assert 'data-status="red"' in page and "disabled" in page


def test_it_starts_a_green_application(client_for, owner: User, applications) -> None:
    unbuilt_application()  # without a ticket (tickets: tests/billing)
    with built_as(UNBUILT_SLUG, "portal:overview"):
        response = client_for(owner).post(reverse("catalogue:start", args=[UNBUILT_SLUG]))
    assert response["Location"] == reverse("portal:overview")


def test_it_does_not_start_an_application_under_maintenance(
    client_for, owner: User, applications
) -> None:
    Application.objects.filter(slug="state-of-charge").update(maintenance=True)
    with built_as("state-of-charge", "portal:overview"):
        response = client_for(owner).post(reverse("catalogue:start", args=["state-of-charge"]))
    assert response["Location"] == reverse("catalogue:start_page", args=["state-of-charge"])


def test_it_does_not_start_for_a_pending_organisation(
    client_for, owner: User, applications
) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    with built_as("state-of-charge", "portal:overview"):
        response = client_for(owner).post(
            reverse("catalogue:start", args=["state-of-charge"]), follow=True
        )
    assert "has not been activated yet" in response.content.decode()


def test_it_refuses_start_by_get(client_for, owner: User, applications) -> None:
    response = client_for(owner).get(reverse("catalogue:start", args=["state-of-charge"]))
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_it_answers_404_for_an_unknown_application(client_for, owner: User, applications) -> None:
    response = client_for(owner).get(reverse("catalogue:start_page", args=["nope"]))
    assert response.status_code == 404 and "Not Found" in response.content.decode()


def test_it_renders_the_users_guide_as_pdf(client_for, owner: User, applications) -> None:
    response = client_for(owner).get(reverse("catalogue:guide", args=["service-history"]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "User's Guide Service history" in text


def test_it_lists_no_application_for_a_pending_organisation(
    client_for, owner: User, applications
) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    page = client_for(owner).get(reverse("catalogue:list")).content.decode()
    assert "Electronic Parts Catalogue - passenger car" not in page
    assert "as soon as your organisation has been activated" in page


def test_it_shows_the_start_page_in_german(client_for, owner: User, applications) -> None:
    owner.language = "de"
    owner.save(update_fields=["language"])
    page = (
        client_for(owner)
        .get(reverse("catalogue:start_page", args=["service-history"]))
        .content.decode()
    )
    assert "Identifizieren Sie ein Fahrzeug über seine Fahrgestellnummer" in page
    assert "Bitte warten Sie, bis der Status grün ist, bevor Sie fortfahren." in page


def test_it_renders_the_users_guide_in_german(client_for, owner: User, applications) -> None:
    owner.language = "de"
    owner.save(update_fields=["language"])
    response = client_for(owner).get(reverse("catalogue:guide", args=["service-history"]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Benutzerhandbuch Service history" in text and "Auftragsbasis" in text
