from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from aftersales.vehicles.models import Vehicle, VehicleOption
from tests.servicehistory.factories import VehicleFactory
from tests.servicehistory.factories import make_catalogue as make_cbs_catalogue

from .factories import grant_epc, make_catalogue


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def vehicle(db) -> Vehicle:  # type: ignore[no-untyped-def]
    """The walkthrough's E91 335i (N54), built 22-09-2008, automatic transmission (S205A)."""
    make_cbs_catalogue()
    car = VehicleFactory()
    VehicleOption.objects.get_or_create(
        vehicle=car, code="S205A", kind="factory", defaults={"description": "Automatic"}
    )
    return car


@pytest.fixture
def parts(db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return make_catalogue()


@pytest.fixture
def epc(owner, applications) -> None:  # type: ignore[no-untyped-def]
    """The owner's workshop holds a ticket for the Electronic Parts Catalogue."""
    grant_epc(owner.organisation)
