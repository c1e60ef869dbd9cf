"""The vehicle import's staging rows (import_copy.py): what each checked line becomes in the COPY
into the staging table, and the fingerprints the vehicles carry.

A row is COPY's text format, built by hand: psycopg's write_row and json's defaults cost more
than the fast path's whole check of a line. Texts are escaped for COPY only where a row holds a
backslash, tab or line break (rare); non-ASCII goes into the JSON as it is (PostgreSQL reads
UTF-8), so that it needs no escaping either.
"""

from __future__ import annotations

import datetime
import json
import operator

from django.db import connection

from .import_fast import KnownFingerprints
from .import_format import VEHICLE_FIELDS, VehicleRecord
from .models import Vehicle
from .readings import _as_moment

STAGED_TEXTS = tuple(
    name
    for name in VEHICLE_FIELDS
    if name
    not in (
        "production_date",
        "first_registration_date",
        "mileage_km",
        "mileage_recorded_on",
        "number_of_keys",
    )
)
COLUMN_TYPES = {
    "production_date": "date",
    "first_registration_date": "date",
    "mileage_recorded_on": "date",
    "mileage_km": "integer",
    "number_of_keys": "integer",
}
_DATE_FIELDS = [name for name in VEHICLE_FIELDS if COLUMN_TYPES.get(name) == "date"]
_INT_FIELDS = [name for name in VEHICLE_FIELDS if COLUMN_TYPES.get(name) == "integer"]
# The order of a staged row: texts, dates, whole numbers, then the rest.
STAGING_COLUMNS = [
    "line",
    "vin",
    "vin7",
    *STAGED_TEXTS,
    *_DATE_FIELDS,
    *_INT_FIELDS,
    "read_at",
    "options",
    "cbs",
    "fingerprint",
]


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


_texts = operator.itemgetter(*STAGED_TEXTS)
_dates = operator.itemgetter(*_DATE_FIELDS)
_ints = operator.itemgetter(*_INT_FIELDS)
_TABS = len(STAGING_COLUMNS) - 2  # the fingerprint is added after the check
# Where a row holds text from the file: the text fields, then the options' JSON.
_USER_TEXT = [*range(3, 3 + len(STAGED_TEXTS)), STAGING_COLUMNS.index("options")]
COPY_BLOCK = 2000  # rows a write
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_ISO_DATES: dict[datetime.date, str] = {}
# Non-ASCII as it is (PostgreSQL reads UTF-8): fewer backslashes to escape for COPY.
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _iso_date(value: datetime.date) -> str:
    text = value.isoformat()
    if len(_ISO_DATES) < 100_000:
        _ISO_DATES[value] = text
    return text


def known_fingerprints() -> KnownFingerprints:
    """The fingerprints the vehicles carry (Vehicle.import_fingerprint): a line whose fingerprint
    is among them is known and unchanged (import_fast.Fingerprints). Read before the COPY starts:
    the connection serves nothing else while it runs."""
    found = KnownFingerprints()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")  # the sort below, in memory
    with connection.connection.cursor(name="import_fingerprints", binary=True) as cursor:
        cursor.itersize = 20_000
        cursor.execute(
            f"SELECT import_fingerprint FROM {Vehicle._meta.db_table} "
            "WHERE import_fingerprint IS NOT NULL ORDER BY import_fingerprint"
        )
        for (fingerprint,) in cursor:
            found.add(fingerprint)
    return found


def staging_row(
    number: int,
    record: VehicleRecord,
    fingerprint: bytes | None,
    *,
    positions: dict[str, int],
    moments: dict[datetime.date, str],
) -> str:
    """The staged row of one record (without its line break), in `STAGING_COLUMNS`' order."""
    fields = record.fields
    on = fields["mileage_recorded_on"]
    read_at = "\\N"
    if on is not None:
        read_at = moments.get(on)  # type: ignore[assignment]
        if read_at is None:
            read_at = moments[on] = _as_moment(on)[0].isoformat()
    options = record.options
    cbs = record.cbs_status
    vin = record.vin
    cells = [str(number), vin, vin[-7:], *_texts(fields)]
    for value in _dates(fields):
        cells.append("\\N" if value is None else _ISO_DATES.get(value) or _iso_date(value))
    cells.extend(map(str, _ints(fields)))
    cells.append(read_at)
    cells.append(
        "\\N"
        if options is None
        else _json([[o.code, o.kind, _iso(o.installed_on), o.description] for o in options])
    )
    cells.append(
        _json([[positions[c.position], _iso(c.due_date), c.remaining_km] for c in cbs])
        if cbs
        else "\\N"
    )
    row = "\t".join(cells)
    if "\\" in row or "\n" in row or "\r" in row or row.count("\t") != _TABS:
        # Rare: a text with a backslash, tab or line break (or JSON escaping a quote).
        for index in _USER_TEXT if options is not None else _USER_TEXT[:-1]:
            cells[index] = cells[index].translate(_COPY_ESCAPES)
        row = "\t".join(cells)
    # bytea's hex form, its backslash escaped for COPY
    return row + ("\t\\N" if fingerprint is None else "\t\\\\x" + fingerprint.hex())
