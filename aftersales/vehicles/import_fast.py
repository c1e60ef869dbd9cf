"""The vehicle import's fast path for CSV: reading rows and checking the common, well-formed line.

`import_format.parse_record` is the one rule of what a line may hold. Most lines of a real file
are well-formed, and for them its generic work (a dict a line, isinstance checks, a regex a
number, an f-string a date) is most of the import's Python time. `FastChecker.record` checks such a
line straight from its CSV cells and gives the very record `parse_record` gives; on anything
unusual (a missing or too long field, a date or number it does not recognise at once, a kind or
position it does not know, a wrong cell count) it answers None, and the caller hands the line to
`parse_record`, which says what is wrong in its own words. So rejects and warnings cannot differ:
the fast path only ever accepts, and tests/vehicles/test_import_fast.py checks that what it
accepts equals `parse_record`'s record (random lines, good and bad).

`csv_rows` reads the file like `import_format.read_lines` (the same rows, line numbers and
errors) and also gives each record's text as it stands in the file, for the import's
fingerprint: a line without a quote character is split at its commas (what csv.reader does with
it); a line with one goes through csv.reader, with the lines a quoted line break pulls in.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import itertools
import struct
from array import array
from bisect import bisect_left
from collections.abc import Container, Iterator
from pathlib import Path
from typing import IO, Any

from . import vin as vin_rules
from .import_format import (
    _BRANDS,
    _DATES,
    _OPTION_KINDS,
    DATE_FIELDS,
    MAX_NUMBER_OF_KEYS,
    REQUIRED,
    TEXT_FIELDS,
    CbsRecord,
    LineError,
    OptionRecord,
    VehicleRecord,
    _date,
    _max_length,
    csv_header,
    csv_raw,
)
from .models import MAX_MILEAGE_KM, Vehicle, VehicleOption

# csv.reader refuses a field longer than this; a line that long goes through csv.reader.
_FIELD_LIMIT = csv.field_size_limit()


def csv_rows(stream: IO[str]) -> tuple[list[str], str, Iterator[tuple[int, list[str], str]]]:
    """(the checked header, its text, an iterator of (first line number, cells, the record's
    text)); blank lines are skipped as csv.reader skips them, and so is everything after a blank
    first line, as `import_format.read_lines` does. FormatError for a bad header."""
    lines = iter(stream)
    header_text: list[str] = []
    header = csv_header(next(csv.reader(_pulled(lines, header_text)), None))
    if not header:
        return header, "", iter(())
    return header, "".join(header_text), _rows(lines, len(header_text))


def _rows(lines: Iterator[str], number: int) -> Iterator[tuple[int, list[str], str]]:
    for line in lines:
        number += 1
        if '"' not in line and len(line) < _FIELD_LIMIT:
            if line in ("\n", "\r\n", "\r"):
                continue
            yield number, line.rstrip("\r\n").split(","), line
            continue
        start = number
        text = [line]
        row = next(csv.reader(itertools.chain((line,), _pulled(lines, text))), None)
        number += len(text) - 1
        if row:
            yield start, row, "".join(text)


def _pulled(lines: Iterator[str], into: list[str]) -> Iterator[str]:
    """The lines a quoted line break pulls into a record, kept for its text."""
    for line in lines:
        into.append(line)
        yield line


def raw_of(header: list[str], cells: list[str]) -> dict[str, Any] | LineError:
    """The raw record `parse_record` checks (the slow path's input)."""
    return csv_raw(header, cells)


def _whole(text: str) -> int | None:
    """An unsigned whole number written with ASCII digits, else None (the slow path decides)."""
    if text.isdecimal() and text.isascii():
        return int(text)
    return None


class FastChecker:
    """`parse_record` for the well-formed CSV row of one header; None: ask `parse_record`."""

    def __init__(
        self, header: list[str], *, wmi: dict[str, tuple[str, bool]], positions: Container[str]
    ) -> None:
        self.width = len(header)
        self.wmi = wmi
        self.positions = positions
        where = {name: index for index, name in enumerate(header)}
        self.vin = where["vin"]
        self.texts = [
            (name, where.get(name), _max_length(Vehicle, name) or 0) for name in TEXT_FIELDS
        ]
        self.dates = [(name, where.get(name)) for name in DATE_FIELDS]
        self.required = [where.get(name) for name in REQUIRED]
        self.mileage = where.get("mileage_km")
        self.keys = where.get("number_of_keys")
        self.brand = where.get("brand")
        self.options = where.get("options")
        self.cbs = where.get("cbs_status")
        self.max_code = _max_length(VehicleOption, "code")
        self.max_description = _max_length(VehicleOption, "description")

    def record(self, cells: list[str]) -> VehicleRecord | None:
        count = len(cells)
        if count != self.width:
            return None  # fewer cells (the rest empty) or too many: rare, the slow path
        for index in self.required:
            if index is None or not cells[index].strip():
                return None
        vin = vin_rules.normalize_vin(cells[self.vin].strip())
        if not vin_rules.VIN_RE.match(vin):
            return None
        values: dict[str, Any] = {}
        for name, index, max_length in self.texts:
            if index is None:
                values[name] = ""
                continue
            text = cells[index].strip()
            if max_length and len(text) > max_length:
                return None
            values[name] = text
        values["lead_model"] = values["lead_model"] or values["model_code"]
        dates = _DATES
        for name, index in self.dates:
            text = "" if index is None else cells[index].strip()
            if not text:
                values[name] = None
                continue
            known = dates.get(text)
            if known is None:
                known = self._date(text, name)
                if known is None:
                    return None
            values[name] = known
        first_registration = values["first_registration_date"]
        if first_registration and first_registration < values["production_date"]:
            return None
        mileage = 0
        if self.mileage is not None:
            text = cells[self.mileage].strip()
            if text:
                number = _whole(text)
                if number is None or number > MAX_MILEAGE_KM:
                    return None
                mileage = number
        values["mileage_km"] = mileage
        keys = 2
        if self.keys is not None:
            text = cells[self.keys].strip()
            if text:
                number = _whole(text)
                if number is None or number > MAX_NUMBER_OF_KEYS:
                    return None
                keys = number
        values["number_of_keys"] = keys
        brand = cells[self.brand].strip() if self.brand is not None else ""
        if not brand:
            brand = self.wmi.get(vin[:3], ("", False))[0]
        if brand and brand not in _BRANDS:
            return None
        values["brand"] = brand
        record = VehicleRecord(vin=vin, fields=values)
        if self.options is not None:
            options = self._options(cells[self.options])
            if options is None:
                return None
            record.options = options
        if self.cbs is not None:
            cbs = self._cbs(cells[self.cbs])
            if cbs is None:
                return None
            record.cbs_status = cbs
        warning = vin_rules.check_digit_warning(vin, self.wmi)
        if warning:
            record.warnings.append(warning)
        return record

    @staticmethod
    def _date(text: str, name: str) -> datetime.date | None:
        try:
            return _date(text, name)
        except LineError:
            return None

    def _known_date(self, text: str, name: str) -> datetime.date | None:
        """A date read before comes from the shared table; None: not a date."""
        return _DATES.get(text) or self._date(text, name)

    def _options(self, cell: str) -> list[OptionRecord] | None:
        """import_format._csv_list + _options for one cell."""
        if not cell:
            return []
        options: dict[tuple[str, str], OptionRecord] = {}
        for part in cell.split("|"):
            item = part.strip()
            if not item:
                continue
            parts = item.split(";", 3)
            count = len(parts)
            code = parts[0].strip().upper()
            kind = ((parts[1] if count > 1 else "") or "factory").strip().lower()
            description = parts[3].strip() if count > 3 else ""
            if not code or len(code) > self.max_code:
                return None
            if not description or len(description) > self.max_description:
                return None
            if kind not in _OPTION_KINDS:
                return None
            date_text = parts[2] if count > 2 else ""
            installed_on = self._known_date(date_text, "options") if date_text else None
            if date_text and installed_on is None:
                return None
            options[(code, kind)] = OptionRecord(code, description, kind, installed_on)
        return list(options.values())

    def _cbs(self, cell: str) -> list[CbsRecord] | None:
        """import_format._csv_list + _cbs_status for one cell."""
        if not cell:
            return []
        records: dict[str, CbsRecord] = {}
        positions = self.positions
        for part in cell.split("|"):
            item = part.strip()
            if not item:
                continue
            parts = item.split(";")
            count = len(parts)
            if count > 3:
                return None
            code = parts[0].strip()
            if code not in positions:
                return None
            date_text = parts[1] if count > 1 else ""
            due_date = self._known_date(date_text, "cbs_status") if date_text else None
            if date_text and due_date is None:
                return None
            remaining = None
            if count > 2 and parts[2]:
                text = parts[2].strip()
                negative = text[:1] == "-"
                number = _whole(text[1:] if negative else text)
                if number is None or number > MAX_MILEAGE_KM:
                    return None
                remaining = -number if negative else number
            records[code] = CbsRecord(code, due_date, remaining)
        return list(records.values())


# The code that decides what a line means: a fingerprint made under other rules is another one.
_RULES = ("import_format.py", "import_fast.py", "vin.py", "models.py")
_STAGED_BITS = 1 << 26  # 8 MB: about 1.5 % false "maybe staged" at a million staged lines


_HALVES = struct.Struct(">QQ")


class KnownFingerprints:
    """The fingerprints the vehicles carry, as two sorted arrays of their 8-byte halves: 16 bytes
    a vehicle (a set of bytes objects took about 100 bytes, and it grows with the vehicles in the
    database, not with the file). `add` them in ascending byte order."""

    def __init__(self) -> None:
        self.high = array("Q")
        self.low = array("Q")

    def add(self, fingerprint: bytes) -> None:
        high, low = _HALVES.unpack(fingerprint)
        self.high.append(high)
        self.low.append(low)

    def __len__(self) -> int:
        return len(self.high)

    def __contains__(self, fingerprint: bytes) -> bool:
        high, low = _HALVES.unpack(fingerprint)
        highs = self.high
        at = bisect_left(highs, high)
        while at < len(highs) and highs[at] == high:
            if self.low[at] == low:
                return True
            at += 1
        return False


class Fingerprints:
    """Which CSV lines are known and unchanged: the hash of the line's text (keyed with the
    header, the WMI table, the CBS catalogue and the source of the rules above, so the same text
    means the same record) equals the fingerprint the last import left on a vehicle that nothing
    else has written since (the triggers of migration 0006 forget it then).

    Such a line would change nothing, so the import skips it (counted unchanged; its warnings
    still reported) unless an earlier line of the same VIN in this file was staged: that one is
    applied first, so the later line must be applied too (`staged` keeps the staged VINs' hashes
    in a bitmap: a false "maybe" only costs the fast path)."""

    def __init__(
        self,
        *,
        header_text: str,
        wmi: dict[str, tuple[str, bool]],
        positions: dict[str, int],
        known: KnownFingerprints,
    ) -> None:
        rules = hashlib.blake2b(digest_size=32)
        for part in (header_text, repr(sorted(wmi.items())), repr(sorted(positions.items()))):
            rules.update(part.encode())
            rules.update(b"\x00")
        folder = Path(__file__).parent
        for name in _RULES:
            rules.update((folder / name).read_bytes())
        self.key = rules.digest()
        self.known = known
        self.staged = bytearray(_STAGED_BITS // 8)

    def of(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode(), digest_size=16, key=self.key).digest()

    def stage(self, vin: str) -> None:
        bit = hash(vin) % _STAGED_BITS
        self.staged[bit >> 3] |= 1 << (bit & 7)

    def staged_before(self, vin: str) -> bool:
        """False: no line of this VIN was staged before (True may be a false "maybe")."""
        bit = hash(vin) % _STAGED_BITS
        return bool(self.staged[bit >> 3] & (1 << (bit & 7)))
