"""The layout of a tool catalogue file, one tool per line, and the parsing of one line.

FORMAT
A header line names the columns (any order, case and spaces do not matter); CSV separated by
`;`, `,` or tab (UTF-8, or Windows-1252), or the first worksheet of an XLSX workbook.

    number              required  the tool number as printed, e.g. 83 30 0 494 060
    name                required  English name, at most 200 characters
    name_da                       Danish name
    name_de                       German name
    description                   what it is for (English)
    description_da                what it is for (Danish)
    description_de                what it is for (German)
    supplier                      e.g. Hazet
    price                         net price in EUR, e.g. 148.50 or 148,50 (empty: on request)
    brands                        brands it serves separated by `|`: bmw|mini (empty: all)
    calibration_months            calibration interval in months, 1-240 (empty: none)
    active                        yes/no (default yes); no withdraws the tool

A tool is identified by its number (spaces, dots and dashes do not matter): the same line again
changes nothing, a changed line updates the tool. Bad lines are rejected with their number and
the reason; the others are imported.

    number;name;name_da;supplier;price;brands;calibration_months
    83 30 0 494 060;Brake bleeding adapter;Udluftningsadapter til bremser;Hazet;148.50;bmw|mini;
    00 9 250;Torque wrench 40-200 Nm;Momentnøgle 40-200 Nm;Stahlwille;389.00;;12
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ..rules import ToolData, parse_price
from .common import unusable

COLUMNS = (
    "number",
    "name",
    "name_da",
    "name_de",
    "description",
    "description_da",
    "description_de",
    "supplier",
    "price",
    "brands",
    "calibration_months",
    "active",
)
REQUIRED = ("number", "name")
YES = {"", "1", "yes", "y", "ja", "true", "x"}
NO = {"0", "no", "n", "nej", "false"}


class RowError(ValueError):
    pass


def header_columns(cells: list[str]) -> dict[str, int]:
    """{column: index}; EQ-0041 when a required column is missing."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = "_".join(str(cell).strip().lower().lstrip("\ufeff").split())
        if name in COLUMNS and name not in columns:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise unusable(
            _("The header line has no column %(columns)s; nothing was imported.")
            % {"columns": ", ".join(missing)}
        )
    return columns


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name, "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value if value is not None else "").split())


def parse_row(row: dict[str, Any]) -> ToolData:
    """The line as tool data (rules.clean_tool checks it when it is written); RowError for a
    value that is not even of its kind."""
    try:
        price = parse_price(_text(row, "price"))
    except ValueError:
        raise RowError(
            _("The price “%(value)s” is not a number.") % {"value": _text(row, "price")[:20]}
        ) from None
    months_text = _text(row, "calibration_months")
    if months_text and not months_text.isdigit():
        raise RowError(_("The calibration interval is a whole number of months."))
    active = _text(row, "active").lower()
    if active not in YES | NO:
        raise RowError(_("“active” is yes or no."))
    brands = [brand.strip().lower() for brand in _text(row, "brands").split("|") if brand.strip()]
    return ToolData(
        number=_text(row, "number"),
        name=_text(row, "name"),
        name_da=_text(row, "name_da"),
        name_de=_text(row, "name_de"),
        description=str(row.get("description", "") or "").strip(),
        description_da=str(row.get("description_da", "") or "").strip(),
        description_de=str(row.get("description_de", "") or "").strip(),
        supplier=_text(row, "supplier"),
        price=price,
        brands=brands,
        calibration_months=int(months_text) if months_text else None,
        active=active not in NO,
    )
