"""Commercial Service Data fixtures: the walkthrough's vehicle with its CBS catalogue, the demo
labour catalogue, and a ticket for the application for the owner's and the outsider's
organisations (the operator's demo setting: the application needs one)."""

from __future__ import annotations

import pytest
from django.utils import translation

from aftersales.accounts.models import Organisation, User
from aftersales.billing import services as billing_services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.models import Application
from aftersales.servicedata import demo
from aftersales.servicehistory import demo as servicehistory_demo
from aftersales.vehicles.models import CbsPosition, Vehicle
from tests.servicehistory.factories import VehicleFactory, make_catalogue

VIN = "WBAUV71070A193748"


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def catalogue(applications) -> dict[str, CbsPosition]:  # type: ignore[no-untyped-def]
    positions = make_catalogue()
    servicehistory_demo.load_operations()
    return positions


@pytest.fixture
def vehicle(catalogue) -> Vehicle:  # type: ignore[no-untyped-def]
    """The walkthrough's E91 335i (N54), built 22-09-2008."""
    return VehicleFactory()


@pytest.fixture
def labour(db) -> None:  # type: ignore[no-untyped-def]
    demo.load()


def grant(organisation: Organisation) -> None:
    product, _ = TicketProduct.objects.get_or_create(
        name="Service information, 1 month", validity_unit="month", validity_count=1
    )
    product.applications.add(*Application.objects.filter(slug="commercial-service-data"))
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="tests"
    )


@pytest.fixture
def tickets(owner: User, outsider: User, applications) -> None:  # type: ignore[no-untyped-def]
    grant(owner.organisation)  # type: ignore[arg-type]
    grant(outsider.organisation)  # type: ignore[arg-type]
