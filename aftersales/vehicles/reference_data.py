"""Reference data every portal needs, demo or not: the WMI table (the brand of a VIN follows
from its first three characters). The migration fills it in a new database; `wmi_table_ensure`
fills it again where it was emptied (a test's flush, a database restored without it). Neither
overwrites a row the operator changed in the back office."""

from __future__ import annotations

from typing import Any

# (wmi, brand, description, north_american)
WMIS = [
    ("WBA", "bmw", "BMW AG, Germany", False),
    ("WBS", "bmw_m", "BMW M GmbH, Germany", False),
    ("WBY", "bmw_i", "BMW i, Germany", False),
    ("WBX", "bmw", "BMW SAV (X models), Germany", False),
    ("WB1", "bmw_motorrad", "BMW Motorrad, Berlin", False),
    ("WB3", "bmw_motorrad", "BMW Motorrad, partner plants (G 310, C 400)", False),
    ("WMW", "mini", "MINI, Oxford (BMW UK)", False),
    ("WMZ", "mini", "MINI, contract production (Countryman, Paceman)", False),
    ("SCA", "rolls_royce", "Rolls-Royce Motor Cars, Goodwood", False),
    ("5UX", "bmw", "BMW Manufacturing Co., Spartanburg (SAV), USA", True),
    ("5UJ", "bmw", "BMW Manufacturing Co., Spartanburg, USA", True),
    ("5YM", "bmw_m", "BMW Manufacturing Co., Spartanburg (M SAV), USA", True),
    ("4US", "bmw", "BMW Manufacturing Co., Spartanburg (roadsters), USA", True),
    ("3MW", "bmw", "BMW de México, San Luis Potosí", True),
    ("3MF", "bmw_m", "BMW M, San Luis Potosí, Mexico", True),
    ("LBV", "bmw", "BMW Brilliance Automotive, Shenyang, China", False),
]


def wmi_table_ensure(model: Any = None) -> int:
    """Creates the known WMI rows that are missing; returns how many it created. `model` is the
    migration's historical model when called from the migration."""
    if model is None:
        from .models import WorldManufacturerIdentifier as model
    created = 0
    for wmi, brand, description, north_american in WMIS:
        _row, was_created = model.objects.get_or_create(
            wmi=wmi,
            defaults={"brand": brand, "description": description, "north_american": north_american},
        )
        created += was_created
    return created
