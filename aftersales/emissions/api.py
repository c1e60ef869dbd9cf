"""Emissions test nominal values' routes of the API (mounted under /api/v1/ by the registry's
line): a vehicle's nominal values, recording a test (idempotent with a key), reading a test and
its certificate."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Router, Schema, Status

from aftersales import clock
from aftersales.api.auth import TokenAuth, require_application
from aftersales.api.common import VinPath, errors, idempotent_post, resolve_vehicle
from aftersales.api.text import IntOrText, Text
from aftersales.certificates.qr import verify_url
from aftersales.portal.errors import RuleViolation
from aftersales.portal.pdf import render_pdf

from . import codes
from .certificate import certificate_of, verification_context
from .models import EmissionsTest
from .presenters import obd_failure_texts, test_rows
from .quantities import BY_KEY, QUANTITIES
from .rules import formatted
from .selectors import APPLICATION_SLUG, emissions_test_get, test_interval_months, vehicle_values
from .services import RecordInput, emissions_test_record

router = Router()
API_PREFIX = "/api/v1"
KEYS = ", ".join(f"`{quantity.key}`" for quantity in QUANTITIES)
Source = Literal["manufacturer", "legal", ""]


class NominalOut(Schema):
    quantity: str = Field(description=f"One of {KEYS}.")
    label: str = Field(description="In the response language.")
    unit: str = Field(description="`min⁻¹`, `% vol`, `λ` or `m⁻¹`.")
    min: Decimal | None = Field(description="Lower bound; null: none (a limit, or not given).")
    max: Decimal | None = Field(description="Upper bound (the limit); null: none given.")
    min_source: Source = Field(description="Where the lower bound comes from; empty: none.")
    max_source: Source = Field(description="Where the upper bound comes from; empty: none.")
    plausible_min: Decimal = Field(description="What an instrument reads: lower end.")
    plausible_max: Decimal = Field(description="What an instrument reads: upper end.")


class EmissionValues(Schema):
    vin: str
    engine_type: str
    fuel: Literal["petrol", "diesel"]
    variant: str = Field(description="Which variant of the engine the values are for.")
    note: str
    legal_limits: str | None = Field(description="The legal limits that fill the gaps; null: none.")
    obd_check: bool = Field(description="The OBD check (readiness, MIL) is part of the test.")
    obd_check_source: Source
    interval_months: int | None = Field(
        description="After a passed test the next is due this many months later (your country)."
    )
    values: list[NominalOut]


class EmissionsTestIn(Schema):
    tested_at: Text = Field(
        description="When the test was made: ISO 8601; without a time zone the portal's. Not in "
        "the future (EMT-0006).",
        examples=["2026-11-27T09:30:00+01:00"],
    )
    mileage: IntOrText = Field(
        description="Mileage in kilometres, only the digits 0-9 (else IPL-0051).",
        examples=["131050"],
    )
    tester: Text = Field(description="The tester's name, at most 100 characters (EMT-0007).")
    instrument_id: Text = Field(description="The instrument used, at most 100 characters.")
    measured: dict[Text, Decimal | Text] = Field(
        default_factory=dict,
        description=f"Measured values by quantity ({KEYS}), numbers or text with a decimal "
        "point or comma. Every quantity with a nominal value for the vehicle is required "
        "(EMT-0003); not a number: EMT-0001; outside what an instrument reads: EMT-0002 and "
        "nothing is stored. Other keys are ignored.",
        examples=[{"idle_rpm": 720, "raised_idle_rpm": 2500, "co": "0.05", "lambda": "1.005"}],
    )
    obd_ready: bool | None = Field(
        None,
        description="Every supported readiness monitor complete. Needed when the OBD check is "
        "part of the test and your workshop has no fault memory report of the vehicle from the "
        "last 7 days (EMT-0005); ignored when it has one (the report's state is used).",
    )
    mil_on: bool | None = Field(None, description="The MIL is on; as `obd_ready`.")


class CheckOut(Schema):
    quantity: str
    label: str
    unit: str
    measured: Decimal
    min: Decimal | None
    max: Decimal | None
    sources: list[str] = Field(description="`manufacturer` and/or `legal`.")
    judged: bool = Field(description="False: no nominal value, kept without a verdict.")
    ok: bool


class ObdOut(Schema):
    part_of_test: bool
    source: Literal["none", "report", "typed"] = Field(
        description="`report`: taken from your latest fault memory report (`report_id`)."
    )
    ready: bool | None
    mil_on: bool | None
    report_id: int | None
    failures: list[str] = Field(description="Why the OBD part failed, in words.")


class EmissionsTestOut(Schema):
    id: int
    number: str = Field(description="The certificate's number, e.g. `ET-000012`.")
    vin: str
    tested_at: datetime
    recorded_at: datetime
    mileage_km: int
    tester: str
    instrument_id: str
    fuel: Literal["petrol", "diesel"]
    passed: bool
    checks: list[CheckOut]
    obd: ObdOut
    next_due: date | None = Field(
        description='Passed: the new due date of the CBS position "Statutory emissions test".'
    )
    certificate_url: str | None = Field(description="The certificate PDF; null when failed.")
    verification_code: str | None = Field(
        None,
        description="A passed test's certificate code: anyone checks it at `verify_url` or "
        "`GET /verify/{code}` (revoked, superseded by a newer test); null when failed.",
    )
    verify_url: str | None = Field(None, description="The certificate's public verify page.")


def _decimal(text: object) -> Decimal | None:
    return Decimal(str(text)) if text not in (None, "") else None


def test_out(test: EmissionsTest) -> dict[str, Any]:
    labels = {row.key: row for row in test_rows(test)}
    found = certificate_of(test)
    return {
        "id": test.pk,
        "number": test.number,
        "vin": test.vehicle.vin,
        "tested_at": test.tested_at,
        "recorded_at": test.created_at,
        "mileage_km": test.mileage_km,
        "tester": test.tester,
        "instrument_id": test.instrument_id,
        "fuel": test.fuel,
        "passed": test.passed,
        "checks": [
            {
                "quantity": check["quantity"],
                "label": labels[str(check["quantity"])].label,
                "unit": BY_KEY[str(check["quantity"])].unit,
                "measured": _decimal(check["measured"]),
                "min": _decimal(check.get("min")),
                "max": _decimal(check.get("max")),
                "sources": [
                    s
                    for s in dict.fromkeys([check.get("min_source"), check.get("max_source")])
                    if s
                ],
                "judged": bool(check.get("judged", True)),
                "ok": bool(check["ok"]),
            }
            for check in test.checks
        ],
        "obd": {
            "part_of_test": test.obd_source != EmissionsTest.ObdSource.NONE,
            "source": test.obd_source,
            "ready": test.obd_ready,
            "mil_on": test.mil_on,
            "report_id": test.obd_report_id,
            "failures": obd_failure_texts(test),
        },
        "next_due": test.next_due,
        "certificate_url": f"{API_PREFIX}/emission-tests/{test.pk}/certificate"
        if test.passed
        else None,
        "verification_code": found.display_code if found else None,
        "verify_url": verify_url(found) if found else None,
    }


@router.get(
    "/vehicles/{vin}/emission-values",
    response={200: EmissionValues, **errors(403, 404, 409, 503)},
    summary="Emissions test nominal values of a vehicle",
    description="The nominal values for the vehicle's engine (the narrowest variant valid for "
    "it) with the source of each bound: the manufacturer's value, else the legal limit of the "
    "fuel and date of first registration. No values for the engine: 404 EMT-0004.",
    operation_id="vehicle_emission_values",
)
def emission_values(request: HttpRequest, vin: VinPath) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    values = vehicle_values(vehicle=vehicle)
    country = user.organisation.country if user.organisation else ""
    months, _country = test_interval_months(country=country)
    return {
        "vin": vehicle.vin,
        "engine_type": values.row.engine_type,
        "fuel": values.fuel,
        "variant": values.row.variant_label(),
        "note": values.row.note,
        "legal_limits": values.legal.name if values.legal else None,
        "obd_check": values.obd_check,
        "obd_check_source": values.obd_check_source,
        "interval_months": months,
        "values": [
            {
                "quantity": nominal.quantity.key,
                "label": str(nominal.quantity.label),
                "unit": nominal.quantity.unit,
                "min": nominal.low.value,
                "max": nominal.high.value,
                "min_source": nominal.low.source if nominal.low.value is not None else "",
                "max_source": nominal.high.source if nominal.high.value is not None else "",
                "plausible_min": _decimal(
                    formatted(nominal.quantity, nominal.quantity.plausible[0])
                ),
                "plausible_max": _decimal(
                    formatted(nominal.quantity, nominal.quantity.plausible[1])
                ),
            }
            for nominal in values.nominals
        ],
    }


@router.post(
    "/vehicles/{vin}/emission-tests",
    auth=TokenAuth(write=True),
    response={201: EmissionsTestOut, **errors(400, 403, 404, 409, 503)},
    summary="Record an emissions test",
    description="The measured values, tester and instrument; the OBD state comes from your "
    "latest fault memory report of the vehicle (last 7 days), else from `obd_ready`/`mil_on`. "
    "The result is computed from the nominal values: a failed test is stored too (201, "
    "`passed` false); a passed one sets the vehicle's CBS position \"Statutory emissions "
    'test" to its next due date. A refused value (EMT-0001/0002/0003) stores nothing. Send an '
    "`Idempotency-Key` so that a retry never records twice.",
    operation_id="emission_test_create",
)
def create_emission_test(
    request: HttpRequest,
    response: HttpResponse,
    vin: VinPath,
    payload: EmissionsTestIn,
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
        test = emissions_test_record(
            actor=user,
            vehicle=vehicle,
            data=RecordInput(
                tested_at=payload.tested_at,
                mileage=str(payload.mileage),
                tester=payload.tester,
                instrument_id=payload.instrument_id,
                measured=dict(payload.measured),
                obd_ready=payload.obd_ready,
                mil_on=payload.mil_on,
            ),
            source=EmissionsTest.Source.API,
        )
        stored = emissions_test_get(actor=user, test_id=test.pk)
        return 201, json.loads(json.dumps(test_out(stored), cls=DjangoJSONEncoder))

    return idempotent_post(
        request, response, user=user, idempotency_key=idempotency_key, payload=payload, call=call
    )


@router.get(
    "/emission-tests/{int:test_id}",
    response={200: EmissionsTestOut, **errors(403, 404, 503)},
    summary="Read an emissions test",
    description="One of your workshop's tests; another workshop's test is 404.",
    operation_id="emission_test_get",
)
def read_emission_test(request: HttpRequest, test_id: int) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    return test_out(emissions_test_get(actor=user, test_id=test_id))


@router.get(
    "/emission-tests/{int:test_id}/certificate",
    response={**errors(403, 404, 503)},
    summary="The certificate of a passed test (PDF)",
    description="One of your workshop's passed tests; a failed test has no certificate "
    "(404 EMT-0009).",
    operation_id="emission_test_certificate",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The certificate.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def emission_test_certificate(request: HttpRequest, test_id: int) -> HttpResponse:
    user = require_application(request, APPLICATION_SLUG)
    test = emissions_test_get(actor=user, test_id=test_id)
    if not test.passed:
        raise RuleViolation(
            codes.NO_CERTIFICATE,
            _("A failed test has no certificate."),
        )
    html = render_to_string(
        "emissions/pdf/certificate.html",
        {
            "test": test,
            "rows": test_rows(test),
            "vehicle": test.vehicle,
            "organisation": test.organisation,
            "printed_at": timezone.localtime(clock.now()),
            **verification_context(test),
        },
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="emissions-certificate-{test.number}.pdf"'
    )
    return response
