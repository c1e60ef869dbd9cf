#!/usr/bin/env python
"""Service history benchmark: VIN lookup + the Service history page against a bare query.

Loads N vehicles and M service entries into a dedicated PostgreSQL database (created here,
default `aftersales_bench`) with COPY, then measures in one run, for random vehicles:

  page       the VIN entry (GET /service-history/?vin=...) and the Service history page it
             leads to, through Django's full stack (middleware, session, access check, view,
             selectors, template), logged in as the demo workshop user; server time in-process
  selectors  vehicle_lookup() + service_history(), the ORM part of the same work
  bare       a bare psycopg query of the same rows (vehicle by VIN; its entries since the
             cut-off with workshop name/city and positions), prepared, on one connection

and prints p50/p95 of each, the ratios to the bare query and the targets (page p95 < 25 ms and
within 3x the bare query). Not part of the test suite.

  .venv/bin/python bench/service_history_bench.py                       # 1M vehicles, 5M entries
  .venv/bin/python bench/service_history_bench.py --vehicles 20000 --entries 100000   # quick

The database is reused when it already holds the requested scale; --reload starts afresh.
BENCH_DATABASE_URL (or --database-url) names the server: postgres://postgres@127.0.0.1:5432/...
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_bench"
BENCH_WMI_TYPE = "WBABN"  # bench VINs: WBA + type BNnn, so they never collide with demo data
PLANTS = "ABCDEFGHJKLMNPRSTUVWXYZ"
# (designation, model code, series, engine): types the demo CBS catalogue knows.
TYPES = [
    ("320d", "5V11", "G20", "B47"),
    ("330i", "5R11", "G20", "B48"),
    ("320i", "8A51", "F30", "N20"),
    ("520d", "JF11", "G30", "B47"),
    ("X5 xDrive30d", "CR61", "G05", "B57"),
    ("Cooper S", "XP71", "F56", "B48"),
    ("335i", "UV81", "E91", "N54"),
    ("R 1250 GS", "0J41", "K50", "A12B"),
]
ENTRY_COLUMNS = [
    "id",
    "vehicle_id",
    "organisation_id",
    "created_by_id",
    "created_at",
    "mileage_km",
    "maintenance_date",
    "comment",
    "consent_given_at",
    "original_id",
    "version",
    "superseded_at",
    "cancelled_at",
    "cancelled_by_id",
    "cancellation_reason",
    "transferred_at",
    "transfer_tool_id",
]
COMMENTS = [
    "",
    "Oil service.",
    "Brake pads replaced.",
    "Customer waited.",
    "",
    "Inspection passed, no remarks.",
    "Tyres rotated as well.",
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Database and Django ----------------------------------------------------------------------


def ensure_database(url: str, *, reload: bool) -> None:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(url)
    name = params["dbname"]
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reload:
            log(f"dropping database {name}")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            log(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="aftersales.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL="ERROR",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    import django
    from django.conf import settings

    django.setup()
    # Production settings, except that the static files have no manifest here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    log("migrate + demo data (organisations, users, applications, CBS catalogue)")
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115


# --- Loading ----------------------------------------------------------------------------------


def bench_vin(index: int) -> str:
    from aftersales.vehicles.vin import with_check_digit

    plant = PLANTS[index // 1_000_000 % len(PLANTS)]
    return with_check_digit(f"{BENCH_WMI_TYPE}{index % 100:02d}00K{plant}{index % 1_000_000:06d}")


def entries_of(index: int, average: int, remainder_to: int) -> int:
    """How many entries vehicle `index` has: pairs of vehicles share 2*average, spread apart,
    so the total is exact (the first `remainder_to` vehicles get one more)."""
    spread = (index // 2) % (average + 1)
    return average + (spread if index % 2 else -spread) + (1 if index < remainder_to else 0)


def load(args: argparse.Namespace) -> None:
    """Generates the vehicles, their entries and the entries' positions on the server
    (`INSERT ... SELECT` over `generate_series`: no row crosses the wire, so 10 million vehicles
    and 50 million entries load in minutes), with the tables' indexes, unique keys and foreign
    keys dropped during the load and rebuilt afterwards."""
    from django.db import connection

    from aftersales.accounts.models import Organisation, User
    from aftersales.servicehistory.models import ServiceEntry
    from aftersales.vehicles.models import CbsPosition, Vehicle

    columns = [f.column for f in ServiceEntry._meta.concrete_fields]
    if sorted(columns) != sorted(ENTRY_COLUMNS):
        sys.exit(f"the service entry table changed; teach the benchmark its columns: {columns}")
    if sorted(vehicle_columns()) != sorted(f.column for f in Vehicle._meta.concrete_fields):
        sys.exit("the vehicle table changed; teach the benchmark its columns")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (vehicles int, entries int)")
        cursor.execute("SELECT vehicles, entries FROM bench_meta")
        row = cursor.fetchone()
    if row == (args.vehicles, args.entries):
        log(f"reusing the loaded data: {row[0]:,} vehicles, {row[1]:,} entries")
        return
    if row is not None or Vehicle.objects.filter(vin__startswith=BENCH_WMI_TYPE).exists():
        sys.exit("the bench database holds another scale; run again with --reload")

    workshops = []
    for organisation in Organisation.objects.filter(status="verified").order_by("pk"):
        user = User.objects.filter(organisation=organisation).order_by("pk").first()
        if user:
            workshops.append((organisation.pk, user.pk))
    positions = dict(CbsPosition.objects.values_list("code", "pk"))
    raw = connection.connection  # the psycopg connection behind Django's
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute("SELECT coalesce(max(id), 0) FROM vehicles_vehicle")
        first_vehicle = cursor.fetchone()[0] + 1
        cursor.execute("SELECT coalesce(max(id), 0) FROM servicehistory_serviceentry")
        first_entry = cursor.fetchone()[0] + 1
    tables = [
        "vehicles_vehicle",
        "servicehistory_serviceentry",
        "servicehistory_serviceentry_positions",
    ]
    rebuild = drop_keys_and_indexes(tables)
    raw.commit()

    timings: dict[str, float] = {}
    log(f"{args.vehicles:,} vehicles (generated on the server)")
    step = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(vehicle_insert_sql(), {"first": first_vehicle, "count": args.vehicles})
    raw.commit()
    timings["vehicles"] = time.perf_counter() - step
    log(f"  {timings['vehicles']:.0f} s")

    log(f"{args.entries:,} service entries, round by round over the vehicles")
    step = time.perf_counter()
    average, remainder = divmod(args.entries, args.vehicles)
    per_round = entries_per_round(args.vehicles, average, remainder)
    round_first = first_entry
    with connection.cursor() as cursor:
        for n, in_round in enumerate(per_round):
            cursor.execute(
                ENTRY_INSERT_SQL,
                {
                    "n": n,
                    "first_id": round_first,
                    "first_vehicle": first_vehicle,
                    "count": args.vehicles,
                    "average": average,
                    "remainder": remainder,
                    "orgs": [o for o, _ in workshops],
                    "users": [u for _, u in workshops],
                    "comments": COMMENTS,
                },
            )
            assert cursor.rowcount == in_round, (n, cursor.rowcount, in_round)
            round_first += in_round
            raw.commit()
    timings["entries"] = time.perf_counter() - step
    log(f"  {timings['entries']:.0f} s")

    log("positions of the entries (INSERT ... SELECT on the server)")
    step = time.perf_counter()
    others = [
        positions[c]
        for c in (
            "vehicle_check",
            "brake_fluid",
            "front_brake",
            "microfilter",
            "rear_brake",
            "air_filter",
            "spark_plugs",
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO servicehistory_serviceentry_positions (serviceentry_id, cbsposition_id)
               SELECT id, %s FROM servicehistory_serviceentry WHERE id >= %s AND id %% 3 <> 0
               UNION ALL
               SELECT id, (%s::bigint[])[1 + id %% %s] FROM servicehistory_serviceentry
                WHERE id >= %s""",
            [positions["engine_oil"], first_entry, others, len(others), first_entry],
        )
    raw.commit()
    timings["positions"] = time.perf_counter() - step
    log(f"  {timings['positions']:.0f} s")
    log(f"re-creating {len(rebuild)} keys, indexes and foreign keys")
    step = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in rebuild:
            cursor.execute(statement)
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    raw.commit()
    timings["keys"] = time.perf_counter() - step
    log(f"  {timings['keys']:.0f} s")
    step = time.perf_counter()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("INSERT INTO bench_meta VALUES (%s, %s)", [args.vehicles, args.entries])
    raw.commit()
    timings["vacuum"] = time.perf_counter() - step
    check_generated_vins(args.vehicles)
    total = time.perf_counter() - started
    log(
        f"loaded in {total:.0f} s (vehicles {timings['vehicles']:.0f} s, entries "
        f"{timings['entries']:.0f} s, positions {timings['positions']:.0f} s, keys and indexes "
        f"{timings['keys']:.0f} s, vacuum analyze {timings['vacuum']:.0f} s)"
    )


def drop_keys_and_indexes(tables: list[str]) -> list[str]:
    """Drops the foreign keys from and to the tables, their primary and unique keys and their
    other indexes (rebuilding them after the load is much faster than keeping them, and no
    deferred foreign-key check queues up per row); returns the statements that re-create them,
    in order."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                 FROM pg_constraint
                WHERE contype = 'f'
                  AND (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[]))""",
            [tables, tables],
        )
        foreign = cursor.fetchall()
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                 FROM pg_constraint
                WHERE contype IN ('p', 'u') AND conrelid = ANY(%s::regclass[])""",
            [tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                 FROM pg_index i
                WHERE i.indrelid = ANY(%s::regclass[])
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _ in foreign:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for table, name, _ in keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return [
        *(
            f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
            for table, name, definition in keys
        ),
        *(definition for _, definition in indexes),
        *(
            f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
            for table, name, definition in foreign
        ),
    ]


def vehicle_columns() -> list[str]:
    """The columns vehicle_insert_sql() fills, in its order."""
    from aftersales.vehicles.models import CENTRAL_DATA_FIELDS

    return ["id", "vin", "vin7", *CENTRAL_DATA_FIELDS, "updated_at"]


# The VIN of vehicle i before its check digit: bench_vin() in SQL (%% is a modulo: the
# statements go through the driver with parameters).
_RAW_VIN = (
    f"'{BENCH_WMI_TYPE}' || lpad((i %% 100)::text, 2, '0') || '00K' "
    f"|| substr('{PLANTS}', 1 + (i / 1000000)::int %% {len(PLANTS)}, 1) "
    "|| lpad((i %% 1000000)::text, 6, '0')"
)
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vehicle_insert_sql() -> str:
    """One INSERT ... SELECT of all vehicles; the same values bench_vin() and the types give
    (the check digit computed as aftersales.vehicles.vin does: letters transliterated, weighted
    sum modulo 11; check_generated_vins compares samples with the Python function)."""
    weighted = " + ".join(
        f"substr(t, {position}, 1)::int * {weight}"
        for position, weight in enumerate(_VIN_WEIGHTS, start=1)
        if weight
    )
    types = ", ".join(
        f"('{designation}', '{model}', '{series}', '{engine}', {number})"
        for number, (designation, model, series, engine) in enumerate(TYPES)
    )
    return f"""
WITH raw AS (
    SELECT i, {_RAW_VIN} AS vin17, date '2008-01-01' + (i * 37 %% 5400)::int AS produced
      FROM generate_series(0::bigint, %(count)s::bigint - 1) AS i
), tr AS (
    SELECT raw.*, translate(vin17, 'ABCDEFGHJKLMNPRSTUVWXYZ', '12345678123457923456789') AS t
      FROM raw
), checked AS (
    SELECT i, vin17, produced, ({weighted}) %% 11 AS s FROM tr
)
INSERT INTO vehicles_vehicle ({", ".join(vehicle_columns())})
SELECT %(first)s + i,
       overlay(vin17 PLACING CASE WHEN s = 10 THEN 'X' ELSE s::text END FROM 9 FOR 1),
       right(vin17, 7),
       CASE WHEN ty.series = 'K50' THEN 'bmw_motorrad' ELSE 'bmw' END,
       ty.designation, ty.model, ty.model, ty.series, ty.engine,
       '475', 'black-sapphire metallic', 'KHSW', 'Vernasca leather black',
       lpad((i * 7 %% 10000000)::text, 7, '0'), lpad((i * 13 %% 100000000)::text, 8, '0'),
       produced, produced + 30, 'S15A-' || to_char(produced, 'YY-MM') || '-520',
       15000 * 12 + i %% 9000, date '2025-11-03', 2, 'Comfort Access', now()
  FROM checked
  JOIN (VALUES {types}) AS ty (designation, model, series, engine, number)
    ON ty.number = i %% {len(TYPES)}"""


def entries_per_round(vehicles: int, average: int, remainder: int) -> list[int]:
    """How many entries round n writes: the vehicles with more than n entries."""
    with_count = [0] * (2 * average + 3)
    for index in range(vehicles):
        with_count[entries_of(index, average, remainder)] += 1
    rounds, left = [], vehicles
    for count in range(len(with_count)):
        left -= with_count[count]
        if left <= 0:
            break
        rounds.append(left)
    return rounds


# Round n of the entries: the n-th entry of every vehicle that has more than n, in vehicle
# order (so a vehicle's entries lie scattered over the table, as after years of use); the
# values are those of entries_of() and of the generator this replaced (dates, workshops,
# comments, one in 50 cancelled, four in five transferred).
ENTRY_INSERT_SQL = f"""
WITH v AS (
    SELECT i, %(average)s::int
              + CASE WHEN i %% 2 = 1 THEN 1 ELSE -1 END * ((i / 2) %% (%(average)s + 1))::int
              + CASE WHEN i < %(remainder)s THEN 1 ELSE 0 END AS count
      FROM generate_series(0::bigint, %(count)s::bigint - 1) AS i
), r AS (
    SELECT i, count, %(first_id)s::bigint - 1 + row_number() OVER (ORDER BY i) AS id,
           date '2011-01-10' + (i %% 300)::int
             + (%(n)s * 365 * 5 / greatest(1, count) + %(n)s %% 20)::int AS day
      FROM v WHERE count > %(n)s
), e AS (
    SELECT r.*, ((r.day + 1) + time '10:00') AT TIME ZONE 'UTC' AS entered,
           (i + %(n)s) %% cardinality(%(orgs)s::bigint[]) + 1 AS w
      FROM r
)
INSERT INTO servicehistory_serviceentry ({", ".join(ENTRY_COLUMNS)})
SELECT id, %(first_vehicle)s + i, (%(orgs)s::bigint[])[w], (%(users)s::bigint[])[w], entered,
       12000 * (%(n)s + 1) + i %% 997, day,
       (%(comments)s::text[])[1 + id %% cardinality(%(comments)s::text[])], entered,
       NULL, 1, NULL,
       CASE WHEN id %% 50 = 0 THEN entered + interval '2 hours' END,
       CASE WHEN id %% 50 = 0 THEN (%(users)s::bigint[])[w] END,
       CASE WHEN id %% 50 = 0 THEN 'Entered for the wrong vehicle.' ELSE '' END,
       CASE WHEN id %% 50 <> 0 AND id %% 5 <> 0 THEN entered + interval '3 days' END,
       CASE WHEN id %% 50 <> 0 AND id %% 5 <> 0 THEN 'ISTA 4.45.30' ELSE '' END
  FROM e"""


def check_generated_vins(vehicles: int) -> None:
    """The VINs made in SQL are the ones bench_vin() gives (the measuring picks by it)."""
    from aftersales.vehicles.models import Vehicle

    rng = random.Random(1)
    sample = {0, vehicles - 1, *(rng.randrange(vehicles) for _ in range(200))}
    expected = {bench_vin(index) for index in sample}
    found = set(Vehicle.objects.filter(vin__in=expected).values_list("vin", flat=True))
    if found != expected:
        sys.exit(f"generated VINs differ from bench_vin(): {sorted(expected - found)[:5]}")


# --- Measuring --------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


BARE_VEHICLE = "SELECT * FROM vehicles_vehicle WHERE vin = %s"
BARE_HISTORY = """
SELECT e.id, e.maintenance_date, e.mileage_km, e.comment, e.version, e.original_id,
       e.cancelled_at, e.cancellation_reason, e.transferred_at, o.name, o.city,
       array(SELECT p.name FROM servicehistory_serviceentry_positions ep
              JOIN vehicles_cbsposition p ON p.id = ep.cbsposition_id
             WHERE ep.serviceentry_id = e.id ORDER BY p.position, p.name) AS positions
  FROM servicehistory_serviceentry e JOIN accounts_organisation o ON o.id = e.organisation_id
 WHERE e.vehicle_id = %s AND e.maintenance_date >= %s
 ORDER BY e.maintenance_date DESC, e.id DESC"""


def measure(args: argparse.Namespace) -> int:
    import psycopg
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from aftersales.accounts.models import User
    from aftersales.servicehistory.selectors import history_cutoff, service_history
    from aftersales.vehicles.selectors import vehicle_lookup

    rng = random.Random(args.seed)
    vins = [bench_vin(rng.randrange(args.vehicles)) for _ in range(args.samples + args.warmup)]
    user = User.objects.get(email="motorhj@mail.dk")
    client = Client()
    client.force_login(user)
    entry_url = reverse("servicehistory:vin_entry")

    split: dict[str, list[float]] = {"entry": [], "history": []}

    def page(vin: str) -> int:
        started = time.perf_counter()
        found = client.get(entry_url, {"vin": vin})
        middle = time.perf_counter()
        assert found.status_code == 302, (vin, found.status_code)
        history = client.get(reverse("servicehistory:history", kwargs={"vin": vin}))
        assert history.status_code == 200, (vin, history.status_code)
        split["entry"].append((middle - started) * 1000)
        split["history"].append((time.perf_counter() - middle) * 1000)
        return len(history.content)

    def selectors(vin: str) -> int:
        vehicle = vehicle_lookup(query=vin).vehicle
        assert vehicle is not None
        return len(service_history(vehicle=vehicle))

    cutoff = history_cutoff()
    bare_conn = psycopg.connect(args.database_url, autocommit=True, prepare_threshold=0)

    def bare(vin: str) -> int:
        vehicle = bare_conn.execute(BARE_VEHICLE, [vin]).fetchone()
        assert vehicle is not None
        return len(bare_conn.execute(BARE_HISTORY, [vehicle[0], cutoff]).fetchall())

    for vin in vins[: args.warmup]:
        page(vin), selectors(vin), bare(vin)
    split["entry"].clear(), split["history"].clear()
    results: dict[str, list[float]] = {"page": [], "selectors": [], "bare": []}
    rows = []
    log(f"measuring {args.samples} random vehicles (after {args.warmup} warm-up lookups)")
    for vin in vins[args.warmup :]:
        # Interleaved, so that caches and background noise hit the three alike.
        results["page"].append(timed(lambda v=vin: page(v)))
        results["selectors"].append(timed(lambda v=vin: selectors(v)))
        results["bare"].append(timed(lambda v=vin: rows.append(bare(v))))
    results["entry"], results["history"] = list(split["entry"]), list(split["history"])
    with CaptureQueriesContext(connection) as queries:
        page(vins[-1])
    few_queries = len(queries)

    p = {
        name: (percentile(v, 50), percentile(v, 95), statistics.mean(v))
        for name, v in results.items()
    }
    print()
    print(
        f"Service history benchmark: {args.vehicles:,} vehicles, {args.entries:,} entries, "
        f"{args.samples} random vehicles, {statistics.mean(rows):.1f} entries shown on average"
    )
    print(f"{'':34}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'p95 / bare':>12}")
    labels = {
        "page": "page: VIN entry + Service history",
        "entry": "  of which VIN entry (302)",
        "history": "  of which Service history page",
        "selectors": "selectors: lookup + history (ORM)",
        "bare": "bare psycopg query, same rows",
    }
    for name, label in labels.items():
        p50, p95, mean = p[name]
        print(f"{label:34}{p50:9.2f}{p95:9.2f}{mean:9.2f}{p95 / p['bare'][1]:11.1f}x")
    print(f"SQL queries of the two page requests: {few_queries}")
    page_p95, bare_p95 = p["page"][1], p["bare"][1]
    ok_time, ok_ratio = page_p95 < 25, page_p95 <= 3 * bare_p95
    print(
        f"target p95 < 25 ms: {'met' if ok_time else 'NOT met'} ({page_p95:.2f} ms); "
        f"within 3x the bare query: {'met' if ok_ratio else 'NOT met'} "
        f"({page_p95 / bare_p95:.1f}x)"
    )
    return 0 if ok_time and ok_ratio else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vehicles", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=5_000_000)
    parser.add_argument("--samples", type=int, default=500, help="vehicles measured")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--reload", action="store_true", help="drop the bench database first")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    if args.vehicles < 1 or args.entries < 0:
        parser.error("--vehicles must be at least 1 and --entries not negative")
    ensure_database(args.database_url, reload=args.reload)
    setup_django(args.database_url)
    load(args)
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
