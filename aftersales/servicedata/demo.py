"""Demo labour catalogue: flat-rate values for the walkthrough's E91 335i (N54) and every other
demo vehicle type (cars by engine and brand, motorcycles, electric cars), one operation whose
variants depend on the production date, and service packages (two valid for the walkthrough's
car). Numbers follow the maker's 2-2-3 pattern; descriptions and values are the demo's own.

Idempotent: operations go through the import's upsert (number + validity; same content, same
version), packages are upserted by number with their lines replaced.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal

from django.db import transaction

from .models import LabourOperation, LabourOperationVersion, ServicePackage
from .rules import OperationContent
from .services import ValidityData, labour_operation_upsert

CAR_BRANDS = ["bmw", "bmw_m", "bmw_i", "mini", "rolls_royce"]
PETROL = {
    "N54": 14, "N52": 10, "N20": 7, "B38": 5, "B46": 7, "B48": 7, "B58": 10,
    "S55": 12, "S58": 12, "S63": 20, "N12": 6, "N73": 24, "N74": 24,
}  # fmt: skip  # engine → spark plug units
OIL = {
    "N54": 6, "N52": 5, "N20": 5, "B38": 4, "B46": 5, "B48": 5, "B58": 6, "S55": 7, "S58": 7,
    "S63": 9, "N12": 4, "N73": 10, "N74": 10, "N47": 5, "N57": 6, "B47": 5, "B57": 6,
}  # fmt: skip  # engine → oil service units
DIESEL = {"N47": 5, "N57": 6, "B47": 5, "B57": 6}  # engine → fuel filter units
ELECTRIC = ["IB1", "HA0001", "HA0002"]
MOTORCYCLE_OIL = {"A12B": 6, "S10A": 7, "F90A": 5, "G31A": 4, "R18B": 6}

# number: (description, Danish, included work, Danish)
TEXTS: dict[str, tuple[str, str, str, str]] = {
    "11 00 050": (
        "Engine oil service with oil filter",
        "Motorolieskift med oliefilter",
        "Drain the engine oil, renew the oil filter and sealing rings, fill in oil, reset the "
        "service indicator.",
        "Aftap motorolien, forny oliefilter og tætningsringe, påfyld olie, nulstil "
        "serviceindikatoren.",
    ),
    "12 12 000": (
        "Replace spark plugs (all)",
        "Udskift tændrør (alle)",
        "Remove the ignition coils, renew every spark plug, check the coil connectors.",
        "Afmonter tændspolerne, forny alle tændrør, kontrollér spolestikkene.",
    ),
    "13 71 000": (
        "Replace air filter element",
        "Udskift luftfilterindsats",
        "Open the intake silencer, renew the filter element, clean the housing.",
        "Åbn indsugningsdæmperen, forny filterindsatsen, rengør huset.",
    ),
    "13 32 000": (
        "Replace diesel fuel filter",
        "Udskift dieselfilter",
        "Renew the fuel filter, bleed the fuel system, check for leaks.",
        "Forny brændstoffilteret, udluft brændstofsystemet, kontrollér for utætheder.",
    ),
    "64 31 000": (
        "Replace microfilter (cabin filter)",
        "Udskift mikrofilter (kabinefilter)",
        "Renew the microfilter or the activated-carbon filter elements.",
        "Forny mikrofilteret eller aktivkulfilterets elementer.",
    ),
    "34 11 000": (
        "Replace front brake pads",
        "Udskift bremseklodser foran",
        "Renew the pads and the wear sensor of both front wheels, clean the calipers.",
        "Forny klodser og slidføler på begge forhjul, rengør bremsekalibrene.",
    ),
    "34 21 000": (
        "Replace rear brake pads",
        "Udskift bremseklodser bagtil",
        "Renew the pads and the wear sensor of both rear wheels, clean the calipers.",
        "Forny klodser og slidføler på begge baghjul, rengør bremsekalibrene.",
    ),
    "34 00 500": (
        "Replace brake fluid",
        "Udskift bremsevæske",
        "Bleed the brake system with the filling device, check the fluid level.",
        "Udluft bremsesystemet med påfyldningsudstyret, kontrollér væskestanden.",
    ),
    "17 00 100": (
        "Replace coolant",
        "Udskift kølervæske",
        "Drain and refill the cooling system, bleed it electrically.",
        "Aftap og genopfyld kølesystemet, udluft det elektrisk.",
    ),
    "13 53 520": (
        "Replace high-pressure fuel pump",
        "Udskift højtrykspumpe",
        "Depressurise the fuel system, renew the pump and its lines, run the adaptation.",
        "Gør brændstofsystemet trykløst, forny pumpen og dens rør, kør tilpasningen.",
    ),
    "11 65 015": (
        "Check wastegate of both turbochargers",
        "Kontrollér wastegate på begge turboladere",
        "Measure the wastegate play, test the vacuum units, record the values.",
        "Mål wastegate-slør, test vakuumdåserne, notér værdierne.",
    ),
    "61 21 500": (
        "High-voltage battery safety check",
        "Sikkerhedstjek af højvoltsbatteri",
        "Read the battery management, insulation test, visual check of the HV lines.",
        "Aflæs batteristyringen, isolationstest, visuelt tjek af HV-ledningerne.",
    ),
    "11 00 510": (
        "Engine oil service (motorcycle)",
        "Motorolieskift (motorcykel)",
        "Renew engine oil and oil filter, check the level on the sight glass.",
        "Forny motorolie og oliefilter, kontrollér niveauet i skueglasset.",
    ),
    "34 00 510": (
        "Replace brake fluid front and rear (motorcycle)",
        "Udskift bremsevæske for og bag (motorcykel)",
        "Bleed both brake circuits (and ABS pressure modulator where fitted).",
        "Udluft begge bremsekredse (og ABS-modulatoren, hvor den findes).",
    ),
}
EXCLUDED = (
    "Parts and fluids; additional work found during the job.",
    "Dele og væsker; ekstra arbejde, der findes under opgaven.",
    "Teile und Betriebsstoffe; zusätzliche Arbeiten, die sich während des Auftrags ergeben.",
)
# number: (German description, German included work)
TEXTS_DE: dict[str, tuple[str, str]] = {
    "11 00 050": ("Motorölservice mit Ölfilter",
                  "Motoröl ablassen, Ölfilter und Dichtringe erneuern, Öl einfüllen, "
                  "Serviceanzeige zurücksetzen."),
    "12 12 000": ("Zündkerzen ersetzen (alle)",
                  "Zündspulen ausbauen, alle Zündkerzen erneuern, Spulenstecker prüfen."),
    "13 71 000": ("Luftfiltereinsatz ersetzen",
                  "Ansauggeräuschdämpfer öffnen, Filtereinsatz erneuern, Gehäuse reinigen."),
    "13 32 000": ("Dieselkraftstofffilter ersetzen",
                  "Kraftstofffilter erneuern, Kraftstoffsystem entlüften, auf Dichtheit prüfen."),
    "64 31 000": ("Mikrofilter (Innenraumfilter) ersetzen",
                  "Mikrofilter bzw. Aktivkohle-Filtereinsätze erneuern."),
    "34 11 000": ("Bremsbeläge vorn ersetzen",
                  "Beläge und Verschleißsensor beider Vorderräder erneuern, Bremssättel reinigen."),
    "34 21 000": ("Bremsbeläge hinten ersetzen",
                  "Beläge und Verschleißsensor beider Hinterräder erneuern, Bremssättel reinigen."),
    "34 00 500": ("Bremsflüssigkeit erneuern",
                  "Bremsanlage mit dem Füllgerät entlüften, Flüssigkeitsstand prüfen."),
    "17 00 100": ("Kühlmittel erneuern",
                  "Kühlsystem entleeren und befüllen, elektrisch entlüften."),
    "13 53 520": ("Kraftstoff-Hochdruckpumpe ersetzen",
                  "Kraftstoffsystem drucklos machen, Pumpe und Leitungen erneuern, Adaption "
                  "durchführen."),
    "11 65 015": ("Wastegate beider Turbolader prüfen",
                  "Wastegate-Spiel messen, Unterdruckdosen prüfen, Werte festhalten."),
    "61 21 500": ("Sicherheitsprüfung Hochvoltbatterie",
                  "Batteriemanagement auslesen, Isolationsprüfung, Sichtprüfung der HV-Leitungen."),
    "11 00 510": ("Motorölservice (Motorrad)",
                  "Motoröl und Ölfilter erneuern, Stand am Schauglas prüfen."),
    "34 00 510": ("Bremsflüssigkeit vorn und hinten erneuern (Motorrad)",
                  "Beide Bremskreise entlüften (und ABS-Druckmodulator, falls vorhanden)."),
}  # fmt: skip

# (number, units, validity, special tools)
Row = tuple[str, int, ValidityData, list[str]]


def _rows() -> list[Row]:
    rows: list[Row] = []
    for engine, units in OIL.items():
        rows.append(("11 00 050", units, ValidityData(engine_type=engine), ["11 4 650"]))
    for engine, units in PETROL.items():
        rows.append(("12 12 000", units, ValidityData(engine_type=engine), ["12 1 200"]))
    for engine, units in DIESEL.items():
        rows.append(("13 32 000", units, ValidityData(engine_type=engine), []))
    for brand in CAR_BRANDS:
        car = ValidityData(brand=brand)
        rows += [
            ("13 71 000", 3, car, []),
            ("64 31 000", 4, car, []),
            ("34 11 000", 10, car, ["34 1 260"]),
            ("34 21 000", 10, car, ["34 1 260"]),
            ("34 00 500", 6, car, ["83 30 0 494 060"]),
            ("17 00 100", 6, car, []),
        ]
    # One number, two variants by production date: the walkthrough's car (09/2008) is priced
    # with the earlier one.
    rows.append(
        (
            "13 53 520",
            12,
            ValidityData(engine_type="N54", produced_to=date(2009, 2, 28)),
            ["13 5 250"],
        )
    )
    rows.append(
        (
            "13 53 520",
            9,
            ValidityData(engine_type="N54", produced_from=date(2009, 3, 1)),
            ["13 5 250"],
        )
    )
    rows.append(("11 65 015", 8, ValidityData(series="E91", engine_type="N54"), []))
    rows.append(("11 65 015", 8, ValidityData(series="E90", engine_type="N54"), []))
    for engine in ELECTRIC:
        rows.append(("61 21 500", 8, ValidityData(engine_type=engine), ["61 2 300"]))
    for engine, units in MOTORCYCLE_OIL.items():
        rows.append(("11 00 510", units, ValidityData(engine_type=engine), []))
    rows.append(("34 00 510", 7, ValidityData(brand="bmw_motorrad"), ["34 2 520"]))
    return rows


# number: (name, Danish, validity, fixed net price, [(operation, quantity)],
#          [(part number, description, Danish, quantity, unit, net unit price)])
PACKAGES = {
    "SP-OIL-N54": (
        "Oil service N54",
        "Olieservice N54",
        ValidityData(engine_type="N54"),
        None,
        [("11 00 050", 1), ("13 71 000", 1)],
        [
            ("83 21 2 365 950", "Engine oil 5W-30 Longlife-01", "Motorolie 5W-30 Longlife-01",
             "6.5", "l", "12.40"),
            ("11 42 7 541 827", "Oil filter element", "Oliefilterindsats", "1", "pcs", "16.80"),
            ("07 11 9 963 151", "Sealing ring", "Tætningsring", "1", "pcs", "0.90"),
        ],
    ),
    "SP-BRAKE-FLUID": (
        "Brake fluid service",
        "Bremsevæskeservice",
        ValidityData(brand="bmw"),
        Decimal("99.00"),
        [("34 00 500", 1)],
        [("83 13 2 405 977", "Brake fluid DOT 4 LV", "Bremsevæske DOT 4 LV", "1", "l", "19.50")],
    ),
    "SP-OIL-B47": (
        "Oil service B47 with fuel filter",
        "Olieservice B47 med brændstoffilter",
        ValidityData(engine_type="B47"),
        None,
        [("11 00 050", 1), ("13 32 000", 1), ("13 71 000", 1)],
        [
            ("83 21 2 365 950", "Engine oil 5W-30 Longlife-04", "Motorolie 5W-30 Longlife-04",
             "5.2", "l", "12.40"),
            ("11 42 8 575 211", "Oil filter element", "Oliefilterindsats", "1", "pcs", "15.60"),
            ("13 32 8 584 867", "Fuel filter", "Brændstoffilter", "1", "pcs", "42.00"),
        ],
    ),
    "SP-INSPECT-MC": (
        "Motorcycle inspection",
        "Motorcykeleftersyn",
        ValidityData(brand="bmw_motorrad"),
        Decimal("189.00"),
        [("11 00 510", 1), ("34 00 510", 1)],
        [("83 12 2 461 640", "Engine oil 15W-50 (motorcycle)", "Motorolie 15W-50 (motorcykel)",
          "4", "l", "14.20")],
    ),
}  # fmt: skip
# package number: German name; material part number: German description
PACKAGE_NAMES_DE = {
    "SP-OIL-N54": "Ölservice N54",
    "SP-BRAKE-FLUID": "Bremsflüssigkeitsservice",
    "SP-OIL-B47": "Ölservice B47 mit Kraftstofffilter",
    "SP-INSPECT-MC": "Motorradinspektion",
}
MATERIALS_DE = {
    "Engine oil 5W-30 Longlife-01": "Motoröl 5W-30 Longlife-01",
    "Engine oil 5W-30 Longlife-04": "Motoröl 5W-30 Longlife-04",
    "Oil filter element": "Ölfiltereinsatz",
    "Sealing ring": "Dichtring",
    "Brake fluid DOT 4 LV": "Bremsflüssigkeit DOT 4 LV",
    "Fuel filter": "Kraftstofffilter",
    "Engine oil 15W-50 (motorcycle)": "Motoröl 15W-50 (Motorrad)",
}


def _packages() -> None:
    for number, (name, name_da, validity, fixed, operations, materials) in PACKAGES.items():
        package, _created = ServicePackage.objects.update_or_create(
            number=number,
            defaults={
                "name": name,
                "name_da": name_da,
                "name_de": PACKAGE_NAMES_DE[number],
                "fixed_price": fixed,
                "active": True,
                **asdict(validity),
            },
        )
        package.operations.all().delete()
        package.materials.all().delete()
        for index, (op_number, quantity) in enumerate(operations, start=1):
            package.operations.create(
                operation_number=op_number, quantity=Decimal(quantity), position=index
            )
        for position, (part, text, text_da, amount, unit, price) in enumerate(materials, 1):
            package.materials.create(
                number=part,
                description=text,
                description_da=text_da,
                description_de=MATERIALS_DE[text],
                quantity=Decimal(amount),
                unit=unit,
                unit_price=Decimal(price),
                position=position,
            )


@transaction.atomic
def load() -> str:
    for number, units, validity, tools in _rows():
        text, text_da, included, included_da = TEXTS[number]
        labour_operation_upsert(
            number=number,
            validity=validity,
            content=OperationContent(
                description=text,
                description_da=text_da,
                description_de=TEXTS_DE[number][0],
                units=Decimal(units),
                included_work=included,
                included_work_da=included_da,
                included_work_de=TEXTS_DE[number][1],
                excluded_work=EXCLUDED[0],
                excluded_work_da=EXCLUDED[1],
                excluded_work_de=EXCLUDED[2],
                tool_numbers=tools,
            ),
            actor=None,
            source=LabourOperationVersion.Source.DEMO,
        )
    _packages()
    return (
        f"{LabourOperation.objects.count()} labour operations, "
        f"{ServicePackage.objects.count()} service packages"
    )
