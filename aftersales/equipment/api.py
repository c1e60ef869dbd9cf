"""Workshop equipment's routes of the API (mounted under /api/v1/ by the registry): the tool
catalogue, the organisation's inventory and its tool requests. Everything a workshop reaches by
id is its own (another organisation's: 404 EQ-0002 / EQ-0003)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from aftersales.accounts.models import User
from aftersales.accounts.vat import vat_rate
from aftersales.api.auth import TokenAuth, require_application
from aftersales.api.common import VinPath, errors, resolve_vehicle
from aftersales.api.text import IntOrText, MultilineText, Text
from aftersales.portal.money import to_cent
from aftersales.servicedata.selectors import operations_by_number, operations_needing_tool

from . import services
from .models import InventoryItem, Tool, ToolRequest
from .selectors import (
    APPLICATION_SLUG,
    inventory_counts,
    inventory_for,
    inventory_item_get,
    required_tools,
    tool_get,
    tool_request_get,
    tool_requests_for,
    tool_search,
)

router = Router()


class Price(Schema):
    net: Decimal = Field(description="Net price in EUR. Decimal string.")
    gross: Decimal | None = Field(
        None, description="Incl. the VAT of your organisation's country, rounded to the cent."
    )
    currency: str = "EUR"


class ToolOut(Schema):
    number: str = Field(description="As printed, e.g. `83 30 0 494 060`.")
    key: str = Field(description="Without spaces; any form of the number finds the tool.")
    name: str = Field(description="In the response language.")
    supplier: str
    price: Price | None = Field(None, description="null: price on request.")
    brands: list[str] = Field(description="Brands it serves; empty: every brand.")
    calibration_months: int | None = Field(None, description="null: needs no calibration.")
    offered: bool = Field(description="false: withdrawn, cannot be requested.")
    in_inventory: int = Field(description="How many your organisation has.")


class ToolDetail(ToolOut):
    description: str
    picture_url: str | None = Field(None, description="The page's picture (SVG or PNG).")
    labour_operations: list[str] = Field(
        description="Numbers of the labour operations (Commercial Service Data) that need it."
    )


class ToolList(Schema):
    search: str
    more: bool = Field(description="More tools match than the 50 returned.")
    tools: list[ToolOut]


class ToolQuery(Schema):
    search: Text = Field("", max_length=100, description="A tool number (its start) or words.")
    brand: Text = Field("", max_length=20, description="Only tools for this brand, e.g. `mini`.")


class RequiredToolsQuery(Schema):
    operations: list[Text] = Field(
        ..., description="Labour operation numbers; repeat the parameter per operation."
    )


class RequiredToolOut(Schema):
    number: str
    name: str | None = Field(None, description="null: the number is not in the tool catalogue.")
    operations: list[str] = Field(description="The asked operations that need it.")
    in_inventory: int = Field(description="How many your organisation has.")
    calibration_overdue: bool = Field(description="Every piece you have is due for calibration.")
    missing: bool = Field(description="Not in your inventory: a warning, never a block.")
    warning: str | None = Field(
        None,
        description="As the order base says it, e.g. `Special tool … required, not in your "
        "inventory.`",
    )
    open_request: str | None = Field(
        None, description="Your open request for it, e.g. `TR-000012`."
    )
    requestable: bool = Field(description="In the catalogue and offered: POST /tool-requests.")


class RequiredToolsOut(Schema):
    vin: str
    tools: list[RequiredToolOut]


class InventoryOut(Schema):
    id: int
    tool: str = Field(description="The tool's number.")
    name: str
    serial_number: str
    last_calibrated_on: date | None
    calibration_due: date | None = Field(None, description="null: needs none, or never done.")
    calibration_overdue: bool
    note: str


class InventoryIn(Schema):
    tool: Text = Field(max_length=40, description="The tool's number.")
    serial_number: Text = Field("", max_length=60)
    last_calibrated_on: date | None = None
    note: Text = Field("", max_length=200)


class InventoryChange(Schema):
    serial_number: Text = Field("", max_length=60)
    last_calibrated_on: date | None = None
    note: Text = Field("", max_length=200)


class RequestItem(Schema):
    tool: Text = Field(max_length=40, description="The tool's number.")
    quantity: IntOrText = Field(1, description="1 to 99.")


class RequestIn(Schema):
    items: list[RequestItem] = Field(description="1 to 20 tools.")
    note: MultilineText = Field("", max_length=2000)
    vin: Text = Field("", max_length=17, description="The vehicle the tools are for (optional).")


class RequestLineOut(Schema):
    tool: str
    name: str
    quantity: int
    unit_price_net: Decimal | None


class RequestEventOut(Schema):
    status: str
    at: datetime
    note: str


class RequestOut(Schema):
    id: int
    number: str = Field(description="e.g. `TR-000012`.")
    status: str = Field(description="new → confirmed → shipped, or cancelled.")
    created_at: datetime
    updated_at: datetime
    vin: str
    note: str
    operator_note: str = Field(description="What the support says, e.g. a tracking number.")
    lines: list[RequestLineOut]
    events: list[RequestEventOut]


def _language() -> str:
    return translation.get_language() or "en"


def _price(tool: Tool, user: User) -> dict[str, Any] | None:
    if tool.price is None:
        return None
    organisation = user.organisation
    gross = (
        to_cent(tool.price * (1 + vat_rate(organisation.country) / 100)) if organisation else None
    )
    return {"net": tool.price, "gross": gross, "currency": "EUR"}


def _tool_out(tool: Tool, user: User, count: int) -> dict[str, Any]:
    return {
        "number": tool.number,
        "key": tool.number_key,
        "name": tool.text("name", _language()),
        "supplier": tool.supplier,
        "price": _price(tool, user),
        "brands": list(tool.brands),
        "calibration_months": tool.calibration_months,
        "offered": tool.active,
        "in_inventory": count,
    }


def _item_out(item: InventoryItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "tool": item.tool.number,
        "name": item.tool.text("name", _language()),
        "serial_number": item.serial_number,
        "last_calibrated_on": item.last_calibrated_on,
        "calibration_due": item.calibration_due,
        "calibration_overdue": item.calibration_overdue(),
        "note": item.note,
    }


def _request_out(found: ToolRequest) -> dict[str, Any]:
    return {
        "id": found.pk,
        "number": found.number,
        "status": found.status,
        "created_at": found.created_at,
        "updated_at": found.updated_at,
        "vin": found.vin,
        "note": found.note,
        "operator_note": found.operator_note,
        "lines": [
            {
                "tool": line.tool.number,
                "name": line.tool.text("name", _language()),
                "quantity": line.quantity,
                "unit_price_net": line.unit_price,
            }
            for line in found.lines.all()
        ],
        "events": [
            {"status": event.status, "at": event.at, "note": event.note}
            for event in found.events.all()
        ],
    }


@router.get(
    "/tools",
    response={200: ToolList, **errors(403, 422, 503)},
    summary="Search the special tools",
    description="Tools offered to workshops whose number starts with the digits typed (spaces "
    "do not matter) or whose number, name or supplier holds every word; at most 50.",
    operation_id="tools_search",
)
def tools_list(request: HttpRequest, query: Query[ToolQuery]) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    found = tool_search(search=query.search, brand=query.brand.strip().lower())
    counts = inventory_counts(
        organisation=user.organisation, tool_ids=[tool.pk for tool in found.tools]
    )
    return {
        "search": found.search,
        "more": found.more,
        "tools": [_tool_out(tool, user, counts.get(tool.pk, 0)) for tool in found.tools],
    }


@router.get(
    "/tools/{number}",
    response={200: ToolDetail, **errors(403, 404, 503)},
    summary="A special tool by its number",
    description="With the labour operations that need it and how many your organisation has. "
    "Unknown number: 404 EQ-0001.",
    operation_id="tool_get",
)
def tool_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    tool = tool_get(number=number)
    count = inventory_counts(organisation=user.organisation, tool_ids=[tool.pk]).get(tool.pk, 0)
    return {
        **_tool_out(tool, user, count),
        "description": tool.text("description", _language()),
        "picture_url": f"/workshop-equipment/tools/{tool.number_key}/picture/"
        if tool.has_picture
        else None,
        "labour_operations": list(
            dict.fromkeys(op.number for op in operations_needing_tool(tool_number=tool.number))
        ),
    }


@router.get(
    "/vehicles/{vin}/required-tools",
    response={200: RequiredToolsOut, **errors(403, 404, 409, 422, 503)},
    summary="The special tools labour operations need on a vehicle, and whether you have them",
    description="For the operations asked (the variant valid for the vehicle, Commercial Service "
    "Data), each special tool once, with your inventory and open requests: what the order base "
    "shows. Numbers that no operation valid for the vehicle has are left out.",
    operation_id="vehicle_required_tools",
)
def vehicle_required_tools(
    request: HttpRequest, vin: VinPath, query: Query[RequiredToolsQuery]
) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    found = operations_by_number(vehicle=vehicle, numbers=query.operations[:50])
    needs = [
        (tool, operation.number)
        for operation in found.values()
        if operation.current is not None
        for tool in operation.current.tool_numbers
    ]
    tools = required_tools(needs=needs, organisation=user.organisation)
    language = _language()
    return {
        "vin": vehicle.vin,
        "tools": [
            {
                "number": entry.number,
                "name": entry.tool.text("name", language) if entry.tool else None,
                "operations": entry.operations,
                "in_inventory": entry.in_inventory,
                "calibration_overdue": entry.overdue,
                "missing": entry.missing,
                "warning": _("Special tool %(number)s required, not in your inventory.")
                % {"number": entry.number}
                if entry.missing
                else None,
                "open_request": entry.open_request.number if entry.open_request else None,
                "requestable": entry.requestable,
            }
            for entry in tools
        ],
    }


@router.get(
    "/tool-inventory",
    response={200: list[InventoryOut], **errors(403, 503)},
    summary="Your organisation's tool inventory",
    description="Every tool your organisation has, with its serial number and when its next "
    "calibration is due.",
    operation_id="tool_inventory_list",
)
def inventory_list(request: HttpRequest) -> list[dict[str, Any]]:
    user = require_application(request, APPLICATION_SLUG)
    return [_item_out(item) for item in inventory_for(organisation=user.organisation)]


@router.post(
    "/tool-inventory",
    auth=TokenAuth(write=True),
    response={201: InventoryOut, **errors(403, 404, 409, 422, 503)},
    summary="Add a tool to your inventory",
    description="EQ-0001 unknown tool, EQ-0011 a calibration date in the future, EQ-0012 the "
    "same tool with the same serial number is already there.",
    operation_id="tool_inventory_add",
)
def inventory_add(request: HttpRequest, payload: InventoryIn) -> Status[dict[str, Any]]:
    user = require_application(request, APPLICATION_SLUG)
    item = services.inventory_item_add(
        actor=user,
        tool_number=payload.tool,
        serial_number=payload.serial_number,
        last_calibrated_on=payload.last_calibrated_on,
        note=payload.note,
    )
    return Status(201, _item_out(item))


@router.put(
    "/tool-inventory/{int:item_id}",
    auth=TokenAuth(write=True),
    response={200: InventoryOut, **errors(403, 404, 409, 422, 503)},
    summary="Change an item of your inventory (serial number, last calibration, note)",
    description="Another organisation's item: 404 EQ-0002. EQ-0011 a calibration date in the "
    "future, EQ-0012 the same serial number as another piece of the tool.",
    operation_id="tool_inventory_change",
)
def inventory_change(
    request: HttpRequest, item_id: int, payload: InventoryChange
) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    item = inventory_item_get(organisation=user.organisation, pk=item_id)
    services.inventory_item_change(
        item=item,
        serial_number=payload.serial_number,
        last_calibrated_on=payload.last_calibrated_on,
        note=payload.note,
    )
    return _item_out(item)


@router.delete(
    "/tool-inventory/{int:item_id}",
    auth=TokenAuth(write=True),
    response={204: None, **errors(403, 404, 503)},
    summary="Take an item out of your inventory",
    description="Another organisation's item: 404 EQ-0002.",
    operation_id="tool_inventory_remove",
)
def inventory_remove(request: HttpRequest, item_id: int) -> Status[None]:
    user = require_application(request, APPLICATION_SLUG)
    services.inventory_item_remove(
        item=inventory_item_get(organisation=user.organisation, pk=item_id)
    )
    return Status(204, None)


@router.get(
    "/tool-requests",
    response={200: list[RequestOut], **errors(403, 503)},
    summary="Your organisation's tool requests, newest first",
    description="The latest 200 requests with their lines, state and history.",
    operation_id="tool_requests_list",
)
def requests_list(request: HttpRequest) -> list[dict[str, Any]]:
    user = require_application(request, APPLICATION_SLUG)
    return [_request_out(found) for found in tool_requests_for(organisation=user.organisation)]


@router.post(
    "/tool-requests",
    auth=TokenAuth(write=True),
    response={201: RequestOut, **errors(403, 404, 422, 503)},
    summary="Request tools",
    description="An order request to the operator (status `new`); you get an e-mail now and on "
    "each change. EQ-0001 unknown tool, EQ-0020 no tools, a tool no longer offered, a quantity "
    "outside 1-99.",
    operation_id="tool_request_create",
)
def request_create(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    user = require_application(request, APPLICATION_SLUG)
    created = services.tool_request_create(
        actor=user,
        items=[(item.tool, item.quantity) for item in payload.items],
        note=payload.note,
        vin=payload.vin,
    )
    return Status(
        201, _request_out(tool_request_get(organisation=user.organisation, pk=created.pk))
    )


@router.get(
    "/tool-requests/{int:request_id}",
    response={200: RequestOut, **errors(403, 404, 503)},
    summary="One of your tool requests with its state and history",
    description="Another organisation's request: 404 EQ-0003.",
    operation_id="tool_request_get",
)
def request_detail(request: HttpRequest, request_id: int) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    return _request_out(tool_request_get(organisation=user.organisation, pk=request_id))
