#!/usr/bin/env python
"""Service history benchmark: VIN lookup + the Service history page against a bare query.

Loads N vehicles and M service entries into a dedicated PostgreSQL database (created here,
default `aftersales_bench`; generated on the server), then measures in one run, for random
vehicles, interleaved:

  page       the VIN entry (GET /service-history/?vin=...) and the Service history page it
             leads to, through Django's full stack (middleware, session, access check, view,
             selectors, notices, template), logged in as the demo workshop user; server time
             in-process
  floor      the same two logged-in requests through the same middleware to bench/floor.py's
             views: the bare queries and a minimal template
  API        GET /api/v1/vehicles/<vin>/service-history with a read token, and its floor
  selectors  vehicle_lookup() + service_history(), the ORM part of the same work
  bare       a bare psycopg query of the same rows, prepared, on one connection

and prints p50/p95 of each, the ratios to the floors and to the bare query, the SQL queries, and
the targets of issue 14 (page and API p95 <= 2x their floor and <= 8 ms). --profile ROW adds
a cProfile of that row; --explain the plans of the hot queries. Not part of the test suite.

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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_bench"
BENCH_WMI_TYPE = "WBABN"  # bench VINs: WBA + type BNnn, so they never collide with demo data
PLANTS = "ABCDEFGHJKLMNPRSTUVWXYZ"
# ISO 3779 transliteration of the plant letters (as aftersales.vehicles.vin has it).
_TRANSLITERATION_OF = dict(
    zip(PLANTS, [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9], strict=True)
)
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


def has_bench_data(url: str) -> bool:
    """Whether the database was loaded by an earlier run (then its demo data is there too)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute("SELECT to_regclass('bench_meta') IS NOT NULL").fetchone()
    return bool(found and found[0])


def setup_django(url: str, *, demo: bool = True) -> None:
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

    if not demo:
        log("migrate (the demo data is there from the run that loaded the database)")
        call_command("migrate", verbosity=0)
        return
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
    # import_fingerprint stays NULL: these vehicles were never imported from a file.
    unfilled = {"import_fingerprint"}
    filled = (f.column for f in Vehicle._meta.concrete_fields if f.column not in unfilled)
    if sorted(vehicle_columns()) != sorted(filled):
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


# bench_vin(i) in SQL, with integer arithmetic only (string functions per character made the
# load CPU-bound): WBABN, i %% 100 in two digits, 0, the check digit, K, the plant letter, the
# serial i %% 1,000,000 in six digits. The check digit is the weighted sum of the transliterated
# characters modulo 11 (aftersales.vehicles.vin): the fixed characters W B A B N . . 0 . K give
# 6*8 + 2*7 + 1*6 + 2*5 + 5*4 + 2*9 = 116; check_generated_vins compares samples with Python.
# (%% is a modulo: the statement goes through the driver with parameters.)
_PLANT_VALUES = [_TRANSLITERATION_OF[plant] for plant in PLANTS]
_VIN_SQL = f"""
    'WBABN' || lpad((i %% 100)::text, 2, '0') || '0'
    || (SELECT CASE WHEN s %% 11 = 10 THEN 'X' ELSE (s %% 11)::text END
          FROM (SELECT 116 + 3 * (i %% 100 / 10) + 2 * (i %% 10)
                       + 8 * (ARRAY{_PLANT_VALUES})[1 + (i / 1000000) %% {len(PLANTS)}]
                       + 7 * (i %% 1000000 / 100000) + 6 * (i %% 100000 / 10000)
                       + 5 * (i %% 10000 / 1000) + 4 * (i %% 1000 / 100)
                       + 3 * (i %% 100 / 10) + 2 * (i %% 10) AS s) AS w)
    || 'K' || substr('{PLANTS}', 1 + (i / 1000000)::int %% {len(PLANTS)}, 1)
    || lpad((i %% 1000000)::text, 6, '0')"""


def vehicle_insert_sql() -> str:
    """One INSERT ... SELECT of all vehicles: the values bench_vin() and the types give."""
    assert BENCH_WMI_TYPE == "WBABN"  # _VIN_SQL spells it out
    types = ", ".join(
        f"('{designation}', '{model}', '{series}', '{engine}', {number})"
        for number, (designation, model, series, engine) in enumerate(TYPES)
    )
    return f"""
WITH raw AS (
    SELECT i, {_VIN_SQL} AS vin, date '2008-01-01' + (i * 37 %% 5400)::int AS produced
      FROM generate_series(0::bigint, %(count)s::bigint - 1) AS i
)
INSERT INTO vehicles_vehicle ({", ".join(vehicle_columns())})
SELECT %(first)s + i, vin, right(vin, 7),
       CASE WHEN ty.series = 'K50' THEN 'bmw_motorrad' ELSE 'bmw' END,
       ty.designation, ty.model, ty.model, ty.series, ty.engine,
       '475', 'black-sapphire metallic', 'KHSW', 'Vernasca leather black',
       lpad((i * 7 %% 10000000)::text, 7, '0'), lpad((i * 13 %% 100000000)::text, 8, '0'),
       produced, produced + 30, 'S15A-' || to_char(produced, 'YY-MM') || '-520',
       15000 * 12 + i %% 9000, date '2025-11-03', 2, 'Comfort Access', now()
  FROM raw
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

LABELS = {
    "page": "page: VIN entry + Service history",
    "entry": "  of which VIN entry (302)",
    "history": "  of which Service history page",
    "floor": "floor: the same two requests",
    "floor_entry": "  of which VIN entry (302)",
    "floor_history": "  of which history rows",
    "api": "API: GET .../service-history",
    "api_floor": "API floor: token + query + JSON",
    "selectors": "selectors: lookup + history (ORM)",
    "bare": "bare psycopg query, same rows",
}


def measure(args: argparse.Namespace) -> int:
    import psycopg
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import clear_url_caches, reverse

    from aftersales.accounts.models import User
    from aftersales.api.models import ApiToken
    from aftersales.api.services import token_create
    from aftersales.servicehistory.selectors import history_cutoff, service_history
    from aftersales.vehicles.selectors import vehicle_lookup

    # The portal's URLs plus the floor's views (bench/floor.py, beside this file).
    settings.ROOT_URLCONF = "floor"
    clear_url_caches()
    from floor import BARE_HISTORY

    # The API's rate limit still counts every request; the bench only must not hit it.
    settings.API_RATE_LIMIT = "100000000/min"
    rng = random.Random(args.seed)
    vins = [bench_vin(rng.randrange(args.vehicles)) for _ in range(args.samples + args.warmup)]
    user = User.objects.get(email="motorhj@mail.dk")
    ApiToken.objects.filter(user=user, name="bench").delete()
    _, secret = token_create(actor=user, name="bench", scope=ApiToken.Scope.READ)
    client = Client()
    client.force_login(user)
    api_client = Client(headers={"Authorization": f"Bearer {secret}"})
    entry_url = reverse("servicehistory:vin_entry")
    floor_url = reverse("bench_floor_lookup")

    split: dict[str, list[float]] = {
        k: [] for k in ("entry", "history", "floor_entry", "floor_history")
    }

    def two_requests(first: str, history_name: str, vin: str, label: str) -> int:
        started = time.perf_counter()
        found = client.get(first, {"vin": vin})
        middle = time.perf_counter()
        assert found.status_code == 302, (vin, found.status_code)
        history = client.get(reverse(history_name, kwargs={"vin": vin}))
        assert history.status_code == 200, (vin, history.status_code)
        split[f"{label}entry"].append((middle - started) * 1000)
        split[f"{label}history"].append((time.perf_counter() - middle) * 1000)
        return len(history.content)

    def page(vin: str) -> int:
        return two_requests(entry_url, "servicehistory:history", vin, "")

    def floor(vin: str) -> int:
        return two_requests(floor_url, "bench_floor_history", vin, "floor_")

    def api(vin: str) -> int:
        response = api_client.get(f"/api/v1/vehicles/{vin}/service-history")
        assert response.status_code == 200, (vin, response.status_code, response.content[:300])
        return len(response.content)

    def api_floor(vin: str) -> int:
        response = api_client.get(f"/bench-floor/api/vehicles/{vin}/service-history")
        assert response.status_code == 200, (vin, response.status_code)
        return len(response.content)

    def selectors(vin: str) -> int:
        vehicle = vehicle_lookup(query=vin).vehicle
        assert vehicle is not None
        return len(service_history(vehicle=vehicle))

    cutoff = history_cutoff()
    bare_conn = psycopg.connect(args.database_url, autocommit=True, prepare_threshold=0)
    rows: list[int] = []

    def bare(vin: str) -> int:
        vehicle = bare_conn.execute(BARE_VEHICLE, [vin]).fetchone()
        assert vehicle is not None
        found = len(bare_conn.execute(BARE_HISTORY, [vehicle[0], cutoff]).fetchall())
        rows.append(found)
        return found

    functions: dict[str, Callable[[str], int]] = {
        "page": page,
        "floor": floor,
        "api": api,
        "api_floor": api_floor,
        "selectors": selectors,
        "bare": bare,
    }
    for vin in vins[: args.warmup]:
        for function in functions.values():
            function(vin)
    for values in split.values():
        values.clear()
    rows.clear()
    results: dict[str, list[float]] = {name: [] for name in functions}
    log(f"measuring {args.samples} random vehicles (after {args.warmup} warm-up lookups)")
    load_before = os.getloadavg()
    for vin in vins[args.warmup :]:
        # Interleaved, so that caches and background noise hit them all alike.
        for name, function in functions.items():
            results[name].append(timed(lambda f=function, v=vin: f(v)))
    load_after = os.getloadavg()
    results.update({name: list(values) for name, values in split.items()})
    counted: dict[str, int] = {}
    for name in ("page", "floor", "api", "api_floor"):
        with CaptureQueriesContext(connection) as queries:
            functions[name](vins[-1])
        counted[name] = len(queries)

    p = {
        name: (percentile(v, 50), percentile(v, 95), statistics.mean(v))
        for name, v in results.items()
    }
    print()
    print(
        f"Service history benchmark: {args.vehicles:,} vehicles, {args.entries:,} entries, "
        f"{args.samples} random vehicles, {statistics.mean(rows):.1f} entries shown on average"
    )
    print(
        f"cache: {settings.CACHES['default']['BACKEND']}, sessions: {settings.SESSION_ENGINE}; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print(f"{'':34}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'p95/floor':>11}{'p95/bare':>10}")
    floors = {
        "page": "floor",
        "entry": "floor_entry",
        "history": "floor_history",
        "api": "api_floor",
    }
    for name, label in LABELS.items():
        p50, p95, mean = p[name]
        ratio = f"{p95 / p[floors[name]][1]:10.2f}x" if name in floors else " " * 11
        print(f"{label:34}{p50:9.2f}{p95:9.2f}{mean:9.2f}{ratio}{p95 / p['bare'][1]:9.1f}x")
    print(
        "SQL queries: page {page} (two requests), floor {floor}, API {api}, "
        "API floor {api_floor}".format(**counted)
    )
    page_p95, api_p95 = p["page"][1], p["api"][1]
    page_ratio, api_ratio = page_p95 / p["floor"][1], api_p95 / p["api_floor"][1]
    met = {
        "page p95 <= 2x floor": page_ratio <= 2,
        "page p95 <= 8 ms": page_p95 <= 8,
        "API p95 <= 2x API floor": api_ratio <= 2,
        "API p95 <= 8 ms": api_p95 <= 8,
    }
    print("targets: " + "; ".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in met.items()))
    print(
        f"(page {page_p95:.2f} ms = {page_ratio:.2f}x floor; API {api_p95:.2f} ms = "
        f"{api_ratio:.2f}x API floor)"
    )
    if args.explain:
        explain(vins[-1], page, api)
    if args.profile:
        profile(vins[args.warmup :], functions[args.profile])
    return 0 if all(met.values()) else 1


def profile(vins: list[str], request: Callable[[str], int]) -> None:
    """cProfile of one row over the sampled vehicles: where the time goes, by own time and by
    cumulative time (the functions of the project and of Django that matter most)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for vin in vins:
        request(vin)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def compare_sizes(args: argparse.Namespace) -> int:
    """--compare: the page, the API and their floors on two loaded databases (e.g. 1M / 5M and
    10M / 50M) in one process, in alternating blocks of ten vehicles, so that the machine's
    noise falls on both alike; prints each and the ratio of the second to the first."""
    import psycopg
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import clear_url_caches, reverse
    from psycopg.conninfo import conninfo_to_dict

    from aftersales.accounts.models import User
    from aftersales.api.models import ApiToken
    from aftersales.api.services import token_create

    settings.ROOT_URLCONF = "floor"
    clear_url_caches()
    from floor import BARE_HISTORY

    from aftersales.servicehistory.selectors import history_cutoff

    settings.API_RATE_LIMIT = "100000000/min"
    cutoff = history_cutoff()
    names = ("page", "floor", "api", "api_floor", "bare")

    def switch(url: str) -> None:
        connection.close()
        connection.settings_dict["NAME"] = conninfo_to_dict(url)["dbname"]

    sizes = [(args.database_url, args.vehicles), (args.compare, args.compare_vehicles)]
    targets = []
    for number, (url, vehicles) in enumerate(sizes):
        switch(url)
        rng = random.Random(args.seed + number)
        user = User.objects.get(email="motorhj@mail.dk")
        ApiToken.objects.filter(user=user, name="bench").delete()
        _, secret = token_create(actor=user, name="bench", scope=ApiToken.Scope.READ)
        client = Client()
        client.force_login(user)
        targets.append(
            {
                "url": url,
                "vehicles": vehicles,
                "vins": [bench_vin(rng.randrange(vehicles)) for _ in range(args.samples)],
                "client": client,
                "api": Client(headers={"Authorization": f"Bearer {secret}"}),
                "bare": psycopg.connect(url, autocommit=True, prepare_threshold=0),
                "results": {name: [] for name in names},
            }
        )

    def run(target: dict[str, Any], vin: str, timed_: bool) -> None:
        client, api_client, bare_conn = target["client"], target["api"], target["bare"]

        def page() -> None:
            found = client.get(reverse("servicehistory:vin_entry"), {"vin": vin})
            assert found.status_code == 302, (vin, found.status_code)
            url = reverse("servicehistory:history", kwargs={"vin": vin})
            assert client.get(url).status_code == 200

        def floor() -> None:
            assert client.get(reverse("bench_floor_lookup"), {"vin": vin}).status_code == 302
            url = reverse("bench_floor_history", kwargs={"vin": vin})
            assert client.get(url).status_code == 200

        def api() -> None:
            response = api_client.get(f"/api/v1/vehicles/{vin}/service-history")
            assert response.status_code == 200

        def api_floor() -> None:
            response = api_client.get(f"/bench-floor/api/vehicles/{vin}/service-history")
            assert response.status_code == 200

        def bare() -> None:
            vehicle = bare_conn.execute(BARE_VEHICLE, [vin]).fetchone()
            bare_conn.execute(BARE_HISTORY, [vehicle[0], cutoff]).fetchall()

        for name, function in zip(names, (page, floor, api, api_floor, bare), strict=True):
            elapsed = timed(function)
            if timed_:
                target["results"][name].append(elapsed)

    log(f"comparing {args.samples} vehicles on each database, in blocks of ten")
    load_before = os.getloadavg()
    block = 10
    for start in range(0, args.samples, block):
        for target in targets:
            switch(target["url"])
            run(target, target["vins"][start], timed_=False)  # the new connection, warmed
            for vin in target["vins"][start : start + block]:
                run(target, vin, timed_=True)
    load_after = os.getloadavg()
    print()
    first, second = targets
    print(
        f"Flat cost: {first['vehicles']:,} vehicles against {second['vehicles']:,}, "
        f"{args.samples} random vehicles each, alternating blocks; cache "
        f"{settings.CACHES['default']['BACKEND']}; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after"
    )
    print(f"{'':34}{'p50 A':>8}{'p95 A':>8}{'p50 B':>8}{'p95 B':>8}{'B/A p50':>9}{'B/A p95':>9}")
    for name, label in LABELS.items():
        if name not in names:
            continue
        a, b = first["results"][name], second["results"][name]
        pa, pb = (percentile(a, 50), percentile(a, 95)), (percentile(b, 50), percentile(b, 95))
        print(
            f"{label:34}{pa[0]:8.2f}{pa[1]:8.2f}{pb[0]:8.2f}{pb[1]:8.2f}"
            f"{pb[0] / pa[0]:8.2f}x{pb[1] / pa[1]:8.2f}x"
        )
    flat = all(
        percentile(second["results"][n], 95) <= 1.25 * percentile(first["results"][n], 95)
        for n in ("page", "api")
    )
    print(
        f"page and API p95 within 1.25x of the smaller database's: {'met' if flat else 'NOT met'}"
    )
    return 0 if flat else 1


def explain(vin: str, *requests: Callable[[str], int]) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every SELECT the requests run on the big tables."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    big = (
        "vehicles_vehicle",
        "servicehistory_serviceentry",
        "servicehistory_serviceentry_positions",
        "servicehistory_serviceentryline",
    )
    seen: set[str] = set()
    for request in requests:
        with CaptureQueriesContext(connection) as queries:
            request(vin)
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT") or not any(f'"{t}"' in sql for t in big):
                continue
            shape = sql.split(" WHERE ")[0]
            if shape in seen:
                continue
            seen.add(shape)
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n-- {sql[:400]}{'...' if len(sql) > 400 else ''}\n{plan}")


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
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", ""),
        help="CACHE_URL (and REDIS_URL) of the measured portal, e.g. redis://127.0.0.1:6379/2; "
        "default: the database cache",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the plans of the hot queries afterwards"
    )
    parser.add_argument(
        "--profile",
        choices=["page", "floor", "api", "api_floor"],
        help="afterwards, profile this row over the sampled vehicles (cProfile)",
    )
    parser.add_argument(
        "--compare",
        metavar="DATABASE_URL",
        help="a second loaded bench database (e.g. .../aftersales_bench10): measure both in one "
        "process, alternating, and print the ratios (flat cost in fleet size)",
    )
    parser.add_argument("--compare-vehicles", type=int, default=10_000_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    if args.vehicles < 1 or args.entries < 0:
        parser.error("--vehicles must be at least 1 and --entries not negative")
    ensure_database(args.database_url, reload=args.reload)
    if args.cache_url:
        os.environ.update(CACHE_URL=args.cache_url, REDIS_URL=args.cache_url)
    setup_django(args.database_url, demo=not has_bench_data(args.database_url))
    load(args)
    if args.compare:
        return compare_sizes(args)
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
