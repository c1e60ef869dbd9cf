"""The order base of Service history shows the special tools its labour operations need: a
warning for one the workshop lacks, never a block, with a link to request it; and its PDF
lists them."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from aftersales import clock
from aftersales.equipment import services
from aftersales.orders.drafts import SESSION_KEY
from aftersales.servicedata.models import LabourOperation
from aftersales.servicehistory.models import ServiceEntry

from .conftest import BLEEDER, VIN

pytestmark = pytest.mark.django_db
WARNING = f"Special tool {BLEEDER} required, not in your inventory."


@pytest.fixture
def client(owner, client_for, tickets, vehicle, labour, tools) -> Client:  # type: ignore[no-untyped-def]
    return client_for(owner)


def add_operation(client: Client, number: str) -> None:
    operation = LabourOperation.objects.filter(
        number=number, brand="bmw"
    ).first() or LabourOperation.objects.get(number=number, engine_type="N54")
    response = client.post(
        reverse("servicedata:operation_add", kwargs={"vin": VIN, "pk": operation.pk}),
        {"quantity": "1"},
    )
    assert response.status_code == 302


def order_base(client: Client) -> str:
    return client.get(reverse("servicehistory:order_base", kwargs={"vin": VIN})).content.decode()


def test_it_warns_of_a_special_tool_not_in_the_inventory(client) -> None:
    add_operation(client, "34 00 500")  # Replace brake fluid
    body = order_base(client)
    assert WARNING in body and 'data-testid="request-tool"' in body
    assert f"/workshop-equipment/requests/new/?tool=83+30+0+494+060&amp;vin={VIN}" in body


def test_it_shows_a_tool_in_the_inventory_without_warning(client, owner) -> None:
    services.inventory_item_add(actor=owner, tool_number=BLEEDER)
    add_operation(client, "34 00 500")
    body = order_base(client)
    assert 'data-testid="special-tools"' in body and WARNING not in body


def test_it_says_when_every_piece_of_a_tool_is_due_for_calibration(client, owner) -> None:
    add_operation(client, "34 11 000")  # needs 34 1 260
    services.inventory_item_add(actor=owner, tool_number="34 1 260")
    from aftersales.equipment.models import Tool

    Tool.objects.filter(number="34 1 260").update(calibration_months=6)
    item = services.inventory_item_add(actor=owner, tool_number="34 1 260", serial_number="2")
    services.inventory_item_change(
        item=item,
        serial_number="2",
        last_calibrated_on=clock.today() - timedelta(days=400),
        note="",
    )
    assert "yes, calibration overdue" in order_base(client)


def test_it_shows_no_panel_when_the_work_needs_no_special_tool(client) -> None:
    add_operation(client, "13 71 000")  # air filter: no tool
    assert 'data-testid="special-tools"' not in order_base(client)


def test_it_names_a_tool_that_is_not_in_the_catalogue_without_offering_a_request(client) -> None:
    add_operation(client, "11 00 050")  # needs 11 4 650, not in the test catalogue
    body = order_base(client)
    assert "Special tool 11 4 650 required, not in your inventory." in body
    assert "not in the tool catalogue" in body and "tool=11+4+650" not in body


def test_it_says_a_request_is_on_its_way_instead_of_offering_another(client, owner) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    add_operation(client, "34 00 500")
    body = order_base(client)
    assert f"request {created.number} new" in body and 'data-testid="request-tool"' not in body


def test_it_stores_the_entry_although_a_tool_is_missing(client) -> None:
    add_operation(client, "34 00 500")
    session = client.session
    draft = session[SESSION_KEY][VIN]
    draft.update(mileage="130500", maintenance_date=(clock.today() - timedelta(days=1)).isoformat())
    session.save()
    response = client.post(
        reverse("servicehistory:order_base", kwargs={"vin": VIN}),
        {"step": "store", "consent": "on"},
    )
    assert response.status_code == 302
    assert ServiceEntry.objects.get().lines.filter(number="34 00 500").exists()


def test_it_prints_the_special_tools_in_the_order_base_pdf(client) -> None:
    add_operation(client, "34 00 500")
    response = client.post(
        reverse("servicehistory:order_base", kwargs={"vin": VIN}), {"step": "print"}
    )
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Special tools" in text and BLEEDER in text


def test_the_warning_needs_no_ticket_but_the_request_link_does(
    owner, client_for, applications, vehicle, labour, tools
) -> None:
    from .conftest import grant

    grant(owner.organisation, "commercial-service-data")  # no Workshop equipment ticket
    client = client_for(owner)
    add_operation(client, "34 00 500")
    body = order_base(client)
    assert WARNING in body and 'data-testid="request-tool"' not in body


def test_an_outsider_sees_its_own_inventory_on_its_order_base(
    client, owner, outsider, client_for
) -> None:
    services.inventory_item_add(actor=owner, tool_number=BLEEDER)
    other = client_for(outsider)
    add_operation(other, "34 00 500")
    assert WARNING in order_base(other)
