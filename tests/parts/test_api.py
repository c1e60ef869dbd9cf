"""The API of the parts catalogue: the tree, a main group, search, a part with its
supersession, the drawing, parts in the service-entry endpoint, and the outsider."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.parts.services import illustration_image_set
from tests.api.conftest import ApiClient, assert_problem, make_token

from .factories import SVG, grant_epc, make_illustration, make_part, make_row

pytestmark = pytest.mark.django_db
VIN = "WBAUV71070A193748"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMIT = "10000/min"


@pytest.fixture
def api(owner, epc, vehicle, parts) -> ApiClient:  # type: ignore[no-untyped-def]
    return ApiClient(make_token(owner))


def test_it_gives_the_tree_of_the_vehicle(api, parts) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    body = api.get(f"/api/v1/vehicles/{VIN}/parts/groups").json()
    assert [g["number"] for g in body["main_groups"]] == ["11"]
    assert body["main_groups"][0]["subgroups"][0]["number"] == "11 42"


def test_it_gives_a_main_group_with_illustrations_and_rows(api, parts) -> None:
    illustration_image_set(illustration=parts["illustration"], content=SVG, name="oil.svg")
    group_id = parts["illustration"].subgroup.main_group_id
    body = api.get(f"/api/v1/vehicles/{VIN}/parts/groups/{group_id}").json()
    [illustration] = body["subgroups"][0]["illustrations"]
    assert illustration["image_url"].endswith("/image") and illustration["width"] == 400
    assert [h["position"] for h in illustration["hotspots"]] == ["1", "2", "3"]
    first = illustration["rows"][0]
    assert first["part"]["number"] == "11427541827"
    assert first["part"]["replaced_by"]["display_number"] == "11 42 7 953 129"
    assert first["price"] == {"net": "15.10", "gross": "18.88", "currency": "EUR"}


def test_it_answers_404_for_a_group_without_parts_for_the_vehicle(api) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    response = api.get(f"/api/v1/vehicles/{VIN}/parts/groups/{other.subgroup.main_group_id}")
    assert_problem(response, 404, "EPC-0002")


def test_it_serves_the_drawing_to_a_token(api, parts) -> None:
    illustration_image_set(illustration=parts["illustration"], content=SVG, name="oil.svg")
    response = api.get(f"/api/v1/parts/illustrations/{parts['illustration'].pk}/image")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"


def test_it_gives_a_part_with_its_chain(api, parts) -> None:
    body = api.get("/api/v1/parts/11 42 7 508 969").json()
    assert body["replaced_by"]["number"] == "11427953129"
    assert [p["number"] for p in body["chain"]] == ["11427508969", "11427541827", "11427953129"]
    assert body["price"]["gross"] == "18.88"


def test_it_lists_the_numbers_a_part_replaces(api, parts) -> None:
    body = api.get("/api/v1/parts/11427953129").json()
    assert body["replaced_by"] is None
    assert [p["number"] for p in body["replaces"]] == ["11427508969", "11427541827"]


def test_it_answers_404_for_an_unknown_part(api) -> None:
    assert_problem(api.get("/api/v1/parts/99999999999"), 404, "EPC-0001")


def test_it_searches_parts_by_number_and_words(api, parts) -> None:
    by_number = api.get(f"/api/v1/vehicles/{VIN}/parts/search", q="11 42 7 508 969").json()
    assert by_number["by_number"] and by_number["hits"][0]["part"]["replaced_by"]
    by_words = api.get(f"/api/v1/vehicles/{VIN}/parts/search", q="o-ring").json()
    assert by_words["hits"][0]["used_in"][0]["position"] == "2"


def test_it_explains_a_search_it_cannot_use(api) -> None:
    assert_problem(api.get(f"/api/v1/vehicles/{VIN}/parts/search", q="x"), 422, "EPC-0004")


def test_it_refuses_a_workshop_without_a_ticket(outsider, applications, vehicle, parts) -> None:
    api = ApiClient(make_token(outsider))
    assert_problem(api.get(f"/api/v1/vehicles/{VIN}/parts/groups"), 403)
    assert_problem(api.get("/api/v1/parts/11427953129"), 403)


def test_it_refuses_without_a_token(applications) -> None:
    assert ApiClient(None).get("/api/v1/parts/11427953129").status_code == 401


def entry(api: ApiClient, items: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    return api.post(
        f"/api/v1/vehicles/{VIN}/service-entries",
        {
            "mileage": "130500",
            "maintenance_date": (clock.today() - timedelta(days=1)).isoformat(),
            "positions": [],
            "items": items,
            "consent": True,
        },
    )


def test_it_stores_parts_sent_with_a_service_entry(api, parts) -> None:
    response = entry(api, [{"kind": "PART", "number": "11 42 7 525 334", "quantity": "2"}])
    assert response.status_code == 201, response.content
    [line] = response.json()["lines"]
    assert (line["kind"], line["number"], line["quantity"]) == ("PART", "11 42 7 525 334", "2.00")
    assert line["gross_amount"] == "5.00"


def test_it_refuses_a_part_with_a_bad_quantity(api, parts) -> None:
    response = entry(api, [{"kind": "PART", "number": "11427525334", "quantity": "0"}])
    assert_problem(response, 422, "API-0001")


def test_it_refuses_an_unknown_part_in_a_service_entry(api, parts) -> None:
    response = entry(api, [{"kind": "PART", "number": "99999999999", "quantity": "1"}])
    assert_problem(response, 422, "SH-0080")


def test_it_lets_another_workshop_store_parts_on_the_same_car(
    outsider, applications, vehicle, parts
) -> None:
    grant_epc(outsider.organisation)
    response = entry(ApiClient(make_token(outsider)), [{"kind": "PART", "number": "11427525334"}])
    assert response.status_code == 201 and response.json()["lines"][0]["quantity"] == "1.00"
