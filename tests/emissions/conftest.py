"""Emissions test fixtures: the walkthrough's vehicle (E91 / N54) with its CBS catalogue, the
demo's nominal values, legal limits and intervals, a diesel (G01 / B47), and a ticket for the
application for the owner's and the outsider's organisations (it is not free)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.billing import services as billing_services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.models import Application
from aftersales.emissions import demo
from aftersales.emissions.models import EmissionsTest
from aftersales.emissions.services import RecordInput, emissions_test_record
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import VehicleFactory, make_catalogue

SLUG = "emissions-test-nominal-values"
VIN = "WBAUV71070A193748"
DIESEL_VIN = "5UXTY51050L531287"
PASSING = {"idle_rpm": "720", "raised_idle_rpm": "2650", "co": "0,05", "lambda": "1,004"}


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def grant(organisation: Organisation) -> None:
    product, _ = TicketProduct.objects.get_or_create(
        name="Emissions values, 1 day", defaults={"validity_unit": "day", "validity_count": 1}
    )
    product.applications.set(Application.objects.filter(slug=SLUG))
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="emissions tests"
    )


@pytest.fixture
def values(db) -> None:  # type: ignore[no-untyped-def]
    demo.load()


@pytest.fixture
def positions(db):  # type: ignore[no-untyped-def]
    positions = make_catalogue()
    make_catalogue("G01")
    return positions


@pytest.fixture
def vehicle(positions, values) -> Vehicle:  # type: ignore[no-untyped-def]
    return VehicleFactory()


@pytest.fixture
def diesel(positions, values) -> Vehicle:  # type: ignore[no-untyped-def]
    return VehicleFactory(
        vin=DIESEL_VIN,
        model_designation="X3 xDrive20d",
        lead_model="TY51",
        model_code="TY51",
        series="G01",
        engine_type="B47",
        production_date=datetime.date(2019, 8, 26),
        first_registration_date=datetime.date(2019, 10, 15),
    )


@pytest.fixture
def access(owner: User, outsider: User, applications) -> None:  # type: ignore[no-untyped-def]
    grant(owner.organisation)  # type: ignore[arg-type]
    grant(outsider.organisation)  # type: ignore[arg-type]


def test_input(**overrides: Any) -> RecordInput:
    data: dict[str, Any] = {
        "tested_at": (clock.now() - datetime.timedelta(minutes=10)).isoformat(),
        "mileage": "131050",
        "tester": "Mads Mekaniker",
        "instrument_id": "AVL 4000 #A-1187",
        "measured": dict(PASSING),
        "obd_ready": True,
        "mil_on": False,
    }
    data.update(overrides)
    return RecordInput(**data)


@pytest.fixture
def record() -> Callable[..., EmissionsTest]:
    def make(actor: User, vehicle: Vehicle, **overrides: Any) -> EmissionsTest:
        return emissions_test_record(
            actor=actor, vehicle=vehicle, data=test_input(**overrides), source="form"
        )

    return make
