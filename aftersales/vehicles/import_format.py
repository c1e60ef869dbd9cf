"""The file format of `manage.py import_vehicles`: reading CSV or JSON Lines into checked records.

One vehicle a line. Fields (the same names in both formats):

  vin                      required, 17 characters (trimmed, upper-cased)
  model_designation        required, e.g. 335i
  model_code               required, e.g. UV81
  lead_model               e.g. UV81 (default: the model code)
  series                   required, e.g. E91
  engine_type              required, e.g. N54
  brand                    bmw, bmw_m, bmw_i, bmw_motorrad, mini, rolls_royce
                           (default: from the WMI table)
  color_code, color_name   e.g. 475 / black-sapphire metallic
  upholstery_code, upholstery_name   e.g. EBAT / Cloth "Vertex/anthrazit"
  gearbox_number, engine_number, plant_integration_level, key_system   text
  production_date          required, YYYY-MM-DD
  first_registration_date  YYYY-MM-DD or empty
  mileage_km               whole kilometres (default 0); a lower value than the one stored is
                           ignored: the central mileage never goes down
  mileage_recorded_on      YYYY-MM-DD or empty
  number_of_keys           whole number (default 2)
  options                  the vehicle's options and retrofits; when given, they replace the
                           stored ones (an empty list removes them); when the field is absent,
                           the stored ones stay
  cbs_status               CBS status per position (the position's code of the catalogue, e.g.
                           engine_oil); given positions are set, others stay as they are

JSON Lines: one JSON object a line; options and cbs_status are lists:
  "options": [{"code": "S205A", "description": "Automatic transmission",
               "kind": "factory", "date": null}, ...]   (kind: factory or retrofit)
  "cbs_status": [{"position": "engine_oil", "due_date": "2027-05-01", "remaining_km": 12000}]

CSV: a header line with the field names (comma-separated, UTF-8, quoted as usual); empty cells
are empty values. In the options cell, items are separated by "|", each item is
CODE;KIND;DATE;DESCRIPTION (kind and date may be empty: factory, no date). In the cbs_status
cell, items are separated by "|", each is POSITION;DUE_DATE;REMAINING_KM (either may be empty).

Samples: aftersales/vehicles/samples/vehicles.csv and vehicles.jsonl.
"""

from __future__ import annotations

import csv
import datetime
import functools
import json
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from . import vin as vin_rules
from .models import CENTRAL_DATA_FIELDS, MAX_MILEAGE_KM, Vehicle, VehicleBrand, VehicleOption

DATE_FIELDS = ("production_date", "first_registration_date", "mileage_recorded_on")
# Read as they are (trimmed); the others have a parser of their own below.
TEXT_FIELDS = tuple(
    name
    for name in CENTRAL_DATA_FIELDS
    if name not in DATE_FIELDS and name not in ("brand", "mileage_km", "number_of_keys")
)
REQUIRED = ("vin", "model_designation", "model_code", "series", "engine_type", "production_date")
FIELDS = frozenset(
    ("vin", "brand", "mileage_km", "number_of_keys", "options", "cbs_status")
    + TEXT_FIELDS
    + DATE_FIELDS
)
# The fields a vehicle row holds (what an update compares and writes).
VEHICLE_FIELDS = CENTRAL_DATA_FIELDS
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS = re.compile(r"\d+")
_SIGNED_DIGITS = re.compile(r"-?\d+")
MAX_NUMBER_OF_KEYS = 32767
_LIST_FIELDS = ("options", "cbs_status")
_BRANDS = frozenset(VehicleBrand.values)
_OPTION_KINDS = frozenset(VehicleOption.Kind.values)
# Dates already read (the text of a good date -> the date): a file repeats few distinct dates.
_DATES: dict[str, datetime.date] = {}
_DATES_CACHED = 100_000


class LineError(Exception):
    """One line cannot be imported; the message says why."""


class FormatError(Exception):
    """The file as a whole cannot be read (unknown format, bad CSV header)."""


@dataclass
class OptionRecord:
    code: str
    description: str
    kind: str
    installed_on: datetime.date | None


@dataclass
class CbsRecord:
    position: str
    due_date: datetime.date | None
    remaining_km: int | None


@dataclass
class VehicleRecord:
    vin: str
    fields: dict[str, Any]
    options: list[OptionRecord] | None = None  # None: the line says nothing about options
    cbs_status: list[CbsRecord] | None = None
    warnings: list[str] = field(default_factory=list)


def detect_format(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    raise FormatError(f"cannot tell the format of {name!r}: name it .csv or .jsonl, or give it")


def read_lines(stream: IO[str], fmt: str) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    """(line number, raw record or the error that makes the line unreadable), in file order."""
    if fmt == "csv":
        yield from _read_csv(stream)
    elif fmt == "jsonl":
        yield from _read_jsonl(stream)
    else:
        raise FormatError(f"unknown format {fmt!r}: csv or jsonl")


def _read_jsonl(stream: IO[str]) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, LineError(f"not valid JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(raw, dict):
            yield number, LineError("not a JSON object")
            continue
        yield number, raw


def _read_csv(stream: IO[str]) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    # csv.reader with the header zipped in: what csv.DictReader does (blank lines skipped,
    # missing cells empty, extra cells an error), without its per-row dict overhead.
    reader = csv.reader(stream)
    header = csv_header(next(reader, None))
    if not header:
        return
    previous_end = reader.line_num
    for row in reader:
        start, previous_end = previous_end + 1, reader.line_num
        if row:
            yield start, csv_raw(header, row)


def csv_header(first: list[str] | None) -> list[str]:
    """The checked column names of a CSV's first line ([] for an empty file)."""
    header = [name.strip() for name in (first or [])]
    if not header:
        return header
    unknown = sorted(set(header) - FIELDS)
    if unknown:
        raise FormatError(f"line 1: unknown column(s): {', '.join(unknown)}")
    if "vin" not in header:
        raise FormatError("line 1: the header has no column vin")
    return header


def csv_raw(header: list[str], row: list[str]) -> dict[str, Any] | LineError:
    """The raw record of one CSV row (its cells by column name), or why it cannot be one."""
    if len(row) > len(header):
        return LineError("more cells than columns in the header")
    raw: dict[str, Any] = {}
    for name, value in zip(header, row, strict=False):  # fewer cells: the rest empty
        if value and not value.isspace():
            raw[name] = value.strip()
    for index, name in enumerate(header):
        if name in _LIST_FIELDS:
            raw[name] = _csv_list(name, row[index] if index < len(row) else "")
    return raw


def _csv_list(key: str, cell: str) -> list[dict[str, Any]] | LineError:
    items: list[dict[str, Any]] = []
    if not cell:
        return items
    for part in cell.split("|"):
        item = part.strip()
        if not item:
            continue
        if key == "options":
            parts = item.split(";", 3)
            count = len(parts)
            kind = parts[1] if count > 1 else ""
            date = parts[2] if count > 2 else ""
            items.append(
                {
                    "code": parts[0],
                    "kind": kind or "factory",
                    "date": date or None,
                    "description": parts[3] if count > 3 else "",
                }
            )
        else:
            parts = item.split(";")
            count = len(parts)
            if count > 3:
                return LineError(f"{key}: {item!r} has more than POSITION;DUE_DATE;REMAINING_KM")
            items.append(
                {
                    "position": parts[0],
                    "due_date": (parts[1] if count > 1 else "") or None,
                    "remaining_km": (parts[2] if count > 2 else "") or None,
                }
            )
    return items


@functools.cache
def _max_length(model: type[Vehicle] | type[VehicleOption], name: str) -> int:
    return int(getattr(model._meta.get_field(name), "max_length", None) or 0)


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if value.__class__ is not str:
        if not isinstance(value, str | int):
            raise LineError(f"{name}: expected text")
        value = str(value)
    text: str = value.strip()
    max_length = _max_length(Vehicle, name)
    if max_length and len(text) > max_length:
        raise LineError(f"{name}: at most {max_length} characters")
    return text


def _date(value: Any, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if value.__class__ is str:
        known = _DATES.get(value)
        if known is not None:
            return known
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise LineError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD")
    try:
        parsed = datetime.date.fromisoformat(value.strip())
    except ValueError as error:
        raise LineError(f"{name}: {value!r} is not a valid date") from error
    if len(_DATES) < _DATES_CACHED:
        _DATES[value] = parsed
    return parsed


def _int(value: Any, name: str, *, maximum: int, allow_negative: bool = False) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise LineError(f"{name}: {value!r} is not a whole number")
    text = str(value).strip()
    if not (_SIGNED_DIGITS if allow_negative else _DIGITS).fullmatch(text):
        raise LineError(f"{name}: {value!r} is not a whole number (digits 0-9 only)")
    number = int(text)
    if abs(number) > maximum:
        raise LineError(f"{name}: {number} is out of range")
    return number


def parse_record(
    raw: dict[str, Any], *, wmi: dict[str, tuple[str, bool]], positions: Container[str]
) -> VehicleRecord:
    """The checked record of one line; LineError says what is wrong with it."""
    unknown = sorted(set(raw) - FIELDS) if not FIELDS.issuperset(raw) else None
    if unknown:
        raise LineError(f"unknown field(s): {', '.join(unknown)}")
    for name in ("options", "cbs_status"):
        if isinstance(raw.get(name), LineError):
            raise raw[name]
    missing = [name for name in REQUIRED if raw.get(name) in (None, "")]
    if missing:
        raise LineError(f"missing {', '.join(missing)}")
    if not isinstance(raw["vin"], str):
        raise LineError("vin: expected text")
    vin = vin_rules.normalize_vin(raw["vin"])
    if not vin_rules.is_full_vin(vin):
        raise LineError(
            f"vin: {vin!r} is not a VIN (17 characters: digits and letters A-Z except I, O, Q)"
        )
    values: dict[str, Any] = {name: _text(raw, name) for name in TEXT_FIELDS}
    values["lead_model"] = values["lead_model"] or values["model_code"]
    for name in DATE_FIELDS:
        values[name] = _date(raw.get(name), name)
    first_registration = values["first_registration_date"]
    if first_registration and first_registration < values["production_date"]:
        raise LineError("first_registration_date: before the production date")
    values["mileage_km"] = _int(raw.get("mileage_km"), "mileage_km", maximum=MAX_MILEAGE_KM) or 0
    keys = _int(raw.get("number_of_keys"), "number_of_keys", maximum=MAX_NUMBER_OF_KEYS)
    values["number_of_keys"] = 2 if keys is None else keys
    brand = raw.get("brand") or vin_rules.brand_for_vin(vin, wmi)
    if brand and brand not in _BRANDS:
        raise LineError(f"brand: {brand!r} is not one of {', '.join(VehicleBrand.values)}")
    values["brand"] = brand
    record = VehicleRecord(vin=vin, fields=values)
    if "options" in raw:
        record.options = _options(raw["options"])
    if "cbs_status" in raw:
        record.cbs_status = _cbs_status(raw["cbs_status"], positions)
    warning = vin_rules.check_digit_warning(vin, wmi)
    if warning:
        record.warnings.append(warning)
    return record


def _options(value: Any) -> list[OptionRecord]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise LineError("options: expected a list of objects")
    max_code = _max_length(VehicleOption, "code")
    max_description = _max_length(VehicleOption, "description")
    options: dict[tuple[str, str], OptionRecord] = {}
    for item in value:
        code = str(item.get("code") or "").strip().upper()
        description = str(item.get("description") or "").strip()
        kind = str(item.get("kind") or VehicleOption.Kind.FACTORY).strip().lower()
        if not code or len(code) > max_code:
            raise LineError(f"options: code {code!r} must have 1 to {max_code} characters")
        if not description or len(description) > max_description:
            raise LineError(f"options: {code} needs a description of at most {max_description}")
        if kind not in _OPTION_KINDS:
            raise LineError(f"options: {code}: kind {kind!r} is not factory or retrofit")
        options[(code, kind)] = OptionRecord(
            code, description, kind, _date(item.get("date"), f"options: {code}: date")
        )
    return list(options.values())


def _cbs_status(value: Any, positions: Container[str]) -> list[CbsRecord]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise LineError("cbs_status: expected a list of objects")
    records: dict[str, CbsRecord] = {}
    for item in value:
        code = str(item.get("position") or "").strip()
        if code not in positions:
            raise LineError(f"cbs_status: {code!r} is not a CBS position of the catalogue")
        records[code] = CbsRecord(
            code,
            _date(item.get("due_date"), f"cbs_status: {code}: due_date"),
            _int(
                item.get("remaining_km"),
                f"cbs_status: {code}: remaining_km",
                maximum=MAX_MILEAGE_KM,
                allow_negative=True,
            ),  # overdue: negative
        )
    return list(records.values())
