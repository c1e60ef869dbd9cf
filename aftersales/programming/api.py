"""Programming in the API: the tool reports the preconditions before it programs the vehicle of
its session, then the result per control unit; a vehicle's results read back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from aftersales.api.auth import TokenAuth, api_token, require_application
from aftersales.api.common import VinPath, errors, resolve_vehicle
from aftersales.api.text import Text
from aftersales.tools.selectors import session_for_token

from .models import ControlUnitResult
from .selectors import control_unit_results_of
from .services import (
    APPLICATION_SLUG,
    ResultIn,
    control_unit_results_record,
    preconditions_check,
    refuse_if_failed,
)

router = Router()


class Preconditions(Schema):
    charger_connected: bool
    soc_percent: Decimal = Field(ge=0, le=100, description="State of charge of the battery (%).")
    ignition: Literal["on", "off"]


class PreconditionsOut(Schema):
    allowed: bool
    minimum_soc_percent: Decimal


class ResultItem(Schema):
    control_unit: Text = Field(min_length=1, max_length=40, examples=["DME"])
    software_before: Text = Field(min_length=1, max_length=60)
    software_after: Text = Field("", max_length=60)
    success: bool
    message: Text = Field("", max_length=300)


class ResultsIn(Schema):
    results: list[ResultItem] = Field(min_length=1, max_length=200)


class ResultOut(Schema):
    id: int
    vin: str
    control_unit: str
    software_before: str
    software_after: str
    success: bool
    message: str
    recorded_at: datetime
    tool: str
    workshop: str
    service_entry: str = Field(description="The number of the visit's service entry; empty.")


def result_out(result: ControlUnitResult) -> dict[str, Any]:
    return {
        "id": result.pk,
        "vin": result.vehicle.vin,
        "control_unit": result.control_unit,
        "software_before": result.software_before,
        "software_after": result.software_after,
        "success": result.success,
        "message": result.message,
        "recorded_at": result.recorded_at,
        "tool": result.session.tool_label,
        "workshop": result.organisation.name,
        "service_entry": result.service_entry.number if result.service_entry else "",
    }


@router.post(
    "/tool-sessions/{int:session_id}/programming/preconditions",
    auth=TokenAuth(write=True),
    response={200: PreconditionsOut, **errors(404, 409)},
    summary="Report the preconditions of programming",
    description="Before programming the vehicle of its session the tool reports whether the "
    "battery charger is connected, the state of charge and the ignition. Refused with 422 "
    "PRG-0001 when one is not met; `failed` names each (charger_connected, soc_percent: below "
    "the operator's minimum, ignition: must be on). Not a Programming session with a vehicle: "
    "409 PRG-0003.",
    operation_id="programming_preconditions",
)
def preconditions(request: HttpRequest, session_id: int, payload: Preconditions) -> dict:
    session = session_for_token(token=api_token(request), session_id=session_id)
    check = preconditions_check(
        session=session,
        charger_connected=payload.charger_connected,
        soc_percent=payload.soc_percent,
        ignition=payload.ignition,
    )
    refuse_if_failed(check)
    return {"allowed": True, "minimum_soc_percent": check.minimum_soc_percent}


@router.post(
    "/tool-sessions/{int:session_id}/programming/results",
    auth=TokenAuth(write=True),
    response={201: list[ResultOut], **errors(404, 409)},
    summary="Record the results per control unit",
    description="Software before and after, success or failure, per control unit; only after "
    "the session's preconditions passed (else 409 PRG-0002). Linked to the service entry of "
    "the same visit (this workshop, this vehicle, today) where one exists; shown with the "
    "vehicle's central data.",
    operation_id="programming_results",
)
def results(request: HttpRequest, session_id: int, payload: ResultsIn) -> Status[list]:
    session = session_for_token(token=api_token(request), session_id=session_id)
    stored = control_unit_results_record(
        session=session, results=[ResultIn(**item.dict()) for item in payload.results]
    )
    return Status(201, [result_out(result) for result in stored])


@router.get(
    "/vehicles/{vin}/control-unit-results",
    response={200: list[ResultOut], **errors(403, 404, 409, 503)},
    summary="The vehicle's programming results",
    description="Newest first, of every workshop (the vehicle's history).",
    operation_id="programming_results_list",
)
def results_list(request: HttpRequest, vin: VinPath) -> list[dict]:
    require_application(request, APPLICATION_SLUG)
    return [result_out(r) for r in control_unit_results_of(resolve_vehicle(vin))]
