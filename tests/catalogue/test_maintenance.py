"""Maintenance of an application: its pages are closed, the Overview and the catalogue say so."""

from __future__ import annotations

import pytest
from django.test import Client

from aftersales.catalogue.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def maintenance(applications) -> None:  # type: ignore[no-untyped-def]
    Application.objects.filter(slug="service-history").update(
        maintenance=True, maintenance_message="Back at 14:00."
    )


def test_it_closes_the_application_pages(client_for, owner, maintenance) -> None:
    response = client_for(owner).get("/service-history/")
    assert response.status_code == 503
    assert "Back at 14:00." in response.content.decode()
    assert response["Retry-After"]


def test_it_shows_the_maintenance_on_the_overview(client_for, owner, maintenance) -> None:
    page = client_for(owner).get("/overview/").content.decode()
    assert "Under maintenance: Back at 14:00." in page


def test_it_shows_the_maintenance_in_the_catalogue(client_for, owner, maintenance) -> None:
    page = client_for(owner).get("/applications/").content.decode()
    assert "Under maintenance: Back at 14:00." in page


def test_it_closes_the_pages_for_an_outsider_too(client_for, outsider, maintenance) -> None:
    assert client_for(outsider).get("/service-history/").status_code == 503


def test_it_opens_the_pages_after_the_maintenance(client_for, owner, maintenance) -> None:
    Application.objects.filter(slug="service-history").update(maintenance=False)
    assert client_for(owner).get("/service-history/").status_code == 200


def test_it_refuses_the_start_with_the_maintenance_message(owner, maintenance) -> None:
    client = Client()
    client.force_login(owner)
    response = client.post("/applications/service-history/start/", follow=True)
    assert "Back at 14:00." in response.content.decode()
