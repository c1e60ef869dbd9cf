"""Demo battery data: the battery types of the electrified demo vehicles, and a year of readings
of the i3 (electric) and the 330e (plug-in hybrid) recorded by the demo workshop, the i3's
health dropping faster than the warning threshold.

Idempotent: types by series and engine type; readings are made once per vehicle.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.vehicles.models import Vehicle

from .models import BatteryReading, BatterySettings, BatteryType
from .reference import TYPES

# model designation, monthly km, state of health at start, drop per month, cycles per month
FLEET = [
    ("i3 120Ah", 1_150, Decimal("91.0"), Decimal("0.55"), 14),
    ("330e", 1_600, Decimal("96.0"), Decimal("0.20"), 22),
]


def load() -> str:
    BatterySettings.objects.get_or_create(pk=1)
    for series, engine, kind, kwh in TYPES:
        BatteryType.objects.update_or_create(
            series=series,
            engine_type=engine,
            defaults={"kind": kind, "nominal_capacity_kwh": Decimal(kwh)},
        )
    workshop = Organisation.objects.filter(vat_number="DK13585628").first()
    now = clock.now().replace(minute=0, second=0, microsecond=0)
    for designation, monthly_km, soh, drop, cycles in FLEET:
        vehicle = Vehicle.objects.filter(model_designation=designation).order_by("vin").first()
        if vehicle is None or workshop is None:
            continue
        if BatteryReading.objects.filter(vehicle=vehicle).exists():
            continue
        battery = BatteryType.objects.filter(
            series=vehicle.series, engine_type=vehicle.engine_type
        ).first()
        if battery is None:
            continue
        start_km = max(vehicle.mileage_km - 12 * monthly_km, 0)
        for month in range(13):
            health = soh - drop * month
            BatteryReading.objects.create(
                vehicle=vehicle,
                organisation=workshop,
                source=BatteryReading.Source.TOOL,
                tool="ISTA 4.39.20" if month < 11 else "ISTA 4.41.10",
                read_at=(now - timedelta(days=30 * (12 - month))).replace(hour=9),
                mileage_km=start_km + month * monthly_km,
                soc_percent=Decimal(45 + (month * 7) % 40),
                soh_percent=health,
                usable_capacity_kwh=(battery.nominal_capacity_kwh * health / 100).quantize(
                    Decimal("0.1")
                ),
                cycle_count=cycles * (month + 30),
                cell_voltage_spread_mv=12 + month,
                temperature_c=Decimal(14 + (month * 3) % 12),
            )
    return f"{BatteryType.objects.count()} battery types, {BatteryReading.objects.count()} battery readings"
