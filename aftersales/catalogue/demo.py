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
                "position": position,
                "requires_ticket": slug not in FREE_APPLICATIONS,
                "guide": SERVICE_HISTORY_GUIDE if slug == "service-history" else "",
            },
        )
    return f"{Application.objects.count()} applications"
