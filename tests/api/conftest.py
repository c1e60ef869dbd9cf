"""API fixtures: tokens for the cast, the walkthrough's vehicle with its CBS catalogue and
labour operations, a Diagnosis ticket, and a client that speaks JSON with a bearer token."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.api import services as api_services
from aftersales.billing import services as billing_services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.models import Application
from aftersales.servicehistory import demo as servicehistory_demo
from aftersales.vehicles.models import CbsPosition, Vehicle
from tests.servicehistory.factories import VehicleFactory, make_catalogue

VIN = "WBAUV71070A193748"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"
    cache.clear()
    yield
    cache.clear()


class ApiClient:
    """Django's test client with `Authorization: Bearer …` and JSON bodies."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        result = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**result, **(headers or {})}

    def get(self, path: str, headers: dict[str, str] | None = None, **params: Any) -> Any:
        return self.client.get(path, params, headers=self._headers(headers))

    def post(self, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            path,
            json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self._headers(headers),
        )

    def request(self, method: str, path: str, headers: dict[str, str] | None = None) -> Any:
        return self.client.generic(method, path, headers=self._headers(headers))


def make_token(user: User, scope: str = "write", name: str = "DMS") -> str:
    _token, raw = api_services.token_create(actor=user, name=name, scope=scope)
    return raw


@pytest.fixture
def api_for() -> Callable[..., ApiClient]:
    def build(user: User | None, scope: str = "write") -> ApiClient:
        return ApiClient(make_token(user, scope) if user is not None else None)

    return build


@pytest.fixture
def catalogue(applications) -> dict[str, CbsPosition]:  # type: ignore[no-untyped-def]
    positions = make_catalogue()
    servicehistory_demo.load_operations()
    return positions


@pytest.fixture
def vehicle(catalogue) -> Vehicle:  # type: ignore[no-untyped-def]
    return VehicleFactory()


def grant_diagnosis(organisation: Organisation) -> None:
    product = TicketProduct.objects.create(
        name="Diagnosis, 1 day", validity_unit="day", validity_count=1
    )
    product.applications.set(Application.objects.filter(slug__in=["diagnosis"]))
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="API tests"
    )


@pytest.fixture
def diagnosis_ticket(owner: User, applications) -> None:  # type: ignore[no-untyped-def]
    grant_diagnosis(owner.organisation)  # type: ignore[arg-type]


def entry_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "mileage": "130500",
        "maintenance_date": (clock.today() - timedelta(days=3)).isoformat(),
        "positions": ["engine_oil", "vehicle_check"],
        "comment": "Oil service with check.",
        "consent": True,
    }
    body.update(overrides)
    return body


def create_entry(api: ApiClient, **overrides: Any) -> dict[str, Any]:
    response = api.post(f"/api/v1/vehicles/{VIN}/service-entries", entry_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


def assert_problem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance", "code"} <= set(body)
    assert body["status"] == status
    if code is not None:
        assert body["code"] == code, body
    return body


def diagnosis_licence(user: User) -> str:
    """A licence of Diagnosis's Start for the newest ISTA (the demo's tools)."""
    from aftersales.tools.demo import load_tools
    from aftersales.tools.services import licence_issue

    load_tools()
    _licence, licence = licence_issue(
        actor=user, application=Application.objects.get(slug="diagnosis"), version="4.41.10"
    )
    return licence


def tool_session_token(user: User, vehicle: Vehicle) -> str:
    """The token of an open Diagnosis tool session of the user working on the vehicle: the one
    caller a transfer confirmation accepts."""
    from aftersales.tools.services import tool_session_start

    _session, token = tool_session_start(licence_token=diagnosis_licence(user), vehicle=vehicle)
    return token


@pytest.fixture
def tool_for(vehicle: Vehicle) -> Callable[[User], ApiClient]:
    def build(user: User) -> ApiClient:
        return ApiClient(tool_session_token(user, vehicle))

    return build
