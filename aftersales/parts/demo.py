"""Demo parts catalogue for the walkthrough's car (E91 335i, N54, automatic S205A) and the
E90 320d (N47) of the vehicle demo: five main groups, four drawn illustrations with hotspots,
a row valid only with option S205A and one only without it, rows limited by production date,
supersession chains, a price list with a price change, and an EPC ticket for the demo workshop.
Part numbers and texts are made up for the demo. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from aftersales import clock

from . import demo_drawings as drawings
from .models import (
    Hotspot,
    Illustration,
    MainGroup,
    Part,
    PartPrice,
    PartUsage,
    PriceList,
    SubGroup,
)
from .services import illustration_image_set, supersession_set
from .validity import validity_key

# number, English, Danish
MAIN_GROUPS = [
    ("11", "Engine", "Motor"),
    ("12", "Engine electrical system", "Motorens el-system"),
    ("23", "Manual gearbox", "Manuel gearkasse"),
    ("24", "Automatic transmission", "Automatgear"),
    ("34", "Brakes", "Bremser"),
]
# main group, subgroup, English, Danish
SUBGROUPS = [
    ("11", "11 42", "Lubrication system, oil filter", "Smøresystem, oliefilter"),
    ("12", "12 12", "Ignition: spark plugs, ignition coils", "Tænding: tændrør, tændspoler"),
    ("23", "23 00", "Gearbox oil", "Gearolie"),
    ("24", "24 11", "Oil pan and filter", "Oliebundkar og filter"),
    ("34", "34 11", "Front wheel brake, brake pads", "Forhjulsbremse, bremseklodser"),
]
# subgroup, number, English, Danish, drawing, hotspots
ILLUSTRATIONS = [
    (
        "11 42",
        "11_4030",
        "Oil filter with cover",
        "Oliefilter med dæksel",
        drawings.OIL_FILTER,
        drawings.OIL_FILTER_HOTSPOTS,
    ),
    (
        "12 12",
        "12_0510",
        "Spark plug and ignition coil",
        "Tændrør og tændspole",
        drawings.SPARK_PLUG,
        drawings.SPARK_PLUG_HOTSPOTS,
    ),
    ("23 00", "23_0010", "Gearbox oil", "Gearolie", "", {}),
    (
        "24 11",
        "24_0210",
        "Oil pan with filter",
        "Oliebundkar med filter",
        drawings.ATF_PAN,
        drawings.ATF_PAN_HOTSPOTS,
    ),
    (
        "34 11",
        "34_0150",
        "Front brake disc and pads",
        "Bremseskive og klodser foran",
        drawings.BRAKE,
        drawings.BRAKE_HOTSPOTS,
    ),
]
# number, English, Danish, unit
PARTS = [
    ("11427508969", "Oil filter element", "Oliefilterindsats", "pcs"),
    ("11427541827", "Oil filter element set", "Oliefiltersæt", "pcs"),
    ("11427953129", "Oil filter element set with O-ring", "Oliefiltersæt med O-ring", "pcs"),
    ("11428507683", "Oil filter element set, diesel", "Oliefiltersæt, diesel", "pcs"),
    ("11427525334", "O-ring 86x3", "O-ring 86x3", "pcs"),
    ("11427525333", "Oil filter cover", "Oliefilterdæksel", "pcs"),
    ("07119963151", "Screw plug M12x1.5", "Skruprop M12x1,5", "pcs"),
    ("07119963200", "Gasket ring A12x18", "Pakring A12x18", "pcs"),
    ("12120037244", "Spark plug, high power", "Tændrør, high power", "pcs"),
    ("12137594937", "Ignition coil", "Tændspole", "pcs"),
    ("12138616153", "Ignition coil, improved", "Tændspole, forbedret", "pcs"),
    ("07129904532", "Hex bolt M6x30", "Sekskantbolt M6x30", "pcs"),
    ("83222339219", "Manual gearbox oil", "Gearolie til manuel gearkasse", "l"),
    ("24117571217", "Oil pan with filter", "Oliebundkar med filter", "pcs"),
    ("24117536387", "Screw plug with O-ring", "Skruprop med O-ring", "pcs"),
    ("83222305397", "Automatic transmission fluid", "Automatgearolie", "l"),
    ("34116785669", "Brake disc, ventilated, 348x30", "Bremseskive, ventileret, 348x30", "pcs"),
    ("34116771868", "Set of brake pads", "Sæt bremseklodser", "pcs"),
    ("34116794917", "Set of brake pads, low dust", "Sæt bremseklodser, lavt støv", "pcs"),
    ("34356762252", "Brake pad wear sensor, front", "Slidsensor, bremseklodser foran", "pcs"),
    (
        "34356789439",
        "Brake pad wear sensor, front, new version",
        "Slidsensor foran, ny udgave",
        "pcs",
    ),
    ("34116769869", "Guide bolt", "Styrebolt", "pcs"),
]
# illustration, position, part, quantity, series, engine, from, until, options, note
ROWS = [
    ("11_4030", "1", "11427953129", "1", "", "N54", None, None, "", ""),
    ("11_4030", "1", "11428507683", "1", "", "N47", None, None, "", ""),
    ("11_4030", "2", "11427525334", "1", "", "N54", None, None, "", ""),
    ("11_4030", "3", "11427525333", "1", "", "N54", None, None, "", ""),
    ("11_4030", "4", "07119963151", "1", "", "", None, None, "", ""),
    ("11_4030", "5", "07119963200", "1", "", "", None, None, "", "Replace at every oil change"),
    ("12_0510", "1", "12120037244", "6", "", "N54", None, None, "", ""),
    ("12_0510", "2", "12137594937", "6", "", "N54", None, None, "", ""),
    ("12_0510", "3", "07129904532", "12", "", "N54", None, None, "", ""),
    ("23_0010", "1", "83222339219", "1.2", "", "", None, None, "-S205A -S2TB", ""),
    ("24_0210", "1", "24117571217", "1", "", "", None, None, "S205A/S2TB", ""),
    ("24_0210", "2", "24117536387", "1", "", "", None, None, "S205A/S2TB", ""),
    (
        "24_0210",
        "3",
        "83222305397",
        "7",
        "",
        "",
        None,
        None,
        "S205A/S2TB",
        "Fill quantity after an oil change",
    ),
    ("34_0150", "1", "34116785669", "2", "E91", "N54", None, None, "", ""),
    ("34_0150", "2", "34116771868", "1", "E91", "N54", None, None, "", ""),
    ("34_0150", "3", "34356762252", "1", "E91", "", None, date(2008, 8, 31), "", ""),
    ("34_0150", "3", "34356789439", "1", "E91", "", date(2008, 9, 1), None, "", ""),
    ("34_0150", "4", "34116769869", "2", "E91", "", None, None, "", ""),
    ("34_0150", "1", "34116785669", "2", "E90", "N47", None, None, "", ""),
    ("34_0150", "2", "34116794917", "1", "E90", "N47", None, None, "", ""),
]
# old → new: chains (the oil filter's goes through three numbers) and single replacements
SUPERSESSIONS = [
    ("11427508969", "11427541827", 900),
    ("11427541827", "11427953129", 400),
    ("12137594937", "12138616153", 200),
    ("34116771868", "34116794917", 120),
]
# part, net price a year ago, net price since a month ago (None: unchanged)
PRICES = [
    ("11427953129", "14.20", "15.10"),
    ("11428507683", "16.80", None),
    ("11427525334", "2.10", None),
    ("11427525333", "38.50", None),
    ("07119963151", "3.40", None),
    ("07119963200", "0.60", "0.65"),
    ("12120037244", "17.90", "18.40"),
    ("12138616153", "61.00", None),
    ("07129904532", "0.95", None),
    ("83222339219", "19.50", None),
    ("24117571217", "142.00", None),
    ("24117536387", "6.30", None),
    ("83222305397", "21.80", None),
    ("34116785669", "131.00", "134.50"),
    ("34116794917", "96.40", None),
    ("34356789439", "17.20", None),
    ("34116769869", "4.90", None),
]
# German names: main group and subgroup by number, illustration by number, part by number.
GERMAN = {
    "11": "Motor",
    "12": "Motorelektrik",
    "23": "Schaltgetriebe",
    "24": "Automatikgetriebe",
    "34": "Bremsen",
    "11 42": "Schmiersystem, Ölfilter",
    "12 12": "Zündung: Zündkerzen, Zündspulen",
    "23 00": "Getriebeöl",
    "24 11": "Ölwanne und Filter",
    "34 11": "Vorderradbremse, Bremsbeläge",
    "11_4030": "Ölfilter mit Deckel",
    "12_0510": "Zündkerze und Zündspule",
    "23_0010": "Getriebeöl",
    "24_0210": "Ölwanne mit Filter",
    "34_0150": "Bremsscheibe und Beläge vorn",
    "11427508969": "Ölfiltereinsatz",
    "11427541827": "Ölfiltersatz",
    "11427953129": "Ölfiltersatz mit O-Ring",
    "11428507683": "Ölfiltersatz, Diesel",
    "11427525334": "O-Ring 86x3",
    "11427525333": "Ölfilterdeckel",
    "07119963151": "Verschlussschraube M12x1,5",
    "07119963200": "Dichtring A12x18",
    "12120037244": "Zündkerze, High Power",
    "12137594937": "Zündspule",
    "12138616153": "Zündspule, verbessert",
    "07129904532": "Sechskantschraube M6x30",
    "83222339219": "Schaltgetriebeöl",
    "24117571217": "Ölwanne mit Filter",
    "24117536387": "Verschlussschraube mit O-Ring",
    "83222305397": "Automatikgetriebeöl",
    "34116785669": "Bremsscheibe, innenbelüftet, 348x30",
    "34116771868": "Satz Bremsbeläge",
    "34116794917": "Satz Bremsbeläge, staubarm",
    "34356762252": "Bremsbelagverschleißsensor vorn",
    "34356789439": "Bremsbelagverschleißsensor vorn, neue Ausführung",
    "34116769869": "Führungsbolzen",
}
NOTES_DE = {
    "Replace at every oil change": "Bei jedem Ölwechsel ersetzen",
    "Fill quantity after an oil change": "Füllmenge nach Ölwechsel",
}
PRICE_LIST_CODE = "EPC-EUR"


def _catalogue() -> None:
    groups = {}
    for number, name, name_da in MAIN_GROUPS:
        groups[number], _ = MainGroup.objects.update_or_create(
            number=number, defaults={"name": name, "name_da": name_da, "name_de": GERMAN[number]}
        )
    subgroups = {}
    for main, number, name, name_da in SUBGROUPS:
        subgroups[number], _ = SubGroup.objects.update_or_create(
            main_group=groups[main],
            number=number,
            defaults={"name": name, "name_da": name_da, "name_de": GERMAN[number]},
        )
    illustrations = {}
    for subgroup, number, title, title_da, svg, hotspots in ILLUSTRATIONS:
        illustration, _ = Illustration.objects.update_or_create(
            number=number,
            defaults={
                "subgroup": subgroups[subgroup],
                "title": title,
                "title_da": title_da,
                "title_de": GERMAN[number],
            },
        )
        if svg and not illustration.has_image:
            illustration_image_set(
                illustration=illustration, content=svg.encode(), name=f"{number}.svg"
            )
        for position, (x, y) in hotspots.items():
            Hotspot.objects.update_or_create(
                illustration=illustration, position=position, defaults={"x": x, "y": y}
            )
        illustrations[number] = illustration
    parts = {}
    for number, description, description_da, unit in PARTS:
        parts[number], _ = Part.objects.get_or_create(
            number=number,
            defaults={"description": description, "description_da": description_da, "unit": unit},
        )
        if not parts[number].description_de:  # also for a demo loaded before German came
            parts[number].description_de = GERMAN[number]
            parts[number].save(update_fields=["description_de"])
    for sort, (
        ill,
        position,
        part,
        quantity,
        series,
        engine,
        start,
        end,
        options,
        note,
    ) in enumerate(ROWS, start=1):
        key = validity_key(
            brand="",
            series=series,
            model_code="",
            engine=engine,
            produced_from=start,
            produced_until=end,
            options=options,
        )
        PartUsage.objects.update_or_create(
            illustration=illustrations[ill],
            position=position,
            part=parts[part],
            validity_key=key,
            defaults={
                "sort": sort,
                "quantity": Decimal(quantity),
                "series": series,
                "engine": engine,
                "produced_from": start,
                "produced_until": end,
                "options": options,
                "note": note,
                "note_da": "Udskiftes ved hvert olieskift"
                if note.startswith("Replace")
                else ("Påfyldningsmængde efter olieskift" if note else ""),
                "note_de": NOTES_DE.get(note, ""),
            },
        )


def _supersessions(today: date) -> None:
    for old, new, days_ago in SUPERSESSIONS:
        supersession_set(
            old_number=old, new_number=new, replaced_on=today - timedelta(days=days_ago)
        )


def _prices(today: date) -> None:
    """Prices from a year ago, some changed a month ago; loaded once (relative to that day)."""
    price_list, _ = PriceList.objects.get_or_create(
        code=PRICE_LIST_CODE,
        defaults={"name": "Parts prices (net, EUR)", "country": "", "active": True},
    )
    if price_list.prices.exists():
        return
    parts = {p.number: p for p in Part.objects.filter(number__in=[row[0] for row in PRICES])}
    PartPrice.objects.bulk_create(
        PartPrice(
            price_list=price_list, part=parts[number], valid_from=day, net_price=Decimal(amount)
        )
        for number, before, since in PRICES
        for day, amount in (
            (today - timedelta(days=365), before),
            (today - timedelta(days=30), since),
        )
        if amount is not None
    )


def _ticket() -> str:
    """The demo workshop holds an EPC ticket (the operator's demo setting makes EPC need one)."""
    from aftersales.accounts.models import Organisation
    from aftersales.billing.models import TicketProduct
    from aftersales.billing.selectors import active_ticket_for
    from aftersales.billing.services import ticket_grant_free
    from aftersales.catalogue.models import Application

    from .selectors import APPLICATION_SLUG

    workshop = Organisation.objects.filter(vat_number="DK13585628").first()
    application = Application.objects.filter(slug=APPLICATION_SLUG).first()
    product = TicketProduct.objects.filter(
        applications__slug=APPLICATION_SLUG, validity_unit="month"
    ).first()
    if workshop is None or application is None or product is None:
        return "no EPC ticket (no demo workshop or ticket product)"
    if active_ticket_for(organisation=workshop, application=application, at=clock.now()) is None:
        ticket_grant_free(operator=None, organisation=workshop, product=product, reason="Demo data")
    return "an EPC ticket for the demo workshop"


def load() -> str:
    today = clock.today()
    _catalogue()
    _supersessions(today)
    _prices(today)
    ticket = _ticket()
    return (
        f"{MainGroup.objects.count()} main groups, {Illustration.objects.count()} illustrations, "
        f"{PartUsage.objects.count()} parts rows, {Part.objects.filter(replaced_by__isnull=False).count()} "
        f"supersessions, {PartPrice.objects.count()} prices, {ticket}"
    )
