"""GET /documents, /documents/{id} and /documents/{id}/file: the search, metadata, the file
(logged), problems, and what another workshop's token sees."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from aftersales.documents import rules, services
from aftersales.documents.models import DocumentOpening
from tests.api.conftest import ApiClient, assert_problem, make_token

from .conftest import make_document, other_vehicle, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"
    cache.clear()


@pytest.fixture
def api(owner, access, vehicle) -> ApiClient:  # type: ignore[no-untyped-def]
    return ApiClient(make_token(owner, "read"))


def test_it_searches_for_a_vehicle(api) -> None:
    make_document("RA N54", series=["E91"], engines=["N54"])
    make_document("RA N47", engines=["N47"])
    body = api.get("/api/v1/documents", search="oil filters", vin="a193748").json()
    assert (body["count"], body["vin"], body["pages"]) == (1, "WBAUV71070A193748", 1)
    [result] = body["results"]
    assert result["number"] == "RA N54" and result["text_state"] == "indexed"
    assert "<mark>filter</mark>" in result["snippet"]
    assert result["file_url"] == f"/api/v1/documents/{result['id']}/file"
    assert {"kind": "repair_instruction", "count": 1} in body["counts"]


def test_it_filters_by_kind_and_names_the_typed_numbers(api) -> None:
    make_document("SI 1", kind="service_bulletin", links=[rules.link_clean("fault_code", "P0420")])
    make_document("RA 1", links=[rules.link_clean("fault_code", "P0420")])
    body = api.get("/api/v1/documents", search="p0420", kind="service_bulletin").json()
    assert [r["number"] for r in body["results"]] == ["SI 1"] and body["numbers"] == ["P0420"]
    assert body["count"] == 1


def test_it_refuses_an_unknown_kind(api) -> None:
    body = assert_problem(api.get("/api/v1/documents", kind="brochure"), 422, "IR-0002")
    assert body["field"] == "kind"


def test_it_says_when_the_vin_is_unknown(api) -> None:
    assert_problem(api.get("/api/v1/documents", vin="WBAUV71070A000001"), 404, "VIN-0002")


def test_it_asks_for_the_full_vin_when_several_vehicles_share_the_end(api) -> None:
    other_vehicle("WBAPK31000A193748")
    assert_problem(api.get("/api/v1/documents", vin="A193748"), 409, "API-0003")


def test_it_returns_a_documents_metadata(api, owner) -> None:  # type: ignore[no-untyped-def]
    document = make_document(
        series=["E91"], engines=["N54"], links=[rules.link_clean("campaign", "0013250800")]
    )
    services.bookmark_add(user=owner, document=document)
    body = api.get(f"/api/v1/documents/{document.pk}").json()
    assert (body["number"], body["valid_for_all"], body["bookmarked"]) == (
        "RA 11 42 050",
        False,
        True,
    )
    assert body["validity"][0]["series"] == "E91" and body["validity"][0]["engine_type"] == "N54"
    assert {
        "kind": "campaign",
        "key": "0013250800",
        "label": "0013250800",
        "source": "manual",
    } in body["links"]
    assert body["versions"][0]["current"] is True and body["versions"][0]["version"] == "1"
    assert not DocumentOpening.objects.exists()  # metadata is not an opening


def test_it_returns_the_file_and_logs_the_opening(api, owner) -> None:  # type: ignore[no-untyped-def]
    document = make_document(content=pdf("Oil filter."), file_name="x.pdf")
    response = api.get(f"/api/v1/documents/{document.pk}/file")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    opening = DocumentOpening.objects.get()
    assert (opening.user, opening.channel) == (owner, "api")


def test_it_does_not_know_a_withdrawn_document(api) -> None:
    document = services.document_withdraw(document=make_document())
    assert_problem(api.get(f"/api/v1/documents/{document.pk}"), 404, "IR-0001")
    assert_problem(api.get(f"/api/v1/documents/{document.pk}/file"), 404, "IR-0001")


def test_it_says_when_the_file_is_gone(api) -> None:
    document = make_document()
    assert document.current_version is not None
    document.current_version.file.storage.delete(document.current_version.file.name)
    assert_problem(api.get(f"/api/v1/documents/{document.pk}/file"), 410, "IR-0003")
    assert not DocumentOpening.objects.exists()


def test_it_needs_a_ticket(owner, applications) -> None:  # type: ignore[no-untyped-def]
    api = ApiClient(make_token(owner, "read"))
    assert_problem(api.get("/api/v1/documents"), 403, "ACCESS-0004")


def test_it_keeps_bookmarks_to_their_user(api, owner, outsider, outsider_access) -> None:  # type: ignore[no-untyped-def]
    document = make_document()
    services.bookmark_add(user=owner, document=document)
    other = ApiClient(make_token(outsider, "read"))
    assert other.get(f"/api/v1/documents/{document.pk}").json()["bookmarked"] is False
    other.get(f"/api/v1/documents/{document.pk}/file")
    assert DocumentOpening.objects.get().organisation == outsider.organisation
