"""KeyReader fixtures: the walkthrough's vehicle and CBS catalogue, KeyReader tickets for the
owner's and the outsider's organisations, device tokens, and a valid key read body."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import translation

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.api import services as api_services
from aftersales.billing import services as billing_services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.models import Application
from aftersales.keyreader.models import KeyRead
from aftersales.keyreader.readout import KeyReadIn, key_read_store_from
from aftersales.servicehistory import demo as servicehistory_demo
from aftersales.vehicles.models import CbsPosition, Vehicle
from tests.api.conftest import ApiClient, make_token
from tests.servicehistory.factories import VehicleFactory, make_catalogue

VIN = "WBAUV71070A193748"
UNKNOWN_VIN = "WMWXU71070TZ12345"
RAW = b"KRD1" + b"\x00\x01\x02key image" * 20


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"


@pytest.fixture
def catalogue(applications) -> dict[str, CbsPosition]:  # type: ignore[no-untyped-def]
    positions = make_catalogue()
    servicehistory_demo.load_operations()
    return positions


@pytest.fixture
def vehicle(catalogue) -> Vehicle:  # type: ignore[no-untyped-def]
    return VehicleFactory()


def grant_keyreader(organisation: Organisation) -> None:
    product, _ = TicketProduct.objects.get_or_create(
        name="Service information, 1 month", validity_unit="month", validity_count=1
    )
    product.applications.set(Application.objects.filter(slug="keyreader"))
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="KeyReader tests"
    )


@pytest.fixture
def tickets(owner: User, outsider: User, applications) -> None:  # type: ignore[no-untyped-def]
    """Both workshops may use KeyReader: what separates them is the scoping, not access."""
    grant_keyreader(owner.organisation)  # type: ignore[arg-type]
    grant_keyreader(outsider.organisation)  # type: ignore[arg-type]


def device_token(user: User, name: str = "Reception") -> str:
    _token, raw = api_services.device_token_create(actor=user, administrator=user, name=name)
    return raw


@pytest.fixture
def device_for() -> Callable[[User], ApiClient]:
    def build(user: User) -> ApiClient:
        return ApiClient(device_token(user))

    return build


@pytest.fixture
def api_for() -> Callable[..., ApiClient]:
    def build(user: User | None, scope: str = "write") -> ApiClient:
        return ApiClient(make_token(user, scope) if user is not None else None)

    return build


def read_body(**overrides: Any) -> dict[str, Any]:
    today = clock.today()
    body: dict[str, Any] = {
        "vin": VIN,
        "key_number": 1,
        "read_at": (clock.now() - timedelta(minutes=30)).isoformat(),
        "mileage": "131480",
        "cbs": [
            {"position": "engine_oil", "remaining_km": 900, "due_date": None, "percent": None},
            {"position": "vehicle_check", "due_date": (today + timedelta(days=20)).isoformat()},
            {"position": "front_brake", "remaining_km": 18_500, "percent": 45},
        ],
        "check_control": [{"code": "29", "text": "Service due soon: engine oil."}],
        "raw_readout": base64.b64encode(RAW).decode(),
    }
    body.update(overrides)
    return body


def store_read(organisation: Organisation, **overrides: Any) -> KeyRead:
    read, _created = key_read_store_from(
        KeyReadIn.model_validate(read_body(**overrides)), organisation=organisation
    )
    return read
