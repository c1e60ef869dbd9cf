"""The twelve applications of the walkthrough, under their walkthrough names."""

from .models import Application

SERVICE_HISTORY_GUIDE = """The functionality of the electronic service history contains the \
replacement of maintenance-relevant CBS positions (Condition Based Service) between the central \
vehicle description and the portal.

In order to access the stored service history for a vehicle or add maintenance-relevant CBS \
positions to the service history, it is first necessary to identify the vehicle via the vehicle \
identification number (VIN): 17 characters or the last 7 characters.

After successful vehicle identification, all digitally recorded service entries from 12/2010 \
onward are displayed. Then possible CBS positions (depending on the vehicle type), for example \
vehicle check, front brake, rear brake, brake fluid, can be entered in the service history via \
the order base: tick the positions done under "Service data", enter the current mileage (only \
numbers) and the maintenance date (YYYY-MM-DD), click "Order base", add a comment, click \
"Create service history entry", confirm the declaration of consent and click OK.

Entries written with this application are displayed in the vehicle only after they were \
transferred to the vehicle with the diagnosis application."""

APPLICATIONS = [
    (
        "emissions-test-nominal-values",
        "Emissions test nominal values",
        "Nominal values for the statutory emissions test of each vehicle type.",
    ),
    (
        "information-research",
        "Information research",
        "Repair manuals, technical information and wiring diagrams (included in Diagnosis tickets).",
    ),
    (
        "state-of-charge",
        "State of charge",
        "State of charge of the high-voltage battery of electrified vehicles.",
    ),
    (
        "electronic-parts-catalogue",
        "Electronic Parts Catalogue - passenger car",
        "Original parts with part numbers, illustrations and supersessions.",
    ),
    (
        "commercial-service-data",
        "Commercial Service Data",
        "Labour operations, flat rates and service packages.",
    ),
    (
        "diagnosis",
        "Diagnosis",
        "Vehicle diagnosis and the transfer of service history entries into the vehicle.",
    ),
    (
        "emission-relevant-fault-codes",
        "Emission-relevant fault codes",
        "Descriptions of emission-relevant fault codes (OBD).",
    ),
    ("programming", "Programming", "Programming and coding of control units."),
    ("keyreader", "KeyReader", "Reads the service data stored in the vehicle key."),
    (
        "service-history",
        "Service history",
        "Identify a vehicle by its VIN, read its central data and service history, and record the "
        "service you did. Storing service entries is free of charge.",
    ),
    (
        "technical-campaigns",
        "Technical campaigns",
        "Open technical campaigns and recalls per vehicle.",
    ),
    ("workshop-equipment", "Workshop equipment", "Special tools and workshop equipment."),
]

DANISH = {
    "service-history": "Identificér et køretøj ud fra stelnummeret, læs dets centrale data og "
    "servicehistorik, og registrér det udførte service. Registrering af service er gratis.",
}

GERMAN = {
    "emissions-test-nominal-values": "Sollwerte für die Abgasuntersuchung (AU) jedes Fahrzeugtyps.",
    "information-research": "Reparaturanleitungen, technische Informationen und Schaltpläne "
    "(in den Diagnose-Tickets enthalten).",
    "state-of-charge": "Ladezustand der Hochvoltbatterie elektrifizierter Fahrzeuge.",
    "electronic-parts-catalogue": "Originalteile mit Teilenummern, Bildtafeln und Ersetzungen.",
    "commercial-service-data": "Arbeitspositionen, Arbeitswerte und Servicepakete.",
    "diagnosis": "Fahrzeugdiagnose und die Übertragung von Einträgen der Servicehistorie ins "
    "Fahrzeug.",
    "emission-relevant-fault-codes": "Beschreibungen abgasrelevanter Fehlercodes (OBD).",
    "programming": "Programmierung und Codierung von Steuergeräten.",
    "keyreader": "Liest die im Fahrzeugschlüssel gespeicherten Servicedaten.",
    "service-history": "Identifizieren Sie ein Fahrzeug über seine Fahrgestellnummer, lesen Sie "
    "seine Zentraldaten und seine Servicehistorie und tragen Sie den durchgeführten Service ein. "
    "Das Speichern von Serviceeinträgen ist kostenlos.",
    "technical-campaigns": "Offene technische Aktionen und Rückrufe je Fahrzeug.",
    "workshop-equipment": "Sonderwerkzeuge und Werkstattausrüstung.",
}

SERVICE_HISTORY_GUIDE_DE = """Die elektronische Servicehistorie gleicht die wartungsrelevanten \
CBS-Positionen (Condition Based Service) zwischen der zentralen Fahrzeugbeschreibung und dem \
Portal ab.

Um die gespeicherte Servicehistorie eines Fahrzeugs aufzurufen oder wartungsrelevante \
CBS-Positionen einzutragen, identifizieren Sie das Fahrzeug zuerst über die Fahrgestellnummer \
(FIN): 17 Zeichen oder die letzten 7 Zeichen.

Nach der Identifikation werden alle digital erfassten Serviceeinträge ab 12/2010 angezeigt. \
Danach tragen Sie die möglichen CBS-Positionen (je nach Fahrzeugtyp), zum Beispiel Fahrzeug-Check, \
Bremse vorn, Bremse hinten, Bremsflüssigkeit, über die Auftragsbasis in die Servicehistorie ein: \
Haken Sie unter „Servicedaten“ die durchgeführten Positionen an, geben Sie den aktuellen \
Kilometerstand (nur Ziffern) und das Wartungsdatum (JJJJ-MM-TT) ein, klicken Sie auf \
„Auftragsbasis“, ergänzen Sie einen Kommentar, klicken Sie auf „Eintrag in die Servicehistorie \
erstellen“, bestätigen Sie die Einverständniserklärung und klicken Sie auf OK.

Mit dieser Applikation geschriebene Einträge werden im Fahrzeug erst angezeigt, wenn sie mit der \
Applikation Diagnose ins Fahrzeug übertragen wurden."""


# The operator's setting in the demo: these run without a ticket; every other one needs one.
FREE_APPLICATIONS = {"service-history", "technical-campaigns"}


def load() -> str:
    for position, (slug, name, description) in enumerate(APPLICATIONS, start=1):
        Application.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "description_da": DANISH.get(slug, ""),
                "description_de": GERMAN[slug],
                "position": position,
                "requires_ticket": slug not in FREE_APPLICATIONS,
                "guide": SERVICE_HISTORY_GUIDE if slug == "service-history" else "",
                "guide_de": SERVICE_HISTORY_GUIDE_DE if slug == "service-history" else "",
            },
        )
    return f"{Application.objects.count()} applications"
