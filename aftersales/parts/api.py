"""The Electronic Parts Catalogue's routes of the API (mounted under /api/v1/ by the registry).

Ordering parts has no route of its own: parts go into `items` of the service-entry endpoint
(`POST /vehicles/{vin}/service-entries`, `{"kind": "PART", "number": ..., "quantity": ...}`),
the same order pipeline and rules as the pages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.api.auth import require_application
from aftersales.api.common import VinPath, errors, resolve_vehicle
from aftersales.api.text import Text
from aftersales.portal.errors import RuleViolation
from aftersales.portal.money import to_cent

from . import codes
from .models import Hotspot, Illustration, Part, SubGroup
from .selectors import (
    APPLICATION_SLUG,
    IllustrationView,
    RowView,
    gross_of,
    main_group_for_vehicle,
    part_get,
    part_search,
    prices_in_force,
    supersession_family,
    vehicle_tree,
)
from .templatetags.parts_tags import validity
from .views import IMAGE_CSP

router = Router()


class Price(Schema):
    net: Decimal = Field(description="Net price of one unit in EUR. Decimal string.")
    gross: Decimal = Field(
        description="Incl. the VAT of your organisation's country, rounded to the cent."
    )
    currency: str = "EUR"


class PartRef(Schema):
    number: str = Field(description="Without spaces; `items[].number` of a service entry.")
    display_number: str = Field(description="As printed, e.g. `11 42 7 953 129`.")
    description: str = Field(description="In the response language.")


class PartSummary(PartRef):
    unit: str = Field(description="`pcs` or `l`.")
    replaced_by: PartRef | None = Field(
        None, description="The current successor (end of the chain) when this number is replaced."
    )


class SubgroupRef(Schema):
    id: int
    number: str
    name: str


class MainGroupOut(Schema):
    id: int = Field(description="For GET /vehicles/{vin}/parts/groups/{id}.")
    number: str
    name: str
    subgroups: list[SubgroupRef]


class PartsTree(Schema):
    vin: str
    main_groups: list[MainGroupOut] = Field(
        description="Only the groups with parts valid for the vehicle (series, model code, "
        "engine, production date, options)."
    )


class HotspotOut(Schema):
    position: str
    x: int = Field(description="In the illustration's coordinate system (width × height).")
    y: int


class RowOut(Schema):
    position: str = Field(description="The hotspot number on the illustration.")
    part: PartSummary
    quantity: Decimal = Field(description="Per vehicle. Decimal string.")
    note: str
    validity: str = Field(description="What limits the row, as the page shows it.")
    price: Price | None = Field(
        None,
        description="Of the part that is ordered (the successor of a replaced part); null "
        "without a price in the price list in force.",
    )


class IllustrationOut(Schema):
    id: int
    number: str
    title: str
    image_url: str | None = Field(
        None, description="GET it with your token (SVG or PNG); null without a drawing."
    )
    width: int
    height: int
    hotspots: list[HotspotOut]
    rows: list[RowOut]


class SubgroupOut(SubgroupRef):
    illustrations: list[IllustrationOut]


class MainGroupDetail(Schema):
    vin: str
    id: int
    number: str
    name: str
    subgroups: list[SubgroupOut]


class PartDetail(PartSummary):
    replaced_on: date | None = Field(None, description="When this number was replaced.")
    chain: list[PartRef] = Field(
        description="This number, what replaced it, and so on to the current part (the last)."
    )
    replaces: list[PartRef] = Field(description="Older numbers this part replaces.")
    price: Price | None = Field(
        None, description="Of the current part, from the price list in force for you."
    )


class SearchHitOut(Schema):
    part: PartSummary
    price: Price | None = None
    used_in: list[dict[str, Any]] = Field(
        description="Where the part is used on this vehicle: illustration id, number, position."
    )


class SearchOut(Schema):
    query: str
    by_number: bool = Field(description="True when the text was read as a part number.")
    more: bool = Field(description="More parts match than the 50 returned.")
    hits: list[SearchHitOut]


class SearchQuery(Schema):
    q: Text = Field(
        max_length=200,
        description="A part number (spaces do not matter; an old number finds its successor) "
        "or words of the description.",
    )


def _language() -> str:
    return translation.get_language() or "en"


def _ref(part: Part) -> dict[str, Any]:
    return {
        "number": part.number,
        "display_number": part.display_number,
        "description": part.text("description", _language()),
    }


def _summary(part: Part) -> dict[str, Any]:
    successor = part.successor if part.is_superseded else None
    return {**_ref(part), "unit": part.unit, "replaced_by": _ref(successor) if successor else None}


def _price(net: Decimal | None, organisation: Organisation | None) -> dict[str, Any] | None:
    gross = gross_of(net, organisation)
    if net is None or gross is None:
        return None
    return {"net": net, "gross": to_cent(gross), "currency": "EUR"}


def _row_out(row: RowView, organisation: Organisation | None) -> dict[str, Any]:
    usage = row.usage
    return {
        "position": usage.position,
        "part": _summary(row.part),
        "quantity": usage.quantity,
        "note": usage.text("note", _language()),
        "validity": validity(usage),
        "price": _price(row.net_price, organisation),
    }


def _image_url(illustration: Illustration) -> str | None:
    if not illustration.has_image:
        return None
    return f"/api/v1/parts/illustrations/{illustration.pk}/image"


def _hotspot_out(hotspot: Hotspot) -> dict[str, Any]:
    return {"position": hotspot.position, "x": hotspot.x, "y": hotspot.y}


def _illustration_out(view: IllustrationView, organisation: Organisation | None) -> dict[str, Any]:
    illustration = view.illustration
    positions = view.positions
    return {
        "id": illustration.pk,
        "number": illustration.number,
        "title": illustration.text("title", _language()),
        "image_url": _image_url(illustration),
        "width": illustration.width,
        "height": illustration.height,
        "hotspots": [_hotspot_out(h) for h in view.hotspots if h.position in positions],
        "rows": [_row_out(row, organisation) for row in view.rows],
    }


def _subgroup_ref(subgroup: SubGroup) -> dict[str, Any]:
    return {
        "id": subgroup.pk,
        "number": subgroup.number,
        "name": subgroup.text("name", _language()),
    }


@router.get(
    "/vehicles/{vin}/parts/groups",
    response={200: PartsTree, **errors(403, 404, 409, 503)},
    summary="Parts catalogue tree of a vehicle",
    description="The main groups and their subgroups that hold parts valid for the vehicle.",
    operation_id="vehicle_parts_groups",
)
def vehicle_parts_groups(request: HttpRequest, vin: VinPath) -> dict[str, Any]:
    require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    language = _language()
    return {
        "vin": vehicle.vin,
        "main_groups": [
            {
                "id": entry.main_group.pk,
                "number": entry.main_group.number,
                "name": entry.main_group.text("name", language),
                "subgroups": [_subgroup_ref(sg) for sg in entry.subgroups],
            }
            for entry in vehicle_tree(vehicle=vehicle)
        ],
    }


@router.get(
    "/vehicles/{vin}/parts/groups/{int:group_id}",
    response={200: MainGroupDetail, **errors(403, 404, 409, 503)},
    summary="A main group of the vehicle: subgroups, illustrations, parts rows",
    description="Every subgroup of the main group with its illustrations (hotspots) and the "
    "parts rows valid for the vehicle, priced from the price list in force for your "
    "organisation. A group without parts for the vehicle: 404 EPC-0002.",
    operation_id="vehicle_parts_group",
)
def vehicle_parts_group(request: HttpRequest, vin: VinPath, group_id: int) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    organisation = user.organisation
    main_group, subgroups = main_group_for_vehicle(
        vehicle=vehicle, main_group_id=group_id, organisation=organisation, today=clock.today()
    )
    return {
        "vin": vehicle.vin,
        "id": main_group.pk,
        "number": main_group.number,
        "name": main_group.text("name", _language()),
        "subgroups": [
            {
                **_subgroup_ref(subgroup),
                "illustrations": [_illustration_out(view, organisation) for view in views],
            }
            for subgroup, views in subgroups
        ],
    }


@router.get(
    "/vehicles/{vin}/parts/search",
    response={200: SearchOut, **errors(403, 404, 409, 422, 503)},
    summary="Search parts for a vehicle",
    description="By part number (with or without spaces; the start of a number finds every "
    "number starting so; a replaced number shows its successor) or by words of the "
    "description among the parts valid for the vehicle (EPC-0004 for a text too short).",
    operation_id="vehicle_parts_search",
)
def vehicle_parts_search(
    request: HttpRequest, vin: VinPath, query: Query[SearchQuery]
) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    result = part_search(
        vehicle=vehicle, query=query.q, organisation=user.organisation, today=clock.today()
    )
    return {
        "query": result.query,
        "by_number": result.by_number,
        "more": result.more,
        "hits": [
            {
                "part": _summary(hit.part),
                "price": _price(hit.net_price, user.organisation),
                "used_in": [
                    {
                        "illustration_id": usage.illustration_id,
                        "illustration": usage.illustration.number,
                        "position": usage.position,
                    }
                    for usage in hit.usages
                ],
            }
            for hit in result.hits
        ],
    }


@router.get(
    "/parts/{number}",
    response={200: PartDetail, **errors(403, 404, 503)},
    summary="A part by its number",
    description="The part (spaces in the number do not matter) with its supersession: the "
    "chain to the current part, the older numbers it replaces, and the price of the current "
    "part from the price list in force for you. Unknown number: 404 EPC-0001.",
    operation_id="part_get",
)
def part_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    part = part_get(number=number)
    family = supersession_family(part=part)
    current = family.chain[-1]
    net = prices_in_force(
        part_ids=[current.pk], organisation=user.organisation, today=clock.today()
    ).get(current.pk)
    return {
        **_summary(part),
        "replaced_on": part.replaced_on,
        "chain": [_ref(p) for p in family.chain],
        "replaces": [_ref(p) for p in family.replaces],
        "price": _price(net, user.organisation),
    }


@router.get(
    "/parts/illustrations/{int:illustration_id}/image",
    response={200: None, **errors(403, 404, 503)},
    summary="The drawing of an illustration",
    description="The checked SVG or PNG (`image_url` of an illustration).",
    operation_id="parts_illustration_image",
)
def illustration_image(request: HttpRequest, illustration_id: int) -> FileResponse:
    require_application(request, APPLICATION_SLUG)
    found = Illustration.objects.filter(pk=illustration_id).first()
    if found is None or not found.has_image:
        raise RuleViolation(codes.GROUP_NOT_FOUND, "This illustration has no drawing.")
    content_type = "image/svg+xml" if found.image_type == "svg" else "image/png"
    response = FileResponse(found.image.open("rb"), content_type=content_type)
    response["Content-Security-Policy"] = IMAGE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response
