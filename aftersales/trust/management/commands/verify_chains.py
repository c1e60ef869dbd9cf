"""manage.py verify_chains: checks every vehicle's chain and the anchors, records the run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from aftersales.trust.models import ChainLink
from aftersales.trust.services import verification_run


class Command(BaseCommand):
    help = (
        "Checks every vehicle's chain of service entry versions: each link's hash over the one "
        "before, no gap, and (unless --links-only) that the stored entries still say what was "
        "hashed; then the published anchors and the latest one. Records the run (back office: "
        "Trust > Chain verifications). Exits with status 1 when something is broken, and "
        "prints each break: the vehicle, the first bad link and the entry version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--links-only",
            action="store_true",
            help="check the links only, not the entries against them (faster)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        total = ChainLink.objects.count()
        with tqdm(
            total=total, unit=" links", disable=options["no_progress"], file=self.stderr._out
        ) as bar:
            run = verification_run(records=not options["links_only"], on_progress=bar.update)
        rate = run.links / run.seconds if run.seconds else 0
        self.stdout.write(
            f"{run.vehicles} chains, {run.links} links, {run.entries} entry versions, "
            f"{run.anchors} anchors checked in {run.seconds:.2f} s ({rate:,.0f} links/s): "
            + ("OK" if run.ok else f"{run.broken} broken")
        )
        for item in run.breaks:
            if item.get("anchor"):
                line = f"anchor {item['anchor']}: {item['reason']}"
            else:
                at = f"link {item['sequence']}" if item["sequence"] else "no link"
                line = f"{item['vin']} {at} ({item['entry']}): {item['reason']}"
            self.stderr.write(f"broken: {line}", style_func=self.style.ERROR)
        if not run.ok:
            raise CommandError(f"{run.broken} broken", returncode=1)
