"""manage.py load_fault_codes [FILE] [--brand BRAND]: the portal's generic pack, or a pack."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from aftersales.faultcodes import pack_import
from aftersales.portal.errors import RuleViolation


class Command(BaseCommand):
    help = (
        "Loads fault codes into the catalogue: without FILE the portal's own pack of generic\n"
        "powertrain codes (aftersales/faultcodes/data/generic_powertrain.csv), else a\n"
        "manufacturer's pack. Idempotent by (code, brand); a bad line is reported with its\n"
        "line number and reason, and the import goes on.\n\n"
        "FILE FORMAT\n" + (pack_import.__doc__ or "").split("FILE FORMAT", 1)[-1]
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?", help="a pack (.csv); default: generic")
        parser.add_argument("--brand", default="", help="brand of lines that name none, e.g. bmw")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"] or pack_import.GENERIC_PACK
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with path.open("rb") as count_stream:
            total = max(0, sum(1 for _ in count_stream) - 1)
        try:
            with (
                path.open(encoding="utf-8-sig", newline="") as stream,
                tqdm(
                    total=total,
                    unit=" lines",
                    disable=options["no_progress"],
                    file=self.stderr._out,
                ) as bar,
            ):
                result = pack_import.fault_codes_import(
                    stream=stream,
                    default_brand=options["brand"],
                    on_progress=lambda line: bar.update(max(0, line - 1) - bar.n),
                )
        except pack_import.FormatError as error:
            raise CommandError(f"{path}: {error.code} {error}") from error
        except RuleViolation as violation:
            raise CommandError(str(violation)) from violation
        for report in result.rejected:
            self.stderr.write(f"rejected: {report}", style_func=self.style.ERROR)
        if result.rejected_count > len(result.rejected):
            self.stderr.write(f"... and {result.rejected_count - len(result.rejected)} more")
        self.stdout.write(
            f"{path.name}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.rejected_count} rejected"
        )
