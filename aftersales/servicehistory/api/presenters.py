"""Models → response bodies. What another organisation may not see is left out here, in one
place: who stored an entry and the prices of its order base stay with the entering workshop."""

from __future__ import annotations

from datetime import date
from typing import Any

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.orders.lines import Order, OrderLine, Unit
from aftersales.portal.money import to_cent
from aftersales.servicehistory.annexes import entry_annex_items
from aftersales.servicehistory.cbs import cbs_state, position_label
from aftersales.servicehistory.models import ServiceEntry, ServiceEntryLine
from aftersales.servicehistory.rules import is_entering_organisation
from aftersales.vehicles.models import (
    CENTRAL_DATA_FIELDS,
    CbsPosition,
    Vehicle,
    VehicleCbsStatus,
    VehicleOption,
)


def cbs_status_out(
    position: CbsPosition, status: VehicleCbsStatus | None, *, today: date
) -> dict[str, Any]:
    state = cbs_state(status, today=today)
    return {
        "code": position.code,
        "name": position_label(position),
        "due_date": status.due_date if status else None,
        "remaining_km": status.remaining_km if status else None,
        "level": state.level,
        "service_status": state.label,
    }


def vehicle_summary_out(vehicle: Vehicle) -> dict[str, Any]:
    return {
        "vin": vehicle.vin,
        "model_designation": vehicle.model_designation,
        "series": vehicle.series,
        "engine_type": vehicle.engine_type,
        "production_date": vehicle.production_date,
    }


def vehicle_out(
    vehicle: Vehicle,
    *,
    options: list[VehicleOption],
    positions: list[CbsPosition],
    status: dict[int, VehicleCbsStatus],
) -> dict[str, Any]:
    today = clock.today()
    fields = ("vin", "vin7", *CENTRAL_DATA_FIELDS)
    body: dict[str, Any] = {name: getattr(vehicle, name) for name in fields}
    body["color"] = vehicle.color
    body["upholstery"] = vehicle.upholstery
    body["options"] = [
        {
            "code": o.code,
            "description": o.description,
            "kind": o.kind,
            "installed_on": o.installed_on,
        }
        for o in options
    ]
    body["cbs_status"] = [cbs_status_out(p, status.get(p.pk), today=today) for p in positions]
    return body


def _line_amounts(line: OrderLine | ServiceEntryLine, *, with_prices: bool) -> dict[str, Any]:
    """The fields an order line and a stored line share. `type`, `quantity_fru` and
    `package_price_gross` are the names of API 1.0, kept for its clients."""
    in_fru = line.unit == Unit.FRU
    return {
        "kind": line.kind,
        "type": line.kind,
        "number": line.number,
        "description": line.description,
        "quantity": line.quantity,
        "unit": line.unit,
        "quantity_fru": int(line.quantity) if in_fru else None,
        "unit_price_gross": to_cent(line.unit_price_gross)
        if with_prices and line.unit_price_gross is not None
        else None,
        "gross_amount": line.gross_amount if with_prices else None,
        "package_price_gross": line.gross_amount if with_prices else None,
        "reference": line.reference,
    }


def order_base_out(vin: str, codes: list[str], order: Order) -> dict[str, Any]:
    return {
        "vin": vin,
        "positions": codes,
        "lines": [
            {
                **_line_amounts(line, with_prices=True),
                "service_status": line.service_status,
                "remaining": line.remaining,
                "position_code": line.position_code,
            }
            for line in order.active_lines
        ],
        "total_fru": int(order.total_fru),
        "total_price_gross": order.total_gross,
    }


def entry_status(entry: ServiceEntry) -> str:
    if entry.cancelled_at is not None:
        return "cancelled"
    if entry.superseded_at is not None:
        return "superseded"
    return "active"


def entry_out(
    entry: ServiceEntry,
    *,
    actor: User,
    vin: str | None = None,
    positions: list[CbsPosition] | None = None,
) -> dict[str, Any]:
    """One entry; its positions are prefetched (the selectors do) or given (a new entry's)."""
    own = is_entering_organisation(actor=actor, entry=entry)
    organisation = entry.organisation
    status = entry_status(entry)
    return {
        "id": entry.pk,
        "number": entry.number,
        "vin": vin or entry.vehicle.vin,
        "version": entry.version,
        "maintenance_date": entry.maintenance_date,
        "mileage_km": entry.mileage_km,
        "positions": [
            {"code": p.code, "name": position_label(p)}
            for p in (entry.done_positions if positions is None else positions)
        ],
        "comment": entry.comment,
        "workshop": {
            "name": organisation.name,
            "city": organisation.city,
            "country": organisation.country,
        },
        "own": own,
        "entered_at": entry.created_at,
        "entered_by": entry.created_by.email if own else None,
        "status": status,
        "cancelled_at": entry.cancelled_at,
        "cancellation_reason": entry.cancellation_reason,
        "transferred_at": entry.transferred_at,
        "transfer_tool_id": entry.transfer_tool_id,
        "transfer_pending": status == "active" and entry.transferred_at is None,
    }


def entry_detail_out(
    entry: ServiceEntry, *, actor: User, positions: list[CbsPosition] | None = None
) -> dict[str, Any]:
    body = entry_out(entry, actor=actor, positions=positions)
    own = body["own"]
    body["lines"] = [
        {"line_no": line.line_no, **_line_amounts(line, with_prices=own)}
        for line in entry.lines.all()
    ]
    # What other applications recorded at the visit (annexes.py), e.g. `control_units`.
    body.update(entry_annex_items(entry=entry, user=actor))
    return body
