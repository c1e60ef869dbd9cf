from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from aftersales.servicehistory import demo
from aftersales.vehicles.models import CbsPosition, Vehicle

from .factories import VehicleFactory, make_catalogue

# "Today" of the tests: after the central reading of 2024-05-02.
TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """Requests of a Danish user activate Danish in the thread; every test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def catalogue(db) -> dict[str, CbsPosition]:  # type: ignore[no-untyped-def]
    positions = make_catalogue()
    demo.load_operations()
    return positions


@pytest.fixture
def vehicle(catalogue) -> Vehicle:  # type: ignore[no-untyped-def]
    return VehicleFactory()
