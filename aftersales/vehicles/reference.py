"""Reference data: the CBS catalogue (positions, intervals, which series and engines have
which) that the vehicle import and Service history need (manage.py load_reference_data)."""

from __future__ import annotations

from .demo import load_catalogue
from .models import CbsApplicability, CbsPosition


def load() -> str:
    load_catalogue()
    return (
        f"{CbsPosition.objects.count()} CBS positions, "
        f"{CbsApplicability.objects.count()} applicability rows"
    )
