"""One import of a tool catalogue: read the rows (readers), parse each (layout), upsert by
number in batches (services.tool_upsert), reject bad lines with their number and go on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation
from aftersales.portal.tabular import Progress, Row, csv_rows, xlsx_rows

from .. import codes
from ..models import number_key
from ..rules import ToolData
from ..services import tool_upsert
from .common import BATCH_SIZE, ImportResult
from .layout import RowError, header_columns, parse_row


def tool_catalogue_import(
    *,
    stream: IO[bytes],
    format: str,
    size: int = 0,
    on_progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Imports a CSV or XLSX tool catalogue; a file that cannot be read at all raises EQ-0041
    (what earlier batches wrote stays: each batch is committed)."""
    now = now or clock.now()
    rows: Iterator[Row] = (
        xlsx_rows(
            stream,
            header=header_columns,
            unusable_code=codes.FILE_UNUSABLE,
            on_progress=on_progress,
        )
        if format == "xlsx"
        else csv_rows(
            stream,
            size=size,
            header=header_columns,
            unusable_code=codes.FILE_UNUSABLE,
            on_progress=on_progress,
        )
    )
    result = ImportResult()
    seen: dict[str, int] = {}
    batch: list[tuple[int, ToolData]] = []
    for line, row in rows:
        result.lines = line
        try:
            parsed = parse_row(row)
        except RowError as error:
            result.reject(line, str(row.get("number", "")).strip(), str(error))
            continue
        key = number_key(parsed.number)
        if key and key in seen:
            result.reject(
                line, parsed.number, _("duplicate of line %(line)d") % {"line": seen[key]}
            )
            continue
        seen[key] = line
        batch.append((line, parsed))
        if len(batch) >= BATCH_SIZE:
            _write(batch, result, now=now)
            batch = []
    if batch:
        _write(batch, result, now=now)
    return result


def _write(batch: list[tuple[int, ToolData]], result: ImportResult, *, now: datetime) -> None:
    with transaction.atomic():
        for line, parsed in batch:
            try:
                with transaction.atomic():
                    __, outcome = tool_upsert(data=parsed, now=now)
            except RuleViolation as violation:
                result.reject(line, parsed.number, violation.message)
                continue
            if outcome == "created":
                result.created += 1
            elif outcome == "updated":
                result.updated += 1
            else:
                result.unchanged += 1
