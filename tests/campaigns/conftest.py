from __future__ import annotations

import pytest
from django.utils import translation

from aftersales.servicehistory import demo as servicehistory_demo
from aftersales.vehicles.models import CbsPosition, Vehicle
from tests.servicehistory.factories import VehicleFactory, make_catalogue


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def catalogue(db) -> dict[str, CbsPosition]:  # type: ignore[no-untyped-def]
    positions = make_catalogue()
    servicehistory_demo.load_operations()
    return positions


@pytest.fixture
def vehicle(catalogue) -> Vehicle:  # type: ignore[no-untyped-def]
    """The walkthrough's E91 335i (N54), built 22-09-2008, 129,226 km."""
    return VehicleFactory()
