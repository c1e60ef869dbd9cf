"""The workshop's screens: access, VIN entry, tree, subgroup, illustration, image, search,
"Add to order", the parts on the order, and what another workshop (the outsider) sees."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from aftersales.orders.drafts import SESSION_KEY
from aftersales.parts.services import illustration_image_set
from tests.servicehistory.factories import WALKTHROUGH_VIN

from .factories import SVG, make_illustration, make_part, make_row

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"parts:{name}", kwargs=kwargs)


@pytest.fixture
def client(owner, client_for, epc, vehicle, parts) -> Client:  # type: ignore[no-untyped-def]
    return client_for(owner)


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def ill_url(parts) -> str:  # type: ignore[no-untyped-def]
    return url("illustration", vin=WALKTHROUGH_VIN, illustration_id=parts["illustration"].pk)


def part_items(client: Client) -> list[dict[str, str]]:
    return client.session[SESSION_KEY][WALKTHROUGH_VIN]["items"]


# --- access ----------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_the_login(applications) -> None:
    response = Client().get(url("vin_entry"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_every_screen_to_a_workshop_without_a_ticket(
    outsider, client_for, applications, vehicle, parts
) -> None:
    client = client_for(outsider)
    illustration = parts["illustration"]
    for address in [
        url("vin_entry"),
        url("vehicle", vin=WALKTHROUGH_VIN),
        url("subgroup", vin=WALKTHROUGH_VIN, subgroup_id=illustration.subgroup_id),
        ill_url(parts),
        url("search", vin=WALKTHROUGH_VIN) + "?q=oil",
        url("order", vin=WALKTHROUGH_VIN),
        url("illustration_image", illustration_id=illustration.pk),
    ]:
        response = client.get(address)
        assert response.status_code == 403, address
        assert "needs a ticket" in text(response)
    response = client.post(ill_url(parts), {"number": "11427525334", "quantity": "1"})
    assert response.status_code == 403 and SESSION_KEY not in client.session


def test_it_keeps_each_workshops_order_to_itself(client, outsider, client_for, parts) -> None:
    from .factories import grant_epc

    client.post(ill_url(parts), {"number": "11427525334", "quantity": "2"})
    grant_epc(outsider.organisation)
    other = client_for(outsider).get(url("order", vin=WALKTHROUGH_VIN))
    assert "11 42 7 525 334" not in text(other)


def test_it_is_started_from_the_catalogue(client) -> None:
    response = client.post(
        reverse("catalogue:start", kwargs={"slug": "electronic-parts-catalogue"})
    )
    assert response.status_code == 302 and response["Location"] == url("vin_entry")


# --- VIN entry and the tree ----------------------------------------------------------------------


def test_it_opens_the_vehicle_by_its_last_7_characters(client) -> None:
    response = client.get(url("vin_entry"), {"vin": "a193748"})
    assert response["Location"] == url("vehicle", vin=WALKTHROUGH_VIN)


def test_it_keeps_a_malformed_vin_and_says_what_is_wrong(client) -> None:
    body = text(client.get(url("vin_entry"), {"vin": "WBA<b>1"}))
    assert "VIN-0001" in body and 'value="WBA&lt;b&gt;1"' in body


def test_it_shows_the_tree_of_the_vehicle(client, parts) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    body = text(client.get(url("vehicle", vin=WALKTHROUGH_VIN)))
    assert "Main group 11" in body and "Subgroup 11 42" in body
    assert "Main group 34" not in body


def test_it_goes_straight_to_the_only_illustration_of_a_subgroup(client, parts) -> None:
    response = client.get(
        url("subgroup", vin=WALKTHROUGH_VIN, subgroup_id=parts["illustration"].subgroup_id)
    )
    assert response["Location"] == ill_url(parts)


def test_it_lists_the_illustrations_of_a_subgroup(client, parts) -> None:
    second = make_illustration("11_4031", title="Oil filter housing")
    make_row(second, "1", parts["ring"])
    response = client.get(url("subgroup", vin=WALKTHROUGH_VIN, subgroup_id=second.subgroup_id))
    assert response.status_code == 200 and "Oil filter housing" in text(response)


def test_it_answers_404_for_a_subgroup_without_parts_for_the_vehicle(client) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    response = client.get(url("subgroup", vin=WALKTHROUGH_VIN, subgroup_id=other.subgroup_id))
    assert response.status_code == 404


# --- the illustration ------------------------------------------------------------------------------


def test_it_shows_the_rows_and_hotspots_of_the_illustration(client, parts) -> None:
    illustration_image_set(illustration=parts["illustration"], content=SVG, name="oil.svg")
    body = text(client.get(ill_url(parts)))
    assert 'data-highlight="1"' in body and 'href="#pos-2"' in body
    assert "11 42 7 541 827" in body and "replaced by" in body and "11 42 7 953 129" in body
    assert "11 42 8 507 683" not in body  # the diesel's row
    assert "18.88" in body  # the successor's price with 25 % VAT


def test_it_answers_404_for_an_illustration_without_parts_for_the_vehicle(client) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    response = client.get(url("illustration", vin=WALKTHROUGH_VIN, illustration_id=other.pk))
    assert response.status_code == 404


def test_it_serves_the_drawing_with_a_policy_that_runs_nothing(client, parts) -> None:
    illustration_image_set(illustration=parts["illustration"], content=SVG, name="oil.svg")
    response = client.get(url("illustration_image", illustration_id=parts["illustration"].pk))
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_answers_404_for_an_illustration_without_a_drawing(client, parts) -> None:
    response = client.get(url("illustration_image", illustration_id=parts["illustration"].pk))
    assert response.status_code == 404


# --- add to order ----------------------------------------------------------------------------------


def test_it_adds_a_part_with_its_quantity(client, parts) -> None:
    response = client.post(ill_url(parts), {"number": "11427525334", "quantity": "2"})
    assert response.status_code == 302 and response["Location"] == ill_url(parts)
    assert part_items(client) == [{"kind": "PART", "number": "11427525334", "quantity": "2"}]


def test_it_changes_the_quantity_of_a_part_added_again(client, parts) -> None:
    client.post(ill_url(parts), {"number": "11427525334", "quantity": "2"})
    client.post(ill_url(parts), {"number": "11 42 7 525 334", "quantity": "3"})
    assert part_items(client) == [{"kind": "PART", "number": "11427525334", "quantity": "3"}]


def test_it_adds_the_successor_of_a_replaced_part(client, parts) -> None:
    client.post(ill_url(parts), {"number": "11427508969", "quantity": "1"})
    assert part_items(client)[0]["number"] == "11427953129"
    body = text(client.get(ill_url(parts)))
    assert "is replaced by" in body and "on the order: 1" in body


def test_it_keeps_a_bad_quantity_and_says_what_is_wrong(client, parts) -> None:
    response = client.post(ill_url(parts), {"number": "11427525334", "quantity": "2x"})
    body = text(response)
    assert response.status_code == 422
    assert "EPC-0003" in body and 'value="2x"' in body
    assert SESSION_KEY not in client.session or not part_items(client)


def test_it_refuses_an_unknown_part(client, parts) -> None:
    response = client.post(ill_url(parts), {"number": "99999999999", "quantity": "1"})
    assert response.status_code == 422 and "EPC-0001" in text(response)


def test_it_shows_the_parts_on_the_order_base_of_service_history(client, parts) -> None:
    client.post(ill_url(parts), {"number": "11427525334", "quantity": "2"})
    client.post(ill_url(parts), {"number": "11427953129", "quantity": "1"})
    body = text(client.get(reverse("servicehistory:order_base", kwargs={"vin": WALKTHROUGH_VIN})))
    assert 'data-kind="PART"' in body and "11 42 7 525 334" in body
    assert "23.88" in body  # 2 × 2.50 + 18.88


# --- search and the order --------------------------------------------------------------------------


def test_it_finds_a_part_number_typed_with_spaces(client, parts) -> None:
    body = text(client.get(url("search", vin=WALKTHROUGH_VIN), {"q": "11 42 7 525 334"}))
    assert 'data-testid="search-results"' in body and "O-ring 86x3" in body


def test_it_finds_an_old_number_through_its_supersession(client, parts) -> None:
    body = text(client.get(url("search", vin=WALKTHROUGH_VIN), {"q": "11 42 7 508 969"}))
    assert "replaced by" in body and "11 42 7 953 129" in body
    assert 'data-testid="add-11427953129"' in body


def test_it_finds_parts_by_words(client, parts) -> None:
    body = text(client.get(url("search", vin=WALKTHROUGH_VIN), {"q": "o-ring"}))
    assert "11 42 7 525 334" in body and "11_4030" in body


def test_it_explains_a_search_text_it_cannot_use(client, parts) -> None:
    response = client.get(url("search", vin=WALKTHROUGH_VIN), {"q": "x"})
    assert response.status_code == 422 and "EPC-0004" in text(response)
    assert 'value="x"' in text(response)


def test_it_adds_a_part_from_the_search(client, parts) -> None:
    address = url("search", vin=WALKTHROUGH_VIN) + "?q=o-ring"
    response = client.post(address, {"number": "11427525334", "quantity": "1"})
    assert response["Location"] == address and part_items(client)[0]["number"] == "11427525334"


def test_it_lists_and_removes_the_parts_on_the_order(client, parts) -> None:
    client.post(ill_url(parts), {"number": "11427525334", "quantity": "2"})
    assert "O-ring 86x3" in text(client.get(url("order", vin=WALKTHROUGH_VIN)))
    response = client.post(url("order_remove", vin=WALKTHROUGH_VIN), {"number": "11427525334"})
    assert response.status_code == 302 and part_items(client) == []
