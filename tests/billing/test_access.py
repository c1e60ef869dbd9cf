"""The ticket rule of application_access, evaluated at request time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.billing import services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.access import application_access
from aftersales.catalogue.models import Application

pytestmark = pytest.mark.django_db


def _grant(user: User, product: TicketProduct, **kwargs: object) -> None:
    services.ticket_grant_free(
        operator=None,
        organisation=user.organisation,
        product=product,  # type: ignore[arg-type]
        reason="test",
        **kwargs,
    )


def test_it_stops_a_user_without_a_ticket(owner: User, diagnosis: Application) -> None:
    decision = application_access(user=owner, application=diagnosis)
    assert not decision.allowed and decision.code == "ACCESS-0004"
    assert "ticket" in decision.reason
    assert decision.book_url == "/credit/tickets/?application=diagnosis"


def test_it_lets_a_user_with_an_active_ticket_start(
    teammate: User, diagnosis: Application, products: dict[str, TicketProduct]
) -> None:
    _grant(teammate, products["day"])
    decision = application_access(user=teammate, application=diagnosis)
    assert decision.allowed and decision.valid_until is not None


def test_it_opens_information_research_with_a_diagnosis_ticket(
    owner: User, products: dict[str, TicketProduct]
) -> None:
    _grant(owner, products["day"])
    research = Application.objects.get(slug="information-research")
    assert application_access(user=owner, application=research).allowed


def test_it_does_not_open_other_applications(
    owner: User, products: dict[str, TicketProduct]
) -> None:
    _grant(owner, products["day"])
    programming = Application.objects.get(slug="programming")
    assert application_access(user=owner, application=programming).code == "ACCESS-0004"


def test_it_ends_access_when_the_ticket_expires(
    owner: User, diagnosis: Application, products: dict[str, TicketProduct]
) -> None:
    start = clock.now()
    _grant(owner, products["hour"], starts_at=start, now=start)
    assert application_access(
        user=owner, application=diagnosis, at=start + timedelta(minutes=59)
    ).allowed
    later = application_access(user=owner, application=diagnosis, at=start + timedelta(hours=1))
    assert not later.allowed and later.code == "ACCESS-0005" and later.book_url


def test_it_does_not_count_an_upcoming_ticket(
    owner: User, diagnosis: Application, products: dict[str, TicketProduct]
) -> None:
    _grant(owner, products["day"], starts_at=clock.now() + timedelta(days=1))
    assert application_access(user=owner, application=diagnosis).code == "ACCESS-0004"


def test_it_does_not_count_another_organisations_ticket(
    owner: User, outsider: User, diagnosis: Application, products: dict[str, TicketProduct]
) -> None:
    _grant(outsider, products["year"])
    assert not application_access(user=owner, application=diagnosis).allowed


def test_it_needs_no_ticket_for_service_history(owner: User, applications: None) -> None:
    service_history = Application.objects.get(slug="service-history")
    decision = application_access(user=owner, application=service_history)
    assert decision.allowed and decision.valid_until is None


def test_it_checks_the_organisation_before_the_ticket(owner: User, diagnosis: Application) -> None:
    owner.organisation.status = "pending"  # type: ignore[union-attr]
    assert application_access(user=owner, application=diagnosis).code == "ACCESS-0003"
