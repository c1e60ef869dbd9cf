"""Demo standard repair packages, the position → package mapping and service histories.

Runs after the vehicles app's demo (INSTALLED_APPS order) and is idempotent. Historic entries
are written as rows, not through the services: the central mileage of the demo vehicles is
newer than their history, which the mileage rules would rightly refuse for a new entry.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from aftersales.accounts.models import Brand, Organisation, User
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.selectors import order_build
from aftersales.servicedata.services import standard_package_upsert
from aftersales.vehicles.models import CbsPosition, Vehicle
from aftersales.vehicles.selectors import cbs_positions_for

from .models import LabourOperation, PositionOperation, ServiceEntry
from .services import entry_lines_store

STANDARD_SCOPE = ("00 00 105", "Standard scope", "Standardomfang", 2)
# CBS position code → (SRP number, description, Danish description, FRU).
OPERATIONS: dict[str, tuple[str, str, str, int]] = {
    "engine_oil": ("00 00 610", "Engine oil", "Motorolie", 3),
    "front_brake": ("00 00 620", "Front Brake", "Bremse foran", 14),
    "brake_fluid": ("00 00 630", "Brake fluid", "Bremsevæske", 6),
    "rear_brake": ("00 00 640", "Rear Brake", "Bremse bagtil", 12),
    "vehicle_check": ("00 00 650", "Vehicle check", "Køretøjstjek", 10),
    "statutory_vehicle_inspection": (
        "00 00 660",
        "Statutory vehicle inspection",
        "Lovpligtigt syn",
        6,
    ),
    "statutory_emissions_test": (
        "00 00 670",
        "Statutory emissions test",
        "Lovpligtig emissionstest",
        4,
    ),
    "air_filter": ("00 00 680", "Air filter element", "Luftfilterindsats", 3),
    "spark_plugs": ("00 00 690", "Spark plugs", "Tændrør", 8),
    "microfilter": ("00 00 700", "Microfilter", "Mikrofilter", 3),
    "coolant": ("00 00 710", "Coolant", "Kølervæske", 5),
    "diesel_filter": ("00 00 720", "Diesel filter", "Dieselfilter", 4),
    "transmission_oil": ("00 00 730", "Transmission oil", "Gearolie", 4),
    "final_drive_oil": ("00 00 740", "Final drive oil", "Olie i bagtræk", 3),
}
# SRP number → German description.
OPERATIONS_DE = {
    "00 00 105": "Standardumfang",
    "00 00 610": "Motoröl",
    "00 00 620": "Bremse vorn",
    "00 00 630": "Bremsflüssigkeit",
    "00 00 640": "Bremse hinten",
    "00 00 650": "Fahrzeug-Check",
    "00 00 660": "Hauptuntersuchung",
    "00 00 670": "Abgasuntersuchung",
    "00 00 680": "Luftfiltereinsatz",
    "00 00 690": "Zündkerzen",
    "00 00 700": "Mikrofilter",
    "00 00 710": "Kühlmittel",
    "00 00 720": "Dieselfilter",
    "00 00 730": "Getriebeöl",
    "00 00 740": "Hinterachsgetriebeöl",
}

SECOND_WORKSHOP = {
    "name": "Bilværkstedet Nord ApS",
    "street": "Havnegade 4",
    "postcode": "9000",
    "city": "Aalborg",
    "country": "DK",
    "phone": "+45 98 12 34 56",
    "contact_email": "kontakt@bilnord.example",
    "brands": [Brand.BMW, Brand.MINI],
    "labour_rate_per_hour": Decimal("720.00"),
    "status": Organisation.Status.VERIFIED,
}

WALKTHROUGH_VIN = "WBAUV71070A193748"
# (date, km, positions, workshop: "own" = Motorhjørnet, comment, transferred, cancellation)
HISTORY = [
    (
        date(2010, 12, 15),
        24_870,
        ["engine_oil", "vehicle_check"],
        "nord",
        "Olieservice og køretøjstjek.",
        True,
        "",
    ),
    (
        date(2013, 3, 4),
        61_230,
        ["engine_oil", "microfilter", "air_filter"],
        "own",
        "Olieservice, mikrofilter og luftfilter skiftet.",
        True,
        "",
    ),
    (
        date(2015, 5, 20),
        88_900,
        ["engine_oil", "front_brake", "brake_fluid"],
        "nord",
        "Bremseklodser og -skiver foran skiftet, bremsevæske skiftet.",
        True,
        "",
    ),
    (
        date(2017, 6, 12),
        112_400,
        ["engine_oil", "spark_plugs"],
        "own",
        "Registreret to gange ved en fejl.",
        False,
        "Dobbeltregistrering: servicen blev registreret to gange.",
    ),
    (
        date(2017, 6, 12),
        112_400,
        ["engine_oil", "spark_plugs", "vehicle_check"],
        "own",
        "Olieservice, tændrør skiftet, køretøjstjek.",
        True,
        "",
    ),
    (
        date(2019, 8, 30),
        127_800,
        ["engine_oil", "rear_brake", "statutory_vehicle_inspection"],
        "own",
        "Bremseklodser bag skiftet; bestået lovpligtigt syn.",
        False,
        "",
    ),
]


def load_operations() -> int:
    """The standard repair packages (packages of Commercial Service Data) and the mapping of
    every CBS position (Standard scope to all)."""
    number, description, description_da, fru = STANDARD_SCOPE
    scope = standard_package_upsert(
        number=number,
        name=description,
        name_da=description_da,
        name_de=OPERATIONS_DE[number],
        units=Decimal(fru),
    )
    for position in CbsPosition.objects.all():
        if position.code in OPERATIONS:
            number, description, description_da, fru = OPERATIONS[position.code]
            package = standard_package_upsert(
                number=number,
                name=description,
                name_da=description_da,
                name_de=OPERATIONS_DE[number],
                units=Decimal(fru),
            )
            PositionOperation.objects.get_or_create(
                cbs_position=position, labour_operation_id=package.pk, defaults={"position": 1}
            )
        PositionOperation.objects.get_or_create(
            cbs_position=position, labour_operation_id=scope.pk, defaults={"position": 9}
        )
    return LabourOperation.objects.count()


def _workshops() -> dict[str, tuple[Organisation, User]]:
    nord, _ = Organisation.objects.get_or_create(vat_number="DK29403473", defaults=SECOND_WORKSHOP)
    nord_user, created = User.objects.get_or_create(
        email="vaerksted@bilnord.example",
        defaults={
            "full_name": "Karen Nord",
            "organisation": nord,
            "is_org_admin": True,
            "language": "da",
        },
    )
    if created:
        nord_user.set_unusable_password()
        nord_user.save()
    result = {"nord": (nord, nord_user)}
    own = Organisation.objects.filter(vat_number="DK13585628").first()
    own_user = User.objects.filter(email="mekaniker@mail.dk").first()
    result["own"] = (own, own_user) if own and own_user else (nord, nord_user)
    return result


def _store(
    vehicle: Vehicle,
    day: date,
    mileage: int,
    codes: list[str],
    workshop: tuple[Organisation, User],
    comment: str,
    transferred: bool,
    cancellation: str,
) -> bool:
    organisation, user = workshop
    if ServiceEntry.objects.filter(
        vehicle=vehicle, maintenance_date=day, mileage_km=mileage, comment=comment
    ).exists():
        return False
    available = {p.code: p for p in cbs_positions_for(vehicle=vehicle)}
    positions = [available[c] for c in codes if c in available] or list(available.values())[:1]
    at = timezone.make_aware(datetime.combine(day, time(15, 30)))
    entry = ServiceEntry.objects.create(
        vehicle=vehicle,
        organisation=organisation,
        created_by=user,
        created_at=at,
        mileage_km=mileage,
        maintenance_date=day,
        comment=comment,
        consent_given_at=at,
        transferred_at=at.replace(hour=16) if transferred else None,
        transfer_tool_id="ISTA 4.39.20" if transferred else "",
        cancelled_at=at.replace(hour=17) if cancellation else None,
        cancelled_by=user if cancellation else None,
        cancellation_reason=cancellation,
    )
    entry.positions.set(positions)
    order = order_build(
        organisation=organisation,
        vehicle=vehicle,
        draft=OrderDraft(positions=[p.code for p in positions]),
        today=day,
    )
    entry_lines_store(entry=entry, lines=order.active_lines)
    return True


def load() -> str:
    operations = load_operations()
    workshops = _workshops()
    stored = 0
    walkthrough = Vehicle.objects.filter(vin=WALKTHROUGH_VIN).first()
    if walkthrough is not None:
        for day, mileage, codes, who, comment, transferred, cancellation in HISTORY:
            stored += _store(
                walkthrough, day, mileage, codes, workshops[who], comment, transferred, cancellation
            )
    others = Vehicle.objects.exclude(vin=WALKTHROUGH_VIN).order_by("vin")[:8]
    for index, vehicle in enumerate(others):
        end = vehicle.mileage_recorded_on or date(2025, 6, 1)
        span = (end - vehicle.production_date).days
        if span < 400 or vehicle.mileage_km < 2_000:
            continue
        for share in (0.4, 0.8):
            day = vehicle.production_date + (end - vehicle.production_date) * share
            who = "own" if (index + int(share * 10)) % 2 else "nord"
            stored += _store(
                vehicle,
                day,
                int(vehicle.mileage_km * share),
                ["engine_oil", "vehicle_check"],
                workshops[who],
                "Olieservice.",
                share < 0.5,
                "",
            )
    return f"{operations} labour operations, {stored} new service entries"
