"""The bulk import: a ZIP with the documents' files and one manifest.csv that describes them.

FORMAT
  A ZIP archive. At its top level a file manifest.csv (UTF-8, a BOM is fine; Windows-1252 is
  read too), separated by "," or ";", with a header line naming its columns:

    file               the file's name inside the ZIP (folders with /); PDF, HTML or image
    number             the document number; a number the portal has gets a new version
    kind               repair_instruction, service_bulletin, wiring_diagram,
                       inspection_sheet or manual
    title              the title
    language           en, da or de (empty: en)
    version            the version, e.g. 1 or 2024-02
    valid_from         YYYY-MM-DD the version is valid from (empty: today)
    note               what changed (optional)
    brand, series, model_codes, engines, options, produced_from, produced_to
                       the vehicles it is valid for; lists separated by "|"; every listed
                       series with every listed engine; all empty: every vehicle
    fault_codes, campaigns, labour_operations, parts
                       what it concerns, lists separated by "|" (e.g. P0420|P0430)

  Required columns: file, number, kind, title, version. An unknown column refuses the whole
  file (a misspelt "engine" would otherwise make a document valid for every engine).

  A line for a number the portal has adds a version and sets the document's title, kind,
  language, validity and links to what the line says. The same version again with the same
  file is counted as unchanged. Each bad line is rejected with its line number and the reason;
  the others are imported. Files in the ZIP that the manifest does not name are ignored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from aftersales.portal.imports import Reject

from .archive import unusable

REQUIRED = ("file", "number", "kind", "title", "version")


@dataclass
class ImportResult:
    created: int = 0
    replaced: int = 0
    unchanged: int = 0
    rows: int = 0
    ignored_files: int = 0
    rejected: list[Reject] = field(default_factory=list)

    def reject(self, line: int, value: str, reason: str) -> None:
        self.rejected.append(Reject(line, value[:80], reason))


Progress = Callable[[int, int], None]  # (lines done, lines in all)


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def manifest_rows(raw: bytes, known: set[str]) -> tuple[int, Iterator[tuple[int, dict[str, str]]]]:
    """The number of lines with data and the rows with their line numbers; IR-0021 when the
    header lacks a required column or names an unknown one."""
    if b"\x00" in raw:
        raise unusable(_("manifest.csv holds binary data: it is not a CSV file."))
    text = decode(raw)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise unusable(
            _("manifest.csv lacks the column(s) %(missing)s (the first line names the columns).")
            % {"missing": ", ".join(missing)}
        )
    unknown = [name for name in header if name and name not in known]
    if unknown:
        raise unusable(
            _("manifest.csv has unknown column(s) %(unknown)s; the columns are: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(known))}
        )
    total = sum(1 for line in text.splitlines()[1:] if line.strip(delimiter + " \t"))

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        line = 1
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            yield start, {name: value for name, value in zip(header, cells, strict=False)}

    return total, rows()
