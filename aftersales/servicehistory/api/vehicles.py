"""Vehicles: central data, CBS positions, order base, service history, new entries, transfers."""

from __future__ import annotations

import json
import math

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Field as SchemaField
from ninja import Header, Query, Router, Schema, Status

from aftersales import clock
from aftersales.api.auth import TokenAuth, require_application
from aftersales.api.common import VinPath, errors, idempotent_post, resolve_vehicle
from aftersales.api.schemas import (
    CbsPosition,
    OrderBase,
    ServiceEntry,
    ServiceEntryCreate,
    ServiceEntryDetail,
    ServiceHistoryPage,
    VehicleLookup,
)
from aftersales.api.text import Text
from aftersales.orders.drafts import OrderDraft
from aftersales.portal.http import client_ip
from aftersales.servicehistory.cbs import position_label
from aftersales.servicehistory.selectors import (
    entries_pending_transfer,
    order_base_get,
    service_history,
)
from aftersales.servicehistory.services import service_entry_store
from aftersales.vehicles.selectors import (
    cbs_positions_for,
    vehicle_cbs_status,
    vehicle_lookup,
    vehicle_options,
)

from ..selectors import APPLICATION_SLUG as SERVICE_HISTORY
from ..selectors import TRANSFER_APPLICATION_SLUG
from . import presenters

router = Router()


@router.get(
    "/{vin}",
    response={200: VehicleLookup, **errors(403, 404, 503)},
    summary="Find a vehicle by VIN or last 7 characters",
    description="Central vehicle data, options/retrofits and CBS status. With the last 7 "
    "characters the vehicle is returned when they are unique; otherwise `vehicle` is null and "
    "`candidates` lists the vehicles (ask again with the full VIN). Malformed VIN: 422 "
    "VIN-0001; unknown: 404 VIN-0002.",
    operation_id="vehicle_get",
)
def vehicle_get(request: HttpRequest, vin: VinPath) -> dict:
    require_application(request, SERVICE_HISTORY)
    lookup = vehicle_lookup(query=vin)
    body: dict = {
        "vehicle": None,
        "candidates": [presenters.vehicle_summary_out(v) for v in lookup.candidates],
        "warnings": lookup.warnings,
    }
    if lookup.vehicle is not None:
        vehicle = lookup.vehicle
        body["vehicle"] = presenters.vehicle_out(
            vehicle,
            options=vehicle_options(vehicle=vehicle),
            positions=cbs_positions_for(vehicle=vehicle),
            status=vehicle_cbs_status(vehicle=vehicle),
        )
    return body


@router.get(
    "/{vin}/cbs-positions",
    response={200: list[CbsPosition], **errors(403, 404, 409, 503)},
    summary="CBS positions of the vehicle",
    description="The positions that can be entered for this vehicle type, in catalogue order, "
    "each with the vehicle's status. Their `code` goes into `positions` of an entry or an "
    "order base.",
    operation_id="vehicle_cbs_positions",
)
def vehicle_cbs_positions(request: HttpRequest, vin: VinPath) -> list[dict]:
    require_application(request, SERVICE_HISTORY)
    vehicle = resolve_vehicle(vin)
    status = vehicle_cbs_status(vehicle=vehicle)
    today = clock.today()
    return [
        {
            "code": position.code,
            "name": position_label(position),
            "interval_months": position.interval_months,
            "interval_km": position.interval_km,
            "status": presenters.cbs_status_out(position, status.get(position.pk), today=today),
        }
        for position in cbs_positions_for(vehicle=vehicle)
    ]


class OrderBaseQuery(Schema):
    positions: list[Text] = SchemaField(
        ..., description="Codes of the selected CBS positions; repeat the parameter per code."
    )


@router.get(
    "/{vin}/order-base",
    response={200: OrderBase, **errors(403, 404, 409, 503)},
    summary="Order base for a selection of CBS positions",
    description="The SRP lines (labour operations with FRU and gross package price from your "
    "organisation's labour rate) that the selected positions map to, each operation once.",
    operation_id="vehicle_order_base",
)
def vehicle_order_base(request: HttpRequest, vin: VinPath, query: Query[OrderBaseQuery]) -> dict:
    user = require_application(request, SERVICE_HISTORY)
    vehicle = resolve_vehicle(vin)
    codes, order = order_base_get(
        organisation=user.organisation, vehicle=vehicle, position_codes=query.positions
    )
    return presenters.order_base_out(vehicle.vin, codes, order)


class PageQuery(Schema):
    page: int = SchemaField(1, ge=1, le=100000, description="Page number, from 1.")
    page_size: int = SchemaField(20, ge=1, le=100, description="Entries per page (1-100).")


@router.get(
    "/{vin}/service-history",
    response={200: ServiceHistoryPage, **errors(403, 404, 409, 503)},
    summary="Service history of the vehicle (paged)",
    description="Every entry from the cut-off date (12/2010) on, newest first, including "
    "cancelled entries and replaced versions (see `status`).",
    operation_id="vehicle_service_history",
)
def vehicle_service_history(request: HttpRequest, vin: VinPath, query: Query[PageQuery]) -> dict:
    user = require_application(request, SERVICE_HISTORY)
    vehicle = resolve_vehicle(vin)
    entries = service_history(vehicle=vehicle, entered_by=True, other_work=False)
    start = (query.page - 1) * query.page_size
    return {
        "vin": vehicle.vin,
        "count": len(entries),
        "page": query.page,
        "page_size": query.page_size,
        "pages": max(1, math.ceil(len(entries) / query.page_size)),
        "items": [
            presenters.entry_out(entry, actor=user, vin=vehicle.vin)
            for entry in entries[start : start + query.page_size]
        ],
    }


@router.post(
    "/{vin}/service-entries",
    auth=TokenAuth(write=True),
    response={201: ServiceEntryDetail, **errors(400, 403, 404, 409, 503)},
    summary="Create a service entry",
    description="Stores the service done, with the same checks as the Service data page "
    "(IPL-0051 mileage digits only, SH-0001…SH-0040). `consent` must be true. Free of "
    "charge. Send an `Idempotency-Key` so that a retry never stores twice. Technical "
    "campaigns carried out go into `items` (kind `CAMP`): their lines are stored with the "
    "entry and each campaign is marked done for the vehicle. Parts go into `items` too (kind "
    "`PART` with a `quantity`), and so do labour operations and service packages of "
    "Commercial Service Data (kind `LAB`, an operation with a `quantity`).",
    operation_id="service_entry_create",
)
def create_service_entry(
    request: HttpRequest,
    response: HttpResponse,
    vin: VinPath,
    payload: ServiceEntryCreate,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        description="Optional, 1-255 printable ASCII characters; the same key with the same "
        "body returns the first result; with another body it is refused (API-0004).",
    ),
) -> Status[dict] | HttpResponse:
    user = require_application(request, SERVICE_HISTORY)
    vehicle = resolve_vehicle(vin)

    def call() -> tuple[int, dict]:
        draft = OrderDraft(
            positions=payload.positions,
            mileage=str(payload.mileage),
            maintenance_date=payload.maintenance_date,
            confirm_mileage_jump=payload.confirm_mileage_jump,
            comment=payload.comment,
            items=[
                {"kind": item.kind, "number": item.number}
                | ({"quantity": f"{item.quantity.normalize():f}"} if item.quantity else {})
                for item in payload.items
            ],
        )
        stored = service_entry_store(
            actor=user,
            vehicle=vehicle,
            draft=draft,
            consent=payload.consent,
            ip_address=client_ip(request),
        )
        # The entry as just written (its workshop, user and vehicle are the objects that wrote
        # it; access was checked above); its lines are read back as stored (exact decimals).
        body = presenters.entry_detail_out(stored.entry, actor=user, positions=stored.positions)
        return 201, json.loads(json.dumps(body, cls=DjangoJSONEncoder))

    return idempotent_post(
        request, response, user=user, idempotency_key=idempotency_key, payload=payload, call=call
    )


@router.get(
    "/{vin}/pending-transfers",
    response={200: list[ServiceEntry], **errors(403, 404, 409, 503)},
    summary="Entries not yet transferred to the vehicle",
    description="For the diagnosis tool: the current, uncancelled entries it has not yet "
    "written into the vehicle, oldest first. Needs access to the Diagnosis application.",
    operation_id="vehicle_pending_transfers",
)
def vehicle_pending_transfers(request: HttpRequest, vin: VinPath) -> list[dict]:
    user = require_application(request, TRANSFER_APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    return [
        presenters.entry_out(entry, actor=user, vin=vehicle.vin)
        for entry in entries_pending_transfer(vehicle=vehicle)
    ]
