"""State of charge in the API: readings from the tool within its session and from a workshop
system, the rules as problems, the certificate."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from aftersales.stateofcharge.models import BatteryReading
from aftersales.tools.demo import load_tools
from tests.api.conftest import ApiClient, assert_problem, make_token
from tests.tools.conftest import grant, start

from .conftest import EV_VIN, body

pytestmark = pytest.mark.django_db

URL = f"/api/v1/vehicles/{EV_VIN}/battery-readings"


def test_it_records_a_reading_of_the_tool_within_its_session(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    load_tools()
    grant(owner.organisation, "diagnosis")
    session, token = start(owner)
    response = ApiClient(token).post(URL, body())
    assert response.status_code == 201, response.content
    assert (response.json()["source"], response.json()["tool"]) == ("tool", "ISTA 4.41.10")
    assert BatteryReading.objects.get().tool_session == session


def test_it_records_a_reading_of_a_workshop_system(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(make_token(owner)).post(URL, body())
    assert response.status_code == 201 and response.json()["source"] == "api"


def test_it_refuses_a_capacity_above_the_nominal(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(make_token(owner)).post(URL, body(usable_capacity_kwh="40.0"))
    assert assert_problem(response, 422, "SOC-0002")["field"] == "usable_capacity_kwh"


def test_it_refuses_a_state_of_health_over_100(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    assert_problem(
        ApiClient(make_token(owner)).post(URL, body(soh_percent="100.1")), 422, "SOC-0001"
    )


def test_it_lists_the_readings(owner, outsider, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    ApiClient(make_token(owner)).post(URL, body())
    rows = ApiClient(make_token(outsider)).get(URL).json()
    assert [row["workshop"] for row in rows] == ["Motorhjørnet ApS"]


def test_it_issues_a_certificate_anyone_verifies(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    client = ApiClient(make_token(owner))
    client.post(URL, body())
    issued = client.post(f"/api/v1/vehicles/{EV_VIN}/battery-certificates")
    assert issued.status_code == 201
    verified = ApiClient(None).get(f"/api/v1/verify/{issued.json()['code']}").json()
    assert verified["kind"] == "battery_health" and verified["valid"] is True


def test_it_refuses_the_outsider_to_revoke_our_certificate(owner, outsider, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    client = ApiClient(make_token(owner))
    client.post(URL, body())
    code = client.post(f"/api/v1/vehicles/{EV_VIN}/battery-certificates").json()["code"]
    response = ApiClient(make_token(outsider)).post(
        f"/api/v1/certificates/{code}/revoke", {"reason": "x"}
    )
    assert response.status_code == 404


# What the probe of the running portal found (docs/security-probe.md): 500s, now coded answers.
@pytest.mark.parametrize("field", ["cycle_count", "cell_voltage_spread_mv"])
def test_it_refuses_a_huge_count_instead_of_failing(owner, tickets, ev, field) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(make_token(owner)).post(URL, body(**{field: 2**63}))
    assert assert_problem(response, 422, "SOC-0006")["field"] == field


def test_it_reads_a_time_without_zone_as_local_time(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(make_token(owner)).post(URL, body(read_at="2026-01-10T09:30:00"))
    assert response.status_code == 201
    read_at = datetime.fromisoformat(response.json()["read_at"].replace("Z", "+00:00"))
    assert read_at == timezone.make_aware(datetime(2026, 1, 10, 9, 30))


def test_it_refuses_a_time_far_in_the_future_without_zone(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(make_token(owner)).post(URL, body(read_at="9999-12-31T23:59:59"))
    assert_problem(response, 422, "SOC-0003")


def test_it_refuses_a_time_before_2000(owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(make_token(owner)).post(URL, body(read_at="0001-01-01T00:00:00+01:00"))
    assert assert_problem(response, 422, "SOC-0006")["field"] == "read_at"
