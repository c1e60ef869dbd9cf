"""Every error is application/problem+json with a stable code, never an HTML page."""

from __future__ import annotations

import pytest

from .conftest import VIN, ApiClient, assert_problem, make_token

pytestmark = pytest.mark.django_db


def test_it_answers_an_unknown_path_with_a_problem(api_for, owner):
    assert_problem(api_for(owner).get("/api/v1/no-such-thing/at/all"), 404, "API-0404")


def test_it_answers_an_unknown_path_without_token_with_a_problem(db):
    assert_problem(ApiClient(None).get("/api/v1/nope"), 404, "API-0404")


def test_it_answers_a_wrong_method_with_a_problem_and_allow(api_for, owner, vehicle):
    response = api_for(owner).request("DELETE", f"/api/v1/vehicles/{VIN}")
    assert_problem(response, 405, "API-0405")
    assert response["Allow"] == "GET"


def test_it_answers_malformed_json_with_a_problem(owner, vehicle):
    api = ApiClient(make_token(owner))
    response = api.client.post(
        f"/api/v1/vehicles/{VIN}/service-entries",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert_problem(response, 400, "API-0002")


def test_it_answers_a_server_error_with_a_problem(api_for, owner, vehicle, monkeypatch):
    from aftersales.servicehistory.api import vehicles

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database on fire")

    monkeypatch.setattr(vehicles, "cbs_positions_for", broken)
    response = api_for(owner).get(f"/api/v1/vehicles/{VIN}/cbs-positions")
    problem = assert_problem(response, 500, "API-0500")
    assert "fire" not in problem["detail"]


def test_it_points_the_type_at_the_list_of_codes(client, api_for, owner, vehicle):
    problem = assert_problem(api_for(owner).get("/api/v1/vehicles/WBAUV710"), 422)
    assert problem["type"].endswith("/api/problems/#VIN-0001")
    page = client.get("/api/problems/")
    assert b'id="API-0004"' in page.content
    assert b"IPL-0051" in page.content


def test_it_lists_every_registered_code_with_its_status_and_title(client):
    from django.utils.html import escape

    from aftersales.portal import problems

    page = client.get("/api/problems/").content.decode()
    for problem in problems.REGISTRY:
        row = page.split(f'<tr id="{problem.code}">', 1)[1].split("</tr>", 1)[0]
        assert f">{problem.status}</td>" in row and escape(problem.title) in row, problem.code


def test_it_explains_the_codes_in_the_language_of_the_request(client):
    page = client.get("/api/problems/", headers={"accept-language": "da"}).content.decode()
    row = page.split('<tr id="ACCESS-0004">', 1)[1].split("</tr>", 1)[0]
    assert "Applikationen kræver en billet" in row


def test_it_titles_a_problem_with_the_registered_title_of_its_code(api_for, owner, vehicle):
    problem = assert_problem(api_for(owner).get("/api/v1/vehicles/WBAUV710"), 422, "VIN-0001")
    assert problem["title"] == "Malformed VIN"


def test_it_serves_the_openapi_document_and_the_docs(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Aftersales API"
    operation = schema["paths"]["/api/v1/vehicles/{vin}/service-entries"]["post"]
    assert operation["summary"] == "Create a service entry"
    assert "application/problem+json" in operation["responses"]["422"]["content"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"/api/docs-assets/swagger-ui-bundle.js" in docs.content
    assert client.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/docs-assets/secrets.py").status_code == 404


def test_it_describes_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), f"{method} {path}"
            assert operation.get("description"), f"{method} {path}"
            assert "401" in operation["responses"], f"{method} {path}"
            assert "429" in operation["responses"], f"{method} {path}"


def test_it_answers_the_api_root_with_an_index(client):
    body = client.get("/api/v1/").json()
    assert body["openapi"].endswith("/api/v1/openapi.json")
    assert body["docs"].endswith("/api/v1/docs")


def test_it_answers_a_path_with_a_newline_with_a_problem(api_for, owner):
    assert_problem(api_for(owner).get("/api/v1/service-entries/%0A/cancel"), 404, "API-0404")


def test_it_answers_a_body_over_the_upload_limit_with_413(owner, vehicle, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    api = ApiClient(make_token(owner))
    response = api.post(
        f"/api/v1/vehicles/{VIN}/service-entries", {"comment": "x" * 5000, "mileage": "1"}
    )
    assert_problem(response, 413, "API-0413")


def test_it_answers_a_key_read_over_the_upload_limit_with_413(owner, settings):
    from aftersales.api import services as api_services

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    _token, raw = api_services.device_token_create(actor=owner, administrator=owner, name="R")
    assert_problem(ApiClient(raw).post("/api/v1/key-reads", {"raw": "x" * 5000}), 413, "API-0413")


@pytest.mark.parametrize("path", ["order-base", "service-history"])
def test_it_answers_too_many_query_fields_on_any_route_with_400(api_for, owner, vehicle, path):
    params = {f"f{number}": "1" for number in range(1001)}
    response = api_for(owner).get(f"/api/v1/vehicles/{VIN}/{path}", **params)
    assert_problem(response, 400, "API-0009")
