"""What both import commands share: the progress bar over the file's bytes and the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from aftersales.campaigns.imports import ImportResult
from aftersales.portal.errors import RuleViolation


def run_with_progress(
    command: BaseCommand,
    path: Path,
    run: Callable[[IO[bytes], Callable[[int, int], None]], ImportResult],
    *,
    progress: bool,
) -> ImportResult:
    """Streams the file (never read whole) with a progress bar in bytes on stderr."""
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    size = path.stat().st_size
    with (
        path.open("rb") as stream,
        tqdm(
            total=size, unit="B", unit_scale=True, disable=not progress, file=command.stderr._out
        ) as bar,
    ):

        def on_progress(bytes_read: int, _lines: int) -> None:
            bar.update(bytes_read - bar.n)

        try:
            return run(stream, on_progress)
        except RuleViolation as violation:
            raise CommandError(f"{path}: {violation}") from violation


def report_rejects(command: BaseCommand, result: ImportResult) -> None:
    for reject in result.rejected:
        command.stderr.write(f"rejected: {reject}", style_func=command.style.ERROR)


def add_progress_argument(parser: Any) -> None:
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
