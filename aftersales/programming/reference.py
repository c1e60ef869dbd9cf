"""Reference data: the operator's programming settings (the minimum state of charge before a
vehicle is programmed), created with its default once (manage.py load_reference_data)."""

from __future__ import annotations

from .models import ProgrammingSettings


def load() -> str:
    if ProgrammingSettings.objects.exists():
        return "programming settings kept"
    ProgrammingSettings.objects.create()
    return "programming settings created"
