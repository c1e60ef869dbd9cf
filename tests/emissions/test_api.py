"""GET /vehicles/{vin}/emission-values, POST /vehicles/{vin}/emission-tests (idempotent with a
key), GET /emission-tests/{id} and its certificate; another workshop's test is a 404."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from aftersales import clock
from aftersales.emissions.models import EmissionsTest
from tests.api.conftest import ApiClient, assert_problem, make_token

from .conftest import PASSING, VIN

pytestmark = pytest.mark.django_db
PATH = f"/api/v1/vehicles/{VIN}/emission-tests"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"
    cache.clear()


@pytest.fixture
def api(owner, access, vehicle) -> ApiClient:  # type: ignore[no-untyped-def]
    return ApiClient(make_token(owner, "write"))


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "tested_at": (clock.now() - datetime.timedelta(minutes=10)).isoformat(),
        "mileage": 131050,
        "tester": "Mads Mekaniker",
        "instrument_id": "AVL 4000 #A-1187",
        "measured": {**PASSING, "idle_rpm": 720},
        "obd_ready": True,
        "mil_on": False,
    }
    data.update(overrides)
    return data


def test_it_returns_the_nominal_values_with_their_sources(api) -> None:
    response = api.get(f"/api/v1/vehicles/{VIN}/emission-values")
    result = response.json()
    assert response.status_code == 200, result
    assert result["fuel"] == "petrol" and result["obd_check"] is True
    values = {row["quantity"]: row for row in result["values"]}
    assert values["lambda"]["min"] == "0.970" and values["lambda"]["min_source"] == "manufacturer"
    assert values["co"]["max"] == "0.20" and values["co"]["max_source"] == "legal"
    assert result["interval_months"] == 24


def test_it_answers_emt_0004_for_a_vehicle_without_values(api, vehicle) -> None:
    vehicle.engine_type = "IB1"
    vehicle.save()
    response = api.get(f"/api/v1/vehicles/{VIN}/emission-values")
    assert_problem(response, 404, "EMT-0004")


def test_it_records_a_passed_test(api) -> None:
    response = api.post(PATH, body())
    result = response.json()
    assert response.status_code == 201, result
    assert result["passed"] is True and result["next_due"]
    assert result["obd"]["source"] == "typed"
    assert result["certificate_url"] == f"/api/v1/emission-tests/{result['id']}/certificate"


def test_it_records_a_failed_test_with_the_check_that_failed(api) -> None:
    response = api.post(PATH, body(measured={**PASSING, "lambda": 1.05}))
    result = response.json()
    assert response.status_code == 201
    assert result["passed"] is False and result["certificate_url"] is None
    failed = [check for check in result["checks"] if not check["ok"]]
    assert [(c["quantity"], c["measured"], c["max"]) for c in failed] == [
        ("lambda", "1.050", "1.030")
    ]


def test_it_stores_once_per_idempotency_key(api) -> None:
    headers = {"Idempotency-Key": "emissions-0001"}
    sent = body()
    first = api.post(PATH, sent, headers=headers)
    again = api.post(PATH, sent, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert EmissionsTest.objects.count() == 1


def test_it_refuses_another_body_with_the_same_key(api) -> None:
    headers = {"Idempotency-Key": "emissions-0002"}
    api.post(PATH, body(), headers=headers)
    response = api.post(PATH, body(tester="Someone Else"), headers=headers)
    assert_problem(response, 422, "API-0004")


def test_it_refuses_a_value_that_is_not_a_number(api) -> None:
    response = api.post(PATH, body(measured={**PASSING, "lambda": "1,0x"}))
    assert_problem(response, 422, "EMT-0001")
    assert EmissionsTest.objects.count() == 0


def test_it_refuses_a_value_outside_the_instruments_range(api) -> None:
    response = api.post(PATH, body(measured={**PASSING, "co": 40}))
    assert_problem(response, 422, "EMT-0002")
    assert EmissionsTest.objects.count() == 0


def test_it_requires_every_quantity_with_a_nominal_value(api) -> None:
    measured = dict(PASSING)
    measured.pop("raised_idle_rpm")
    assert_problem(api.post(PATH, body(measured=measured)), 422, "EMT-0003")


def test_it_reads_a_test_and_its_certificate(api) -> None:
    created = api.post(PATH, body()).json()
    read = api.get(f"/api/v1/emission-tests/{created['id']}")
    assert read.status_code == 200 and read.json() == created
    pdf = api.get(created["certificate_url"])
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert created["number"] in text


def test_it_has_no_certificate_for_a_failed_test(api) -> None:
    created = api.post(PATH, body(measured={**PASSING, "lambda": "1.05"})).json()
    response = api.get(f"/api/v1/emission-tests/{created['id']}/certificate")
    assert_problem(response, 404, "EMT-0009")


def test_it_answers_404_for_another_workshops_test(api, outsider) -> None:
    created = api.post(PATH, body()).json()
    other = ApiClient(make_token(outsider, "write"))
    assert other.get(f"/api/v1/emission-tests/{created['id']}").status_code == 404
    assert other.get(f"/api/v1/emission-tests/{created['id']}/certificate").status_code == 404


def test_it_needs_a_write_token_to_record(owner, access, vehicle) -> None:
    reader = ApiClient(make_token(owner, "read"))
    assert reader.post(PATH, body()).status_code == 403
