"""POST/GET /vehicles/{vin}/fault-reports and GET /fault-reports/{id}: the diagnosis tool records
read-outs (idempotent with a key), FC problems, one workshop never sees another's reports."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache

from aftersales import clock
from aftersales.faultcodes.models import FaultReport
from tests.api.conftest import ApiClient, assert_problem, make_token
from tests.servicehistory.factories import ServiceEntryFactory

from .conftest import VIN

pytestmark = pytest.mark.django_db
PATH = f"/api/v1/vehicles/{VIN}/fault-reports"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"
    cache.clear()


@pytest.fixture
def api(owner, access, pack, vehicle) -> ApiClient:  # type: ignore[no-untyped-def]
    return ApiClient(make_token(owner, "write"))


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "read_at": (clock.now() - datetime.timedelta(hours=2)).isoformat(),
        "mileage": "131050",
        "mil_on": True,
        "tool_id": "ISTA 4.39.20",
        "codes": [{"code": "p0420", "status": "confirmed"}, {"code": "P1A00", "status": "pending"}],
        "readiness": {"catalyst": "incomplete", "misfire": "complete"},
    }
    data.update(overrides)
    return data


def test_it_records_a_read_out(api) -> None:
    response = api.post(PATH, body())
    result = response.json()
    assert response.status_code == 201, result
    assert result["vin"] == VIN and result["source"] == "api" and result["mil_on"] is True
    assert result["codes"][0] == {
        "code": "P0420",
        "status": "confirmed",
        "in_catalogue": True,
        "description": "Catalytic converter efficiency below the threshold (bank 1)",
        "emission_relevant": True,
        "mil_relevant": True,
    }
    assert result["codes"][1]["in_catalogue"] is False
    assert result["codes"][1]["emission_relevant"] is None
    assert result["emission_relevant_codes"] == 1
    assert result["emissions_test"] == {
        "ready": False,
        "mil_on": True,
        "incomplete_monitors": ["catalyst"],
        "summary": "not ready: MIL on; catalyst monitor incomplete",
    }


def test_it_stores_once_per_idempotency_key(api) -> None:
    headers = {"Idempotency-Key": "read-out-0001"}
    sent = body()
    first = api.post(PATH, sent, headers=headers)
    again = api.post(PATH, sent, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert FaultReport.objects.count() == 1


def test_it_refuses_a_key_used_for_another_body(api) -> None:
    headers = {"Idempotency-Key": "read-out-0002"}
    sent = body()
    api.post(PATH, sent, headers=headers)
    assert_problem(api.post(PATH, {**sent, "mileage": "131051"}, headers=headers), 422, "API-0004")


def test_it_replays_a_refusal_under_the_same_key(api) -> None:
    headers = {"Idempotency-Key": "read-out-0003"}
    sent = body(mileage="13l050")
    assert_problem(api.post(PATH, sent, headers=headers), 422, "IPL-0051")
    again = api.post(PATH, sent, headers=headers)
    assert_problem(again, 422, "IPL-0051")
    assert again["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"codes": [{"code": "P0X20", "status": "confirmed"}]}, "FC-0001", "codes.1"),
        ({"codes": [{"code": "P0420", "status": "stored"}]}, "FC-0010", "codes.1"),
        ({"readiness": {"turbo": "complete"}}, "FC-0011", "readiness.turbo"),
        ({"readiness": {"catalyst": "ready"}}, "FC-0012", "readiness.catalyst"),
        ({"read_at": "2999-01-01T10:00:00+00:00"}, "FC-0014", "read_at"),
        ({"read_at": "soon"}, "FC-0013", "read_at"),
        ({"mileage": "131 050 km"}, "IPL-0051", "mileage"),
        ({"tool_id": "x" * 101}, "FC-0006", "tool_id"),
    ],
)
def test_it_answers_bad_input_with_coded_problems(api, overrides, code, field) -> None:  # type: ignore[no-untyped-def]
    problem = assert_problem(api.post(PATH, body(**overrides)), 422, code)
    assert problem["field"] == field
    assert not FaultReport.objects.exists()


def test_it_refuses_another_workshops_service_entry(api, outsider, vehicle) -> None:
    entry = ServiceEntryFactory(
        vehicle=vehicle, organisation=outsider.organisation, created_by=outsider
    )
    assert_problem(api.post(PATH, body(service_entry_id=entry.pk)), 422, "FC-0020")


def test_it_needs_a_write_token(owner, access, pack, vehicle) -> None:
    read_only = ApiClient(make_token(owner, "read"))
    assert_problem(read_only.post(PATH, body()), 403, "API-0403")


def test_it_answers_404_for_an_unknown_vehicle(api) -> None:
    assert_problem(api.post("/api/v1/vehicles/WBA3A5C50DF999999/fault-reports", body()), 404)


def test_it_lists_the_workshops_reports_newest_first(api) -> None:
    older = (clock.now() - datetime.timedelta(days=3)).isoformat()
    api.post(PATH, body(read_at=older, mil_on=False, readiness={}, codes=[]))
    api.post(PATH, body())
    reports = api.get(PATH).json()
    assert [r["mil_on"] for r in reports] == [True, False]
    assert reports[1]["emissions_test"]["summary"] == "ready for an emissions test"


def test_it_shows_the_outsider_none_of_the_workshops_reports(
    api, outsider, outsider_access
) -> None:
    report_id = api.post(PATH, body()).json()["id"]
    other = ApiClient(make_token(outsider, "read"))
    assert other.get(PATH).json() == []
    assert_problem(other.get(f"/api/v1/fault-reports/{report_id}"), 404, "API-0404")


def test_it_reads_one_report_back(api) -> None:
    created = api.post(PATH, body()).json()
    assert api.get(f"/api/v1/fault-reports/{created['id']}").json() == created


def test_it_needs_the_applications_ticket(outsider, applications, vehicle) -> None:
    other = ApiClient(make_token(outsider, "write"))
    assert_problem(other.post(PATH, body()), 403, "ACCESS-0004")
