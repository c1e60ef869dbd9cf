"""Demo tools: ISTA (Diagnosis) and ISTA/P (Programming) with their releases, the oldest of
each too old to start, and past sessions of the demo workshop on the walkthrough's car and the
electrified demo vehicles.

Idempotent: tools by slug, releases by tool and version, sessions by their licence id.
The newest release of each tool offers the reference client (aftersales/tools/client.py) as
its download, so that the demo's tool is one the workshop can run.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

from django.core.files.base import ContentFile

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.catalogue.models import Application
from aftersales.vehicles.models import Vehicle

from .models import Licence, Tool, ToolRelease, ToolSession
from .versions import version_key

CLIENT = Path(__file__).resolve().parent / "client.py"

# slug, name, application, [(version, released, minimum, notes, notes_da, notes_de)]
TOOLS = [
    (
        "ista",
        "ISTA",
        "diagnosis",
        [
            (
                "4.37.40",
                date(2026, 3, 2),
                "4.35.10",
                "Fault memory read-out for the G20 plug-in hybrid.",
                "Udlæsning af fejlhukommelsen for G20 plug-in hybrid.",
                "Fehlerspeicher-Auslese für den G20 Plug-in-Hybrid.",
            ),
            (
                "4.39.20",
                date(2026, 7, 6),
                "4.37.40",
                "Battery readings of the high-voltage battery (state of charge and health).",
                "Aflæsning af højvoltsbatteriet (ladetilstand og sundhed).",
                "Messwerte der Hochvoltbatterie (Ladezustand und Gesundheit).",
            ),
            (
                "4.41.10",
                date(2026, 10, 12),
                "4.39.20",
                "Mandatory update: transfers of service entries name the tool session. Older "
                "versions of ISTA can no longer be started.",
                "Obligatorisk opdatering: overførsler af serviceindførsler angiver værktøjs"
                "sessionen. Ældre versioner af ISTA kan ikke længere startes.",
                "Pflicht-Update: Übertragungen von Serviceeinträgen nennen die Werkzeugsitzung. "
                "Ältere Versionen von ISTA können nicht mehr gestartet werden.",
            ),
        ],
    ),
    (
        "ista-p",
        "ISTA/P",
        "programming",
        [
            (
                "3.71.0",
                date(2026, 2, 16),
                "3.69.0",
                "Control unit software of the 2026 spring integration level.",
                "Styreenhedssoftware fra forårets integrationsniveau 2026.",
                "Steuergeräte-Software des Integrationsstands Frühjahr 2026.",
            ),
            (
                "3.73.2",
                date(2026, 9, 21),
                "3.73.0",
                "Checks the charger and the state of charge before programming.",
                "Kontrollerer lader og ladetilstand før programmering.",
                "Prüft Ladegerät und Ladezustand vor der Programmierung.",
            ),
        ],
    ),
]

# (days ago, hours, minutes long, tool slug, version, user e-mail, vehicle, result)
SESSIONS = [
    (20, 9, 35, "ista", "4.39.20", "motorhj@mail.dk", "walkthrough", "completed"),
    (14, 13, 50, "ista", "4.39.20", "mekaniker@mail.dk", "330e", "completed"),
    (9, 8, 25, "ista", "4.39.20", "mekaniker@mail.dk", "i3 120Ah", "failed"),
    (6, 10, 70, "ista-p", "3.73.2", "motorhj@mail.dk", "330e", "completed"),
    (3, 14, 15, "ista", "4.41.10", "motorhj@mail.dk", "i3 120Ah", "aborted"),
    (1, 11, 40, "ista", "4.41.10", "mekaniker@mail.dk", "walkthrough", "completed"),
]


def _vehicle(key: str) -> Vehicle | None:
    if key == "walkthrough":
        return Vehicle.objects.filter(vin="WBAUV71070A193748").first()
    return Vehicle.objects.filter(model_designation=key).order_by("vin").first()


def load_tools() -> dict[str, Tool]:
    tools: dict[str, Tool] = {}
    for slug, name, application_slug, releases in TOOLS:
        application = Application.objects.filter(slug=application_slug).first()
        if application is None:
            continue
        tool, _created = Tool.objects.update_or_create(
            slug=slug, defaults={"name": name, "application": application}
        )
        tools[slug] = tool
        newest = max((version for version, *_rest in releases), key=version_key)
        for version, released, minimum, notes, notes_da, notes_de in releases:
            release, _created = ToolRelease.objects.update_or_create(
                tool=tool,
                version=version,
                defaults={
                    "released_on": released,
                    "minimum_version": minimum,
                    "notes": notes,
                    "notes_da": notes_da,
                    "notes_de": notes_de,
                    "published": True,
                },
            )
            if version == newest and not release.download_file:
                release.download_file.save(
                    f"aftersales-tool-{slug}-{version}.py",
                    ContentFile(CLIENT.read_bytes()),
                    save=True,
                )
    return tools


def load() -> str:
    tools = load_tools()
    workshop = Organisation.objects.filter(vat_number="DK13585628").first()
    if workshop is None or not tools:
        return f"{Tool.objects.count()} tools, {ToolRelease.objects.count()} releases"
    now = clock.now().replace(second=0, microsecond=0)
    for days, hour, minutes, tool_slug, version, email, vehicle_key, result in SESSIONS:
        user = User.objects.filter(email=email, organisation=workshop).first()
        tool = tools.get(tool_slug)
        if user is None or tool is None:
            continue
        jti = hashlib.sha256(f"demo {days} {tool_slug} {email}".encode()).hexdigest()[:32]
        started = (now - timedelta(days=days)).replace(hour=hour, minute=5)
        ended = started + timedelta(minutes=minutes)
        licence, _created = Licence.objects.get_or_create(
            jti=jti,
            defaults={
                "user": user,
                "organisation": workshop,
                "tool": tool,
                "tool_version": version,
                "key_id": "demo",
                "issued_at": started - timedelta(minutes=1),
                "expires_at": started + timedelta(minutes=4),
                "used_at": started,
            },
        )
        if ToolSession.objects.filter(licence=licence).exists():
            continue
        vehicle = _vehicle(vehicle_key)
        ToolSession.objects.create(
            licence=licence,
            user=user,
            organisation=workshop,
            application=tool.application,
            tool=tool,
            tool_version=version,
            vin=vehicle.vin if vehicle else "",
            vehicle=vehicle,
            started_at=started,
            last_heartbeat_at=ended,
            ended_at=ended,
            result=result,
        )
    return (
        f"{Tool.objects.count()} tools, {ToolRelease.objects.count()} releases, "
        f"{ToolSession.objects.filter(organisation=workshop).count()} tool sessions"
    )
