"""The access check kept in the shared cache: every change that ends access ends it at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.billing import services
from aftersales.billing.models import Ticket, TicketProduct
from aftersales.catalogue.models import Application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]

LAUNCH = "/diagnosis/"


@pytest.fixture
def with_ticket(
    owner: User,
    diagnosis: Application,
    products: dict[str, TicketProduct],
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> Ticket:
    with django_capture_on_commit_callbacks(execute=True):
        return services.ticket_grant_free(
            operator=None, organisation=owner.organisation, product=products["day"], reason="test"
        )


@pytest.fixture
def inside(client_for: Callable[[User], Client], owner: User, with_ticket: Ticket) -> Client:
    """A client of the owner that has opened Diagnosis once (so its access is cached)."""
    client = client_for(owner)
    assert client.get(LAUNCH).status_code == 200
    return client


def test_it_launches_from_the_mounted_url() -> None:
    assert reverse("diagnosis:launch") == LAUNCH


def test_it_reads_no_ticket_while_nothing_changes(inside: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert inside.get(LAUNCH).status_code == 200
    assert not [q for q in queries.captured_queries if "billing_ticket" in q["sql"]]


def test_it_refuses_at_once_when_the_ticket_is_refunded(
    inside: Client, with_ticket: Ticket, operator: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_refund(operator=operator, ticket=with_ticket, reason="Booked by mistake")
    response = inside.get(LAUNCH)
    assert response.status_code == 403 and "needs a ticket" in response.content.decode()


def test_it_refuses_at_once_when_the_ticket_ends(
    inside: Client, with_ticket: Ticket, monkeypatch: pytest.MonkeyPatch
) -> None:
    ends = with_ticket.ends_at
    monkeypatch.setattr(clock, "now", lambda: ends + timedelta(seconds=1))
    response = inside.get(LAUNCH)
    assert response.status_code == 403 and "has expired" in response.content.decode()


def test_it_refuses_at_once_when_the_product_no_longer_covers_the_application(
    inside: Client, products: dict[str, TicketProduct], django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        products["day"].applications.remove(Application.objects.get(slug="diagnosis"))
    assert inside.get(LAUNCH).status_code == 403


def test_it_refuses_at_once_when_the_organisation_is_suspended(inside: Client, owner: User) -> None:
    # Not even a signal: the user and the organisation are read with every request.
    Organisation.objects.filter(pk=owner.organisation_id).update(status="rejected")
    response = inside.get(LAUNCH)
    assert response.status_code == 403 and "ACCESS-0003" in response.content.decode()


def test_it_refuses_at_once_when_the_user_is_deactivated(inside: Client, owner: User) -> None:
    User.objects.filter(pk=owner.pk).update(is_active=False)
    assert inside.get(LAUNCH).status_code == 302  # logged out: to the log-on page


def test_it_refuses_at_once_when_the_application_goes_into_maintenance(
    inside: Client, diagnosis: Application, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        diagnosis.maintenance = True
        diagnosis.save()
    assert inside.get(LAUNCH).status_code == 503


def test_it_lets_in_at_once_when_a_ticket_is_booked(
    client_for: Callable[[User], Client],
    teammate: User,
    diagnosis: Application,
    products: dict[str, TicketProduct],
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(teammate)
    assert client.get(LAUNCH).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_grant_free(
            operator=None, organisation=teammate.organisation, product=products["hour"], reason="t"
        )
    assert client.get(LAUNCH).status_code == 200


def test_it_keeps_another_organisations_access_apart(
    inside: Client, client_for: Callable[[User], Client], outsider: User
) -> None:
    Organisation.objects.filter(pk=outsider.organisation_id).update(status="verified")
    response = client_for(outsider).get(LAUNCH)
    assert response.status_code == 403 and "needs a ticket" in response.content.decode()
