"""The workshop's screens: access, the catalogue (search by number, words, brand), a tool with
the operations that need it, the picture, the inventory, requests, and what another workshop
(the outsider) reaches: nothing of this one's (404)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from aftersales.equipment import services
from aftersales.equipment.models import InventoryItem, ToolRequest

from .conftest import BLEEDER, SVG, VIN

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"equipment:{name}", kwargs=kwargs)


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


@pytest.fixture
def client(owner, client_for, tickets, tools) -> Client:  # type: ignore[no-untyped-def]
    return client_for(owner)


# --- access ----------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_the_login(applications) -> None:
    response = Client().get(url("tools"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_needs_a_ticket(owner, client_for, applications, tools) -> None:
    client = client_for(owner)
    for address in [
        url("tools"),
        url("tool", number="83300494060"),
        url("inventory"),
        url("requests"),
    ]:
        assert client.get(address).status_code == 403, address
    refused = client.post(url("inventory"), {"tool_number": BLEEDER})
    assert refused.status_code == 403 and not InventoryItem.objects.exists()


def test_it_is_started_from_the_catalogue(client) -> None:
    response = client.post(reverse("catalogue:start", kwargs={"slug": "workshop-equipment"}))
    assert response.status_code == 302 and response["Location"] == url("tools")


# --- catalogue -------------------------------------------------------------------------------


def test_it_lists_the_offered_tools_with_gross_prices(client) -> None:
    body = text(client.get(url("tools")))
    assert BLEEDER in body and "185.63" in body  # 148.50 + 25 % VAT


def test_it_finds_a_tool_by_the_start_of_its_number_without_spaces(client) -> None:
    body = text(client.get(url("tools"), {"q": "833004"}))
    assert BLEEDER in body and "00 9 250" not in body


def test_it_finds_tools_by_words(client) -> None:
    body = text(client.get(url("tools"), {"q": "torque wrench"}))
    assert "00 9 250" in body and BLEEDER not in body


def test_it_filters_by_brand_keeping_tools_for_every_brand(client) -> None:
    body = text(client.get(url("tools"), {"brand": "bmw_motorrad"}))
    assert "34 2 520" in body and "00 9 250" in body and BLEEDER not in body


def test_it_answers_htmx_with_the_rows_only(client) -> None:
    body = text(client.get(url("tools"), {"q": "brake"}, headers={"HX-Request": "true"}))
    assert 'id="tool-rows"' in body and "<html" not in body


def test_it_shows_a_tool_with_the_labour_operations_that_need_it(client, labour) -> None:
    body = text(client.get(url("tool", number="83300494060")))
    assert (
        "Brake bleeding adapter" in body and "34 00 500" in body and "Replace brake fluid" in body
    )


def test_it_answers_404_for_an_unknown_tool(client) -> None:
    assert client.get(url("tool", number="99999")).status_code == 404


def test_it_serves_the_picture_with_a_policy_that_runs_nothing(client, tools) -> None:
    services.tool_picture_set(tool=tools["bleeder"], content=SVG, name="a.svg")
    response = client.get(url("tool_picture", number="83300494060"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]


# --- inventory -------------------------------------------------------------------------------


def test_it_adds_a_tool_to_the_inventory(client, owner) -> None:
    response = client.post(
        url("inventory"),
        {"tool_number": "009250", "serial_number": "SW-1", "last_calibrated_on": "2026-01-10"},
    )
    assert response.status_code == 302
    item = InventoryItem.objects.get()
    assert item.organisation == owner.organisation and item.tool.number == "00 9 250"


def test_it_refuses_an_unknown_tool_next_to_the_field_keeping_what_was_typed(client) -> None:
    response = client.post(url("inventory"), {"tool_number": "99 9 999", "serial_number": "X-7"})
    body = text(response)
    assert response.status_code == 422 and "EQ-0001" in body and 'value="X-7"' in body


def test_it_shows_an_overdue_calibration(client, owner) -> None:
    services.inventory_item_add(actor=owner, tool_number="00 9 250")
    assert "never calibrated" in text(client.get(url("inventory")))


def test_it_changes_and_removes_an_inventory_item(client, owner) -> None:
    item = services.inventory_item_add(actor=owner, tool_number=BLEEDER)
    client.post(url("inventory_item", pk=item.pk), {"serial_number": "N-2", "note": "van"})
    item.refresh_from_db()
    assert item.serial_number == "N-2" and item.note == "van"
    client.post(url("inventory_item_remove", pk=item.pk))
    assert not InventoryItem.objects.exists()


# --- requests --------------------------------------------------------------------------------


def test_it_prefills_the_request_form_from_the_order_base_link(client) -> None:
    body = text(client.get(url("request_new"), {"tool": BLEEDER, "vin": VIN}))
    assert f'value="{BLEEDER}"' in body and VIN in body


def test_it_sends_a_request_and_shows_its_state(
    client, owner, operator, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request_new"),
            {"number_1": BLEEDER, "quantity_1": "2", "number_2": "", "note": "asap", "vin": VIN},
        )
    created = ToolRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == url("request", pk=created.pk)
    assert created.vin == VIN and created.lines.get().quantity == 2
    body = text(client.get(url("request", pk=created.pk)))
    assert created.number in body and "New" in body
    assert any(owner.email in message.to for message in mail.outbox)


def test_it_refuses_a_bad_quantity_keeping_the_rows(client) -> None:
    response = client.post(url("request_new"), {"number_1": BLEEDER, "quantity_1": "500"})
    assert response.status_code == 422 and "EQ-0020" in text(response)
    assert f'value="{BLEEDER}"' in text(response) and not ToolRequest.objects.exists()


def test_it_requests_a_tool_from_its_page(client) -> None:
    response = client.post(url("tool_request", number="83300494060"), {"quantity": "1"})
    created = ToolRequest.objects.get()
    assert response["Location"] == url("request", pk=created.pk)


def test_it_cancels_a_new_request(client, owner) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    client.post(url("request_cancel", pk=created.pk))
    created.refresh_from_db()
    assert created.status == "cancelled"


def test_it_lists_the_organisations_requests(client, owner) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    assert created.number in text(client.get(url("requests")))


# --- outsiders -------------------------------------------------------------------------------


def test_an_outsider_reaches_no_inventory_item_of_another_workshop(
    client, owner, outsider, client_for
) -> None:
    item = services.inventory_item_add(actor=owner, tool_number=BLEEDER)
    other = client_for(outsider)
    assert other.get(url("inventory_item", pk=item.pk)).status_code == 404
    assert other.post(url("inventory_item_remove", pk=item.pk)).status_code == 404
    assert InventoryItem.objects.filter(pk=item.pk).exists()
    assert 'data-testid="inventory"' not in text(other.get(url("inventory")))


def test_an_outsider_reaches_no_request_of_another_workshop(
    client, owner, outsider, client_for
) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    other = client_for(outsider)
    assert other.get(url("request", pk=created.pk)).status_code == 404
    assert other.post(url("request_cancel", pk=created.pk)).status_code == 404
    assert created.number not in text(other.get(url("requests")))
    created.refresh_from_db()
    assert created.status == "new"


def test_an_outsider_sees_its_own_inventory_count_in_the_catalogue(
    client, owner, outsider, client_for
) -> None:
    services.inventory_item_add(actor=owner, tool_number=BLEEDER)
    body = text(client_for(outsider).get(url("tools"), {"q": "8330"}))
    assert "1 piece" not in body


def test_it_lists_the_documents_that_need_the_tool(client, owner) -> None:
    from aftersales.documents import rules as document_rules
    from tests.documents.conftest import grant_information_research, make_document

    grant_information_research(owner.organisation)
    make_document(
        "RA 34 00 500",
        title="Brake fluid: replace",
        links=[document_rules.link_clean("tool", BLEEDER)],
    )
    body = text(client.get(url("tool", number="83300494060")))
    assert "Brake fluid: replace" in body
