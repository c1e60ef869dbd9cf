"""manage.py import_emission_values FILE: imports nominal values (CSV or XLSX) of any size."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aftersales.portal.errors import RuleViolation

from ...imports import nominal_values_import, upload_format


class Command(BaseCommand):
    help = "Imports emissions test nominal values from a CSV or XLSX file (layout: imports.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .csv, .txt or .xlsx file")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            kind = upload_format(name)
            with open(name, "rb") as stream:
                result = nominal_values_import(stream=stream, format=kind)
        except (OSError, RuleViolation) as error:
            raise CommandError(str(error)) from None
        for reject in result.rejected:
            self.stderr.write(str(reject))
        self.stdout.write(
            f"{result.lines} lines read: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {len(result.rejected)} rejected"
        )
