"""State of charge fixtures: an electric i3 with its battery type, State of charge tickets for the
owner's and the outsider's workshops, and a plausible reading."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from aftersales import clock
from aftersales.stateofcharge.models import BatteryType
from aftersales.stateofcharge.rules import ReadingIn
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import VehicleFactory
from tests.tools.conftest import grant

EV_VIN = "WBY1Z21030V512860"


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"


@pytest.fixture
def ev(applications) -> Vehicle:  # type: ignore[no-untyped-def]
    BatteryType.objects.create(
        series="I01", engine_type="IB1", kind="bev", nominal_capacity_kwh=Decimal("37.9")
    )
    return VehicleFactory(
        vin=EV_VIN,
        model_designation="i3 120Ah",
        series="I01",
        engine_type="IB1",
        mileage_km=64_300,
    )


@pytest.fixture
def tickets(owner, outsider, applications) -> None:  # type: ignore[no-untyped-def]
    grant(owner.organisation, "state-of-charge")
    grant(outsider.organisation, "state-of-charge")


def body(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "read_at": (clock.now() - timedelta(hours=1)).isoformat(),
        "mileage": "64300",
        "soc_percent": "62.5",
        "soh_percent": "88.0",
        "usable_capacity_kwh": "33.4",
        "cycle_count": 520,
        "cell_voltage_spread_mv": 18,
        "temperature_c": "21.0",
    }
    values.update(overrides)
    return values


def reading(days_ago: int = 0, **overrides: Any) -> ReadingIn:
    values = body(**overrides)
    return ReadingIn(
        read_at=clock.now() - timedelta(days=days_ago, hours=1),
        mileage=values["mileage"],
        soc_percent=Decimal(values["soc_percent"]),
        soh_percent=Decimal(values["soh_percent"]),
        usable_capacity_kwh=Decimal(values["usable_capacity_kwh"]),
        cycle_count=values["cycle_count"],
        cell_voltage_spread_mv=values["cell_voltage_spread_mv"],
        temperature_c=Decimal(values["temperature_c"]),
    )
