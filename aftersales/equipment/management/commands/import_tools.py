"""manage.py import_tools FILE: a tool catalogue from CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from aftersales.equipment.imports import layout
from aftersales.equipment.imports.jobs import upload_format
from aftersales.equipment.imports.run import tool_catalogue_import
from aftersales.portal.errors import RuleViolation


class Command(BaseCommand):
    help = (
        "Imports special tools from a CSV or XLSX file, one tool per line. Idempotent\n"
        "by tool number; rejected lines are reported with their number.\n\n"
        "FILE FORMAT" + (layout.__doc__ or "").split("FORMAT", 1)[-1]
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .csv, .txt or .xlsx file")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            kind = upload_format(path.name)
        except RuleViolation as violation:
            raise CommandError(f"{path}: {violation}") from violation
        size = path.stat().st_size
        with (
            path.open("rb") as stream,
            tqdm(total=size if kind == "csv" else None, disable=options["no_progress"],
                 file=self.stderr._out) as bar,
        ):  # fmt: skip

            def on_progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                result = tool_catalogue_import(
                    stream=stream, format=kind, size=size, on_progress=on_progress
                )
            except RuleViolation as violation:
                raise CommandError(f"{path}: {violation}") from violation
        self.stdout.write(
            f"{result.lines} lines read: {result.created} tools created, {result.updated} "
            f"updated, {result.unchanged} unchanged, {len(result.rejected)} rejected."
        )
        for reject in result.rejected:
            self.stdout.write(f"  {reject}")
