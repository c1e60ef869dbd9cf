"""Loads the demo data of every app, idempotently: running it twice changes nothing.

Each app that has demo data keeps it in its own `demo.py` with a `load()` function;
they run in the order of INSTALLED_APPS, so an app may rely on the ones before it.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Loads the demo organisations, users, news, applications, vehicles and credits."

    def handle(self, *args: object, **options: object) -> None:
        for config in apps.get_app_configs():
            if not config.name.startswith("aftersales."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name == f"{config.name}.demo":
                    continue
                raise
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"demo data: {config.label}: {summary or 'ok'}")
