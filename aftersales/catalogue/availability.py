"""The availability status of an application, computed from real checks of what it depends on."""

from dataclasses import dataclass, field
from typing import Literal

from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

from .models import Application
from .registry import start_url_name

Level = Literal["green", "yellow", "red"]


@dataclass(frozen=True)
class Availability:
    level: Level
    reasons: list[str] = field(default_factory=list)

    @property
    def is_green(self) -> bool:
        return self.level == "green"


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def application_availability(application: Application) -> Availability:
    """Red: cannot work (not built, database down). Yellow: stopped by the operator. Else green."""
    reasons: list[str] = []
    level: Level = "green"
    if start_url_name(application.slug) is None:
        level = "red"
        reasons.append(_("This application is not available in this portal yet."))
    if not database_reachable():
        level = "red"
        reasons.append(_("The database cannot be reached."))
    if application.maintenance:
        if level == "green":
            level = "yellow"
        reasons.append(
            application.maintenance_message or _("The application is under maintenance.")
        )
    return Availability(level=level, reasons=reasons)
