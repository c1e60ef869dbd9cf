"""Demo technical campaigns (texts written for the demo; numbers, parts and prices invented).

The walkthrough's car (WBAUV71070A193748, E91 335i with an N54, built 22-09-2008) has two open
campaigns — a recall (may be driven) and a service campaign — one done in 2016 at the other
demo workshop, and one that has ended. Others affect the other demo vehicles: a do-not-drive
recall, an information campaign, a withdrawn one and a draft the workshops never see.

Runs after Service history's demo (INSTALLED_APPS order) and is idempotent: campaigns are
upserted by number, their parts and rules replaced, the completion written once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.selectors import order_build
from aftersales.servicehistory.models import ServiceEntry
from aftersales.servicehistory.services import entry_lines_store
from aftersales.vehicles.models import Vehicle

from .models import Campaign, CampaignCompletion, CampaignPart, CampaignRule, CampaignVehicle

WALKTHROUGH_VIN = "WBAUV71070A193748"
NORD_VAT = "DK29403473"  # Bilværkstedet Nord ApS, the second workshop of Service history's demo

R, S, INFO = Campaign.Kind.RECALL, Campaign.Kind.SERVICE, Campaign.Kind.INFORMATION
PUBLISHED, WITHDRAWN, DRAFT = (
    Campaign.State.PUBLISHED,
    Campaign.State.WITHDRAWN,
    Campaign.State.DRAFT,
)

# number: fields, parts (number, description, Danish, quantity, unit, net price), rules, VINs
CAMPAIGNS: dict[str, dict[str, Any]] = {
    "0013250800": {
        "kind": R,
        "state": PUBLISHED,
        "title": "High-pressure fuel pump: check and replace",
        "title_da": "Højtryksbrændstofpumpe: kontrol og udskiftning",
        "component": "Fuel system, high-pressure pump (N54)",
        "component_da": "Brændstofsystem, højtrykspumpe (N54)",
        "defect": "On some engines the high-pressure fuel pump can lose delivery pressure.",
        "defect_da": "På nogle motorer kan højtrykspumpen miste leveringstrykket.",
        "risk": "The engine may switch to limp-home mode with reduced power; in rare cases "
        "it may stall.",
        "risk_da": "Motoren kan gå i nødprogram med nedsat effekt; i sjældne tilfælde kan den "
        "gå i stå.",
        "remedy": "Read the fault memory, check the delivery pressure and replace the pump "
        "where it is below the limit.",
        "remedy_da": "Aflæs fejlhukommelsen, kontrollér leveringstrykket, og udskift pumpen, "
        "hvis det er under grænseværdien.",
        "do_not_drive": False,
        "start": -400,
        "labour_operation_number": "13 51 010",
        "labour_allowance_fru": 14,
        "parts": [
            ("13 51 7 613 933", "High-pressure fuel pump", "Højtrykspumpe", 1, "pcs", "612.40"),
            ("13 53 7 585 261", "Seal ring set", "Tætningssæt", 1, "pcs", "18.90"),
        ],
        "rules": [{"series": "E91", "engine_type": "N54"}, {"series": "E90", "engine_type": "N54"}],
    },
    "0061190300": {
        "kind": S,
        "state": PUBLISHED,
        "title": "Engine control unit software update",
        "title_da": "Softwareopdatering af motorstyreenheden",
        "component": "Engine electronics (DME)",
        "component_da": "Motorelektronik (DME)",
        "defect": "Idle speed may fluctuate after a cold start.",
        "defect_da": "Tomgangen kan svinge efter koldstart.",
        "risk": "No safety risk; comfort only.",
        "risk_da": "Ingen sikkerhedsrisiko; kun komfort.",
        "remedy": "Program the engine control unit with the current software.",
        "remedy_da": "Programmér motorstyreenheden med den aktuelle software.",
        "start": -120,
        "end": 600,
        "labour_operation_number": "12 14 500",
        "labour_allowance_fru": 6,
        "vins": [WALKTHROUGH_VIN],
        "vin_count": 3,  # and the first demo vehicles of other series
    },
    "0072010200": {
        "kind": R,
        "state": PUBLISHED,
        "title": "Front passenger airbag: replace gas generator",
        "title_da": "Passagerairbag foran: udskift gasgenerator",
        "component": "Passenger airbag module",
        "component_da": "Passagerairbagmodul",
        "defect": "The gas generator may age faster in hot and humid climates.",
        "defect_da": "Gasgeneratoren kan ældes hurtigere i varmt og fugtigt klima.",
        "risk": "In a crash the airbag may not protect the passenger as intended.",
        "risk_da": "Ved en kollision beskytter airbaggen muligvis ikke passageren som tilsigtet.",
        "remedy": "Replace the passenger airbag module.",
        "remedy_da": "Udskift passagerairbagmodulet.",
        "start": -3900,
        "labour_operation_number": "72 12 510",
        "labour_allowance_fru": 9,
        "parts": [
            (
                "72 12 9 165 920",
                "Airbag module, passenger",
                "Airbagmodul, passager",
                1,
                "pcs",
                "288.00",
            )
        ],
        "rules": [
            {"series": "E91", "produced_from": date(2007, 1, 1), "produced_to": date(2011, 12, 31)}
        ],
        "done_by_nord": (date(2016, 2, 10), 100_500),
    },
    "0034520100": {
        "kind": S,
        "state": PUBLISHED,
        "title": "Brake vacuum hose: inspect routing",
        "title_da": "Bremsevakuumslange: kontrollér føring",
        "component": "Brake booster vacuum hose",
        "component_da": "Vakuumslange til bremseforstærker",
        "defect": "The hose may rub against a bracket.",
        "defect_da": "Slangen kan gnide mod et beslag.",
        "risk": "Slightly higher pedal force over time.",
        "risk_da": "Lidt højere pedaltryk over tid.",
        "remedy": "Inspect the routing and fit a protective sleeve.",
        "remedy_da": "Kontrollér føringen, og montér en beskyttelsesmuffe.",
        "start": -2400,
        "end": -30,
        "labour_operation_number": "34 33 020",
        "labour_allowance_fru": 4,
        "rules": [{"series": "E91"}],
    },
    "0061330400": {
        "kind": R,
        "state": PUBLISHED,
        "title": "Positive battery cable: check connection",
        "title_da": "Batteriets pluskabel: kontrollér forbindelsen",
        "component": "Battery cable, positive terminal",
        "component_da": "Batterikabel, plusterminal",
        "defect": "The connection at the battery terminal may loosen.",
        "defect_da": "Forbindelsen ved batteriterminalen kan løsne sig.",
        "risk": "Overheating at the terminal; risk of fire.",
        "risk_da": "Overophedning ved terminalen; brandfare.",
        "remedy": "Check the connection and replace the cable terminal.",
        "remedy_da": "Kontrollér forbindelsen, og udskift kabelterminalen.",
        "do_not_drive": True,
        "start": -60,
        "labour_operation_number": "61 12 200",
        "labour_allowance_fru": 5,
        "parts": [
            ("61 12 9 302 517", "Battery cable terminal", "Batterikabelsko", 1, "pcs", "46.80")
        ],
        "rules": [{"series": "F10", "engine_type": "N57"}, {"series": "G20", "engine_type": "B58"}],
    },
    "0011990100": {
        "kind": INFO,
        "state": PUBLISHED,
        "title": "Customer information: winter tyres and run-flat",
        "title_da": "Kundeinformation: vinterdæk og run-flat",
        "component": "Tyres",
        "component_da": "Dæk",
        "defect": "",
        "risk": "",
        "remedy": "Hand the customer the information sheet at the next visit.",
        "remedy_da": "Giv kunden informationsarket ved næste besøg.",
        "start": -200,
        "rules": [{"series": "G20"}],
    },
    "0032770200": {
        "kind": S,
        "state": WITHDRAWN,
        "title": "Coolant pump: replace (withdrawn, superseded)",
        "title_da": "Kølevæskepumpe: udskift (trukket tilbage)",
        "component": "Electric coolant pump",
        "component_da": "Elektrisk kølevæskepumpe",
        "remedy": "Replaced by campaign 0013250800.",
        "remedy_da": "Erstattet af kampagne 0013250800.",
        "start": -900,
        "labour_operation_number": "11 51 000",
        "labour_allowance_fru": 12,
        "rules": [{"series": "F30"}],
    },
    "0051880500": {
        "kind": R,
        "state": DRAFT,
        "title": "Door lock actuator (in preparation)",
        "title_da": "Dørlåsaktuator (under forberedelse)",
        "component": "Door lock",
        "start": 30,
        "labour_operation_number": "51 21 000",
        "labour_allowance_fru": 8,
        "rules": [{"series": "G30"}],
    },
}


# number: the campaign's texts in German (the fields a campaign has in English)
GERMAN: dict[str, dict[str, str]] = {
    "0013250800": {
        "title_de": "Kraftstoff-Hochdruckpumpe: prüfen und ersetzen",
        "component_de": "Kraftstoffsystem, Hochdruckpumpe (N54)",
        "defect_de": "Bei einigen Motoren kann die Hochdruckpumpe an Förderdruck verlieren.",
        "risk_de": "Der Motor kann in ein Notlaufprogramm mit reduzierter Leistung schalten; in "
        "seltenen Fällen kann er ausgehen.",
        "remedy_de": "Fehlerspeicher auslesen, Förderdruck prüfen und die Pumpe ersetzen, wenn "
        "er unter dem Grenzwert liegt.",
    },
    "0061190300": {
        "title_de": "Softwareupdate des Motorsteuergeräts",
        "component_de": "Motorelektronik (DME)",
        "defect_de": "Die Leerlaufdrehzahl kann nach einem Kaltstart schwanken.",
        "risk_de": "Kein Sicherheitsrisiko; nur Komfort.",
        "remedy_de": "Das Motorsteuergerät mit der aktuellen Software programmieren.",
    },
    "0072010200": {
        "title_de": "Beifahrerairbag vorn: Gasgenerator ersetzen",
        "component_de": "Beifahrerairbagmodul",
        "defect_de": "Der Gasgenerator kann in heißem und feuchtem Klima schneller altern.",
        "risk_de": "Bei einem Unfall schützt der Airbag den Beifahrer möglicherweise nicht wie "
        "vorgesehen.",
        "remedy_de": "Das Beifahrerairbagmodul ersetzen.",
    },
    "0034520100": {
        "title_de": "Unterdruckschlauch Bremse: Verlegung prüfen",
        "component_de": "Unterdruckschlauch des Bremskraftverstärkers",
        "defect_de": "Der Schlauch kann an einer Halterung scheuern.",
        "risk_de": "Mit der Zeit etwas höhere Pedalkraft.",
        "remedy_de": "Verlegung prüfen und eine Schutzhülle anbringen.",
    },
    "0061330400": {
        "title_de": "Batterie-Pluskabel: Verbindung prüfen",
        "component_de": "Batteriekabel, Pluspol",
        "defect_de": "Die Verbindung an der Batterieklemme kann sich lockern.",
        "risk_de": "Überhitzung an der Klemme; Brandgefahr.",
        "remedy_de": "Verbindung prüfen und die Kabelklemme ersetzen.",
    },
    "0011990100": {
        "title_de": "Kundeninformation: Winterreifen und Runflat",
        "component_de": "Reifen",
        "remedy_de": "Dem Kunden beim nächsten Besuch das Informationsblatt übergeben.",
    },
    "0032770200": {
        "title_de": "Kühlmittelpumpe: ersetzen (zurückgezogen)",
        "component_de": "Elektrische Kühlmittelpumpe",
        "remedy_de": "Ersetzt durch Aktion 0013250800.",
    },
    "0051880500": {
        "title_de": "Türschlossaktuator (in Vorbereitung)",
    },
}
# English part description: German
PARTS_DE = {
    "High-pressure fuel pump": "Kraftstoff-Hochdruckpumpe",
    "Seal ring set": "Dichtringsatz",
    "Airbag module, passenger": "Airbagmodul, Beifahrer",
    "Battery cable terminal": "Batteriekabelklemme",
}


def _upsert(number: str, spec: dict[str, Any], today: date) -> Campaign:
    now = clock.now()
    fields = {
        key: spec.get(key, "")
        for key in (
            "title",
            "title_da",
            "component",
            "component_da",
            "defect",
            "defect_da",
            "risk",
            "risk_da",
            "remedy",
            "remedy_da",
            "labour_operation_number",
        )
    }
    fields.update(
        dict.fromkeys(("title_de", "component_de", "defect_de", "risk_de", "remedy_de"), "")
    )
    fields.update(GERMAN.get(number, {}))
    state = spec["state"]
    campaign, _created = Campaign.objects.update_or_create(
        number=number,
        defaults={
            **fields,
            "kind": spec["kind"],
            "do_not_drive": spec.get("do_not_drive", False),
            "start_date": today + timedelta(days=spec["start"]),
            "end_date": today + timedelta(days=spec["end"]) if "end" in spec else None,
            "labour_allowance_fru": spec.get("labour_allowance_fru", 0),
            "state": state,
            "published_at": now if state != DRAFT else None,
            "withdrawn_at": now if state == WITHDRAWN else None,
            "updated_at": now,
        },
    )
    campaign.parts.all().delete()
    for position, (part_no, name, name_da, quantity, unit, price) in enumerate(
        spec.get("parts", []), start=1
    ):
        CampaignPart.objects.create(
            campaign=campaign,
            number=part_no,
            description=name,
            description_da=name_da,
            description_de=PARTS_DE.get(name, ""),
            quantity=Decimal(quantity),
            unit=unit,
            unit_price=Decimal(price),
            position=position,
        )
    campaign.rules.all().delete()
    for rule in spec.get("rules", []):
        CampaignRule.objects.create(campaign=campaign, **rule)
    vins = list(spec.get("vins", []))
    if spec.get("vin_count"):
        others = Vehicle.objects.exclude(vin__in=vins).order_by("vin")
        vins += list(others.values_list("vin", flat=True)[: spec["vin_count"] - len(vins)])
    for vehicle in Vehicle.objects.filter(vin__in=vins):
        CampaignVehicle.objects.get_or_create(campaign=campaign, vehicle=vehicle)
    return campaign


def _done_by_nord(campaign: Campaign, day: date, mileage: int) -> bool:
    """The walkthrough's car had this campaign done at the other workshop: an entry with the
    campaign's lines (written as a row, like Service history's demo history) and its completion."""
    vehicle = Vehicle.objects.filter(vin=WALKTHROUGH_VIN).first()
    nord = Organisation.objects.filter(vat_number=NORD_VAT).first()
    user = User.objects.filter(organisation=nord).order_by("pk").first() if nord else None
    if vehicle is None or nord is None or user is None:
        return False
    if CampaignCompletion.objects.filter(campaign=campaign, vehicle=vehicle).exists():
        return False
    at = timezone.make_aware(datetime.combine(day, time(14, 10)))
    entry = ServiceEntry.objects.create(
        vehicle=vehicle,
        organisation=nord,
        created_by=user,
        created_at=at,
        mileage_km=mileage,
        maintenance_date=day,
        comment=f"Kampagne {campaign.number} udført.",
        consent_given_at=at,
        transferred_at=at.replace(hour=15),
        transfer_tool_id="ISTA 4.01.22",
    )
    draft = OrderDraft(items=[{"kind": "CAMP", "number": campaign.number}])
    order = order_build(organisation=nord, vehicle=vehicle, draft=draft, today=day)
    entry_lines_store(entry=entry, lines=order.active_lines)
    CampaignCompletion.objects.create(
        campaign=campaign,
        vehicle=vehicle,
        entry=entry,
        organisation=nord,
        done_on=day,
        recorded_at=at,
    )
    return True


def load() -> str:
    today = clock.today()
    done = 0
    for number, spec in CAMPAIGNS.items():
        campaign = _upsert(number, spec, today)
        if "done_by_nord" in spec:
            done += _done_by_nord(campaign, *spec["done_by_nord"])
    return f"{Campaign.objects.count()} campaigns, {done} new completions"
