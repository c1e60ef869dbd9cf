"""Reference data: the battery types (series and engine type with the nominal usable capacity
that the plausibility rule checks a reading against) and the operator's battery settings
(manage.py load_reference_data).

A type is created only when its series and engine type are missing: a capacity the operator
corrected stays as it is.
"""

from __future__ import annotations

from decimal import Decimal

from .models import BatterySettings, BatteryType

# series, engine type, kind, nominal usable capacity (kWh)
TYPES = [
    ("I01", "IB1", "bev", "37.9"),
    ("G20", "B46", "phev", "10.4"),
    ("G26", "HA0001N0", "bev", "80.7"),
    ("I20", "HA0001N0", "bev", "71.0"),
]


def load() -> str:
    if not BatterySettings.objects.exists():
        BatterySettings.objects.create()
    created = 0
    for series, engine, kind, kwh in TYPES:
        _type, new = BatteryType.objects.get_or_create(
            series=series,
            engine_type=engine,
            defaults={"kind": kind, "nominal_capacity_kwh": Decimal(kwh)},
        )
        created += new
    return f"{created} battery types created, {BatteryType.objects.count()} in all"
