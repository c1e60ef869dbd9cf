"""The layout of a labour catalogue file and the reading of one row.

FORMAT
  CSV (separator `,`, `;` or tab; UTF-8, a BOM is fine, else Windows-1252) or XLSX (the first
  worksheet). One labour operation per line, after a header line naming the columns (any
  order, any case; other columns are ignored):

    number            required  operation number, e.g. 11 42 000 (spaces as you like)
    description       required  English description, at most 200 characters
    units             required  flat-rate units of the maker, > 0, e.g. 6 or 2.5 (or 2,5)
    description_da              Danish description
    description_de              German description
    brand                       bmw, bmw_m, bmw_i, bmw_motorrad, mini, rolls_royce; empty: all
    series                      e.g. E91; empty: every series
    model_code                  e.g. UV81; empty: every model
    engine_type                 e.g. N54; empty: every engine
    produced_from               first production date, YYYY-MM-DD (or a date cell)
    produced_to                 last production date, YYYY-MM-DD (or a date cell)
    included_work / included_work_da / included_work_de      what the units include
    excluded_work / excluded_work_da / excluded_work_de      what they do not include
    tools                       special tools needed, numbers separated by `|`

  Number + validity (brand, series, model, engine, production dates) identify an operation:
  importing the same file again changes nothing; a line whose content differs from the
  catalogue makes a new version (orders priced earlier keep theirs). Rejected with their line
  number, the rest is imported: a missing number, description or units, units that are not a
  number above 0, an unknown brand, a date that is not a date, a period that ends before it
  starts, and a line repeating the number + validity of an earlier line ("duplicate of line N").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import VehicleBrand

from .. import rules
from ..models import number_key
from ..rules import OperationContent
from ..services import ValidityData
from .common import unusable

REQUIRED = ("number", "description", "units")
COLUMNS = (
    *REQUIRED,
    "description_da",
    "description_de",
    "brand",
    "series",
    "model_code",
    "engine_type",
    "produced_from",
    "produced_to",
    "included_work",
    "included_work_da",
    "included_work_de",
    "excluded_work",
    "excluded_work_da",
    "excluded_work_de",
    "tools",
)
ALIASES = {
    "operation_number": "number",
    "operation": "number",
    "model": "model_code",
    "engine": "engine_type",
    "tool_numbers": "tools",
}


class RowError(ValueError):
    """A line that cannot be imported; its message is the reject's reason."""


def header_columns(cells: list[str]) -> dict[str, int]:
    """Column name → index; FILE_UNUSABLE when a required column is missing."""
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
                "columns, at least: number, description, units."
            )
            % {"columns": ", ".join(missing)}
        )
    return columns


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


@dataclass(frozen=True)
class ParsedRow:
    number: str
    validity: ValidityData
    content: OperationContent

    @property
    def key(self) -> tuple[str, str]:
        return number_key(self.number), self.validity.key()


def parse_row(row: dict[str, Any]) -> ParsedRow:
    number = _text(row, "number")
    if not number:
        raise RowError(_("number is missing"))
    brand = _text(row, "brand").lower()
    if brand and brand not in VehicleBrand.values:
        raise RowError(
            _("brand %(brand)s is unknown (%(known)s)")
            % {"brand": brand[:20], "known": ", ".join(VehicleBrand.values)}
        )
    units = rules.parse_decimal(row.get("units", ""))
    if units is None:
        raise RowError(
            _("units is not a number above 0: %(value)s") % {"value": _text(row, "units")[:20]}
        )
    validity = ValidityData(
        brand=brand,
        series=_text(row, "series")[:10],
        model_code=_text(row, "model_code")[:10],
        engine_type=_text(row, "engine_type")[:20],
        produced_from=_date(row, "produced_from"),
        produced_to=_date(row, "produced_to"),
    )
    content = OperationContent(
        description=_text(row, "description"),
        description_da=_text(row, "description_da"),
        description_de=_text(row, "description_de"),
        units=units,
        included_work=_text(row, "included_work"),
        included_work_da=_text(row, "included_work_da"),
        included_work_de=_text(row, "included_work_de"),
        excluded_work=_text(row, "excluded_work"),
        excluded_work_da=_text(row, "excluded_work_da"),
        excluded_work_de=_text(row, "excluded_work_de"),
        tool_numbers=[part for part in _text(row, "tools").split("|") if part.strip()],
    )
    try:
        cleaned_number = rules.require_number(number)
        rules.require_period(validity.produced_from, validity.produced_to)
        content = rules.clean_content(content)
    except RuleViolation as violation:
        raise RowError(violation.message) from None
    return ParsedRow(number=cleaned_number, validity=validity, content=content)
