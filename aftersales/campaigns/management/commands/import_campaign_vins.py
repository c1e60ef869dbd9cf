"""manage.py import_campaign_vins CAMPAIGN FILE: the VIN list of a campaign from CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aftersales.campaigns.imports import campaign_vins_import, vins
from aftersales.campaigns.models import Campaign

from ._output import add_progress_argument, report_rejects, run_with_progress


class Command(BaseCommand):
    help = (
        "Adds the VINs of a CSV file to a campaign's VIN list. Idempotent; rejected lines\n"
        "(malformed, duplicated, unknown VINs) are reported with their number.\n\n"
        "FILE FORMAT" + (vins.__doc__ or "").split("FORMAT", 1)[-1]
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign", help="the campaign number")
        parser.add_argument("file", type=Path, help="a .csv or .txt file")
        add_progress_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(number=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"There is no campaign {options['campaign']}.")
        path: Path = options["file"]
        result = run_with_progress(
            self,
            path,
            lambda stream, progress: campaign_vins_import(
                campaign=campaign, stream=stream, on_progress=progress
            ),
            progress=not options["no_progress"],
        )
        report_rejects(self, result)
        self.stdout.write(
            f"{path.name}: {result.lines} lines, {result.imported} VINs added, "
            f"{result.unchanged} already listed, {len(result.rejected)} rejected"
        )
