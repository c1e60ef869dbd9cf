"""Writes of Workshop equipment: the catalogue by number, a workshop's inventory, tool
requests with their status steps and the e-mail on each change."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from aftersales import clock
from aftersales.equipment import services
from aftersales.equipment.models import InventoryItem, Tool, ToolRequest
from aftersales.equipment.rules import ToolData
from aftersales.portal.errors import RuleViolation

from .conftest import BLEEDER, SVG

pytestmark = pytest.mark.django_db


def test_it_creates_a_tool_then_leaves_it_unchanged_then_updates_it() -> None:
    data = ToolData(number=BLEEDER, name="Brake bleeding adapter", price=Decimal("148.5"))
    tool, outcome = services.tool_upsert(data=data)
    assert outcome == "created" and tool.price == Decimal("148.50")
    assert services.tool_upsert(data=data)[1] == "unchanged"
    data.price = Decimal("150")
    tool, outcome = services.tool_upsert(
        data=ToolData(number="83300494060", name=data.name, price=data.price)
    )
    assert outcome == "updated" and Tool.objects.get().price == Decimal("150.00")


def test_it_stores_a_checked_svg_picture(tools) -> None:
    tool = services.tool_picture_set(tool=tools["bleeder"], content=SVG, name="a.svg")
    assert tool.picture_type == "svg" and tool.has_picture


def test_it_refuses_an_svg_with_a_script_and_stores_nothing(tools) -> None:
    bad = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(RuleViolation) as refused:
        services.tool_picture_set(tool=tools["bleeder"], content=bad, name="a.svg")
    assert refused.value.code == "EQ-0030"
    assert not Tool.objects.get(pk=tools["bleeder"].pk).has_picture


def test_it_adds_a_tool_to_the_inventory_of_the_users_organisation(owner, tools) -> None:
    item = services.inventory_item_add(actor=owner, tool_number="83300494060", serial_number="A1")
    assert item.organisation == owner.organisation and item.tool == tools["bleeder"]


def test_it_refuses_the_same_tool_with_the_same_serial_number_twice(owner, tools) -> None:
    services.inventory_item_add(actor=owner, tool_number=BLEEDER, serial_number="A1")
    with pytest.raises(RuleViolation) as refused:
        services.inventory_item_add(actor=owner, tool_number=BLEEDER, serial_number="A1")
    assert refused.value.code == "EQ-0012"
    assert InventoryItem.objects.count() == 1


def test_it_keeps_a_second_piece_with_another_serial_number(owner, tools) -> None:
    services.inventory_item_add(actor=owner, tool_number=BLEEDER, serial_number="A1")
    services.inventory_item_add(actor=owner, tool_number=BLEEDER, serial_number="A2")
    assert InventoryItem.objects.count() == 2


def test_it_refuses_a_calibration_in_the_future(owner, tools) -> None:
    with pytest.raises(RuleViolation) as refused:
        services.inventory_item_add(
            actor=owner,
            tool_number="00 9 250",
            last_calibrated_on=clock.today() + timedelta(days=1),
        )
    assert refused.value.code == "EQ-0011" and refused.value.field == "last_calibrated_on"


def test_it_refuses_an_unknown_tool_for_the_inventory(owner, tools) -> None:
    with pytest.raises(RuleViolation) as refused:
        services.inventory_item_add(actor=owner, tool_number="99 9 999")
    assert refused.value.code == "EQ-0001"


def test_it_records_a_new_calibration(owner, tools) -> None:
    item = services.inventory_item_add(actor=owner, tool_number="00 9 250")
    services.inventory_item_change(
        item=item, serial_number="S-1", last_calibrated_on=date(2026, 1, 5), note="shelf 3"
    )
    item.refresh_from_db()
    assert (item.serial_number, item.last_calibrated_on, item.note) == (
        "S-1",
        date(2026, 1, 5),
        "shelf 3",
    )


def test_it_creates_a_request_with_its_lines_prices_and_first_event(owner, tools, operator) -> None:
    request = services.tool_request_create(
        actor=owner, items=[(BLEEDER, "2"), ("34 1 260", 1)], note="urgent", vin="wbauv71070a193748"
    )
    lines = {line.tool.number: (line.quantity, line.unit_price) for line in request.lines.all()}
    assert lines == {BLEEDER: (2, Decimal("148.50")), "34 1 260": (1, None)}
    assert request.status == "new" and request.vin == "WBAUV71070A193748"
    assert [event.status for event in request.events.all()] == ["new"]


def test_it_emails_the_requester_and_the_operators_when_a_request_arrives(
    owner, tools, operator, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        request = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    recipients = {tuple(message.to) for message in mail.outbox}
    assert recipients == {(owner.email,), (operator.email,)}
    assert any(request.number in message.subject for message in mail.outbox)


def test_it_merges_the_same_tool_named_twice(owner, tools) -> None:
    request = services.tool_request_create(actor=owner, items=[(BLEEDER, 1), ("83300494060", 2)])
    assert [line.quantity for line in request.lines.all()] == [3]


def test_it_refuses_a_request_without_tools(owner, tools) -> None:
    with pytest.raises(RuleViolation) as refused:
        services.tool_request_create(actor=owner, items=[("", 1)])
    assert refused.value.code == "EQ-0020"
    assert not ToolRequest.objects.exists()


def test_it_refuses_a_withdrawn_tool(owner, tools) -> None:
    Tool.objects.filter(pk=tools["bleeder"].pk).update(active=False)
    with pytest.raises(RuleViolation) as refused:
        services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    assert refused.value.code == "EQ-0020"


def test_it_takes_a_request_through_confirmed_and_shipped_emailing_each_change(
    owner, tools, operator, django_capture_on_commit_callbacks
) -> None:
    request = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.tool_request_status_set(request=request, status="confirmed", actor=operator)
        services.tool_request_status_set(
            request=request, status="shipped", actor=operator, note="Parcel 00340434"
        )
    request.refresh_from_db()
    assert request.status == "shipped" and request.operator_note == "Parcel 00340434"
    assert [event.status for event in request.events.all()] == ["new", "confirmed", "shipped"]
    assert [message.to for message in mail.outbox] == [[owner.email], [owner.email]]
    assert "Shipped" in mail.outbox[1].subject and "Parcel 00340434" in mail.outbox[1].body


def test_it_refuses_to_ship_a_request_not_yet_confirmed(owner, tools, operator) -> None:
    request = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    with pytest.raises(RuleViolation) as refused:
        services.tool_request_status_set(request=request, status="shipped", actor=operator)
    assert refused.value.code == "EQ-0021"


def test_it_lets_the_workshop_cancel_only_a_new_request(owner, tools, operator) -> None:
    request = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    services.tool_request_status_set(request=request, status="confirmed", actor=operator)
    with pytest.raises(RuleViolation) as refused:
        services.tool_request_cancel_by_workshop(request=request, actor=owner)
    assert refused.value.code == "EQ-0021"
