"""Programming results in the Service history: under the service entry of the same visit (same
workshop and vehicle, that day), on the page and in the API's entry, whichever came first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aftersales import clock
from aftersales.catalogue.models import Application
from aftersales.programming.models import ControlUnitResult
from aftersales.tools.services import licence_issue, tool_session_start
from tests.api.conftest import ApiClient, catalogue, make_token  # noqa: F401
from tests.servicehistory.factories import entry_create
from tests.tools.conftest import grant

pytestmark = pytest.mark.django_db

GOOD = {"charger_connected": True, "soc_percent": "74.0", "ignition": "on"}
RESULTS = {
    "results": [
        {
            "control_unit": "DME",
            "software_before": "N54-19-03",
            "software_after": "N54-26-09",
            "success": True,
        }
    ]
}


@pytest.fixture(autouse=True)
def _positions(catalogue):  # type: ignore[no-untyped-def]  # noqa: F811
    """The CBS catalogue: the service entries need their positions."""


@pytest.fixture
def programming(owner, outsider, tools):  # type: ignore[no-untyped-def]
    grant(owner.organisation, "programming")
    grant(outsider.organisation, "programming")


def program(user, vehicle) -> None:  # type: ignore[no-untyped-def]
    _licence, token = licence_issue(
        actor=user, application=Application.objects.get(slug="programming"), version="3.73.2"
    )
    session, raw = tool_session_start(licence_token=token, vehicle=vehicle)
    tool = ApiClient(raw)
    tool.post(f"/api/v1/tool-sessions/{session.pk}/programming/preconditions", GOOD)
    response = tool.post(f"/api/v1/tool-sessions/{session.pk}/programming/results", RESULTS)
    assert response.status_code == 201, response.content


def store(user, vehicle):  # type: ignore[no-untyped-def]
    return entry_create(
        actor=user,
        vehicle=vehicle,
        mileage="130500",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
    )


def history_page(client_for, user, vehicle) -> str:  # type: ignore[no-untyped-def]
    url = reverse("servicehistory:history", args=[vehicle.vin])
    return client_for(user).get(url).content.decode()


def test_it_shows_the_results_under_the_entry_stored_before_programming(
    owner, programming, vehicle, client_for
) -> None:  # type: ignore[no-untyped-def]
    store(owner, vehicle)
    program(owner, vehicle)
    page = history_page(client_for, owner, vehicle)
    assert 'data-testid="entry-control-units"' in page and "N54-26-09" in page


def test_it_links_the_results_to_an_entry_stored_after_programming(
    owner, programming, vehicle
) -> None:  # type: ignore[no-untyped-def]
    program(owner, vehicle)
    entry = store(owner, vehicle)
    assert ControlUnitResult.objects.get().service_entry == entry


def test_it_gives_the_results_in_the_apis_service_entry(owner, programming, vehicle) -> None:  # type: ignore[no-untyped-def]
    program(owner, vehicle)
    entry = store(owner, vehicle)
    api = ApiClient(make_token(owner, "read"))
    body = api.get(f"/api/v1/service-entries/{entry.pk}").json()
    assert [
        (u["control_unit"], u["software_after"], u["success"]) for u in body["control_units"]
    ] == [("DME", "N54-26-09", True)]


def test_it_leaves_the_entry_of_another_workshop_without_the_results(
    owner, outsider, programming, vehicle, client_for
) -> None:  # type: ignore[no-untyped-def]
    store(outsider, vehicle)
    program(owner, vehicle)
    assert ControlUnitResult.objects.get().service_entry is None
    assert "entry-control-units" not in history_page(client_for, outsider, vehicle)
