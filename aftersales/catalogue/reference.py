"""Reference data: the twelve applications of the catalogue (manage.py load_reference_data).

Rows the operator has changed since (name, description, ticket, maintenance) stay as they are:
an application is created only when its identifier is missing. Storing service entries is
free by law, so only Service history starts without a ticket.
"""

from __future__ import annotations

from .demo import APPLICATIONS, DANISH, SERVICE_HISTORY_GUIDE
from .models import Application

FREE_BY_LAW = {"service-history"}


def load() -> str:
    created = 0
    for position, (slug, name, description) in enumerate(APPLICATIONS, start=1):
        _application, new = Application.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "description_da": DANISH.get(slug, ""),
                "position": position,
                "requires_ticket": slug not in FREE_BY_LAW,
                "guide": SERVICE_HISTORY_GUIDE if slug == "service-history" else "",
            },
        )
        created += new
    return f"{created} applications created, {Application.objects.count()} in the catalogue"
