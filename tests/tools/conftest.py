"""Tools fixtures: the applications, the demo tools (ISTA 4.37.40 too old, 4.41.10 the newest;
ISTA/P), Diagnosis tickets for the owner's and the outsider's workshops, the walkthrough's
vehicle, and helpers that issue licences and start sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import translation

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.billing import services as billing_services
from aftersales.billing.models import Ticket, TicketProduct
from aftersales.catalogue.models import Application
from aftersales.tools import demo
from aftersales.tools.models import Tool, ToolSession
from aftersales.tools.services import licence_issue, tool_session_start
from aftersales.vehicles.models import Vehicle
from tests.api.conftest import ApiClient, make_token
from tests.servicehistory.factories import VehicleFactory

VIN = "WBAUV71070A193748"
LATEST, CURRENT, TOO_OLD = "4.41.10", "4.39.20", "4.37.40"


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"


@pytest.fixture
def tools(applications) -> dict[str, Tool]:  # type: ignore[no-untyped-def]
    return demo.load_tools()


@pytest.fixture
def diagnosis(tools) -> Application:  # type: ignore[no-untyped-def]
    return Application.objects.get(slug="diagnosis")


def grant(
    organisation: Organisation, slug: str = "diagnosis", *, starts_at: datetime | None = None
) -> Ticket:
    product, _ = TicketProduct.objects.get_or_create(
        name=f"{slug}, 1 day", validity_unit="day", validity_count=1
    )
    product.applications.set(Application.objects.filter(slug=slug))
    return billing_services.ticket_grant_free(
        operator=None,
        organisation=organisation,
        product=product,
        reason="Tools tests",
        starts_at=starts_at,
    )


@pytest.fixture
def tickets(owner: User, outsider: User, diagnosis: Application) -> None:
    grant(owner.organisation)  # type: ignore[arg-type]
    grant(outsider.organisation)  # type: ignore[arg-type]


@pytest.fixture
def vehicle(applications) -> Vehicle:  # type: ignore[no-untyped-def]
    return VehicleFactory()


def issue(user: User, version: str = LATEST, slug: str = "diagnosis") -> str:
    _licence, token = licence_issue(
        actor=user, application=Application.objects.get(slug=slug), version=version
    )
    return token


def start(user: User, version: str = LATEST, **kwargs: Any) -> tuple[ToolSession, str]:
    return tool_session_start(licence_token=issue(user, version), **kwargs)


@pytest.fixture
def session_for() -> Callable[..., tuple[ToolSession, ApiClient]]:
    """A started session and an API client with its token."""

    def build(user: User, **kwargs: Any) -> tuple[ToolSession, ApiClient]:
        session, token = start(user, **kwargs)
        return session, ApiClient(token)

    return build


@pytest.fixture
def api_for() -> Callable[..., ApiClient]:
    def build(user: User, scope: str = "write") -> ApiClient:
        return ApiClient(make_token(user, scope))

    return build


def later(minutes: int = 0, hours: int = 0) -> datetime:
    return clock.now() + timedelta(minutes=minutes, hours=hours)
