"""Reference data: the WMI table (reference_data.py, also filled by a migration) and the CBS
catalogue (positions, intervals, which series and engines have which) that the vehicle import
and Service history need (manage.py load_reference_data)."""

from __future__ import annotations

from .demo import load_catalogue
from .models import CbsApplicability, CbsPosition, WorldManufacturerIdentifier
from .reference_data import wmi_table_ensure


def load() -> str:
    wmi_table_ensure()
    load_catalogue()
    return (
        f"{WorldManufacturerIdentifier.objects.count()} WMIs, "
        f"{CbsPosition.objects.count()} CBS positions, "
        f"{CbsApplicability.objects.count()} applicability rows"
    )
