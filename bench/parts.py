#!/usr/bin/env python
"""Electronic Parts Catalogue benchmark: the import of 100,000 catalogue lines, then the parts
tree of a vehicle and a part-number search with 1 million parts rows loaded.

On a PostgreSQL database of its own (created here, default `aftersales_parts_bench`):

  import     a generated catalogue file of --import-lines lines (CSV, the documented layout)
             through the same importer as the back office and `manage.py import_parts`, on an
             empty catalogue; then the same file again (every line unchanged)
  load       the catalogue grown to --rows parts rows with COPY (each illustration for one of
             about 30 series, rows by engine, production date and option; one part in ten
             replaced; prices), then VACUUM ANALYZE
  tree       GET the vehicle's tree page, through Django's whole stack (logged in as the demo
             workshop user, DEBUG off), and vehicle_tree() alone
  search     GET the search page for a random part number typed with spaces (a replaced one
             in one of five), and part_search() alone

for random demo vehicles, and prints p50/p95 of each with the targets: import < 60 s,
tree and search p95 < 50 ms. Not part of the test suite.

  .venv/bin/python bench/parts.py                                   # 100,000 lines, 1M rows
  .venv/bin/python bench/parts.py --import-lines 10000 --rows 100000   # a quick check
  .venv/bin/python bench/parts.py --reuse                             # measure again

The database is dropped and created afresh each run (--reuse: measured again as it is).
BENCH_DATABASE_URL (or --database-url) names the server: postgres://postgres@127.0.0.1:5432/aftersales_parts_bench
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchdb import database_recreate  # noqa: E402  (beside this file)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_parts_bench"
SERIES = [f"X{n:02d}" for n in range(12)]  # made-up series beside the demo vehicles' own
ENGINES = ["N54", "N47", "B47", "B48", "B57", "N20", "A12B", "S58"]
WORDS = ["Oil", "Filter", "Seal", "Bracket", "Hose", "Clamp", "Bolt", "Cover", "Sensor", "Pipe"]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_database(url: str) -> None:
    log(f"creating database {database_recreate(url)} afresh")


def setup_django(url: str, *, fresh: bool = True) -> None:
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
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    if not fresh:
        log("migrate (the loaded database of an earlier run)")
        call_command("migrate", verbosity=0)
        return
    log("migrate + demo data (users, vehicles, the demo parts catalogue, an EPC ticket)")
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115


def vehicle_types() -> list[tuple[str, str, str]]:
    from aftersales.vehicles.models import Vehicle

    return sorted(set(Vehicle.objects.values_list("series", "model_code", "engine_type")))


# --- the import ---------------------------------------------------------------------------------


def catalogue_lines(count: int, rng: random.Random) -> Iterator[str]:
    """A catalogue file of `count` rows: 40 main groups of 10 subgroups of 5 illustrations,
    about 50 rows an illustration, each row for one series and maybe one engine."""
    yield (
        "main_group;main_group_name;subgroup;subgroup_name;illustration;illustration_title;"
        "position;part_number;description;description_da;quantity;series;engine;"
        "produced_from;produced_until;options;hotspot_x;hotspot_y\n"
    )
    for n in range(count):
        illustration = n // 50
        main, sub = 50 + illustration // 50, (illustration // 5) % 10
        position = n % 50 + 1
        start = date(2000 + rng.randrange(20), rng.randrange(1, 13), 1)
        yield (
            f"{main};Main group {main};{main} {sub:02d};Subgroup {main} {sub:02d};"
            f"B{illustration:06d};Illustration {illustration};{position};"
            f"{main}{sub:02d}{n:07d};{rng.choice(WORDS)} {rng.choice(WORDS).lower()} {n};"
            f"Del {n};{rng.choice(['1', '2', '4', '0.5'])};{rng.choice(SERIES)};"
            f"{rng.choice(ENGINES) if n % 3 else ''};{start.isoformat()};;"
            f"{'S205A' if n % 17 == 0 else ''};{10 + position * 7};{20 + position * 5}\n"
        )


def bench_import(lines: int, rng: random.Random) -> dict[str, float]:
    from aftersales.parts.imports.jobs import parts_import_file

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        handle.writelines(catalogue_lines(lines, rng))
        path = Path(handle.name)
    size = path.stat().st_size
    figures = {}
    try:
        for label in ("first", "again"):
            started = time.perf_counter()
            with path.open("rb") as stream:
                result = parts_import_file(kind="catalogue", stream=stream)
            seconds = time.perf_counter() - started
            figures[label] = seconds
            log(
                f"import ({label}): {lines:,} lines, {size / 1e6:.1f} MB in {seconds:.1f} s "
                f"({lines / seconds:,.0f} lines/s): {result.created:,} created, "
                f"{result.unchanged:,} unchanged, {len(result.rejected)} rejected"
            )
            assert not result.rejected, result.rejected[:3]
    finally:
        path.unlink()
    return figures


# --- growing the catalogue to a million rows ----------------------------------------------------


def copy_rows(cursor, table: str, columns: list[str], rows: Iterator[tuple]) -> int:  # type: ignore[no-untyped-def]
    written = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    return written


def grow(total_rows: int, rng: random.Random) -> None:
    """More rows with COPY: 2,000 rows an illustration group of 40 parts per position, series
    taken from the demo vehicles (so that each has a real tree) and the made-up ones."""
    from django.db import connection

    from aftersales.parts.models import PartUsage

    missing = total_rows - PartUsage.objects.count()
    if missing <= 0:
        return
    types = vehicle_types()
    started = time.perf_counter()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("SELECT coalesce(max(id), 0) FROM parts_part")
        part_base = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM parts_illustration")
        illustration_base = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM parts_subgroup")
        subgroup_base = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM parts_maingroup")
        main_base = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM parts_pricelist WHERE active AND country = ''")
        price_list = cursor.fetchone()[0]
        rows_per_illustration = 100
        illustrations = missing // rows_per_illustration + 1
        subgroups = illustrations // 8 + 1
        mains = subgroups // 20 + 1
        parts = missing * 6 // 10
        copy_rows(
            cursor,
            "parts_maingroup",
            ["id", "number", "name", "name_da"],
            ((main_base + m + 1, f"M{m:03d}", f"Bench group {m}", "") for m in range(mains)),
        )
        copy_rows(
            cursor,
            "parts_subgroup",
            ["id", "main_group_id", "number", "name", "name_da"],
            (
                (subgroup_base + s + 1, main_base + s // 20 + 1, f"S{s:05d}", f"Subgroup {s}", "")
                for s in range(subgroups)
            ),
        )
        copy_rows(
            cursor,
            "parts_illustration",
            [
                "id",
                "subgroup_id",
                "number",
                "title",
                "title_da",
                "image",
                "image_type",
                "width",
                "height",
            ],
            (
                (
                    illustration_base + i + 1,
                    subgroup_base + i // 8 + 1,
                    f"G{i:07d}",
                    f"Drawing {i}",
                    "",
                    "",
                    "",
                    0,
                    0,
                )
                for i in range(illustrations)
            ),
        )
        log(f"load: {mains} main groups, {subgroups} subgroups, {illustrations} illustrations")

        def part_rows() -> Iterator[tuple]:
            for p in range(parts):
                number = f"9{p:010d}"
                replaced = p % 10 == 0 and p + 1 < parts
                successor = part_base + p + 2 if replaced else None
                yield (
                    part_base + p + 1,
                    number,
                    f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} {p}",
                    "",
                    "pcs",
                    successor,
                    None,
                    successor,
                )

        copy_rows(
            cursor,
            "parts_part",
            [
                "id",
                "number",
                "description",
                "description_da",
                "unit",
                "replaced_by_id",
                "replaced_on",
                "successor_id",
            ],
            part_rows(),
        )
        copy_rows(
            cursor,
            "parts_partprice",
            ["price_list_id", "part_id", "valid_from", "net_price"],
            (
                (price_list, part_base + p + 1, date(2024, 1, 1), f"{1 + p % 500}.{p % 100:02d}")
                for p in range(parts)
            ),
        )
        log(f"load: {parts:,} parts (one in ten replaced), {parts:,} prices")

        # Each illustration belongs to one series, as in a manufacturer's catalogue: a vehicle
        # sees the illustrations of its series (about 1/30 of the catalogue).
        families = sorted({series for series, _m, _e in types} | set(SERIES))
        engines_of = {f: sorted({e for s, _m, e in types if s == f}) or ENGINES for f in families}

        def usage_rows() -> Iterator[tuple]:
            for r in range(missing):
                illustration = r // rows_per_illustration
                series = families[illustration % len(families)]
                engine = rng.choice(engines_of[series]) if r % 3 else ""
                start = date(2004 + rng.randrange(12), 1, 1) if r % 7 == 0 else None
                options = "S205A" if r % 23 == 0 else ("-S205A" if r % 29 == 0 else "")
                key = f"|{series}||{engine}|{start.isoformat() if start else ''}||{options}"
                yield (
                    illustration_base + illustration + 1,
                    str(r % 40 + 1),
                    r,
                    part_base + rng.randrange(parts) + 1,
                    "1.00",
                    "",
                    "",
                    "",
                    series,
                    "",
                    engine,
                    start,
                    None,
                    options,
                    key + f"|{r}",
                )

        written = copy_rows(
            cursor,
            "parts_partusage",
            [
                "illustration_id",
                "position",
                "sort",
                "part_id",
                "quantity",
                "note",
                "note_da",
                "brand",
                "series",
                "model_code",
                "engine",
                "produced_from",
                "produced_until",
                "options",
                "validity_key",
            ],
            usage_rows(),
        )
        log(f"load: {written:,} parts rows")
        for table in (
            "parts_maingroup",
            "parts_subgroup",
            "parts_illustration",
            "parts_part",
            "parts_partusage",
            "parts_partprice",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    log(f"load: done in {time.perf_counter() - started:.0f} s (with VACUUM ANALYZE)")


# --- measuring -----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process on this machine (the database backend): what a
    request costs the database, however long it waited for a CPU."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    samples: int, warmup: int, rng: random.Random
) -> dict[str, tuple[float, float, float, float, float]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from aftersales import clock
    from aftersales.accounts.models import User
    from aftersales.parts import numbers
    from aftersales.parts.models import Part, PartUsage
    from aftersales.parts.selectors import part_search, vehicle_tree
    from aftersales.vehicles.models import Vehicle

    user = User.objects.get(email="motorhj@mail.dk")
    client = Client()
    client.force_login(user)
    vehicles = list(Vehicle.objects.filter(series__in={s for s, _m, _e in vehicle_types()}))
    max_part = Part.objects.order_by("-id").values_list("id", flat=True).first() or 1
    today = clock.today()

    def tree_page(vehicle: Vehicle) -> None:
        response = client.get(reverse("parts:vehicle", kwargs={"vin": vehicle.vin}))
        assert response.status_code == 200, response.status_code

    def random_number() -> str:
        while True:
            part = Part.objects.filter(id__gte=rng.randrange(1, max_part)).only("number").first()
            if part is not None:
                return numbers.display(part.number) if len(part.number) == 11 else part.number

    def search_page(vehicle: Vehicle, number: str) -> None:
        response = client.get(reverse("parts:search", kwargs={"vin": vehicle.vin}), {"q": number})
        assert response.status_code == 200, response.status_code

    results: dict[str, list[float]] = {k: [] for k in ("tree", "tree_sel", "search", "search_sel")}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend_pid = cursor.fetchone()[0]
    # CPU seconds of this process and of the database backend serving it, per measurement.
    cpu: dict[str, list[float]] = {key: [0.0, 0.0] for key in results}

    def cpu_timed(key: str, function: Callable[[], object]) -> float:
        python, database = time.process_time(), cpu_seconds(backend_pid)
        elapsed = timed(function)
        cpu[key][0] += time.process_time() - python
        cpu[key][1] += cpu_seconds(backend_pid) - database
        return elapsed

    for round_ in range(warmup + samples):
        vehicle = rng.choice(vehicles)
        number = random_number()
        if round_ == warmup:
            cpu = {key: [0.0, 0.0] for key in results}
        values = {
            "tree": cpu_timed("tree", lambda v=vehicle: tree_page(v)),
            "tree_sel": cpu_timed("tree_sel", lambda v=vehicle: vehicle_tree(vehicle=v)),
            "search": cpu_timed("search", lambda v=vehicle, n=number: search_page(v, n)),
            "search_sel": cpu_timed(
                "search_sel",
                lambda v=vehicle, n=number: part_search(
                    vehicle=v, query=n, organisation=user.organisation, today=today
                ),
            ),
        }
        if round_ >= warmup:
            for key, value in values.items():
                results[key].append(value)
    vehicle = Vehicle.objects.get(vin="WBAUV71070A193748")
    with CaptureQueriesContext(connection) as queries:
        tree_page(vehicle)
    tree_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        search_page(vehicle, "11 42 7 508 969")
    search_queries = len(queries)
    sizes = [sum(len(e.subgroups) for e in vehicle_tree(vehicle=v)) for v in vehicles[:10]]
    log(
        f"{PartUsage.objects.count():,} parts rows, {Part.objects.count():,} parts; "
        f"{len(vehicles)} vehicles, {statistics.mean(sizes):.0f} subgroups in a tree on average; "
        f"queries: tree page {tree_queries}, search page {search_queries}"
    )
    return {
        key: (
            percentile(v, 50),
            percentile(v, 95),
            statistics.mean(v),
            cpu[key][0] * 1000 / samples,
            cpu[key][1] * 1000 / samples,
        )
        for key, v in results.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--import-lines", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database of an earlier run again (no import, no load)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.reuse:
        setup_django(args.database_url, fresh=False)
        imported = {"first": 0.0, "again": 0.0}
    else:
        ensure_database(args.database_url)
        setup_django(args.database_url)
        imported = bench_import(args.import_lines, rng)
        grow(args.rows, rng)
    figures = measure(args.samples, args.warmup, rng)
    print()
    print(f"Parts benchmark: import of {args.import_lines:,} lines, then {args.rows:,} parts rows")
    print(f"  import, empty catalogue:  {imported['first']:7.1f} s   (target < 60 s)")
    print(f"  import, same file again:  {imported['again']:7.1f} s")
    print(f"{'':34}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'CPU: Python':>13}{'database':>10}")
    labels = {
        "tree": "tree page (full stack)",
        "tree_sel": "  vehicle_tree() alone",
        "search": "part-number search page",
        "search_sel": "  part_search() alone",
    }
    for key, label in labels.items():
        p50, p95, mean, python, database = figures[key]
        print(f"{label:34}{p50:9.2f}{p95:9.2f}{mean:9.2f}{python:13.2f}{database:10.2f}")
    print(f"load average {os.getloadavg()[0]:.1f}")
    from django.conf import settings  # the cache is CACHE_URL's: the database's when unset

    print(f"cache {settings.CACHES['default']['BACKEND']}, sessions {settings.SESSION_ENGINE}")
    met = imported["first"] < 60 and figures["tree"][1] < 50 and figures["search"][1] < 50
    print(
        f"targets (import < 60 s, tree and search pages p95 < 50 ms): {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
