"""manage.py import_nhtsa_recalls FILE: NHTSA's recall file (FLAT_RCL) as technical campaigns."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from aftersales.campaigns.imports import nhtsa, nhtsa_import

from ._output import add_progress_argument, report_rejects, run_with_progress


class Command(BaseCommand):
    help = (
        "Imports the vehicle recalls of the portal's makes from NHTSA's FLAT_RCL file as\n"
        "technical campaigns that apply by make/model/model year rule. Idempotent by campaign\n"
        "number; rejected lines are reported with their number.\n\n"
        "FILE FORMAT" + (nhtsa.__doc__ or "").split("FORMAT", 1)[-1]
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="FLAT_RCL*.txt (tab-separated)")
        parser.add_argument(
            "--publish", action="store_true", help="publish new campaigns (default: drafts)"
        )
        add_progress_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        result = run_with_progress(
            self,
            path,
            lambda stream, progress: nhtsa_import(
                stream=stream, publish=options["publish"], on_progress=progress
            ),
            progress=not options["no_progress"],
        )
        report_rejects(self, result)
        self.stdout.write(
            f"{path.name}: {result.lines} records, {result.imported} campaigns created, "
            f"{result.updated} updated, {result.unchanged} unchanged, {result.skipped} skipped "
            f"(other makes or kinds), {len(result.rejected)} rejected"
        )
