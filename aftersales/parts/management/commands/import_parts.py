"""manage.py import_parts KIND FILE: a parts catalogue, supersessions or a BMEcat price list,
streamed from disk (any size) with a progress bar; the same importers as the back office."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from aftersales.parts.imports import bmecat, catalogue, supersessions
from aftersales.parts.imports.jobs import parts_import_file
from aftersales.parts.models import PartsImport
from aftersales.portal.errors import RuleViolation

FORMATS = {
    "catalogue": catalogue.__doc__,
    "supersessions": supersessions.__doc__,
    "prices": bmecat.__doc__,
}


class Command(BaseCommand):
    help = (
        "Imports a parts catalogue (CSV or JSON Lines), supersessions (CSV) or a price list "
        "(BMEcat XML) into the Electronic Parts Catalogue. Idempotent; rejected lines are "
        "reported with their number.\n\n"
        + "\n".join(
            f"KIND {kind}:" + (doc or "").split("FORMAT", 1)[-1] for kind, doc in FORMATS.items()
        )
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(PartsImport.Kind.values))
        parser.add_argument("file", type=Path)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with (
            path.open("rb") as stream,
            tqdm(
                total=path.stat().st_size,
                unit="B",
                unit_scale=True,
                disable=options["no_progress"],
                file=self.stderr._out,
            ) as bar,
        ):

            def on_progress(bytes_read: int, _lines: int) -> None:
                bar.update(bytes_read - bar.n)

            try:
                result = parts_import_file(
                    kind=options["kind"], stream=stream, on_progress=on_progress
                )
            except RuleViolation as violation:
                raise CommandError(f"{path}: {violation}") from violation
            bar.update(bar.total - bar.n)
        for reject in result.rejected:
            self.stderr.write(f"rejected: {reject}", style_func=self.style.ERROR)
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(
            f"{path.name}: {result.lines} lines, {result.created} created, {result.updated} "
            f"updated, {result.unchanged} unchanged, {len(result.rejected)} rejected"
        )
