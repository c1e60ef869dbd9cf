"""GET /fault-codes/{code} and GET /fault-codes?search=: normalised codes, FC problems."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.api.conftest import ApiClient, assert_problem, make_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"
    cache.clear()


@pytest.fixture
def api(owner, access, pack) -> ApiClient:  # type: ignore[no-untyped-def]
    return ApiClient(make_token(owner, "read"))


def test_it_returns_a_code_with_its_entries(api) -> None:
    response = api.get("/api/v1/fault-codes/p0301")
    body = response.json()
    assert response.status_code == 200
    assert (body["code"], body["system"], body["scope"]) == ("P0301", "powertrain", "generic")
    assert body["group"] == "Ignition system or misfire"
    [entry] = body["entries"]
    assert entry["brand"] == "" and entry["description"] == "Misfire in cylinder 1"
    assert entry["description_da"] == "Fejltænding i cylinder 1"
    assert entry["emission_relevant"] is True and "Ignition coil faulty" in entry["possible_causes"]


def test_it_names_the_rule_a_malformed_code_breaks(api) -> None:
    body = assert_problem(api.get("/api/v1/fault-codes/P9301"), 422, "FC-0001")
    assert "The second character must be a digit 0-3" in body["detail"]
    assert body["field"] == "code"


def test_it_answers_404_fc_0002_for_a_code_not_in_the_catalogue(api) -> None:
    body = assert_problem(api.get("/api/v1/fault-codes/U1234"), 404, "FC-0002")
    assert body["normalised"] == "U1234"
    assert "manufacturer-specific" in body["detail"]


def test_it_searches_the_descriptions(api) -> None:
    body = api.get("/api/v1/fault-codes", search="misfire cylinder 1").json()
    assert [item["code"] for item in body["items"]] == ["P0301", "P0310", "P0311", "P0312"]
    assert body["count"] == 4


def test_it_searches_in_danish_and_answers_in_the_asked_language(api) -> None:
    response = api.get(
        "/api/v1/fault-codes", search="lambdasonde langsomt", headers={"Accept-Language": "da"}
    )
    items = response.json()["items"]
    assert [item["code"] for item in items] == [
        "P0133",
        "P0139",
        "P0145",
        "P0153",
        "P0159",
        "P0165",
    ]
    assert items[0]["description"] == "Lambdasonde (bank 1, sonde 1): reagerer for langsomt"


def test_it_limits_the_results(api) -> None:
    assert api.get("/api/v1/fault-codes", search="sensor", limit=5).json()["count"] == 5


def test_it_refuses_a_search_without_a_word(api) -> None:
    assert_problem(api.get("/api/v1/fault-codes", search=""), 422, "FC-0008")


def test_it_needs_the_applications_ticket(outsider, applications, pack) -> None:
    api = ApiClient(make_token(outsider, "read"))
    assert_problem(api.get("/api/v1/fault-codes/P0301"), 403, "ACCESS-0004")


def test_it_needs_a_token(applications) -> None:
    assert_problem(ApiClient(None).get("/api/v1/fault-codes/P0301"), 401, "API-0401")


def test_it_gives_the_german_description_and_causes(api) -> None:
    from aftersales.faultcodes.models import FaultCode

    FaultCode.objects.filter(code="P0301", brand="").update(
        description_de="Verbrennungsaussetzer Zylinder 1", possible_causes_de="Zündspule defekt"
    )
    [entry] = api.get("/api/v1/fault-codes/P0301").json()["entries"]
    assert entry["description_de"] == "Verbrennungsaussetzer Zylinder 1"
    assert entry["possible_causes_de"] == ["Zündspule defekt"]


def test_it_searches_in_german_and_answers_in_german(api) -> None:
    from aftersales.faultcodes.models import FaultCode

    FaultCode.objects.filter(code="P0301", brand="").update(
        description_de="Verbrennungsaussetzer Zylinder 1"
    )
    response = api.get(
        "/api/v1/fault-codes", search="Verbrennungsaussetzer", headers={"Accept-Language": "de"}
    )
    [item] = response.json()["items"]
    assert item["description"] == "Verbrennungsaussetzer Zylinder 1"
