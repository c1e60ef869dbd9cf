"""Reference data: the desktop tool of each tool application (ISTA for Diagnosis, ISTA/P for
Programming), so that the operator can publish its first release (manage.py
load_reference_data). No release is installed: the operator publishes the releases.

A tool is created only when its application exists, has no tool yet and the identifier is
free: a tool the operator renamed or set up differently stays as it is.
"""

from __future__ import annotations

from aftersales.catalogue.models import Application

from .models import Tool

# identifier, name, application
TOOLS = [("ista", "ISTA", "diagnosis"), ("ista-p", "ISTA/P", "programming")]


def load() -> str:
    created = 0
    for slug, name, application_slug in TOOLS:
        application = Application.objects.filter(slug=application_slug).first()
        if application is None or Tool.objects.filter(application=application).exists():
            continue
        if Tool.objects.filter(slug=slug).exists():
            continue
        Tool.objects.create(slug=slug, name=name, application=application)
        created += 1
    return f"{created} tools created, {Tool.objects.count()} in all"
