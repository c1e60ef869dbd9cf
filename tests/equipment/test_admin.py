"""The operator's back office: tools (picture upload checked), the import page, and the
processing of requests (confirm, ship, cancel) that e-mails the workshop."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.equipment import services
from aftersales.equipment.models import Tool, ToolRequest

from .conftest import BLEEDER, SVG

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(operator, client_for):  # type: ignore[no-untyped-def]
    return client_for(operator)


def tool_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "number": "12 7 010",
        "name": "Battery tester",
        "name_da": "",
        "description": "",
        "description_da": "",
        "supplier": "Midtronics",
        "price": "690.00",
        "brands": ["bmw", "mini"],
        "calibration_months": "24",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_it_adds_a_tool_with_a_picture(admin_client) -> None:
    data = tool_form(picture_upload=SimpleUploadedFile("p.svg", SVG, content_type="image/svg+xml"))
    response = admin_client.post(reverse("admin:equipment_tool_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    tool = Tool.objects.get()
    assert (
        tool.brands == ["bmw", "mini"]
        and tool.calibration_months == 24
        and tool.picture_type == "svg"
    )


def test_it_refuses_bad_tool_data_next_to_the_field(admin_client) -> None:
    response = admin_client.post(
        reverse("admin:equipment_tool_add"), tool_form(calibration_months="300")
    )
    assert response.status_code == 200 and "EQ-0010" in response.content.decode()
    assert not Tool.objects.exists()


def test_it_refuses_an_unsafe_picture_keeping_the_tool(admin_client) -> None:
    bad = SimpleUploadedFile("p.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')
    admin_client.post(
        reverse("admin:equipment_tool_add"), tool_form(picture_upload=bad), follow=True
    )
    assert not Tool.objects.get().has_picture


def test_it_shows_the_import_page(admin_client) -> None:
    response = admin_client.get(reverse("admin:equipment_tool_import"))
    assert response.status_code == 200 and "calibration_months" in response.content.decode()


def test_it_confirms_a_request_from_its_page_and_emails_the_workshop(
    admin_client, owner, tools, django_capture_on_commit_callbacks
) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    page = admin_client.get(reverse("admin:equipment_toolrequest_change", args=[created.pk]))
    assert 'data-status="confirmed"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:equipment_toolrequest_status", args=[created.pk]),
            {"status": "confirmed", "note": "Ships Monday"},
        )
    created.refresh_from_db()
    assert created.status == "confirmed" and created.operator_note == "Ships Monday"
    assert mail.outbox[-1].to == [owner.email] and "Confirmed" in mail.outbox[-1].subject


def test_it_refuses_a_step_the_status_does_not_allow(admin_client, owner, tools) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    response = admin_client.post(
        reverse("admin:equipment_toolrequest_status", args=[created.pk]),
        {"status": "shipped"},
        follow=True,
    )
    assert "EQ-0021" in response.content.decode()
    assert ToolRequest.objects.get().status == "new"


def test_it_ships_confirmed_requests_from_the_list(admin_client, owner, operator, tools) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 1)])
    services.tool_request_status_set(request=created, status="confirmed", actor=operator)
    admin_client.post(
        reverse("admin:equipment_toolrequest_changelist"),
        {"action": "ship", "_selected_action": [created.pk]},
    )
    assert ToolRequest.objects.get().status == "shipped"


def test_it_lists_the_requests_for_the_operator(admin_client, owner, tools) -> None:
    created = services.tool_request_create(actor=owner, items=[(BLEEDER, 2)])
    body = admin_client.get(reverse("admin:equipment_toolrequest_changelist")).content.decode()
    assert created.number in body and f"2 × {BLEEDER}" in body


@pytest.mark.parametrize("object_id", ["abc", "%3Cscript%3E", "4711"])
def test_it_answers_404_for_a_request_id_that_is_not_one(admin_client, object_id) -> None:  # type: ignore[no-untyped-def]
    response = admin_client.get(f"/back-office/equipment/toolrequest/{object_id}/change/")
    assert response.status_code == 404
