"""The workshop's screens: access, VIN entry, the search (valid operations only, by number or
words), adding operations and packages to the order base, and what an outsider sees."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales.orders.drafts import SESSION_KEY
from aftersales.servicedata.models import LabourOperation
from aftersales.servicedata.rules import OperationContent
from aftersales.servicedata.services import ValidityData, labour_operation_create

from .conftest import VIN

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"servicedata:{name}", kwargs=kwargs)


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


@pytest.fixture
def client(owner, client_for, tickets, vehicle, labour) -> Client:  # type: ignore[no-untyped-def]
    return client_for(owner)


def oil(vehicle) -> LabourOperation:  # type: ignore[no-untyped-def]
    return LabourOperation.objects.get(number="11 00 050", engine_type=vehicle.engine_type)


def items(client: Client) -> list[dict[str, str]]:
    return client.session[SESSION_KEY][VIN]["items"]


# --- access ----------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_the_login(applications) -> None:
    response = Client().get(url("vin_entry"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_needs_a_ticket(owner, client_for, applications, vehicle, labour) -> None:
    client = client_for(owner)
    response = client.get(url("vehicle", vin=VIN))
    assert response.status_code == 403
    added = client.post(url("operation_add", vin=VIN, pk=oil(vehicle).pk), {"quantity": "1"})
    assert added.status_code == 403 and SESSION_KEY not in client.session


def test_it_is_started_from_the_catalogue(client) -> None:
    response = client.post(reverse("catalogue:start", kwargs={"slug": "commercial-service-data"}))
    assert response.status_code == 302 and response["Location"] == url("vin_entry")


def test_it_opens_the_vehicle_by_its_last_7_characters(client) -> None:
    response = client.get(url("vin_entry"), {"vin": "a193748"})
    assert response.status_code == 302 and response["Location"] == url("vehicle", vin=VIN)


def test_it_keeps_a_malformed_vin_and_says_what_is_wrong(client) -> None:
    body = text(client.get(url("vin_entry"), {"vin": "WBA<b>1"}))
    assert "VIN-0001" in body and "WBA&lt;b&gt;1" in body and "WBA<b>1" not in body


# --- search ----------------------------------------------------------------------------------


def test_it_lists_only_the_operations_valid_for_the_vehicle(client) -> None:
    body = text(client.get(url("vehicle", vin=VIN)))
    assert "11 00 050" in body and "11 65 015" in body
    assert "13 32 000" not in body and "11 00 510" not in body


def test_it_searches_by_number_with_or_without_spaces(client) -> None:
    for search in ("11 00", "1100", "11 00 050"):
        body = text(client.get(url("vehicle", vin=VIN), {"q": search}))
        assert 'data-number="11 00 050"' in body, search
        assert 'data-number="12 12 000"' not in body, search


def test_it_searches_by_words_in_english_and_danish(client) -> None:
    body = text(client.get(url("vehicle", vin=VIN), {"q": "oil FILTER"}))
    assert 'data-number="11 00 050"' in body and 'data-number="34 11 000"' not in body
    body = text(client.get(url("vehicle", vin=VIN), {"q": "tændrør"}))
    assert 'data-number="12 12 000"' in body


def test_it_says_when_nothing_matches_and_escapes_the_search(client) -> None:
    body = text(client.get(url("vehicle", vin=VIN), {"q": "<script>x"}))
    assert "No labour operation valid for this vehicle matches" in body
    assert "&lt;script&gt;x" in body and "<script>x" not in body


def test_it_shows_the_price_at_the_workshops_rate(client) -> None:
    body = text(client.get(url("vehicle", vin=VIN), {"q": "11 00 050"}))
    assert "487.50" in body  # 6 FRU × 81.25 (780.00 an hour + 25 % VAT)


def test_it_answers_htmx_with_the_results_only(client) -> None:
    response = client.get(url("vehicle", vin=VIN), {"q": "oil"}, headers={"HX-Request": "true"})
    assert text(response).startswith('<div id="sd-results"')


def test_its_search_page_reads_a_fixed_number_of_queries(client, vehicle) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("vehicle", vin=VIN), {"q": "engine"}).status_code == 200
        return len(captured)

    before = queries()
    for n in range(60):
        labour_operation_create(
            number=f"11 90 {n:03d}",
            validity=ValidityData(series="E91"),
            content=OperationContent(description=f"Engine extra work {n}", units=Decimal(2)),
            actor=None,
        )
    assert queries() == before


# --- adding to the order base ----------------------------------------------------------------


def test_it_adds_an_operation_with_its_quantity(client, vehicle) -> None:
    operation = oil(vehicle)
    response = client.post(
        url("operation_add", vin=VIN, pk=operation.pk), {"quantity": "1,5", "q": "oil"}
    )
    assert (
        response.status_code == 302 and response["Location"] == url("vehicle", vin=VIN) + "?q=oil"
    )
    assert items(client) == [
        {
            "kind": "LAB",
            "number": "11 00 050",
            "version": str(operation.current_id),
            "quantity": "1.5",
        }
    ]
    page = text(client.get(response["Location"]))
    assert "is on the order base" in page and "731.25" in page


def test_it_replaces_the_quantity_when_added_again(client, vehicle) -> None:
    address = url("operation_add", vin=VIN, pk=oil(vehicle).pk)
    client.post(address, {"quantity": "1"})
    client.post(address, {"quantity": "2"})
    assert [item["quantity"] for item in items(client)] == ["2"]


def test_it_refuses_a_bad_quantity_next_to_the_row_and_keeps_it(client, vehicle) -> None:
    operation = oil(vehicle)
    response = client.post(
        url("operation_add", vin=VIN, pk=operation.pk), {"quantity": "2x", "q": "oil"}
    )
    body = text(response)
    assert response.status_code == 422
    assert "CSD-0003" in body and 'value="2x"' in body
    assert SESSION_KEY not in client.session or not items(client)


def test_it_refuses_an_operation_of_another_vehicle(client) -> None:
    diesel = LabourOperation.objects.filter(number="13 32 000").first()
    response = client.post(url("operation_add", vin=VIN, pk=diesel.pk), {"quantity": "1"})
    assert response.status_code == 404


def test_it_shows_an_operations_detail(client, vehicle) -> None:
    body = text(client.get(url("operation", vin=VIN, pk=oil(vehicle).pk)))
    assert "Drain the engine oil" in body and "11 4 650" in body and "LOV-" in body


def test_it_links_the_special_tools_to_workshop_equipment(client, vehicle) -> None:
    body = text(client.get(url("operation", vin=VIN, pk=oil(vehicle).pk)))
    assert 'href="/workshop-equipment/tools/114650/"' in body


def test_it_adds_a_package_as_a_whole(client) -> None:
    response = client.post(url("package_add", vin=VIN, number="SP-OIL-N54"))
    assert response.status_code == 302
    assert items(client) == [{"kind": "LAB", "number": "SP-OIL-N54", "package": "1"}]
    page = text(client.get(url("vehicle", vin=VIN)))
    assert "Oil service N54: Engine oil service with oil filter" in page


def test_it_shows_a_packages_detail(client) -> None:
    body = text(client.get(url("package", vin=VIN, number="SP-OIL-N54")))
    assert "Engine oil 5W-30 Longlife-01" in body and "6.5 l" in body


def test_it_refuses_a_package_of_another_vehicle(client) -> None:
    assert client.get(url("package", vin=VIN, number="SP-OIL-B47")).status_code == 404
    assert client.post(url("package_add", vin=VIN, number="SP-OIL-B47")).status_code == 404


def test_it_removes_an_item_again(client) -> None:
    client.post(url("package_add", vin=VIN, number="SP-OIL-N54"))
    client.post(url("item_remove", vin=VIN), {"number": "SP-OIL-N54"})
    assert items(client) == []


def test_the_order_base_shows_lab_lines_beside_srp(client, vehicle) -> None:
    client.post(url("operation_add", vin=VIN, pk=oil(vehicle).pk), {"quantity": "1"})
    session = client.session
    session[SESSION_KEY][VIN]["positions"] = ["engine_oil"]
    session.save()
    body = text(client.get(reverse("servicehistory:order_base", kwargs={"vin": VIN})))
    assert 'data-kind="SRP"' in body and 'data-kind="LAB"' in body and "487.50" in body


# --- outsiders -------------------------------------------------------------------------------


def test_an_outsider_gets_its_own_prices_and_its_own_order(
    client, outsider, client_for, vehicle
) -> None:
    outsider.organisation.labour_rate_per_hour = Decimal("600.00")
    outsider.organisation.save()
    client.post(url("operation_add", vin=VIN, pk=oil(vehicle).pk), {"quantity": "1"})
    other = client_for(outsider)
    body = text(other.get(url("vehicle", vin=VIN), {"q": "11 00 050"}))
    assert "375.00" in body and "487.50" not in body  # 6 × 600 / 12 × 1.25
    assert "No labour operations on the order base yet" in body
