"""manage.py load_reference_data: the catalogue data a real portal needs, and no demo data.

Each app that has such data keeps it in its own `reference.py` with a `load()` function
(applications, the CBS catalogue and its standard repair packages, ticket products and a first
price list, the generic fault codes); they run in INSTALLED_APPS order, idempotently, and never
create a user or an organisation. docs/operations.md lists what it installs.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Installs the applications, CBS catalogue, ticket products, price list, fault codes, "
        "emission limits, desktop tools and battery types."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for config in apps.get_app_configs():
            if not config.name.startswith("aftersales."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.reference")
            except ModuleNotFoundError as error:
                if error.name == f"{config.name}.reference":
                    continue
                raise
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"reference data: {config.label}: {summary}")
