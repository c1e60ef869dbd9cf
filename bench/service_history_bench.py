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
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
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
    from django.db import connection

    from aftersales.accounts.models import Organisation, User
    from aftersales.servicehistory.models import ServiceEntry
    from aftersales.vehicles.models import CbsPosition, Vehicle

    columns = [f.column for f in ServiceEntry._meta.concrete_fields]
    if sorted(columns) != sorted(ENTRY_COLUMNS):
        sys.exit(f"the service entry table changed; teach the benchmark its columns: {columns}")
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
        cursor.execute("SELECT coalesce(max(id), 0) FROM vehicles_vehicle")
        first_vehicle = cursor.fetchone()[0] + 1
        cursor.execute("SELECT coalesce(max(id), 0) FROM servicehistory_serviceentry")
        first_entry = cursor.fetchone()[0] + 1
    tables = [
        "vehicles_vehicle",
        "servicehistory_serviceentry",
        "servicehistory_serviceentry_positions",
    ]
    indexes = drop_secondary_indexes(tables)

    log(f"COPY {args.vehicles:,} vehicles")
    copy_rows(
        raw,
        "vehicles_vehicle",
        vehicle_columns(),
        vehicle_rows(args.vehicles, first_vehicle),
        args.vehicles,
    )
    log(f"COPY {args.entries:,} service entries")
    copy_rows(
        raw,
        "servicehistory_serviceentry",
        ENTRY_COLUMNS,
        entry_rows(args, first_vehicle, first_entry, workshops),
        args.entries,
    )
    log("positions of the entries (INSERT ... SELECT on the server)")
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
    log(f"re-creating {len(indexes)} indexes")
    with connection.cursor() as cursor:
        for statement in indexes:
            cursor.execute(statement)
        for table in ("vehicles_vehicle", "servicehistory_serviceentry"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
        cursor.execute("INSERT INTO bench_meta VALUES (%s, %s)", [args.vehicles, args.entries])
    raw.commit()
    log(f"loaded in {time.perf_counter() - started:.0f} s")


def drop_secondary_indexes(tables: list[str]) -> list[str]:
    """Drops the indexes that back no constraint (rebuilt after the load: much faster)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                 FROM pg_index i
                WHERE i.indrelid = ANY(%s::regclass[])
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
            [tables],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def vehicle_columns() -> list[str]:
    """The COPY columns; vehicle_rows yields its tuples in this order."""
    from aftersales.vehicles.models import CENTRAL_DATA_FIELDS

    return ["id", "vin", "vin7", *CENTRAL_DATA_FIELDS, "updated_at"]


def vehicle_rows(count: int, first_id: int) -> Iterator[tuple[object, ...]]:
    now = datetime.now(UTC)
    for index in range(count):
        designation, model, series, engine = TYPES[index % len(TYPES)]
        produced = date(2008, 1, 1) + timedelta(days=index * 37 % 5400)
        vin = bench_vin(index)
        yield (
            first_id + index,
            vin,
            vin[-7:],
            "bmw_motorrad" if series == "K50" else "bmw",
            designation,
            model,
            model,
            series,
            engine,
            "475",
            "black-sapphire metallic",
            "KHSW",
            "Vernasca leather black",
            f"{index * 7 % 10**7:07d}",
            f"{index * 13 % 10**8:08d}",
            produced,
            produced + timedelta(days=30),
            f"S15A-{produced:%y-%m}-520",
            15_000 * 12 + index % 9000,
            date(2025, 11, 3),
            2,
            "Comfort Access",
            now,
        )


def entry_rows(
    args: argparse.Namespace, first_vehicle: int, first_entry: int, workshops: list[tuple[int, int]]
) -> Iterator[tuple[object, ...]]:
    """Entries in the order a live system stores them: round by round over the vehicles, so a
    vehicle's entries lie scattered over the table as they would after years of use."""
    average, remainder = divmod(args.entries, args.vehicles)
    counts = [entries_of(index, average, remainder) for index in range(args.vehicles)]
    entry_id = first_entry
    for n in range(max(counts, default=0)):
        for index, count in enumerate(counts):
            if n >= count:
                continue
            start = date(2011, 1, 10) + timedelta(days=index % 300)
            day = start + timedelta(days=n * 365 * 5 // max(1, count) + n % 20)
            organisation_id, user_id = workshops[(index + n) % len(workshops)]
            entered = datetime(day.year, day.month, day.day, 10, tzinfo=UTC) + timedelta(days=1)
            cancelled = entered + timedelta(hours=2) if entry_id % 50 == 0 else None
            transferred = entered + timedelta(days=3) if not cancelled and entry_id % 5 else None
            yield (
                entry_id,
                first_vehicle + index,
                organisation_id,
                user_id,
                entered,
                12_000 * (n + 1) + index % 997,
                day,
                COMMENTS[entry_id % len(COMMENTS)],
                entered,
                None,
                1,
                None,
                cancelled,
                user_id if cancelled else None,
                "Entered for the wrong vehicle." if cancelled else "",
                transferred,
                "ISTA 4.45.30" if transferred else "",
            )
            entry_id += 1


def copy_rows(
    raw, table: str, columns: list[str], rows: Iterator[tuple[object, ...]], total: int
) -> None:  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    started, written = time.perf_counter(), 0
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in tqdm(rows, total=total, unit=" rows", mininterval=5, file=sys.stdout):
            copy.write_row(row)
            written += 1
    raw.commit()
    rate = written / max(time.perf_counter() - started, 1e-9)
    log(f"  {table}: {written:,} rows, {rate:,.0f} rows/s")


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
