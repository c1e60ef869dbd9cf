"""manage.py anchor_chains: records today's anchor (the Merkle root of all chain heads)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from aftersales.trust.services import anchor_record


class Command(BaseCommand):
    help = (
        "Records the day's anchor: one Merkle root over the head hash of every vehicle's "
        "chain. Once a day (a second run returns the first). The operator publishes it in the "
        "back office; published anchors are listed at /anchors/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", type=date.fromisoformat, help="YYYY-MM-DD, default today")

    def handle(self, *args: Any, **options: Any) -> None:
        anchor = anchor_record(day=options["day"])
        self.stdout.write(
            f"{anchor.day}: {anchor.root} ({anchor.vehicles} chains, {anchor.links} links)"
        )
