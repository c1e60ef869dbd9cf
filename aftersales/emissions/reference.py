"""Reference data: the legal limits of the periodic emissions test (Directive 2014/45/EU,
Annex I, 8.2.1: what applies where the manufacturer gives no value) and the test interval per
country (manage.py load_reference_data). The manufacturers' nominal values are imported by the
operator (`import_emission_values`), not installed here.

A limit is created only when its name is missing, an interval only when its country is: what
the operator changed stays as it is.
"""

from __future__ import annotations

from .demo import INTERVALS, LEGAL_LIMITS
from .models import DueInterval, LegalLimit


def load() -> str:
    limits = 0
    for name, fuel, start, end, bounds, obd in LEGAL_LIMITS:
        _limit, new = LegalLimit.objects.get_or_create(
            name=name,
            defaults={
                "fuel": fuel,
                "registered_from": start,
                "registered_to": end,
                "obd_check": obd,
                **bounds,
            },
        )
        limits += new
    intervals = 0
    for country, months in INTERVALS.items():
        _interval, new = DueInterval.objects.get_or_create(
            country=country, defaults={"months": months}
        )
        intervals += new
    return f"{limits} legal limits and {intervals} test intervals created"
