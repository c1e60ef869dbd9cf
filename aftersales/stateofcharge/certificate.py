"""The battery health certificate: what it says (a snapshot at issue) and how it is checked.

It shows, for one VIN, the battery type, the latest reading, the state of health over time (the
readings' dates, mileages and values, drawn as a chart) and the trend per year. It names no
person. It stays valid until the issuing workshop revokes it or a newer battery health
certificate of the same vehicle supersedes it (the verify page links neither, it only says so).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from aftersales.accounts.models import Organisation
from aftersales.certificates.kinds import CertificateKind, CheckResult
from aftersales.certificates.models import Certificate
from aftersales.certificates.selectors import supersession_check
from aftersales.vehicles.models import Vehicle

from .models import BatteryReading, BatteryType
from .selectors import APPLICATION_SLUG, health_trend

KIND = "battery_health"
FORMAT = 1
MAX_TREND_POINTS = 24  # the certificate's chart shows at most this many readings


def _decimal(value: Any) -> str:
    return f"{value}"


def snapshot_build(
    *,
    vehicle: Vehicle,
    battery: BatteryType,
    readings: list[BatteryReading],
    issuer: Organisation,
) -> dict[str, Any]:
    latest = readings[-1]
    trend = health_trend(readings)
    return {
        "kind": KIND,
        "format": FORMAT,
        "vin": vehicle.vin,
        "model": f"{vehicle.model_designation} {vehicle.model_code}".strip(),
        "series": vehicle.series,
        "battery": {
            "kind": battery.kind,
            "kind_label": str(battery.get_kind_display()),
            "nominal_kwh": _decimal(battery.nominal_capacity_kwh),
        },
        "issuer": {"name": issuer.name, "city": issuer.city},
        "latest": {
            "date": timezone.localtime(latest.read_at).date().isoformat(),
            "km": latest.mileage_km,
            "soc": _decimal(latest.soc_percent),
            "soh": _decimal(latest.soh_percent),
            "capacity_kwh": _decimal(latest.usable_capacity_kwh),
            "cycles": latest.cycle_count,
            "spread_mv": latest.cell_voltage_spread_mv,
            "temperature_c": _decimal(latest.temperature_c),
            "tool": latest.tool,
        },
        "trend": {
            "per_year": _decimal(trend.per_year) if trend else "",
            "days": trend.days if trend else 0,
            "readings": len(readings),
        },
        "points": [
            {
                "date": timezone.localtime(r.read_at).date().isoformat(),
                "km": r.mileage_km,
                "soh": _decimal(r.soh_percent),
            }
            for r in readings[-MAX_TREND_POINTS:]
        ],
    }


def check(certificate: Certificate) -> CheckResult:
    """Still valid unless a newer battery health certificate of the vehicle supersedes it;
    `newer` counts the readings taken since."""
    return supersession_check(certificate, records=BatteryReading.objects.all())


BATTERY_HEALTH = CertificateKind(
    slug=KIND,
    title=gettext_lazy("Battery health certificate"),
    template="stateofcharge/_certificate.html",
    check=check,
    application=APPLICATION_SLUG,
    status_template="stateofcharge/_certificate_status.html",
    vehicle_url_name="stateofcharge:vehicle",
)
