"""manage.py import_labour_operations FILE: a labour catalogue from CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from aftersales.portal.errors import RuleViolation
from aftersales.servicedata.imports import labour_catalogue_import, layout
from aftersales.servicedata.imports.jobs import upload_format


class Command(BaseCommand):
    help = (
        "Imports labour operations from a CSV or XLSX file, one operation per line. Idempotent\n"
        "by number + validity; rejected lines are reported with their number.\n\n"
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
                result = labour_catalogue_import(
                    stream=stream, format=kind, size=size, on_progress=on_progress
                )
            except RuleViolation as violation:
                raise CommandError(f"{path}: {violation}") from violation
        self.stdout.write(
            f"{result.lines} lines read: {result.created} operations created, {result.updated} "
            f"new versions, {result.unchanged} unchanged, {len(result.rejected)} rejected."
        )
        for reject in result.rejected:
            self.stdout.write(f"  {reject}")
