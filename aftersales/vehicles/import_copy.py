"""The vehicle import's PostgreSQL path: checked lines are COPYed into a staging table, then
merged with a few set-based statements, all in one transaction.

`services.vehicles_import` reads and checks every line in Python with the same rules as the batch
path (`import_format.parse_record`, through the fast path of import_fast.py for the usual CSV
line: the same records, rejects and warnings) and hands the good records to `CopyImport.add`. A
CSV line whose fingerprint (import_fast.Fingerprints) a vehicle still carries from the last
import is known and unchanged: it is neither checked nor staged, only counted. The merge leaves
each vehicle it applies a CSV line to with that line's fingerprint (or none, where importing
the line again would not be a no-op), and triggers forget a fingerprint when anything else
writes the vehicle, its options, CBS status or readings (migration 0006); nothing is written to the vehicles before `finish`, whose
merge is one transaction: an import killed half-way leaves the data as it was, and run again it
ends where one uninterrupted run ends.

The merge does what the batch path (`import_batch._apply`) does, in SQL, and the tests run the same
files through both paths and compare the data (tests/vehicles/test_import_copy.py):

- a vehicle is inserted, or updated when one of its central data differs (IS DISTINCT FROM), its
  `updated_at` set; a line that changes nothing writes nothing;
- the central mileage never goes down: `Vehicle.mileage_record` in SQL (a higher mileage replaces
  it with its date, an equal or lower one changes nothing);
- the line's central mileage becomes a reading (`central_readings_record`), the flags of the
  vehicles whose mileage moved are refreshed by `mileage_flags_refresh`, the one rule of flags;
- options are replaced where the line gives them and the set differs; CBS positions the line
  gives are inserted or updated where different, the others stay.

Every line is applied in file order. A VIN that appears again is merged in a later round
(round n holds the n-th line of each VIN), so that each line sees the effect of the earlier one,
as in the batch path.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import connection

from .import_format import VEHICLE_FIELDS, VehicleRecord
from .import_staging import (
    COLUMN_TYPES,
    COPY_BLOCK,
    STAGED_TEXTS,
    STAGING_COLUMNS,
    known_fingerprints,
    staging_row,
)
from .models import MileageReading, Vehicle, VehicleCbsStatus, VehicleOption
from .readings import mileage_flags_refresh

VEHICLE = Vehicle._meta.db_table
OPTION = VehicleOption._meta.db_table
CBS_STATUS = VehicleCbsStatus._meta.db_table
READING = MileageReading._meta.db_table

__all__ = ["CopyImport", "known_fingerprints"]

logger = logging.getLogger(__name__)
NUL_REFUSED = "refused by the database: PostgreSQL text fields cannot contain NUL (0x00) bytes"
FLAGS_BATCH = 1000

# Central data compared to decide whether a vehicle changed (the mileage has its own rule).
_COMPARED = [name for name in VEHICLE_FIELDS if name not in ("mileage_km", "mileage_recorded_on")]


class _TimedCursor:
    """The cursor, each statement's time logged at DEBUG (logger aftersales.vehicles.import_copy:
    where the time of an import goes)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Any = None) -> None:
        started = time.perf_counter()
        self.raw.execute(sql, params)
        logger.debug("%.3f s, %s rows: %s", time.perf_counter() - started, self.rowcount, sql[:90])

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class CopyImport:
    """One import on PostgreSQL: `add` each checked record, then `finish` merges them all."""

    def __init__(self, *, positions: dict[str, int], now: datetime.datetime) -> None:
        self.positions = positions
        self.now = now
        self.moments: dict[datetime.date, str] = {}
        self.cursor: Any = _TimedCursor(connection.cursor())
        # The fingerprint triggers (migration 0006) leave the import's own writes alone.
        self.cursor.execute("SELECT set_config('aftersales.vehicle_import', 'on', true)")
        self.cursor.execute("DROP TABLE IF EXISTS import_line")
        columns = ", ".join(f"{name} {COLUMN_TYPES.get(name, 'text')}" for name in VEHICLE_FIELDS)
        self.cursor.execute(
            "CREATE TEMPORARY TABLE import_line (line integer NOT NULL, vin text NOT NULL, "
            f"vin7 text NOT NULL, {columns}, read_at timestamptz, options text, cbs text, "
            "fingerprint bytea, round integer NOT NULL DEFAULT 1)"
        )
        self._copy_context = self.cursor.raw.cursor.copy(
            f"COPY import_line ({', '.join(STAGING_COLUMNS)}) FROM STDIN"
        )
        self.copy = self._copy_context.__enter__()
        self.rows: list[str] = []
        self.staged = 0
        self.started = time.perf_counter()

    def refusal(self, record: VehicleRecord) -> str | None:
        """Why PostgreSQL would refuse this record (the batch path learns it from the
        database: a NUL character in a text), else None."""
        fields = record.fields
        if any("\x00" in fields[name] for name in STAGED_TEXTS) or any(
            "\x00" in option.code or "\x00" in option.description for option in record.options or ()
        ):
            return NUL_REFUSED
        return None

    def add(self, number: int, record: VehicleRecord, fingerprint: bytes | None = None) -> None:
        """Stages one record: a row of COPY's text format, written in blocks (psycopg's
        write_row and json's defaults cost more than the fast path's whole check)."""
        row = staging_row(
            number, record, fingerprint, positions=self.positions, moments=self.moments
        )
        self.staged += 1
        self.rows.append(row)
        if len(self.rows) >= COPY_BLOCK:
            self.copy.write("\n".join(self.rows) + "\n")
            self.rows = []

    def abandon(self, error: BaseException) -> None:
        """Ends the COPY after an error; the caller's transaction rolls the staging back."""
        self._copy_context.__exit__(type(error), error, error.__traceback__)
        self.cursor.close()

    def finish(self, *, on_stage: Callable[[str], None] | None = None) -> list[int]:
        """Merges everything staged (the caller holds the transaction); returns
        [created, updated, unchanged]."""
        if self.rows:
            self.copy.write("\n".join(self.rows) + "\n")
            self.rows = []
        self._copy_context.__exit__(None, None, None)
        logger.debug("%.3f s: lines read, checked and staged", time.perf_counter() - self.started)
        cursor = self.cursor
        if not self.staged:  # every line known and unchanged (or rejected): nothing to merge
            cursor.execute("DROP TABLE IF EXISTS import_line")
            cursor.execute("SELECT set_config('aftersales.vehicle_import', '', true)")
            cursor.close()
            return [0, 0, 0]
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            "SELECT count(*) FROM (SELECT vin FROM import_line GROUP BY vin HAVING count(*) > 1) d"
        )
        rounds = 1
        if cursor.fetchone()[0]:
            cursor.execute(
                "UPDATE import_line s SET round = d.n FROM ("
                "  SELECT line, row_number() OVER (PARTITION BY vin ORDER BY line) AS n"
                "  FROM import_line) d "
                "WHERE d.line = s.line AND d.n > 1"
            )
            cursor.execute("SELECT max(round) FROM import_line")
            rounds = cursor.fetchone()[0]
        counts = [0, 0, 0]
        for round_ in range(1, rounds + 1):
            if on_stage:
                on_stage("merging" if rounds == 1 else f"merging ({round_}/{rounds})")
            created, updated, unchanged = self._merge(round_ if rounds > 1 else None)
            counts = [counts[0] + created, counts[1] + updated, counts[2] + unchanged]
        cursor.execute("DROP TABLE IF EXISTS import_line")
        cursor.execute("SELECT set_config('aftersales.vehicle_import', '', true)")
        cursor.close()
        return counts

    def _merge(self, round_: int | None) -> list[int]:
        cursor = self.cursor
        now = self.now
        for table in ("import_merge", "import_changed", "import_option", "import_option_differ"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        staged = ", ".join(f"s.{name}" for name in STAGING_COLUMNS)
        where = "" if round_ is None else f"WHERE s.round = {int(round_)}"
        ours = ", ".join(f"v.{name}" for name in _COMPARED)
        theirs = ", ".join(f"s.{name}" for name in _COMPARED)
        # The staged lines with their vehicle (a new one gets its id now), its mileage before,
        # whether its central data stay the same, and the fingerprint to keep: the line's, unless
        # importing the line again would not be a no-op (a mileage without a date, lower than
        # the central one, is a new reading "now" each time).
        cursor.execute(
            f"CREATE TEMPORARY TABLE import_merge AS SELECT {staged}, "
            f"  COALESCE(v.id, nextval(pg_get_serial_sequence('{VEHICLE}', 'id')))"
            "    AS vehicle_id,"
            "  v.id IS NOT NULL AS existed, v.mileage_km AS old_km,"
            "  v.mileage_recorded_on AS old_on,"
            f"  v.id IS NOT NULL AND ({ours}) IS NOT DISTINCT FROM ({theirs})"
            "    AND s.mileage_km <= v.mileage_km AS same,"
            "  CASE WHEN v.id IS NULL OR s.mileage_recorded_on IS NOT NULL OR s.mileage_km = 0"
            "    OR s.mileage_km > v.mileage_km"
            "    OR (s.mileage_km = v.mileage_km AND v.mileage_recorded_on IS NULL)"
            "    THEN s.fingerprint END AS keep_fingerprint "
            f"FROM import_line s LEFT JOIN {VEHICLE} v ON v.vin = s.vin {where}"
        )
        cursor.execute("ANALYZE import_merge")
        cursor.execute("CREATE TEMPORARY TABLE import_changed (vehicle_id bigint NOT NULL)")
        vehicle_columns = ", ".join(
            ["id", "vin", "vin7", *VEHICLE_FIELDS, "import_fingerprint", "updated_at"]
        )
        values = ", ".join(["vehicle_id", "vin", "vin7", *VEHICLE_FIELDS, "keep_fingerprint", "%s"])
        cursor.execute(
            f"INSERT INTO {VEHICLE} ({vehicle_columns}) "
            f"SELECT {values} FROM import_merge WHERE NOT existed",
            [now],
        )
        created = cursor.rowcount
        assignments = ", ".join(f"{name} = m.{name}" for name in _COMPARED)
        # Vehicle.mileage_record: only a higher mileage replaces the central one (with its date).
        # A vehicle whose data stay the same is written only for its fingerprint (not counted).
        cursor.execute(
            "WITH changed AS ("
            f"  UPDATE {VEHICLE} v SET {assignments},"
            "    mileage_km = CASE WHEN m.mileage_km > v.mileage_km"
            "      THEN m.mileage_km ELSE v.mileage_km END,"
            "    mileage_recorded_on = CASE WHEN m.mileage_km > v.mileage_km"
            "      THEN m.mileage_recorded_on ELSE v.mileage_recorded_on END,"
            "    import_fingerprint = m.keep_fingerprint,"
            "    updated_at = CASE WHEN m.same THEN v.updated_at ELSE %s END"
            "  FROM import_merge m WHERE m.existed AND v.id = m.vehicle_id"
            "  AND (NOT m.same OR v.import_fingerprint IS DISTINCT FROM m.keep_fingerprint)"
            "  RETURNING v.id, m.same) "
            "INSERT INTO import_changed SELECT id FROM changed WHERE NOT same",
            [now],
        )
        self._readings()
        self._options()
        self._cbs_status()
        cursor.execute(
            "SELECT count(*) FILTER (WHERE existed), "
            "  count(*) FILTER (WHERE existed AND vehicle_id IN "
            "    (SELECT vehicle_id FROM import_changed)) "
            "FROM import_merge"
        )
        existed, updated = cursor.fetchone()
        for table in ("import_merge", "import_changed"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        return [created, updated, existed - updated]

    def _readings(self) -> None:
        """readings.central_readings_record in SQL: the line's central mileage as a reading
        (the same reading again is the same reading), flags refreshed where the mileage moved."""
        cursor = self.cursor
        moved = (
            "(NOT existed OR (old_km, old_on) IS DISTINCT FROM (mileage_km, mileage_recorded_on))"
        )
        cursor.execute(
            f"INSERT INTO {READING} (vehicle_id, mileage_km, read_at, date_only,"
            "  source, reference, recorded_at, explanation) "
            "SELECT vehicle_id, mileage_km, COALESCE(read_at, %s), read_at IS NOT NULL,"
            "  'central_data', 'import', %s, '' "
            "FROM import_merge "
            "WHERE (mileage_km <> 0 OR mileage_recorded_on IS NOT NULL) "
            f"  AND (mileage_recorded_on IS NOT NULL OR {moved}) "
            "ON CONFLICT DO NOTHING",
            [self.now, self.now],
        )
        cursor.execute(
            "SELECT vehicle_id FROM import_merge WHERE existed"
            "  AND (old_km, old_on) IS DISTINCT FROM (mileage_km, mileage_recorded_on)"
            "  AND (mileage_km <> 0 OR mileage_recorded_on IS NOT NULL) ORDER BY vehicle_id"
        )
        while rows := cursor.fetchmany(FLAGS_BATCH):
            mileage_flags_refresh(vehicle_ids=[row[0] for row in rows])

    def _options(self) -> None:
        """import_batch._sync_options in SQL: a line's options replace the stored ones where the two
        sets differ (a new vehicle gets them; changed vehicles are counted as updated)."""
        cursor = self.cursor
        cursor.execute(
            "CREATE TEMPORARY TABLE import_option AS "
            "SELECT m.vehicle_id, m.existed, o->>0 AS code, o->>1 AS kind,"
            "  (o->>2)::date AS installed_on, o->>3 AS description "
            "FROM import_merge m, jsonb_array_elements(m.options::jsonb) o "
            "WHERE m.options IS NOT NULL"
        )
        cursor.execute("ANALYZE import_option")
        stored = (
            "SELECT o.vehicle_id, o.code, o.kind, o.installed_on, o.description "
            f"FROM {OPTION} o JOIN import_merge m ON m.vehicle_id = o.vehicle_id "
            "WHERE m.existed AND m.options IS NOT NULL"
        )
        wanted = (
            "SELECT vehicle_id, code, kind, installed_on, description "
            "FROM import_option WHERE existed"
        )
        cursor.execute(
            "CREATE TEMPORARY TABLE import_option_differ AS "
            f"SELECT vehicle_id FROM ({wanted} EXCEPT {stored}) a "
            f"UNION SELECT vehicle_id FROM ({stored} EXCEPT {wanted}) b"
        )
        cursor.execute(
            f"DELETE FROM {OPTION} WHERE vehicle_id IN "
            "(SELECT vehicle_id FROM import_option_differ)"
        )
        cursor.execute(
            f"INSERT INTO {OPTION} (vehicle_id, code, kind, installed_on, description) "
            "SELECT vehicle_id, code, kind, installed_on, description FROM import_option "
            "WHERE NOT existed OR vehicle_id IN (SELECT vehicle_id FROM import_option_differ)"
        )
        cursor.execute("INSERT INTO import_changed SELECT vehicle_id FROM import_option_differ")
        cursor.execute("DROP TABLE import_option")
        cursor.execute("DROP TABLE import_option_differ")

    def _cbs_status(self) -> None:
        """import_batch._sync_cbs_status in SQL: the positions a line gives are set, the others
        stay; a position that changes counts its vehicle as updated."""
        cursor = self.cursor
        cursor.execute("DROP TABLE IF EXISTS import_cbs")
        cursor.execute(
            "CREATE TEMPORARY TABLE import_cbs AS "
            "SELECT m.vehicle_id, m.existed, (c->>0)::bigint AS position_id,"
            "  (c->>1)::date AS due_date, (c->>2)::integer AS remaining_km "
            "FROM import_merge m, jsonb_array_elements(m.cbs::jsonb) c "
            "WHERE m.cbs IS NOT NULL"
        )
        cursor.execute("ANALYZE import_cbs")
        cursor.execute(
            "WITH changed AS ("
            f"  UPDATE {CBS_STATUS} t SET due_date = c.due_date,"
            "    remaining_km = c.remaining_km, updated_at = %s"
            "  FROM import_cbs c WHERE c.existed AND t.vehicle_id = c.vehicle_id"
            "    AND t.cbs_position_id = c.position_id"
            "    AND (t.due_date, t.remaining_km) IS DISTINCT FROM (c.due_date, c.remaining_km)"
            "  RETURNING t.vehicle_id) "
            "INSERT INTO import_changed SELECT vehicle_id FROM changed",
            [self.now],
        )
        cursor.execute(
            "WITH added AS ("
            f"  INSERT INTO {CBS_STATUS}"
            "    (vehicle_id, cbs_position_id, due_date, remaining_km, updated_at)"
            "  SELECT c.vehicle_id, c.position_id, c.due_date, c.remaining_km, %s"
            "  FROM import_cbs c WHERE NOT c.existed OR NOT EXISTS ("
            f"    SELECT 1 FROM {CBS_STATUS} t"
            "    WHERE t.vehicle_id = c.vehicle_id AND t.cbs_position_id = c.position_id)"
            "  RETURNING vehicle_id) "
            "INSERT INTO import_changed SELECT vehicle_id FROM added",
            [self.now],
        )
        cursor.execute("DROP TABLE import_cbs")
