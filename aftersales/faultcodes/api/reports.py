"""Fault memory reports of a vehicle: recorded by the diagnosis tool, read back."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Header, Router, Status

from aftersales.api.auth import TokenAuth, require_application
from aftersales.api.common import VinPath, errors, idempotent_post, resolve_vehicle
from aftersales.vehicles.models import Vehicle

from ..models import FaultReport
from ..selectors import (
    APPLICATION_SLUG,
    ReportView,
    fault_report_get,
    fault_reports_for,
    report_views,
)
from ..services import ReportInput, fault_report_create
from . import schemas

router = Router()


def report_out(view: ReportView, *, vehicle: Vehicle) -> dict:
    report = view.report
    language = get_language()
    return {
        "id": report.pk,
        "vin": vehicle.vin,
        "read_at": report.read_at,
        "recorded_at": report.created_at,
        "mileage_km": report.mileage_km,
        "tool_id": report.tool_id,
        "mil_on": report.mil_on,
        "source": report.source,
        "codes": [
            {
                "code": row.code,
                "status": row.status,
                "in_catalogue": row.entry is not None,
                "description": row.entry.localized_description(language) if row.entry else "",
                "emission_relevant": row.emission_relevant,
                "mil_relevant": row.entry.mil_relevant if row.entry else None,
            }
            for row in view.rows
        ],
        "emission_relevant_codes": view.emission_relevant_count,
        "readiness": report.readiness,
        "emissions_test": {
            "ready": view.readiness.ready,
            "mil_on": view.readiness.mil_on,
            "incomplete_monitors": view.readiness.incomplete,
            "summary": view.readiness.summary(),
        },
        "service_entry_id": report.service_entry_id,
        "service_entry_number": report.service_entry.number if report.service_entry else "",
    }


@router.get(
    "/vehicles/{vin}/fault-reports",
    response={200: list[schemas.FaultReport], **errors(403, 404, 409, 503)},
    summary="Fault memory reports of the vehicle",
    description="Your workshop's reports of the vehicle, newest read-out first (other "
    "workshops' reports are not shown). Each says which codes are emission-relevant, whether "
    "the MIL is on and whether the read-out allows an emissions test.",
    operation_id="vehicle_fault_reports",
)
def vehicle_fault_reports(request: HttpRequest, vin: VinPath) -> list[dict]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    reports = fault_reports_for(organisation=user.organisation, vehicle=vehicle)
    return [report_out(view, vehicle=vehicle) for view in report_views(reports, vehicle=vehicle)]


@router.get(
    "/fault-reports/{int:report_id}",
    response={200: schemas.FaultReport, **errors(403, 404, 503)},
    summary="Read a fault memory report",
    description="One of your workshop's reports; another workshop's report is 404.",
    operation_id="fault_report_get",
)
def fault_report_read(request: HttpRequest, report_id: int) -> dict:
    user = require_application(request, APPLICATION_SLUG)
    report = fault_report_get(actor=user, report_id=report_id)
    return report_out(report_views([report], vehicle=report.vehicle)[0], vehicle=report.vehicle)


@router.post(
    "/vehicles/{vin}/fault-reports",
    auth=TokenAuth(write=True),
    response={201: schemas.FaultReport, **errors(400, 403, 404, 409, 503)},
    summary="Record a fault memory report",
    description="What the diagnosis tool read out of the vehicle: time, mileage (IPL-0051 "
    "digits only), codes with status, MIL, readiness monitors, tool id. Codes are normalised "
    "and checked (FC-0001); the catalogue need not know them. Send an `Idempotency-Key` so "
    "that a retry never stores twice.",
    operation_id="fault_report_create",
)
def create_fault_report(
    request: HttpRequest,
    response: HttpResponse,
    vin: VinPath,
    payload: schemas.FaultReportCreate,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        description="Optional, 1-255 printable ASCII characters; the same key with the same "
        "body returns the first result; with another body it is refused (API-0004).",
    ),
) -> Status[dict] | HttpResponse:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)

    def call() -> tuple[int, dict]:
        report = fault_report_create(
            actor=user,
            vehicle=vehicle,
            data=ReportInput(
                read_at=payload.read_at,
                mileage=str(payload.mileage),
                mil_on=payload.mil_on,
                codes=[(item.code, item.status) for item in payload.codes],
                readiness=payload.readiness,
                tool_id=payload.tool_id,
                service_entry_id=payload.service_entry_id,
            ),
            source=FaultReport.Source.API,
        )
        stored = fault_report_get(actor=user, report_id=report.pk)
        body = report_out(report_views([stored], vehicle=vehicle)[0], vehicle=vehicle)
        return 201, json.loads(json.dumps(body, cls=DjangoJSONEncoder))

    return idempotent_post(
        request, response, user=user, idempotency_key=idempotency_key, payload=payload, call=call
    )
