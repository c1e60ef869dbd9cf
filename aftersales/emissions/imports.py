"""The operator's import of nominal values (CSV or XLSX), from the back office or
`manage.py import_emission_values FILE`.

FORMAT
  CSV (separator `,`, `;` or tab; UTF-8, a BOM is fine, else Windows-1252) or XLSX (the first
  worksheet). One row of nominal values per line after a header line naming the columns (any
  order, any case; other columns are ignored):

    engine_type           required  e.g. N54
    fuel                  required  petrol or diesel
    brand, series, model_code       narrow the row to a variant; empty: every vehicle of the engine
    produced_from, produced_to      production period, YYYY-MM-DD (or a date cell)
    idle_rpm_min, idle_rpm_max                  idle speed, min⁻¹
    raised_idle_rpm_min, raised_idle_rpm_max    raised idle speed, min⁻¹ (petrol)
    co_max                                      CO limit at raised idle, % vol (petrol)
    lambda_min, lambda_max                      lambda window, e.g. 0.97 and 1.03 (petrol)
    smoke_k_max                                 smoke opacity limit, k value in m⁻¹ (diesel)
    governed_rpm_min, governed_rpm_max          governed speed, min⁻¹ (diesel)
    obd_check             yes / no; empty: as the legal limits say
    note                  free text, at most 200 characters

  An empty value means the manufacturer gives none (the legal limit then applies). Decimal
  comma or point. Engine + variant identify a row: importing the same file again changes
  nothing; a line that differs updates the row (tests recorded earlier keep the values they
  were judged against). Rejected with their line number, the rest is imported: a missing engine
  type, an unknown fuel, a value that is not a number or lies outside what an instrument reads,
  a range that ends below its start, a date that is not a date, and a line repeating the engine +
  variant of an earlier line.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import VehicleBrand

from . import codes, rules
from .quantities import BOUND_FIELDS, QUANTITIES
from .services import NominalData, nominal_check, nominal_values_upsert

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a catalogue of every engine is a few hundred kB
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_REPORTED = 500
REQUIRED = ("engine_type", "fuel")
COLUMNS = (
    *REQUIRED,
    "brand",
    "series",
    "model_code",
    "produced_from",
    "produced_to",
    *BOUND_FIELDS,
    "obd_check",
    "note",
)
ALIASES = {"engine": "engine_type", "model": "model_code", "obd": "obd_check"}
YES = {"yes", "y", "true", "1", "ja", "j"}
NO = {"no", "n", "false", "0", "nej", "nein"}


def max_upload_bytes() -> int:
    return int(getattr(settings, "EMISSIONS_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large(size: int) -> RuleViolation:
    return RuleViolation(
        codes.FILE_TOO_LARGE,
        _(
            "The file is %(size)s; the back office imports files of at most %(limit)s. Nothing "
            "was read. Import it on the server with the management command "
            "import_emission_values."
        )
        % {"size": megabytes(size), "limit": megabytes(max_upload_bytes())},
        field="file",
    )


def unusable(message: str) -> RuleViolation:
    return RuleViolation(codes.FILE_UNUSABLE, message, field="file")


@dataclass
class Reject:
    line: int
    value: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}{f' ({self.value})' if self.value else ''}: {self.reason}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: int = 0
    rejected: list[Reject] = field(default_factory=list)

    def reject(self, line: int, value: str, reason: str) -> None:
        self.rejected.append(Reject(line, value[:60], reason))


class RowError(ValueError):
    """A line that cannot be imported; its message is the reject's reason."""


def _columns(cells: list[Any]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = "_".join(str(cell).strip().lstrip("\ufeff").lower().replace("-", " ").split())
        name = ALIASES.get(name, name)
        if name in COLUMNS and name not in columns:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise unusable(
            _(
                "The header line names no column %(columns)s. The first line must name the "
                "columns, at least: engine_type, fuel."
            )
            % {"columns": ", ".join(missing)}
        )
    return columns


def _csv_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    data = stream.read()
    if b"\x00" in data[:65536]:
        raise unusable(_("The file holds binary data: it is not a CSV text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = io.StringIO(text, newline="")
    first = lines.readline()
    delimiter = max((";", ",", "\t"), key=first.count)
    columns = _columns(next(csv.reader([first], delimiter=delimiter), []))
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            line = reader.line_num + 1  # the header is line 1
            yield line, {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
    except csv.Error as error:
        raise unusable(
            _("Line %(line)d cannot be read: %(error)s")
            % {"line": reader.line_num + 1, "error": error}
        ) from None


def _xlsx_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise unusable(_("The file is not an XLSX workbook (it is no zip archive).")) from None
    members = archive.infolist()
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise unusable(_("The workbook unpacks into more than the import reads; nothing was read."))
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise unusable(_("The file is not an XLSX workbook (it has no workbook part)."))
    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise unusable(
            _("The workbook cannot be read: %(error)s") % {"error": type(error).__name__}
        ) from None
    try:
        columns: dict[str, int] | None = None
        for line, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            cells = ["" if value is None else value for value in values]
            if columns is None:
                if any(str(cell).strip() for cell in cells):
                    columns = _columns(cells)
                continue
            if not any(str(cell).strip() for cell in cells):
                continue
            yield line, {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
        if columns is None:
            raise unusable(_("The worksheet is empty."))
    finally:
        workbook.close()


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name, "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


def _date(row: dict[str, Any], name: str) -> date | None:
    value = row.get(name, "")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise RowError(
            _("%(column)s is not a date YYYY-MM-DD: %(value)s")
            % {"column": name, "value": text[:20]}
        ) from None


def _obd(row: dict[str, Any]) -> bool | None:
    value = row.get("obd_check", "")
    if isinstance(value, bool):
        return value
    text = _text(row, "obd_check").lower()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise RowError(_("obd_check is yes, no or empty, not %(value)s") % {"value": text[:20]})


def parse_row(row: dict[str, Any]) -> NominalData:
    brand = _text(row, "brand").lower()
    if brand and brand not in VehicleBrand.values:
        raise RowError(
            _("brand %(brand)s is unknown (%(known)s)")
            % {"brand": brand[:20], "known": ", ".join(VehicleBrand.values)}
        )
    bounds: dict[str, Any] = {}
    try:
        for quantity in QUANTITIES:
            for name in quantity.bound_fields:
                raw = row.get(name, "")
                bounds[name] = rules.nominal_bound(quantity, name, "" if raw is None else raw)
        data = NominalData(
            engine_type=_text(row, "engine_type")[:20],
            fuel=_text(row, "fuel").lower(),
            brand=brand,
            series=_text(row, "series")[:10],
            model_code=_text(row, "model_code")[:10],
            produced_from=_date(row, "produced_from"),
            produced_to=_date(row, "produced_to"),
            bounds=bounds,
            obd_check=_obd(row),
            note=_text(row, "note")[:200],
        )
        nominal_check(data)
    except RuleViolation as violation:
        raise RowError(violation.message) from None
    return data


def upload_format(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return "xlsx"
    if lowered.endswith((".csv", ".txt")):
        return "csv"
    raise unusable(
        _("Please upload a CSV file (.csv, .txt) or an Excel workbook (.xlsx); .xls is not read.")
    )


def nominal_values_import(
    *, stream: IO[bytes], format: str, actor: User | None = None
) -> ImportResult:
    """Imports a CSV or XLSX file of nominal values; EMT-0021 when it cannot be read at all.
    Each line is written on its own (a refused line changes nothing)."""
    rows = _xlsx_rows(stream) if format == "xlsx" else _csv_rows(stream)
    result = ImportResult()
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        result.lines += 1
        value = _text(row, "engine_type")
        try:
            data = parse_row(row)
        except RowError as error:
            result.reject(line, value, str(error))
            continue
        if data.key() in seen:
            result.reject(line, value, _("duplicate of line %(line)d") % {"line": seen[data.key()]})
            continue
        seen[data.key()] = line
        try:
            _row, outcome = nominal_values_upsert(data=data, actor=actor)
        except RuleViolation as violation:
            result.reject(line, value, violation.message)
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result
