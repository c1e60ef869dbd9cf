"""Demo data of Emissions test nominal values: nominal values for the demo vehicles' engines
(petrol and diesel; some values left to the legal limits, so the screens show both sources), the
legal limits in the spirit of Directive 2014/45/EU, Annex I, 8.2.1, and the test interval of
the demo countries. The values are plausible figures written for the demo, not a maker's data.
Idempotent (upserts by engine + variant, by name, by country)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .models import DueInterval, LegalLimit
from .quantities import Fuel
from .services import NominalData, nominal_values_upsert

D = Decimal

# engine: (fuel, idle, raised idle, CO max, lambda, smoke k max, governed speed, OBD, note)
PETROL = Fuel.PETROL.value
DIESEL = Fuel.DIESEL.value
Range = tuple[int, int] | tuple[str, str] | None
ENGINES: dict[
    str, tuple[str, Range, Range, str | None, Range, str | None, Range, bool | None, str]
] = {
    "N54": (
        PETROL,
        (680, 780),
        (2400, 3000),
        None,
        ("0.970", "1.030"),
        None,
        None,
        True,
        "3.0 l twin-turbo straight six",
    ),
    "N52": (
        PETROL,
        (650, 750),
        (2400, 3000),
        "0.20",
        ("0.970", "1.030"),
        None,
        None,
        None,
        "3.0 l straight six",
    ),
    "N20": (
        PETROL,
        (700, 800),
        (2500, 3000),
        None,
        ("0.975", "1.025"),
        None,
        None,
        True,
        "2.0 l four, twin-scroll turbo",
    ),
    "B38": (
        PETROL,
        (720, 820),
        (2500, 3000),
        "0.15",
        ("0.980", "1.020"),
        None,
        None,
        True,
        "1.5 l three",
    ),
    "B46": (
        PETROL,
        (650, 750),
        (2500, 3000),
        "0.10",
        ("0.980", "1.020"),
        None,
        None,
        True,
        "2.0 l four",
    ),
    "B48": (
        PETROL,
        (650, 750),
        (2500, 3000),
        "0.10",
        ("0.980", "1.020"),
        None,
        None,
        True,
        "2.0 l four",
    ),
    "B58": (
        PETROL,
        (600, 700),
        (2500, 3000),
        "0.10",
        ("0.980", "1.020"),
        None,
        None,
        True,
        "3.0 l straight six",
    ),
    "S55": (
        PETROL,
        (700, 800),
        (2500, 3000),
        None,
        ("0.970", "1.030"),
        None,
        None,
        True,
        "M 3.0 l twin-turbo six",
    ),
    "S58": (
        PETROL,
        (700, 800),
        (2500, 3000),
        "0.10",
        ("0.980", "1.020"),
        None,
        None,
        True,
        "M 3.0 l twin-turbo six",
    ),
    "S63": (
        PETROL,
        (600, 700),
        (2500, 3000),
        None,
        ("0.970", "1.030"),
        None,
        None,
        True,
        "M 4.4 l V8",
    ),
    "N12": (
        PETROL,
        (700, 800),
        (2300, 2800),
        None,
        None,
        None,
        None,
        None,
        "1.6 l four (legal lambda window)",
    ),
    "N73": (
        PETROL,
        (550, 650),
        (2200, 2800),
        None,
        ("0.970", "1.030"),
        None,
        None,
        True,
        "6.75 l V12",
    ),
    "N74": (
        PETROL,
        (550, 650),
        (2200, 2800),
        None,
        ("0.970", "1.030"),
        None,
        None,
        True,
        "6.6 l twin-turbo V12",
    ),
    "N47": (
        DIESEL,
        (780, 880),
        None,
        None,
        None,
        "0.80",
        (4700, 5100),
        None,
        "2.0 l four, common rail",
    ),
    "N57": (
        DIESEL,
        (720, 820),
        None,
        None,
        None,
        "0.70",
        (4600, 5000),
        True,
        "3.0 l straight six, common rail",
    ),
    "B47": (
        DIESEL,
        (780, 880),
        None,
        None,
        None,
        "0.50",
        (4800, 5200),
        True,
        "2.0 l four, particulate filter",
    ),
    "B57": (
        DIESEL,
        (700, 800),
        None,
        None,
        None,
        None,
        (4600, 5000),
        True,
        "3.0 l straight six, particulate filter (legal smoke limit)",
    ),
}
# A variant: the N54 of the E91 built from 2010 idles a little lower (a later software level).
VARIANTS = [
    NominalData(
        engine_type="N54",
        fuel=PETROL,
        series="E91",
        produced_from=date(2010, 3, 1),
        bounds={
            "idle_rpm_min": D(650),
            "idle_rpm_max": D(750),
            "raised_idle_rpm_min": D(2400),
            "raised_idle_rpm_max": D(3000),
            "lambda_min": D("0.970"),
            "lambda_max": D("1.030"),
        },
        obd_check=True,
        note="E91 from 03/2010, later engine software",
    ),
]

# name, fuel, first registered from, until, bounds, OBD check
LEGAL_LIMITS: list[tuple[str, str, date | None, date | None, dict[str, Decimal], bool]] = [
    (
        "Directive 2014/45/EU: petrol with catalyst, first registered before 1 July 2002",
        PETROL,
        None,
        date(2002, 6, 30),
        {
            "raised_idle_rpm_min": D(2000),
            "co_max": D("0.30"),
            "lambda_min": D("0.970"),
            "lambda_max": D("1.030"),
        },
        False,
    ),
    (
        "Directive 2014/45/EU: petrol, first registered 1 July 2002 - 31 December 2005",
        PETROL,
        date(2002, 7, 1),
        date(2005, 12, 31),
        {
            "raised_idle_rpm_min": D(2000),
            "co_max": D("0.20"),
            "lambda_min": D("0.970"),
            "lambda_max": D("1.030"),
        },
        False,
    ),
    (
        "Directive 2014/45/EU: petrol with OBD, first registered from 1 January 2006",
        PETROL,
        date(2006, 1, 1),
        None,
        {
            "raised_idle_rpm_min": D(2000),
            "co_max": D("0.20"),
            "lambda_min": D("0.970"),
            "lambda_max": D("1.030"),
        },
        True,
    ),
    (
        "Directive 2014/45/EU: turbocharged diesel, first registered before 1 July 2008",
        DIESEL,
        None,
        date(2008, 6, 30),
        {"smoke_k_max": D("3.00")},
        False,
    ),
    (
        "Directive 2014/45/EU: diesel (Euro 5 and 6), first registered from 1 July 2008",
        DIESEL,
        date(2008, 7, 1),
        None,
        {"smoke_k_max": D("1.50")},
        True,
    ),
]
INTERVALS = {"DK": 24, "DE": 24, "SE": 14, "NL": 12}


def _pair(value: Range) -> tuple[Decimal | None, Decimal | None]:
    return (D(str(value[0])), D(str(value[1]))) if value else (None, None)


def engine_rows() -> list[NominalData]:
    rows = []
    for engine, (fuel, idle, raised, co, lam, smoke, governed, obd, note) in ENGINES.items():
        bounds: dict[str, Decimal | None] = {}
        bounds["idle_rpm_min"], bounds["idle_rpm_max"] = _pair(idle)
        bounds["raised_idle_rpm_min"], bounds["raised_idle_rpm_max"] = _pair(raised)
        bounds["co_max"] = D(co) if co else None
        bounds["lambda_min"], bounds["lambda_max"] = _pair(lam)
        bounds["smoke_k_max"] = D(smoke) if smoke else None
        bounds["governed_rpm_min"], bounds["governed_rpm_max"] = _pair(governed)
        rows.append(
            NominalData(engine_type=engine, fuel=fuel, bounds=bounds, obd_check=obd, note=note)
        )
    return [*rows, *VARIANTS]


def load() -> str:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for data in engine_rows():
        _row, outcome = nominal_values_upsert(data=data, actor=None)
        counts[outcome] += 1
    for name, fuel, start, end, bounds, obd in LEGAL_LIMITS:
        LegalLimit.objects.update_or_create(
            name=name,
            defaults={
                "fuel": fuel,
                "registered_from": start,
                "registered_to": end,
                "obd_check": obd,
                **bounds,
            },
        )
    for country, months in INTERVALS.items():
        DueInterval.objects.update_or_create(country=country, defaults={"months": months})
    return (
        f"{counts['created']} nominal values created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged; {len(LEGAL_LIMITS)} legal limits, "
        f"{len(INTERVALS)} test intervals"
    )
