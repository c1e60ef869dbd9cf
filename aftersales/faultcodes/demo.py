"""Demo data of Emission-relevant fault codes: the generic pack and a read-out of the
walkthrough's car by Motorhjørnet (catalyst below threshold, MIL on, catalyst monitor
incomplete). Runs after the vehicles and service history demos; idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.vehicles.models import Vehicle

from . import pack_import
from .models import FaultReport, FaultReportCode

WALKTHROUGH_VIN = "WBAUV71070A193748"
TOOL_ID = "ISTA 4.39.20"
READINESS = {
    "misfire": "complete",
    "fuel_system": "complete",
    "comprehensive_components": "complete",
    "catalyst": "incomplete",
    "heated_catalyst": "not_supported",
    "evaporative_system": "complete",
    "secondary_air": "complete",
    "ac_refrigerant": "not_supported",
    "oxygen_sensor": "complete",
    "oxygen_sensor_heater": "complete",
    "egr_vvt": "not_supported",
}
# One emission-relevant code, confirmed; and a pending low-voltage code that is not.
CODES = [("P0420", "confirmed"), ("P0562", "pending")]


def load() -> str:
    result = pack_import.generic_pack_load()
    summary = f"{result.created} fault codes created, {result.updated} updated"
    vehicle = Vehicle.objects.filter(vin=WALKTHROUGH_VIN).first()
    user = User.objects.filter(email="mekaniker@mail.dk").select_related("organisation").first()
    if vehicle is None or user is None or user.organisation is None:
        return summary
    if FaultReport.objects.filter(vehicle=vehicle, tool_id=TOOL_ID).exists():
        return summary
    # Read this morning: a demo that is loaded on any day shows a fresh read-out.
    read_at = timezone.localtime(clock.now()).replace(hour=8, minute=40, second=0, microsecond=0)
    if read_at > clock.now():
        read_at -= timedelta(days=1)
    report = FaultReport.objects.create(
        vehicle=vehicle,
        organisation=user.organisation,
        created_by=user,
        read_at=read_at,
        mileage_km=vehicle.mileage_km + 1_824,
        tool_id=TOOL_ID,
        mil_on=True,
        readiness=READINESS,
        source=FaultReport.Source.API,
    )
    FaultReportCode.objects.bulk_create(
        FaultReportCode(report=report, position=position, code=code, status=status)
        for position, (code, status) in enumerate(CODES, start=1)
    )
    return f"{summary}, 1 fault memory report"
