"""application_required: the one gate of every page of a built application."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from aftersales.accounts.models import Organisation
from aftersales.catalogue.decorators import application_required
from aftersales.portal.http import AuthenticatedHttpRequest

pytestmark = pytest.mark.django_db


@application_required("diagnosis")
def diagnosis_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return HttpResponse("inside")


@application_required("service-history")
def service_history_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return HttpResponse("inside")


def call(view, user):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/x/")
    request.user = user
    return view(request)


def test_it_lets_a_verified_workshop_in(owner, applications) -> None:
    response = call(service_history_page, owner)
    assert response.status_code == 200 and response.content == b"inside"


def test_it_refuses_an_application_that_needs_a_ticket_and_offers_one(owner, applications) -> None:
    response = call(diagnosis_page, owner)
    page = response.content.decode()
    assert response.status_code == 403 and "needs a ticket" in page and "Book a ticket" in page


def test_it_refuses_an_outsider_of_an_unverified_organisation(outsider, applications) -> None:
    Organisation.objects.filter(pk=outsider.organisation_id).update(status="pending")
    outsider.refresh_from_db()
    response = call(service_history_page, outsider)
    assert response.status_code == 403 and "has not been activated yet" in response.content.decode()


def test_it_sends_an_anonymous_visitor_to_the_login(applications) -> None:
    from django.contrib.auth.models import AnonymousUser

    response = call(service_history_page, AnonymousUser())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_answers_404_when_the_application_is_not_in_the_catalogue(owner, db) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        call(service_history_page, owner)
