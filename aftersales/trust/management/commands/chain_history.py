"""manage.py chain_history: chains service entries stored before the chain existed (and keeps
their mileages as readings)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from aftersales.servicehistory.models import ServiceEntry
from aftersales.trust.services import chain_missing, readings_missing


class Command(BaseCommand):
    help = (
        "Chains every change of a service entry that has no link yet (data from before the "
        "chain, e.g. an imported history), vehicle by vehicle in the order the changes "
        "happened, and keeps each entry's mileage as a reading. Idempotent: run it again and it "
        "writes nothing. Run it right after migrating, before new entries are stored, so that "
        "old changes come first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        vehicles = ServiceEntry.objects.values("vehicle_id").distinct().count()
        with tqdm(
            total=vehicles, unit=" vehicles", disable=options["no_progress"], file=self.stderr._out
        ) as bar:
            written = chain_missing(on_progress=bar.update)
        readings = readings_missing()
        self.stdout.write(
            f"{written} links written for {vehicles} vehicles with entries; "
            f"{readings} mileage readings added."
        )
