"""manage.py import_vehicles FILE: central vehicle data from CSV or JSON Lines."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from aftersales.vehicles import import_format
from aftersales.vehicles.services import DEFAULT_BATCH_SIZE, FormatError, vehicles_import


class Command(BaseCommand):
    help = (
        "Imports central vehicle data from CSV or JSON Lines, one vehicle a line. On PostgreSQL\n"
        "the checked lines are COPYed into a staging table and merged in one transaction (an\n"
        "interrupted import changes nothing); elsewhere they are written in batches.\n"
        "Idempotent by VIN: a known vehicle is updated, never duplicated. On PostgreSQL a CSV\n"
        "line imported before, whose vehicle nothing else has changed since, is recognised by its\n"
        "fingerprint and skipped (counted unchanged). A bad line is\n"
        "reported with its line number and reason; the import goes on.\n\n"
        "FILE FORMAT\n" + (import_format.__doc__ or "").split("\n", 2)[2]
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the format's layout
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .csv or .jsonl file")
        parser.add_argument("--format", choices=["csv", "jsonl"], help="default: from the name")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"lines per transaction of the batches method (default {DEFAULT_BATCH_SIZE})",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--method",
            choices=["auto", "copy", "batches"],
            default="auto",
            help="copy: COPY into a staging table and merge in one transaction (PostgreSQL); "
            "batches: the ORM, one transaction a batch; auto (default): copy on PostgreSQL",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            fmt = options["format"] or import_format.detect_format(path.name)
            total = _line_count(path)
            with (
                path.open(encoding="utf-8-sig", newline="") as stream,
                tqdm(
                    total=total,
                    unit=" lines",
                    disable=options["no_progress"],
                    file=self.stderr._out,
                ) as bar,
            ):
                result = vehicles_import(
                    stream=stream,
                    fmt=fmt,
                    batch_size=options["batch_size"],
                    on_progress=bar.update,
                    on_stage=bar.set_description,
                    method=options["method"],
                )
                bar.update(total - bar.n)  # a CSV header or blank lines are read too
        except FormatError as error:
            raise CommandError(f"{path}: {error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text ({error.reason})") from error
        for report in result.warnings:
            self.stderr.write(f"warning: {report}", style_func=self.style.WARNING)
        for report in result.rejected:
            self.stderr.write(f"rejected: {report}", style_func=self.style.ERROR)
        self.stdout.write(
            f"{path.name}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {len(result.rejected)} rejected, "
            f"{len(result.warnings)} warnings"
        )
        if result.rejected:
            # A script (or cron) must see that lines were refused: exit status 1.
            raise CommandError(f"{path.name}: {len(result.rejected)} line(s) rejected")


def _line_count(path: Path) -> int:
    """The progress bar's total: the file's lines, counted in binary blocks (a text pass over a
    million lines took longer than the fast path reading them)."""
    count = 0
    last = b"\n"
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")
