"""Reading fault-code packs: the portal's generic pack and the manufacturers' packs (CSV).

FILE FORMAT (UTF-8, comma-separated, a header line naming the columns, any order):

    code                required  the fault code, normalised like every input (p0301 → P0301)
    description_en      required  the English description
    brand               optional  bmw, bmw_m, bmw_i, bmw_motorrad, mini, rolls_royce; required
                                  for manufacturer-specific codes (P1xxx, P30xx-P33xx, B1/B2,
                                  C1/C2, U1/U2) unless the import names a brand for the file;
                                  empty for the standard's meaning of a generic code
    description_da      optional  the Danish description
    description_de      optional  the German description
    emission_relevant   optional  yes/no (also true/false, 1/0; default yes)
    mil_relevant        optional  yes/no (default yes)
    possible_causes_en  optional  causes separated by "|"
    possible_causes_da  optional  causes separated by "|"
    possible_causes_de  optional  causes separated by "|"

An import is idempotent by (code, brand): a known entry is updated, never duplicated, and a
line that changes nothing writes nothing. A bad line is reported with its line number, the
code and the coded reason, and the import goes on; the same (code, brand) twice in one file is
refused on its second line (FC-0009). A file that is not UTF-8 CSV with the required columns is
refused as a whole (FC-0031). The file is read line by line, never whole.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation
from aftersales.portal.imports import Reject

from . import codes, dtc, rules
from .models import MAX_DESCRIPTION_LENGTH, FaultCode

GENERIC_PACK = Path(__file__).resolve().parent / "data" / "generic_powertrain.csv"

COLUMNS = (
    "code",
    "brand",
    "description_en",
    "description_da",
    "description_de",
    "emission_relevant",
    "mil_relevant",
    "possible_causes_en",
    "possible_causes_da",
    "possible_causes_de",
)
REQUIRED_COLUMNS = ("code", "description_en")
DEFAULT_BATCH_SIZE = 500
# Rejected lines kept for the back office to show; more are counted, not kept.
MAX_REJECTS_KEPT = 1_000
# The fields an import writes (and compares, to leave unchanged entries alone).
DATA_FIELDS = (
    "description",
    "description_da",
    "description_de",
    "emission_relevant",
    "mil_relevant",
    "possible_causes",
    "possible_causes_da",
    "possible_causes_de",
)


class FormatError(Exception):
    """The file as a whole cannot be read (FC-0031); its message says why, in words."""

    code = codes.FILE_UNUSABLE


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected_count: int = 0
    rejected: list[Reject] = field(default_factory=list)

    def reject(self, report: Reject) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_REJECTS_KEPT:
            self.rejected.append(report)


def read_rows(stream: IO[str]) -> Iterator[tuple[int, dict[str | None, str | list[str] | None]]]:
    """(line number, row) of every record; FormatError for a file that cannot be read."""
    reader = csv.DictReader(stream)
    try:
        header = reader.fieldnames
    except (UnicodeDecodeError, csv.Error) as error:
        raise FormatError(
            _("The file is not UTF-8 CSV text (%(error)s).") % {"error": error}
        ) from error
    if not header:
        raise FormatError(_("The file is empty: a header line is expected."))
    names = [str(name or "").strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise FormatError(
            _("The header lacks the column(s) %(missing)s. Expected columns: %(columns)s.")
            % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
        )
    reader.fieldnames = names
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            raise FormatError(
                _("Line %(line)d is not UTF-8 text (%(error)s).")
                % {"line": start, "error": error.reason}
            ) from error
        except csv.Error as error:
            raise FormatError(
                _("Line %(line)d cannot be read as CSV (%(error)s).")
                % {"line": start, "error": error}
            ) from error
        line = reader.line_num
        yield start, row


def _text(row: dict[str | None, str | list[str] | None], name: str) -> str:
    value = row.get(name)
    return value.strip() if isinstance(value, str) else ""


def parse_row(
    row: dict[str | None, str | list[str] | None], *, default_brand: str = ""
) -> FaultCode:
    """One line as an unsaved catalogue entry; RuleViolation (FC-00xx) for a bad line."""
    if row.get(None):
        raise RuleViolation(
            codes.LINE_MALFORMED, _("The line has more values than the header has columns.")
        )
    code = dtc.normalise(_text(row, "code"))
    brand = rules.require_brand(code, _text(row, "brand") or default_brand)
    entry = FaultCode(
        code=code,
        brand=brand,
        description=rules.require_description(_text(row, "description_en"), field="description_en"),
        description_da=rules.require_length(
            _text(row, "description_da"), MAX_DESCRIPTION_LENGTH, field="description_da"
        ),
        description_de=rules.require_length(
            _text(row, "description_de"), MAX_DESCRIPTION_LENGTH, field="description_de"
        ),
        emission_relevant=rules.parse_flag(
            _text(row, "emission_relevant"), default=True, field="emission_relevant"
        ),
        mil_relevant=rules.parse_flag(
            _text(row, "mil_relevant"), default=True, field="mil_relevant"
        ),
        possible_causes=rules.parse_causes(
            _text(row, "possible_causes_en"), field="possible_causes_en"
        ),
        possible_causes_da=rules.parse_causes(
            _text(row, "possible_causes_da"), field="possible_causes_da"
        ),
        possible_causes_de=rules.parse_causes(
            _text(row, "possible_causes_de"), field="possible_causes_de"
        ),
    )
    entry.classify()
    return entry


def fault_codes_import(
    *,
    stream: IO[str],
    default_brand: str = "",
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Imports every good line of a pack (module docstring); FormatError if the file is unusable.

    `on_progress(lines)` is told after each batch how many lines have been read so far.
    """
    if default_brand:
        rules.known_brand(default_brand)
    result = ImportResult()
    seen: dict[tuple[str, str], int] = {}
    batch: list[FaultCode] = []
    line = 0
    for line, row in read_rows(stream):
        raw_code = _text(row, "code")[:10]
        try:
            entry = parse_row(row, default_brand=default_brand)
            first = seen.get((entry.code, entry.brand))
            if first is not None:
                raise RuleViolation(
                    codes.DUPLICATE_LINE,
                    _("%(code)s is already on line %(line)d of this file.")
                    % {"code": entry.code, "line": first},
                )
        except RuleViolation as violation:
            result.reject(Reject(line, raw_code, str(violation)))
            continue
        seen[(entry.code, entry.brand)] = line
        batch.append(entry)
        if len(batch) >= batch_size:
            _write(batch, result)
            batch = []
            if on_progress:
                on_progress(line)
    if batch:
        _write(batch, result)
    if on_progress:
        on_progress(line)
    return result


@transaction.atomic
def _write(batch: list[FaultCode], result: ImportResult) -> None:
    """One batch in one transaction: new entries created, changed ones updated, equal ones
    left alone (two queries and at most two bulk writes a batch)."""
    now = clock.now()
    existing = {
        (entry.code, entry.brand): entry
        for entry in FaultCode.objects.filter(code__in={entry.code for entry in batch})
    }
    new: list[FaultCode] = []
    changed: list[FaultCode] = []
    for entry in batch:
        known = existing.get((entry.code, entry.brand))
        if known is None:
            entry.updated_at = now
            new.append(entry)
        elif any(getattr(known, name) != getattr(entry, name) for name in DATA_FIELDS):
            for name in DATA_FIELDS:
                setattr(known, name, getattr(entry, name))
            known.updated_at = now
            changed.append(known)
        else:
            result.unchanged += 1
    FaultCode.objects.bulk_create(new)
    FaultCode.objects.bulk_update(changed, [*DATA_FIELDS, "updated_at"])
    result.created += len(new)
    result.updated += len(changed)


def generic_pack_load(*, on_progress: Callable[[int], None] | None = None) -> ImportResult:
    """The portal's own pack of generic powertrain codes (data/generic_powertrain.csv)."""
    with GENERIC_PACK.open(encoding="utf-8", newline="") as stream:
        return fault_codes_import(stream=stream, on_progress=on_progress)
