"""State of charge in the API: battery readings per VIN (from the diagnosis tool within its
session, or a workshop system) and the battery health certificate."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from aftersales.api.auth import TokenAuth, api_token, require_application
from aftersales.api.common import VinPath, errors, resolve_vehicle
from aftersales.api.text import IntOrText, Text
from aftersales.certificates.qr import verify_url
from aftersales.tools.selectors import open_session_of_token

from .models import BatteryReading
from .rules import ReadingIn
from .selectors import APPLICATION_SLUG, readings_of
from .services import battery_certificate_issue, battery_reading_record

router = Router()


class ReadingCreate(Schema):
    read_at: datetime = Field(description="When it was read; not in the future (SOC-0003).")
    mileage: IntOrText = Field(description="Kilometres, only digits (else IPL-0051).")
    soc_percent: Decimal = Field(description="State of charge, 0-100 (SOC-0004).")
    soh_percent: Decimal = Field(description="State of health, 0-100 (SOC-0001).")
    usable_capacity_kwh: Decimal = Field(
        description="Not above the battery type's nominal capacity (SOC-0002)."
    )
    cycle_count: int
    cell_voltage_spread_mv: int
    temperature_c: Decimal
    tool: Text = Field("", max_length=100, description="Ignored within a tool session.")


class ReadingOut(Schema):
    id: int
    vin: str
    read_at: datetime
    mileage_km: int
    soc_percent: Decimal
    soh_percent: Decimal
    usable_capacity_kwh: Decimal
    cycle_count: int
    cell_voltage_spread_mv: int
    temperature_c: Decimal
    source: str = Field(description="tool, api or form")
    tool: str
    tool_session: int | None
    workshop: str


class CertificateOut(Schema):
    code: str
    verify_url: str
    issued_at: datetime
    fingerprint: str
    certificate: dict[str, Any]


def reading_out(reading: BatteryReading) -> dict[str, Any]:
    return {
        "id": reading.pk,
        "vin": reading.vehicle.vin,
        "read_at": reading.read_at,
        "mileage_km": reading.mileage_km,
        "soc_percent": reading.soc_percent,
        "soh_percent": reading.soh_percent,
        "usable_capacity_kwh": reading.usable_capacity_kwh,
        "cycle_count": reading.cycle_count,
        "cell_voltage_spread_mv": reading.cell_voltage_spread_mv,
        "temperature_c": reading.temperature_c,
        "source": reading.source,
        "tool": reading.tool,
        "tool_session": reading.tool_session_id,
        "workshop": reading.organisation.name,
    }


@router.post(
    "/vehicles/{vin}/battery-readings",
    auth=TokenAuth(write=True),
    response={201: ReadingOut, **errors(403, 404, 409, 503)},
    summary="Record a battery reading",
    description="What the diagnosis tool read from the high-voltage battery. Sent with a tool "
    "session's token it is recorded as the tool's (tool and version of the session); with a "
    "user's write token as a workshop system's. Refused: state of health over 100 (SOC-0001), "
    "capacity above the type's nominal (SOC-0002), a time in the future (SOC-0003), a vehicle "
    "without a known high-voltage battery (SOC-0005).",
    operation_id="battery_reading_create",
)
def reading_create(request: HttpRequest, vin: VinPath, payload: ReadingCreate) -> Status[dict]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    session = open_session_of_token(api_token(request))
    reading = battery_reading_record(
        actor=user,
        vehicle=vehicle,
        reading=ReadingIn(**payload.dict()),
        session=session,
        source=BatteryReading.Source.API,
    )
    return Status(201, reading_out(reading))


@router.get(
    "/vehicles/{vin}/battery-readings",
    response={200: list[ReadingOut], **errors(403, 404, 409, 503)},
    summary="The vehicle's battery readings",
    description="Oldest first.",
    operation_id="battery_readings_list",
)
def readings_list(request: HttpRequest, vin: VinPath) -> list[dict]:
    require_application(request, APPLICATION_SLUG)
    return [reading_out(reading) for reading in readings_of(resolve_vehicle(vin))]


@router.post(
    "/vehicles/{vin}/battery-certificates",
    auth=TokenAuth(write=True),
    response={201: CertificateOut, **errors(403, 404, 409, 503)},
    summary="Issue a battery health certificate",
    description="Of the latest reading and the trend, with a verification code anyone checks "
    "at `verify_url` or `GET /verify/{code}`; a newer one supersedes it. SOC-0007 without a "
    "reading. Revoked like every certificate (`POST /certificates/{code}/revoke`).",
    operation_id="battery_certificate_issue",
)
def certificate_issue(request: HttpRequest, vin: VinPath) -> Status[dict]:
    user = require_application(request, APPLICATION_SLUG)
    certificate = battery_certificate_issue(actor=user, vehicle=resolve_vehicle(vin))
    return Status(
        201,
        {
            "code": certificate.display_code,
            "verify_url": verify_url(certificate),
            "issued_at": certificate.issued_at,
            "fingerprint": certificate.fingerprint,
            "certificate": certificate.snapshot,
        },
    )
