"""Demo Workshop equipment: ten special tools with drawn SVG pictures (the tools the demo labour
operations of Commercial Service Data name, and three general ones), an inventory for the
demo workshop that lacks the brake bleeding adapter 83 30 0 494 060 (so that "Replace brake
fluid" on the walkthrough's car shows the missing-tool warning), one request of it that the
operator has confirmed, and the demo repair instructions linked to the tools they need.
Tool numbers, names and prices are made up for the demo. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from aftersales import clock
from aftersales.accounts.models import Organisation, User

from .models import InventoryItem, Tool, ToolRequest
from .rules import ToolData
from .services import tool_picture_set, tool_request_create, tool_request_status_set, tool_upsert

WORKSHOP_VAT = "DK13585628"

# The drawings: simple shapes on a 160 × 120 canvas, one per kind of tool.
_FRAME = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120" width="160" height="120">'
    '<rect x="0" y="0" width="160" height="120" fill="#f4f6f9"/>{}</svg>'
)
DRAWINGS = {
    "socket": (
        '<rect x="40" y="30" width="50" height="60" rx="6" fill="#8d99a6" stroke="#333" stroke-width="2"/>'
        '<polygon points="65,42 78,50 78,66 65,74 52,66 52,50" fill="#f4f6f9" stroke="#333" stroke-width="2"/>'
        '<rect x="90" y="52" width="40" height="16" fill="#5b6773" stroke="#333" stroke-width="2"/>'
    ),
    "wrench": (
        '<rect x="20" y="54" width="90" height="12" rx="5" fill="#8d99a6" stroke="#333" stroke-width="2"/>'
        '<circle cx="120" cy="60" r="22" fill="#8d99a6" stroke="#333" stroke-width="2"/>'
        '<circle cx="120" cy="60" r="12" fill="#f4f6f9" stroke="#333" stroke-width="2"/>'
    ),
    "torque": (
        '<rect x="12" y="54" width="110" height="12" rx="5" fill="#5b6773" stroke="#333" stroke-width="2"/>'
        '<rect x="40" y="50" width="50" height="20" rx="3" fill="#d9dee4" stroke="#333" stroke-width="2"/>'
        '<line x1="45" y1="60" x2="85" y2="60" stroke="#b3261e" stroke-width="2"/>'
        '<rect x="122" y="50" width="26" height="20" fill="#8d99a6" stroke="#333" stroke-width="2"/>'
    ),
    "adapter": (
        '<circle cx="55" cy="60" r="28" fill="#8d99a6" stroke="#333" stroke-width="2"/>'
        '<circle cx="55" cy="60" r="14" fill="#1c4e80" stroke="#333" stroke-width="2"/>'
        '<path d="M83 60 C 110 60, 110 30, 140 30" fill="none" stroke="#333" stroke-width="6"/>'
    ),
    "tester": (
        '<rect x="35" y="20" width="90" height="80" rx="8" fill="#1c4e80" stroke="#333" stroke-width="2"/>'
        '<rect x="48" y="32" width="64" height="30" fill="#cfe8cf" stroke="#333" stroke-width="2"/>'
        '<circle cx="62" cy="80" r="7" fill="#b3261e"/><circle cx="98" cy="80" r="7" fill="#333"/>'
    ),
    "puller": (
        '<rect x="30" y="30" width="100" height="14" fill="#8d99a6" stroke="#333" stroke-width="2"/>'
        '<rect x="36" y="44" width="10" height="50" fill="#5b6773" stroke="#333" stroke-width="2"/>'
        '<rect x="114" y="44" width="10" height="50" fill="#5b6773" stroke="#333" stroke-width="2"/>'
        '<rect x="74" y="14" width="12" height="70" fill="#d9dee4" stroke="#333" stroke-width="2"/>'
    ),
    "reset": (
        '<rect x="30" y="40" width="40" height="40" rx="4" fill="#8d99a6" stroke="#333" stroke-width="2"/>'
        '<rect x="70" y="55" width="60" height="10" fill="#5b6773" stroke="#333" stroke-width="2"/>'
        '<circle cx="138" cy="60" r="10" fill="#d9dee4" stroke="#333" stroke-width="2"/>'
    ),
}

# number: (name, Danish, what it is for, Danish, supplier, net price, brands, calibration
#          months, drawing)
TOOLS = {
    "11 4 650": ("Oil filter wrench 86 mm", "Oliefilternøgle 86 mm",
                 "Opens and tightens the oil filter cover of six-cylinder engines.",
                 "Løsner og spænder oliefilterdækslet på sekscylindrede motorer.",
                 "Hazet", "38.90", ["bmw", "bmw_m"], None, "wrench"),
    "12 1 200": ("Spark plug socket 14 mm, thin-walled", "Tændrørstop 14 mm, tyndvægget",
                 "For the spark plugs of direct-injection petrol engines.",
                 "Til tændrørene på benzinmotorer med direkte indsprøjtning.",
                 "Gedore", "24.50", [], None, "socket"),
    "13 5 250": ("High-pressure pump locking tool", "Låseværktøj til højtrykspumpe",
                 "Holds the drive of the high-pressure fuel pump while it is changed.",
                 "Holder højtrykspumpens drev, mens pumpen skiftes.",
                 "BMW Group", "212.00", ["bmw", "bmw_m"], None, "puller"),
    "34 1 260": ("Brake piston reset tool", "Tilbagetrykker til bremsestempel",
                 "Pushes the caliper piston back when the pads are changed.",
                 "Trykker kaliperstemplet tilbage, når klodserne skiftes.",
                 "Hazet", "64.00", [], None, "reset"),
    "83 30 0 494 060": ("Brake bleeding adapter", "Udluftningsadapter til bremser",
                        "Connects the bleeding device to the brake fluid reservoir.",
                        "Forbinder udluftningsapparatet med bremsevæskebeholderen.",
                        "BMW Group", "148.50", ["bmw", "bmw_m", "bmw_i", "mini"], None, "adapter"),
    "61 2 300": ("Insulation tester 1000 V", "Isolationstester 1000 V",
                 "Measures the insulation of high-voltage components before work on them.",
                 "Måler isolationen af højvoltskomponenter, før der arbejdes på dem.",
                 "Fluke", "1290.00", ["bmw_i", "bmw", "mini"], 12, "tester"),
    "34 2 520": ("Brake bleeding adapter (motorcycle)", "Udluftningsadapter (motorcykel)",
                 "Adapter for the brake fluid reservoirs of BMW motorcycles.",
                 "Adapter til bremsevæskebeholderne på BMW-motorcykler.",
                 "BMW Group", "56.00", ["bmw_motorrad"], None, "adapter"),
    "00 9 120": ("Torque wrench 5-60 Nm", "Momentnøgle 5-60 Nm",
                 "Tightens small bolts to their torque, e.g. the oil filter cover.",
                 "Spænder små bolte til deres moment, f.eks. oliefilterdækslet.",
                 "Stahlwille", "245.00", [], 12, "torque"),
    "00 9 250": ("Torque wrench 40-200 Nm", "Momentnøgle 40-200 Nm",
                 "Tightens wheel and brake bolts to their torque.",
                 "Spænder hjul- og bremsebolte til deres moment.",
                 "Stahlwille", "389.00", [], 12, "torque"),
    "12 7 010": ("Battery tester 12 V", "Batteritester 12 V",
                 "Tests the starter battery before programming and after a long standstill.",
                 "Tester startbatteriet før programmering og efter lang stilstand.",
                 "Midtronics", "690.00", [], 24, "tester"),
}  # fmt: skip

# number: (German name, what it is for in German)
TOOLS_DE = {
    "11 4 650": ("Ölfilterschlüssel 86 mm",
                 "Öffnet und schließt den Ölfilterdeckel von Sechszylindermotoren."),
    "12 1 200": ("Zündkerzennuss 14 mm, dünnwandig",
                 "Für die Zündkerzen von Benzinmotoren mit Direkteinspritzung."),
    "13 5 250": ("Arretierwerkzeug Hochdruckpumpe",
                 "Hält den Antrieb der Kraftstoff-Hochdruckpumpe beim Wechsel der Pumpe fest."),
    "34 1 260": ("Bremskolben-Rücksetzwerkzeug",
                 "Drückt den Bremssattelkolben beim Belagwechsel zurück."),
    "83 30 0 494 060": ("Entlüftungsadapter Bremse",
                        "Verbindet das Entlüftungsgerät mit dem Bremsflüssigkeitsbehälter."),
    "61 2 300": ("Isolationsmessgerät 1000 V",
                 "Misst die Isolation von Hochvoltkomponenten, bevor an ihnen gearbeitet wird."),
    "34 2 520": ("Entlüftungsadapter (Motorrad)",
                 "Adapter für die Bremsflüssigkeitsbehälter von BMW-Motorrädern."),
    "00 9 120": ("Drehmomentschlüssel 5-60 Nm",
                 "Zieht kleine Schrauben mit ihrem Drehmoment an, z. B. den Ölfilterdeckel."),
    "00 9 250": ("Drehmomentschlüssel 40-200 Nm",
                 "Zieht Rad- und Bremsschrauben mit ihrem Drehmoment an."),
    "12 7 010": ("Batterietester 12 V",
                 "Prüft die Starterbatterie vor dem Programmieren und nach langer Standzeit."),
}  # fmt: skip

# The demo workshop's inventory: (tool, serial number, months since the last calibration).
INVENTORY = [
    ("11 4 650", "", None),
    ("12 1 200", "", None),
    ("34 1 260", "", None),
    ("00 9 120", "SW-0917-22", 5),
    ("00 9 250", "SW-1184-19", 14),  # overdue: calibrated 14 months ago, every 12
    ("12 7 010", "MT-55102", 3),
]
# Demo documents of Information research and the tools they need.
DOCUMENT_TOOLS = {
    "RA 34 00 500": ["83 30 0 494 060", "00 9 250"],
    "RA 13 53 520": ["13 5 250", "00 9 120"],
    "RA 12 12 010": ["12 1 200"],
    "RA 11 42 050": ["11 4 650", "00 9 120"],
    "RA 34 11 020": ["34 1 260", "00 9 250"],
}


def _tools() -> None:
    for number, (
        name,
        name_da,
        text,
        text_da,
        supplier,
        price,
        brands,
        months,
        drawing,
    ) in TOOLS.items():
        tool, _outcome = tool_upsert(
            data=ToolData(
                number=number,
                name=name,
                name_da=name_da,
                name_de=TOOLS_DE[number][0],
                description=text,
                description_da=text_da,
                description_de=TOOLS_DE[number][1],
                supplier=supplier,
                price=Decimal(price),
                brands=brands,
                calibration_months=months,
            )
        )
        if not tool.has_picture:
            tool_picture_set(
                tool=tool, content=_FRAME.format(DRAWINGS[drawing]).encode(), name=f"{drawing}.svg"
            )


def _workshop() -> tuple[Organisation, User | None] | None:
    workshop = Organisation.objects.filter(vat_number=WORKSHOP_VAT).first()
    if workshop is None:
        return None
    admin = workshop.users.filter(is_org_admin=True).order_by("pk").first()
    return workshop, admin


def _inventory() -> str:
    found = _workshop()
    if found is None:
        return "no inventory (no demo workshop)"
    workshop, admin = found
    today = clock.today()
    for number, serial, months in INVENTORY:
        tool = Tool.objects.get(number=number)
        calibrated = today - timedelta(days=round(months * 30.5)) if months is not None else None
        InventoryItem.objects.update_or_create(
            organisation=workshop,
            tool=tool,
            serial_number=serial,
            defaults={"last_calibrated_on": calibrated, "added_by": admin},
        )
    return f"{InventoryItem.objects.filter(organisation=workshop).count()} tools in the demo workshop's inventory"


def _request() -> None:
    """A request of the insulation tester, confirmed by the operator (the workshop's list shows
    its state); made once."""
    found = _workshop()
    if found is None or found[1] is None:
        return
    workshop, admin = found
    assert admin is not None
    if ToolRequest.objects.filter(organisation=workshop).exists():
        return
    now = clock.now()
    request = tool_request_create(
        actor=admin,
        items=[("61 2 300", 1)],
        note="For the i3 customers from next month.",
        now=now - timedelta(days=3),
    )
    tool_request_status_set(
        request=request,
        status=ToolRequest.Status.CONFIRMED,
        actor=None,
        note="Delivery expected within five working days.",
        now=now - timedelta(days=2),
    )


def _documents() -> int:
    """Links the demo repair instructions to the tools they need (when Information research's
    demo documents are there)."""
    from aftersales.documents import rules as document_rules
    from aftersales.documents.models import Document, LinkKind
    from aftersales.documents.services import document_links_add

    linked = 0
    for number, tools in DOCUMENT_TOOLS.items():
        document = Document.objects.filter(number=number).first()
        if document is None:
            continue
        links = [document_rules.link_clean(LinkKind.TOOL, tool) for tool in tools]
        document_links_add(document=document, links=links)
        linked += len(links)
    return linked


@transaction.atomic
def load() -> str:
    _tools()
    inventory = _inventory()
    _request()
    linked = _documents()
    return (
        f"{Tool.objects.count()} special tools, {inventory}, "
        f"{ToolRequest.objects.count()} tool requests, {linked} document links to tools"
    )
