"""Demo documents, part 2: thirty wiring diagrams, thirty inspection sheets (some in Danish) and
thirty manuals, for the demo vehicles' series and engines. Written for the demo."""

from __future__ import annotations

from datetime import date

from .demo_repair import DemoDocument

# circuit, what it shows, components, fault codes
CIRCUITS: list[tuple[str, str, list[str], list[str]]] = [
    (
        "Ignition coils",
        "the six ignition coils and their supply from the DME",
        ["DME pin 12-17 to coils 1-6", "Terminal 87 relay", "Ground point at the cylinder head"],
        ["P0351", "P0352"],
    ),
    (
        "Lambda sensors",
        "the lambda sensors before and after the catalytic converters",
        ["Sensor heater supply from the DME", "Signal lines shielded", "Connectors X6020-X6023"],
        ["P0130", "P0135"],
    ),
    (
        "Electric fuel pump",
        "the fuel pump control unit and the electric fuel pump",
        ["EKP control unit", "Supply fuse F17", "Low-pressure sensor"],
        ["P0087"],
    ),
    (
        "Oil level and quality sensor",
        "the thermal oil level sensor in the sump",
        ["Sensor supply 12 V", "Bit-serial data line to the DME"],
        [],
    ),
    (
        "Electric coolant pump",
        "the electric coolant pump and its LIN connection",
        ["Pump supply fuse F42", "LIN bus from the DME", "Ground point X490"],
        ["P0597"],
    ),
    (
        "Starter and alternator",
        "starter motor, alternator and battery sensor",
        ["Terminal 50 from the CAS", "Battery sensor LIN", "B+ cable"],
        ["P0562"],
    ),
]
WIRING_SETS: list[tuple[list[str], list[str]]] = [
    (["E90", "E91"], ["N54"]),
    (["E90", "E91"], ["N47"]),
    (["F10"], ["N57"]),
    (["F30", "F31"], ["N20", "B47"]),
    (["G20"], ["B48", "B47", "B58"]),
]


# (circuit, set) of the diagrams made as PDFs with the drawing; the others are HTML pages.
PDFS = {(0, 0)}


def wiring_diagrams() -> list[DemoDocument]:
    documents = []
    for c, (circuit, shows, components, fault_codes) in enumerate(CIRCUITS):
        for s, (series, engines) in enumerate(WIRING_SETS):
            # Ignition coils and lambda sensors of a diesel make no sense; glow plugs instead.
            diesel = engines[0] in ("N47", "N57")
            name = circuit
            if diesel and circuit == "Ignition coils":
                name, shows = "Glow plug system", "the glow plug control unit and the glow plugs"
                components = ["Glow plug control unit", "Supply fuse F104", "LIN from the DDE"]
                fault_codes = ["P0670"]
            documents.append(
                DemoDocument(
                    number=f"WD {61 + c} {10 + s:02d} {100 + c * 10 + s}",
                    kind="wiring_diagram",
                    title=f"Wiring diagram: {name} ({'/'.join(series)}, {'/'.join(engines)})",
                    sections=[
                        ("What the diagram shows", [f"The circuit of {shows}."]),
                        ("Components and connections", components),
                        (
                            "Checking",
                            [
                                "Check the supply with the ignition on before measuring signal "
                                "lines; a resistance above 1 ohm on a ground line is a fault."
                            ],
                        ),
                    ],
                    series=series,
                    engines=engines,
                    fault_codes=fault_codes,
                    # Two of them are drawings only (no text); some are PDFs with the drawing.
                    form="image"
                    if (c, s) in ((3, 4), (5, 3))
                    else ("pdf" if (c, s) in PDFS else "html"),
                    valid_from=date(2023, 9, 1),
                )
            )
    return documents


# series, language of its inspection sheets
INSPECTION_SERIES: list[tuple[str, str]] = [
    ("E90", "en"),
    ("E91", "en"),
    ("E60", "en"),
    ("F10", "en"),
    ("F30", "da"),
    ("F31", "en"),
    ("G20", "da"),
    ("G30", "de"),
    ("G31", "en"),
    ("G01", "de"),
    ("G05", "de"),
    ("F48", "da"),
    ("F56", "en"),
    ("R56", "da"),
    ("G11", "en"),
]
OIL_SERVICE_EN = [
    "Engine oil and oil filter element replaced, level checked",
    "Brake fluid: age and boiling point checked",
    "Front and rear brake pads and discs: thickness measured",
    "Tyres: tread depth and pressure, spare or repair kit checked",
    "Lights, horn, wipers and washer fluid checked",
    "Microfilter and air filter element: condition checked",
    "CBS reset and service history entry written",
]
OIL_SERVICE_DA = [
    "Motorolie og oliefilterindsats udskiftet, niveau kontrolleret",
    "Bremsevæske: alder og kogepunkt kontrolleret",
    "Bremseklodser og bremseskiver for og bag: tykkelse målt",
    "Dæk: mønsterdybde og tryk kontrolleret",
    "Lys, horn, viskere og sprinklervæske kontrolleret",
    "Pollenfilter og luftfilterindsats: tilstand kontrolleret",
    "CBS nulstillet og servicehistorik registreret",
]
VEHICLE_CHECK_EN = [
    "Steering and suspension joints checked for play",
    "Exhaust system checked for leaks and mounting",
    "Underbody and brake lines checked for corrosion",
    "Battery tested with the battery tester",
    "Fault memory read; emission-relevant faults noted",
]
VEHICLE_CHECK_DA = [
    "Styretøj og affjedringsled kontrolleret for slør",
    "Udstødningssystem kontrolleret for utætheder og ophæng",
    "Undervogn og bremserør kontrolleret for rust",
    "Batteri testet med batteritester",
    "Fejlhukommelse aflæst; emissionsrelevante fejl noteret",
]


OIL_SERVICE_DE = [
    "Motoröl und Ölfiltereinsatz erneuert, Ölstand geprüft",
    "Bremsflüssigkeit: Alter und Siedepunkt geprüft",
    "Bremsbeläge und Bremsscheiben vorn und hinten: Stärke gemessen",
    "Reifen: Profiltiefe und Luftdruck, Reserverad oder Pannenset geprüft",
    "Beleuchtung, Hupe, Wischer und Waschflüssigkeit geprüft",
    "Mikrofilter und Luftfiltereinsatz: Zustand geprüft",
    "CBS zurückgesetzt und Eintrag in die Servicehistorie geschrieben",
]
VEHICLE_CHECK_DE = [
    "Lenkung und Fahrwerksgelenke auf Spiel geprüft",
    "Abgasanlage auf Dichtheit und Befestigung geprüft",
    "Unterboden und Bremsleitungen auf Korrosion geprüft",
    "Batterie mit dem Batterietester geprüft",
    "Fehlerspeicher ausgelesen; abgasrelevante Fehler notiert",
]
# language: (title, items, heading) of the oil service sheet and of the vehicle check sheet
INSPECTION_TEXTS: dict[str, tuple[tuple[str, list[str], str], tuple[str, list[str], str]]] = {
    "en": (
        ("Oil service: inspection sheet", OIL_SERVICE_EN, "Items"),
        ("Vehicle check: inspection sheet", VEHICLE_CHECK_EN, "Items"),
    ),
    "da": (
        ("Olieservice: tjekliste", OIL_SERVICE_DA, "Punkter"),
        ("Køretøjskontrol: tjekliste", VEHICLE_CHECK_DA, "Punkter"),
    ),
    "de": (
        ("Ölservice: Prüfblatt", OIL_SERVICE_DE, "Prüfpunkte"),
        ("Fahrzeug-Check: Prüfblatt", VEHICLE_CHECK_DE, "Prüfpunkte"),
    ),
}


def inspection_sheets() -> list[DemoDocument]:
    documents = []
    for series, language in INSPECTION_SERIES:
        oil, check = INSPECTION_TEXTS[language]
        for m, (title, items, heading) in enumerate((oil, check)):
            documents.append(
                DemoDocument(
                    number=f"IS {series} {m + 1:02d}",
                    kind="inspection_sheet",
                    title=f"{title} ({series})",
                    sections=[(heading, items)],
                    series=[series],
                    language=language,
                    valid_from=date(2024, 6, 1),
                )
            )
    return documents


MANUAL_TOPICS: list[tuple[str, str, list[str]]] = [
    (
        "Lubrication system",
        "The oil pump delivers oil through the oil filter to the main "
        "gallery; a map-controlled pump lowers the pressure at part load to save fuel.",
        [
            "Oil pressure at idle: 1.5 bar minimum",
            "Oil filter cover: 25 Nm",
            "Approved engine oils: Longlife-01, Longlife-04",
        ],
    ),
    (
        "Fuel system",
        "A high-pressure pump driven by the camshaft feeds the rail; the injectors "
        "spray directly into the combustion chamber.",
        [
            "Rail pressure at idle: 50 bar (petrol) / 250 bar (diesel)",
            "Never open a line under pressure: depressurise with the diagnosis tool",
        ],
    ),
    (
        "Cooling system",
        "An electric coolant pump runs on demand; a map thermostat keeps the "
        "engine warmer at part load.",
        ["Coolant: antifreeze 50 %", "Bleed the system with the bleeding routine"],
    ),
    (
        "Turbocharging",
        "Exhaust turbochargers with an electrically operated wastegate; the "
        "charge air is cooled by an air-to-air intercooler.",
        ["Check the charge air hoses for oil and clamps for tightness"],
    ),
    (
        "Emission control",
        "Catalytic converters close to the engine, lambda sensors before and "
        "after them; the OBD monitors check the catalysts and sensors while driving.",
        [
            "Readiness of the catalyst monitor needs a drive of 20 minutes at steady speed",
            "Emission-relevant faults switch the MIL on",
        ],
    ),
]
MANUAL_ENGINES = ["N54", "N47", "N57", "N20", "B47", "B48"]


def manuals() -> list[DemoDocument]:
    documents = []
    for e, engine in enumerate(MANUAL_ENGINES):
        for t, (topic, text, facts) in enumerate(MANUAL_TOPICS):
            documents.append(
                DemoDocument(
                    number=f"TM {engine} {t + 1:02d}",
                    kind="manual",
                    title=f"Technical manual {engine}: {topic.lower()}",
                    sections=[("Function", [text]), ("Values and notes", facts)],
                    engines=[engine],
                    form="scan" if (e, t) == (0, 4) else ("pdf" if (e, t) == (0, 0) else "html"),
                    valid_from=date(2022, 1, 1),
                )
            )
    return documents
