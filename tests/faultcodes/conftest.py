"""Fault-code fixtures: the generic pack, the walkthrough's vehicle, a ticket for the
application (it is not free), reports made through the service."""

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
from aftersales.faultcodes import pack_import
from aftersales.faultcodes.models import FaultReport
from aftersales.faultcodes.services import ReportInput, fault_report_create
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import VehicleFactory, make_catalogue

SLUG = "emission-relevant-fault-codes"
VIN = "WBAUV71070A193748"
READINESS = {"misfire": "complete", "catalyst": "incomplete", "egr_vvt": "not_supported"}


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def grant_fault_codes(organisation: Organisation) -> None:
    product, _ = TicketProduct.objects.get_or_create(
        name="Fault codes, 1 day", defaults={"validity_unit": "day", "validity_count": 1}
    )
    product.applications.set(Application.objects.filter(slug=SLUG))
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="fault-code tests"
    )


@pytest.fixture
def pack(db) -> None:  # type: ignore[no-untyped-def]
    pack_import.generic_pack_load()


@pytest.fixture
def vehicle(db) -> Vehicle:  # type: ignore[no-untyped-def]
    make_catalogue()
    return VehicleFactory()


@pytest.fixture
def access(owner: User, applications) -> None:  # type: ignore[no-untyped-def]
    grant_fault_codes(owner.organisation)  # type: ignore[arg-type]


@pytest.fixture
def outsider_access(outsider: User, applications) -> None:  # type: ignore[no-untyped-def]
    grant_fault_codes(outsider.organisation)  # type: ignore[arg-type]


def report_input(**overrides: Any) -> ReportInput:
    values: dict[str, Any] = {
        "read_at": clock.now() - datetime.timedelta(hours=1),
        "mileage": "131050",
        "mil_on": True,
        "codes": [("P0420", "confirmed"), ("P0562", "pending")],
        "readiness": dict(READINESS),
        "tool_id": "ISTA 4.39.20",
    }
    values.update(overrides)
    return ReportInput(**values)


@pytest.fixture
def make_report() -> Callable[..., FaultReport]:
    def make(actor: User, vehicle: Vehicle, **overrides: Any) -> FaultReport:
        return fault_report_create(
            actor=actor, vehicle=vehicle, data=report_input(**overrides), source="form"
        )

    return make
