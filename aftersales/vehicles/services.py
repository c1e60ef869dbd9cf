"""Writes of the vehicles app: the import of central vehicle data, and mileage readings.

Mileage readings (`mileage_reading_record`): every mileage that reaches the portal, with its
source and time. Other applications call it (service entries through the trust app's receivers,
KeyReader for key reads); the import records the central mileage of each line it reads.

`vehicles_import` reads CSV or JSON Lines (format: see import_format.py, also printed by
`manage.py import_vehicles --help`). On PostgreSQL it COPYs the checked lines into a staging
table and merges them in one transaction (import_copy.py); elsewhere it writes in batches
(import_batch.py), each batch in one transaction with bulk_create / bulk_update. It is
idempotent by VIN: a vehicle that exists is updated, never duplicated, and a line that changes
nothing writes nothing. A bad line is reported with its line number and reason, and the import
goes on. Lines take effect in file order: a VIN's later line is applied after its earlier one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.db import connection, transaction

from aftersales import clock

from . import vin as vin_rules
from .import_batch import BatchContext, ImportResult, LineReport, write_rounds
from .import_copy import CopyImport, known_fingerprints
from .import_copy import logger as import_logger
from .import_fast import FastChecker, Fingerprints, KnownFingerprints, csv_rows, raw_of
from .import_format import (
    FormatError,
    LineError,
    VehicleRecord,
    parse_record,
    read_lines,
)
from .readings import (
    mileage_flag_explain,
    mileage_flags_refresh,
    mileage_reading_record,
    mileage_reading_withdraw,
)

__all__ = [
    "FormatError",
    "ImportResult",
    "mileage_flag_explain",
    "mileage_flags_refresh",
    "mileage_reading_record",
    "mileage_reading_withdraw",
    "vehicles_import",
    "vehicles_import_records",
]

DEFAULT_BATCH_SIZE = 1000
PROGRESS_EVERY = 10_000  # lines between two progress reports of the copy method


def vehicles_import(
    *,
    stream: IO[str],
    fmt: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    overwrite_cbs_status: bool = True,
    method: str = "auto",
) -> ImportResult:
    """Imports every good line of a CSV or JSON Lines stream; FormatError if the file is unusable.

    on_progress(n) is told every so many lines how many more lines were read; on_stage(text)
    when the PostgreSQL path starts merging. `method`: "batches" writes each batch with the ORM
    in its own transaction; "copy" (PostgreSQL) stages every checked line with COPY and merges
    them in one transaction (import_copy.py); "auto" takes "copy" on PostgreSQL. Both read and
    check the lines the same way and leave the same data.
    """
    if method == "auto":
        method = "copy" if connection.vendor == "postgresql" and overwrite_cbs_status else "batches"
    if method not in ("copy", "batches"):
        raise ValueError(f"unknown import method {method!r}")
    context = BatchContext.load(overwrite_cbs_status=overwrite_cbs_status)
    if method == "copy":
        if not overwrite_cbs_status:
            raise ValueError("the copy method always overwrites the CBS status")
        return _import_copy(stream, fmt, context, on_progress, on_stage)
    result = ImportResult()
    batch: list[tuple[int, VehicleRecord]] = []
    lines_in_batch = 0
    for number, raw in read_lines(stream, fmt):
        lines_in_batch += 1
        record = _checked(number, raw, context, result)
        if record is None:
            continue
        batch.append((number, record))
        if len(batch) >= batch_size:
            write_rounds(batch, context, result)
            batch = []
            if on_progress:
                on_progress(lines_in_batch)
            lines_in_batch = 0
    if batch:
        write_rounds(batch, context, result)
    if on_progress and lines_in_batch:
        on_progress(lines_in_batch)
    result.rejected.sort(key=lambda report: report.line)
    return result


def _checked(
    number: int, raw: dict[str, Any] | LineError, context: BatchContext, result: ImportResult
) -> VehicleRecord | None:
    """The checked record of a line read, its warnings noted; None (and the reason noted) for a
    line that cannot be imported. Both methods read every line through this."""
    try:
        if isinstance(raw, LineError):
            raise raw
        record = parse_record(raw, wmi=context.wmi, positions=context.positions)
    except LineError as error:
        vin = raw.get("vin", "") if isinstance(raw, dict) else ""
        result.rejected.append(LineReport(number, str(vin)[:40], str(error)))
        return None
    if record.warnings:
        result.warnings.extend(LineReport(number, record.vin, text) for text in record.warnings)
    return record


def _import_copy(
    stream: IO[str],
    fmt: str,
    context: BatchContext,
    on_progress: Callable[[int], None] | None,
    on_stage: Callable[[str], None] | None,
) -> ImportResult:
    result = ImportResult()
    lines = skipped = 0
    with transaction.atomic():
        known = known_fingerprints() if fmt == "csv" else KnownFingerprints()
        staging = CopyImport(positions=context.positions, now=clock.now())
        try:
            for number, record, fingerprint in _checked_lines(stream, fmt, context, result, known):
                lines += 1
                if record is _SKIPPED:
                    skipped += 1
                elif record is not None:
                    refusal = staging.refusal(record)
                    if refusal is None:
                        staging.add(number, record, fingerprint)
                    else:
                        result.rejected.append(LineReport(number, record.vin, refusal))
                if on_progress and lines >= PROGRESS_EVERY:
                    on_progress(lines)
                    lines = 0
            del known
        except BaseException as error:
            staging.abandon(error)
            raise
        result.created, result.updated, result.unchanged = staging.finish(on_stage=on_stage)
        committing = time.perf_counter()
    # The commit runs the deferred foreign-key checks of every row inserted: its own line.
    import_logger.debug("%.3f s: commit", time.perf_counter() - committing)
    result.unchanged += skipped
    if on_progress and lines:
        on_progress(lines)
    return result


# A line known and unchanged (import_fast.Fingerprints): nothing to check or merge.
_SKIPPED = VehicleRecord(vin="", fields={})
_NO_WMI = ("", False)


def _checked_lines(
    stream: IO[str],
    fmt: str,
    context: BatchContext,
    result: ImportResult,
    known: KnownFingerprints,
) -> Iterator[tuple[int, VehicleRecord | None, bytes | None]]:
    """(line number, checked record, None when rejected or _SKIPPED, the line's fingerprint) of
    every line, in file order. CSV lines are fingerprinted and checked by the fast path first
    (import_fast.py), the rest by parse_record; JSON Lines get no fingerprint."""
    if fmt != "csv":
        for number, raw in read_lines(stream, fmt):
            yield number, _checked(number, raw, context, result), None
        return
    header, header_text, rows = csv_rows(stream)
    fast = FastChecker(header, wmi=context.wmi, positions=context.positions).record
    fingerprints = Fingerprints(
        header_text=header_text, wmi=context.wmi, positions=context.positions, known=known
    )
    vin_at = header.index("vin") if header else 0
    wmi = context.wmi
    warnings = result.warnings
    for number, cells, text in rows:
        fingerprint = fingerprints.of(text)
        if fingerprint in known:
            # The same text was imported before, so its VIN cell is a good one.
            vin = vin_rules.normalize_vin(cells[vin_at].strip())
            if not fingerprints.staged_before(vin):
                # Only a North American VIN can be warned about (vin.check_digit_warning).
                if vin[0] in vin_rules.NORTH_AMERICAN_REGION or wmi.get(vin[:3], _NO_WMI)[1]:
                    warning = vin_rules.check_digit_warning(vin, wmi)
                    if warning:
                        warnings.append(LineReport(number, vin, warning))
                yield number, _SKIPPED, None
                continue
        record = fast(cells)
        if record is None:
            record = _checked(number, raw_of(header, cells), context, result)
        elif record.warnings:
            warnings.extend(LineReport(number, record.vin, w) for w in record.warnings)
        if record is not None:
            fingerprints.stage(record.vin)
        yield number, record, fingerprint


def vehicles_import_records(
    *, records: Iterable[dict[str, Any]], overwrite_cbs_status: bool = True
) -> ImportResult:
    """The same import for records already in memory (the demo data uses it); line = position."""
    context = BatchContext.load(overwrite_cbs_status=overwrite_cbs_status)
    result = ImportResult()
    batch: list[tuple[int, VehicleRecord]] = []
    for number, raw in enumerate(records, start=1):
        try:
            batch.append((number, parse_record(raw, wmi=context.wmi, positions=context.positions)))
        except LineError as error:
            result.rejected.append(LineReport(number, str(raw.get("vin", "")), str(error)))
    if batch:
        write_rounds(batch, context, result)
    return result
