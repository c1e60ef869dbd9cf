"""The catalogue import: one parts row per line, CSV or JSON Lines (see the app's README).

FORMAT
One parts row per line. CSV: a header line naming the columns (any order; ";", "," or tab
between fields, UTF-8), then one row per line. JSON Lines: one object per line with the same
keys (a file whose first character is "{" is read as JSON Lines).

Required: main_group, subgroup, illustration, position, part_number, description, quantity.
Names of a group or illustration are needed the first time it appears:
main_group_name, subgroup_name, illustration_title (and *_da for Danish, *_de for German).
Optional: description_da, description_de, unit (pcs or l, default pcs), brand (bmw, mini, ...), series,
model_code, engine, produced_from, produced_until (YYYY-MM-DD), options (e.g. S205A, -S205A,
S205A/S2TB), note, note_da, note_de, hotspot_x, hotspot_y (where the position's number sits on the
drawing).

main_group;main_group_name;subgroup;subgroup_name;illustration;illustration_title;position;part_number;description;quantity;series;engine;options
11;Engine;11 42;Oil filter;11_4030;Oil filter with cover;1;11 42 7 953 129;Oil filter element set;1;E91;N54;

A row is identified by illustration, position, part number and its whole validity: importing
the same line again changes nothing (unchanged), a changed quantity or note updates it. Every
other line of the file goes on when one is rejected; rejects are reported with their line
number and reason. The file is read in batches of 2,000 lines, each committed on its own.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO

from django.db import connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import VehicleBrand

from .. import numbers
from ..models import Hotspot, Illustration, MainGroup, Part, PartUsage, SubGroup
from ..rules import parse_quantity
from ..validity import OptionRuleError, normalize_option_rule, validity_key
from .common import (
    BATCH_SIZE,
    CountingStream,
    ImportResult,
    Progress,
    numbered_lines,
    unusable,
)

REQUIRED = (
    "main_group",
    "subgroup",
    "illustration",
    "position",
    "part_number",
    "description",
    "quantity",
)
COLUMNS = (
    *REQUIRED,
    "main_group_name",
    "main_group_name_da",
    "main_group_name_de",
    "subgroup_name",
    "subgroup_name_da",
    "subgroup_name_de",
    "illustration_title",
    "illustration_title_da",
    "illustration_title_de",
    "description_da",
    "description_de",
    "unit",
    "brand",
    "series",
    "model_code",
    "engine",
    "produced_from",
    "produced_until",
    "options",
    "note",
    "note_da",
    "note_de",
    "hotspot_x",
    "hotspot_y",
)
LIMITS = {
    "main_group": 4,
    "subgroup": 10,
    "illustration": 20,
    "position": 6,
    "description": 200,
    "description_da": 200,
    "description_de": 200,
    "main_group_name": 120,
    "main_group_name_da": 120,
    "main_group_name_de": 120,
    "subgroup_name": 120,
    "subgroup_name_da": 120,
    "subgroup_name_de": 120,
    "illustration_title": 160,
    "illustration_title_da": 160,
    "illustration_title_de": 160,
    "series": 10,
    "model_code": 10,
    "engine": 20,
    "note": 200,
    "note_da": 200,
    "note_de": 200,
}
BRANDS = set(VehicleBrand.values)


class LineError(ValueError):
    """A line that cannot be imported; the message is the reason shown to the operator."""


@dataclass
class Line:
    number: int
    values: dict[str, str]
    part_number: str
    quantity: Decimal
    unit: str
    produced_from: date | None
    produced_until: date | None
    options: str
    hotspot: tuple[int, int] | None

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def key(self) -> str:
        return validity_key(
            brand=self.get("brand"),
            series=self.get("series"),
            model_code=self.get("model_code"),
            engine=self.get("engine"),
            produced_from=self.produced_from,
            produced_until=self.produced_until,
            options=self.options,
        )


def _date(value: str, column: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LineError(
            _("%(column)s “%(value)s” is not a date YYYY-MM-DD.")
            % {"column": column, "value": value[:20]}
        ) from None


def _coordinate(value: str, column: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= 100_000:
        raise LineError(
            _("%(column)s “%(value)s” is not a whole number of at least 0.")
            % {"column": column, "value": value[:20]}
        )
    return number


def parse_line(number: int, values: dict[str, str]) -> Line:
    """One line's values checked (LineError with the reason otherwise)."""
    missing = [column for column in REQUIRED if not values.get(column)]
    if missing:
        raise LineError(_("Missing: %(columns)s.") % {"columns": ", ".join(missing)})
    for column, limit in LIMITS.items():
        if len(values.get(column, "")) > limit:
            raise LineError(
                _("%(column)s is longer than %(limit)d characters.")
                % {"column": column, "limit": limit}
            )
    part_number = numbers.normalize(values["part_number"])
    if not numbers.is_valid(part_number):
        raise LineError(
            _("“%(value)s” is not a part number (3-20 letters and digits).")
            % {"value": values["part_number"][:30]}
        )
    try:
        quantity = parse_quantity(values["quantity"])
    except RuleViolation as violation:
        raise LineError(violation.message) from None
    unit = (values.get("unit") or "pcs").lower()
    if unit not in (Part.Unit.PIECE, Part.Unit.LITRE):
        raise LineError(_("unit “%(value)s” is not pcs or l.") % {"value": unit[:10]})
    brand = values.get("brand", "").lower()
    if brand and brand not in BRANDS:
        raise LineError(_("brand “%(value)s” is not known.") % {"value": brand[:20]})
    values["brand"] = brand
    produced_from = _date(values.get("produced_from", ""), "produced_from")
    produced_until = _date(values.get("produced_until", ""), "produced_until")
    if produced_from and produced_until and produced_from > produced_until:
        raise LineError(_("produced_from is after produced_until."))
    try:
        options = normalize_option_rule(values.get("options", ""))
    except OptionRuleError as error:
        raise LineError(
            _("options: “%(term)s” is not an option rule (e.g. S205A, -S205A, S205A/S2TB).")
            % {"term": str(error)[:20]}
        ) from None
    x, y = values.get("hotspot_x", ""), values.get("hotspot_y", "")
    if bool(x) != bool(y):
        raise LineError(_("hotspot_x and hotspot_y go together."))
    hotspot = (_coordinate(x, "hotspot_x"), _coordinate(y, "hotspot_y")) if x else None
    return Line(
        number, values, part_number, quantity, unit, produced_from, produced_until, options, hotspot
    )


# --- reading the file ------------------------------------------------------------------------


def _csv_records(lines: Iterator[tuple[int, str]], first: str) -> Iterator[tuple[int, dict]]:
    delimiter = max((";", ",", "\t"), key=first.count)
    header = [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter))]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise unusable(
            _("The header line lacks the columns %(columns)s; nothing was imported.")
            % {"columns": ", ".join(missing)}
        )
    for number, text in lines:
        if not text.strip():
            continue
        fields = next(csv.reader([text], delimiter=delimiter))
        if len(fields) > len(header):
            yield number, {"__error__": _("More fields than columns in the header line.")}
            continue
        yield number, {name: value.strip() for name, value in zip(header, fields, strict=False)}


def _jsonl_records(
    lines: Iterator[tuple[int, str]], first: tuple[int, str]
) -> Iterator[tuple[int, dict]]:
    for number, text in _chain(first, lines):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            yield number, {"__error__": _("Not a JSON object.")}
            continue
        if not isinstance(data, dict):
            yield number, {"__error__": _("Not a JSON object.")}
            continue
        yield (
            number,
            {
                str(k).lower(): ("" if v is None else str(v)).strip()
                for k, v in data.items()
                if not isinstance(v, dict | list)
            },
        )


def _chain(first: tuple[int, str], rest: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    yield first
    yield from rest


def records(stream: CountingStream) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, values) of every row of a CSV or JSON Lines file."""
    lines = numbered_lines(stream)
    for number, text in lines:
        if text.strip():
            if text.lstrip().startswith("{"):
                yield from _jsonl_records(lines, (number, text))
            else:
                yield from _csv_records(lines, text)
            return
    raise unusable(_("The file is empty."))


# --- writing a batch --------------------------------------------------------------------------


class Catalogue:
    """What the import already knows of the catalogue, loaded once: main groups, subgroups and
    illustrations by their numbers (a catalogue has thousands of them, not millions)."""

    def __init__(self) -> None:
        self.load()

    def load(self) -> None:
        self.main_groups = dict(MainGroup.objects.values_list("number", "id"))
        self.subgroups = {
            (main, number): pk
            for pk, main, number in SubGroup.objects.values_list("id", "main_group_id", "number")
        }
        self.illustrations = {
            number: (pk, subgroup)
            for pk, number, subgroup in Illustration.objects.values_list(
                "id", "number", "subgroup_id"
            )
        }

    def resolve(self, lines: list[Line], result: ImportResult) -> list[tuple[Line, int]]:
        """The illustration id of each line; groups and illustrations met for the first time
        are created (their names come from the line), lines that cannot be placed rejected."""
        placed = []
        for line in lines:
            try:
                placed.append((line, self._illustration(line)))
            except LineError as error:
                result.reject(line.number, line.get("part_number"), str(error))
        return placed

    def _illustration(self, line: Line) -> int:
        main = self.main_groups.get(line.get("main_group"))
        if main is None:
            if not line.get("main_group_name"):
                raise LineError(_("main_group_name is needed for a new main group."))
            main = MainGroup.objects.create(
                number=line.get("main_group"),
                name=line.get("main_group_name"),
                name_da=line.get("main_group_name_da"),
                name_de=line.get("main_group_name_de"),
            ).pk
            self.main_groups[line.get("main_group")] = main
        subgroup = self.subgroups.get((main, line.get("subgroup")))
        if subgroup is None:
            if not line.get("subgroup_name"):
                raise LineError(_("subgroup_name is needed for a new subgroup."))
            subgroup = SubGroup.objects.create(
                main_group_id=main,
                number=line.get("subgroup"),
                name=line.get("subgroup_name"),
                name_da=line.get("subgroup_name_da"),
                name_de=line.get("subgroup_name_de"),
            ).pk
            self.subgroups[(main, line.get("subgroup"))] = subgroup
        known = self.illustrations.get(line.get("illustration"))
        if known is None:
            if not line.get("illustration_title"):
                raise LineError(_("illustration_title is needed for a new illustration."))
            pk = Illustration.objects.create(
                subgroup_id=subgroup,
                number=line.get("illustration"),
                title=line.get("illustration_title"),
                title_da=line.get("illustration_title_da"),
                title_de=line.get("illustration_title_de"),
            ).pk
            known = self.illustrations[line.get("illustration")] = (pk, subgroup)
        if known[1] != subgroup:
            raise LineError(
                _("Illustration %(number)s belongs to another subgroup.")
                % {"number": line.get("illustration")}
            )
        return known[0]


def _insert(model: type[Model], columns: list[str], rows: Sequence[tuple[object, ...]]) -> None:
    """Inserts rows known to be new: with COPY on PostgreSQL (an order of magnitude faster
    than INSERTs built from model instances, which dominated the import's time), else with
    bulk_create."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: COPY is not part of the DB-API
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    # The columns are attribute names (illustration_id, not illustration), as in the table.
    model._default_manager.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows]
    )


def _parts(lines: list[tuple[Line, int]]) -> dict[str, int]:
    """Creates the parts of the batch that are new and updates changed descriptions; the ids
    by number. The last line of a number in the batch gives its texts."""
    wanted: dict[str, Line] = {line.part_number: line for line, _ill in lines}
    existing = {
        number: (pk, description, description_da, description_de, unit)
        for pk, number, description, description_da, description_de, unit in Part.objects.filter(
            number__in=wanted
        ).values_list("id", "number", "description", "description_da", "description_de", "unit")
    }
    new = [
        (
            number,
            line.get("description"),
            line.get("description_da"),
            line.get("description_de"),
            line.unit,
        )
        for number, line in wanted.items()
        if number not in existing
    ]
    _insert(Part, ["number", "description", "description_da", "description_de", "unit"], new)
    changed = []
    for number, (_pk, description, description_da, description_de, unit) in existing.items():
        line = wanted[number]
        texts = (
            line.get("description"),
            line.get("description_da") or description_da,
            line.get("description_de") or description_de,
            line.unit,
        )
        if texts != (description, description_da, description_de, unit):
            changed.append(
                Part(
                    number=number,
                    description=texts[0],
                    description_da=texts[1],
                    description_de=texts[2],
                    unit=texts[3],
                )
            )
    # INSERT … ON CONFLICT DO UPDATE: one statement (bulk_update's CASE is slow at this size).
    Part.objects.bulk_create(
        changed,
        update_conflicts=True,
        unique_fields=["number"],
        update_fields=["description", "description_da", "description_de", "unit"],
    )
    ids = {number: pk for number, (pk, *_rest) in existing.items()}
    if new:
        ids.update(
            Part.objects.filter(number__in=[row[0] for row in new]).values_list("number", "id")
        )
    return ids


USAGE_COLUMNS = [
    "illustration_id",
    "position",
    "part_id",
    "validity_key",
    "sort",
    "quantity",
    "note",
    "note_da",
    "note_de",
    "brand",
    "series",
    "model_code",
    "engine",
    "produced_from",
    "produced_until",
    "options",
]


def _usage(key: tuple[int, str, int, str], line: Line) -> tuple[object, ...]:
    return (
        *key,
        line.number,
        line.quantity,
        line.get("note"),
        line.get("note_da"),
        line.get("note_de"),
        line.get("brand"),
        line.get("series"),
        line.get("model_code"),
        line.get("engine"),
        line.produced_from,
        line.produced_until,
        line.options,
    )


def _rows(lines: list[tuple[Line, int]], part_ids: dict[str, int], result: ImportResult) -> None:
    wanted: dict[tuple[int, str, int, str], Line] = {}
    for line, illustration in lines:
        wanted[(illustration, line.get("position"), part_ids[line.part_number], line.key)] = line
    existing = {
        (illustration, position, part, key): (quantity, note, note_da, note_de)
        for illustration, position, part, key, quantity, note, note_da, note_de in PartUsage.objects.filter(
            illustration_id__in={key[0] for key in wanted},
            part_id__in={key[2] for key in wanted},
        )
        .order_by()
        .values_list(
            "illustration_id",
            "position",
            "part_id",
            "validity_key",
            "quantity",
            "note",
            "note_da",
            "note_de",
        )
    }
    new, changed = [], []
    for key, line in wanted.items():
        stored = existing.get(key)
        if stored is None:
            new.append(_usage(key, line))
        elif stored != (line.quantity, line.get("note"), line.get("note_da"), line.get("note_de")):
            changed.append(PartUsage(**dict(zip(USAGE_COLUMNS, _usage(key, line), strict=True))))
        else:
            result.unchanged += 1
    _insert(PartUsage, USAGE_COLUMNS, new)
    # INSERT … ON CONFLICT DO UPDATE: one statement (bulk_update's CASE is slow at this size).
    PartUsage.objects.bulk_create(
        changed,
        update_conflicts=True,
        unique_fields=["illustration", "position", "part", "validity_key"],
        update_fields=["quantity", "note", "note_da", "note_de"],
    )
    result.created += len(new)
    result.updated += len(changed)
    # Lines repeating a row of the same batch count once; the repeats are unchanged.
    result.unchanged += len(lines) - len(wanted)


def _hotspots(lines: list[tuple[Line, int]]) -> None:
    wanted = {(ill, line.get("position")): line.hotspot for line, ill in lines if line.hotspot}
    if not wanted:
        return
    existing = {
        (h.illustration_id, h.position): h
        for h in Hotspot.objects.filter(illustration_id__in={key[0] for key in wanted})
    }
    new, changed = [], []
    for (ill, position), (x, y) in wanted.items():
        hotspot = existing.get((ill, position))
        if hotspot is None:
            new.append((ill, position, x, y))
        elif (hotspot.x, hotspot.y) != (x, y):
            hotspot.x, hotspot.y = x, y
            changed.append(hotspot)
    _insert(Hotspot, ["illustration_id", "position", "x", "y"], new)
    Hotspot.objects.bulk_create(
        changed,
        update_conflicts=True,
        unique_fields=["illustration", "position"],
        update_fields=["x", "y"],
    )


@transaction.atomic
def _write(catalogue: Catalogue, lines: list[Line], result: ImportResult) -> None:
    placed = catalogue.resolve(lines, result)
    if not placed:
        return
    _rows(placed, _parts(placed), result)
    _hotspots(placed)


def catalogue_import(
    *, stream: IO[bytes], on_progress: Progress | None = None, batch_size: int = BATCH_SIZE
) -> ImportResult:
    counting = CountingStream(stream)
    result = ImportResult()
    catalogue = Catalogue()
    batch: list[Line] = []

    def flush() -> None:
        try:
            _write(catalogue, batch, result)
        except Exception:
            # The batch is rolled back: the caches may name rows that are gone.
            catalogue.load()
            raise
        batch.clear()
        if on_progress is not None:
            on_progress(counting.bytes_read, result.lines)

    for number, values in records(counting):
        result.lines = number
        if "__error__" in values:
            result.reject(number, "", values["__error__"])
            continue
        try:
            batch.append(parse_line(number, values))
        except LineError as error:
            result.reject(number, values.get("part_number", ""), str(error))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return result
