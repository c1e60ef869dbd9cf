"""Workshop equipment fixtures: the walkthrough's vehicle with its CBS catalogue and the demo
labour operations (they name the special tools), the demo tool catalogue, and tickets for
Workshop equipment and Commercial Service Data (the operator's demo setting: both need one)."""

from __future__ import annotations

import pytest
from django.utils import translation

from aftersales.accounts.models import Organisation, User
from aftersales.billing import services as billing_services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.models import Application
from aftersales.equipment.models import Tool
from aftersales.equipment.rules import ToolData
from aftersales.equipment.services import tool_upsert
from aftersales.servicedata import demo as servicedata_demo
from aftersales.servicehistory import demo as servicehistory_demo
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import VehicleFactory, make_catalogue

VIN = "WBAUV71070A193748"
BLEEDER = "83 30 0 494 060"  # needed by 34 00 500 "Replace brake fluid"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30" width="40" height="30">'
    b'<rect x="1" y="1" width="38" height="28" fill="#ccc"/></svg>'
)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def grant(organisation: Organisation, *slugs: str) -> None:
    product, _ = TicketProduct.objects.get_or_create(
        name="Service information, 1 month", validity_unit="month", validity_count=1
    )
    product.applications.add(
        *Application.objects.filter(
            slug__in=slugs or ["workshop-equipment", "commercial-service-data"]
        )
    )
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="tests"
    )


def make_tool(
    number: str = BLEEDER, name: str = "Brake bleeding adapter", **fields: object
) -> Tool:
    tool, _ = tool_upsert(data=ToolData(number=number, name=name, **fields))  # type: ignore[arg-type]
    return tool


@pytest.fixture
def vehicle(applications) -> Vehicle:  # type: ignore[no-untyped-def]
    """The walkthrough's E91 335i (N54), built 22-09-2008."""
    make_catalogue()
    servicehistory_demo.load_operations()
    return VehicleFactory()


@pytest.fixture
def labour(db) -> None:  # type: ignore[no-untyped-def]
    servicedata_demo.load()


@pytest.fixture
def tools(db) -> dict[str, Tool]:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    return {
        "bleeder": make_tool(
            BLEEDER, "Brake bleeding adapter", name_da="Udluftningsadapter", supplier="BMW Group",
            price=Decimal("148.50"), brands=["bmw", "mini"],
        ),
        "torque": make_tool(
            "00 9 250", "Torque wrench 40-200 Nm", supplier="Stahlwille",
            price=Decimal("389.00"), calibration_months=12,
        ),
        "pistons": make_tool("34 1 260", "Brake piston reset tool", supplier="Hazet"),
        "moto": make_tool("34 2 520", "Bleeding adapter (motorcycle)", brands=["bmw_motorrad"]),
    }  # fmt: skip


@pytest.fixture
def tickets(owner: User, outsider: User, applications) -> None:  # type: ignore[no-untyped-def]
    """Both workshops may use Workshop equipment and Commercial Service Data."""
    grant(owner.organisation)  # type: ignore[arg-type]
    grant(outsider.organisation)  # type: ignore[arg-type]
