"""A document's data as text fields, the same for the back office's upload form and a line of the
bulk import's manifest: the columns, what each holds, and how they are read (rules.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from . import rules
from .models import LinkKind
from .services import DocumentData

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrOrPromise

# column: what it holds (the manifest's documentation and the form's help texts).
COLUMNS: dict[str, StrOrPromise] = {
    "file": _("the file's name inside the ZIP (folders with /); PDF, HTML (.html) or image"),
    "number": _('the document number, e.g. "RA 11 42 050"; an existing number adds a version'),
    "kind": _("repair_instruction, service_bulletin, wiring_diagram, inspection_sheet or manual"),
    "title": _("the title (at most 300 characters)"),
    "language": _("en, da or de (empty: en)"),
    "version": _('the version, e.g. "1" or "2024-02"'),
    "valid_from": _("the date the version is valid from, YYYY-MM-DD (empty: today)"),
    "note": _("what changed in this version (optional)"),
    "brand": _("bmw, bmw_m, bmw_i, bmw_motorrad, mini or rolls_royce (optional)"),
    "series": _('series it is valid for, separated by "|", e.g. "E90|E91" (empty: all)'),
    "model_codes": _('model codes, e.g. "UV81" (empty: all)'),
    "engines": _('engine types, e.g. "N54|N55" (empty: all)'),
    "options": _('option codes the vehicle must have, e.g. "S205A" (empty: none needed)'),
    "produced_from": _("first production date, YYYY-MM-DD (optional)"),
    "produced_to": _("last production date, YYYY-MM-DD (optional)"),
    "fault_codes": _('fault codes it concerns, e.g. "P0420|P0430"'),
    "campaigns": _('technical campaign numbers, e.g. "0013250800"'),
    "labour_operations": _('labour operation numbers, e.g. "11 00 050"'),
    "parts": _('part numbers, e.g. "11 42 7 953 129|11427525334"'),
    "tools": _('special tool numbers it needs, e.g. "83 30 0 494 060"'),
}
REQUIRED = ("file", "number", "kind", "title", "version")
LINK_COLUMNS = {
    "fault_codes": LinkKind.FAULT_CODE,
    "campaigns": LinkKind.CAMPAIGN,
    "labour_operations": LinkKind.LABOUR_OPERATION,
    "parts": LinkKind.PART,
    "tools": LinkKind.TOOL,
}


def document_data(row: Mapping[str, str], *, today: date) -> DocumentData:
    """The row read by the rules; RuleViolation IR-0010 naming the first field that is wrong."""

    def value(name: str) -> str:
        return (row.get(name) or "").strip()

    valid_from = rules.date_clean(value("valid_from"), "valid_from") or today
    validity = rules.validity_rows(
        brand=rules.brand_clean(value("brand")),
        series=rules.codes_clean(value("series"), "series"),
        model_codes=rules.codes_clean(value("model_codes"), "model_codes"),
        engines=rules.codes_clean(value("engines"), "engines"),
        options=rules.codes_clean(value("options"), "options"),
        produced_from=rules.date_clean(value("produced_from"), "produced_from"),
        produced_to=rules.date_clean(value("produced_to"), "produced_to"),
    )
    links = [
        link
        for column, kind in LINK_COLUMNS.items()
        for link in rules.links_clean(kind, value(column), column)
    ]
    return DocumentData(
        number=rules.number_clean(value("number")),
        kind=rules.kind_clean(value("kind")),
        title=rules.title_clean(value("title")),
        language=rules.language_clean(value("language") or "en"),
        version=rules.version_clean(value("version")),
        valid_from=valid_from,
        note=value("note")[:300],
        validity=validity,
        links=links,
    )
