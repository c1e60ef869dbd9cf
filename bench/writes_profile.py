#!/usr/bin/env python
"""Where one stored service entry goes: SQL queries and CPU of `POST …/service-entries`.

In-process (`django.test.Client`, production settings: DEBUG off) on a database of its own
(default `aftersales_bench_writes_profile`, created and loaded with the writes bench's data on
the first run, reused afterwards). Posts `--warm` entries first (imports, caches, prepared
connection), then:

- one request under `CaptureQueriesContext`: the number of queries and each query (`--sql`);
- `--entries` requests timed: wall and process CPU per entry;
- with `--profile N`: cProfile of N requests, the top functions by cumulative time.

  .venv/bin/python bench/writes_profile.py                         # counts and CPU
  .venv/bin/python bench/writes_profile.py --sql --profile 50      # the queries, the profile
  .venv/bin/python bench/writes_profile.py --cache-url redis://127.0.0.1:6379/6

The figures are for the bench's request (engine oil, today, a rising mileage, consent).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_bench_writes_profile"


# (file, function) whose cumulative CPU time is shown per entry.
PARTS = {
    "whole request (test client)": ("django/test/client.py", "request"),
    "Django handler: middleware + view": ("django/core/handlers/base.py", "get_response"),
    "ninja operation: auth, parse, view, response": ("ninja/operation.py", "run"),
    "token check": ("aftersales/api/auth.py", "authenticate"),
    "rate limit": ("aftersales/api/auth.py", "allow_request"),
    "view": ("servicehistory/api/vehicles.py", "create_service_entry"),
    "require_application (access check)": ("aftersales/api/auth.py", "require_application"),
    "resolve_vehicle": ("aftersales/api/common.py", "resolve_vehicle"),
    "service_entry_store": ("servicehistory/services.py", "service_entry_store"),
    "  rules (service_entry_check)": ("servicehistory/services.py", "service_entry_check"),
    "  order_build": ("aftersales/orders/selectors.py", "order_build"),
    "  lines store": ("servicehistory/services.py", "entry_lines_store"),
    "  receivers (chain, reading, campaigns, programming)": (
        "django/dispatch/dispatcher.py",
        "send",
    ),
    "  chain link": ("aftersales/trust/chain.py", "link_append"),
    "  mileage reading": ("aftersales/vehicles/readings.py", "mileage_reading_record"),
    "response body (presenters)": ("servicehistory/api/presenters.py", "entry_detail_out"),
    "ninja response (schema validation, JSON)": ("ninja/operation.py", "_result_to_response"),
    "SQL compile (ORM)": ("django/db/models/sql/compiler.py", "as_sql"),
    "SQL execute (psycopg + Django wrappers)": ("django/db/backends/utils.py", "execute"),
    "model instances from rows": ("django/db/models/base.py", "from_db"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--cache-url", default="", help="CACHE_URL of the portal (e.g. Redis)")
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0, help="cProfile this many requests")
    parser.add_argument("--top", type=int, default=0, help="print the top N functions")
    parser.add_argument("--sql", action="store_true", help="print the queries of one request")
    parser.add_argument("--reload", action="store_true", help="drop and load the database")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "bench"))
    import writes_bench

    os.environ.update(writes_bench.environment(args.database_url, 0, 1, args.cache_url))
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(args.database_url)["dbname"]
    with psycopg.connect(make_conninfo(args.database_url, dbname="postgres"), autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    marker = ROOT / "var" / "bench" / f"{name}.json"
    if args.reload or not exists or not marker.exists():
        writes_bench.fresh_database(args.database_url)
        token, vins, _shared, _warm = writes_bench.prepare(2)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"token": token, "vin": vins[0]}))
    else:
        import django

        django.setup()
    data = json.loads(marker.read_text())
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from aftersales.servicehistory.models import ServiceEntry

    client = Client(HTTP_AUTHORIZATION=f"Bearer {data['token']}", HTTP_HOST="127.0.0.1")
    path = f"/api/v1/vehicles/{data['vin']}/service-entries"
    today = datetime.date.today().isoformat()
    mileage = 20_000 + ServiceEntry.objects.filter(vehicle__vin=data["vin"]).count() + 1

    def post() -> None:
        nonlocal mileage
        body = {
            "mileage": str(mileage),
            "maintenance_date": today,
            "positions": ["engine_oil"],
            "consent": True,
            "comment": "",
        }
        response = client.post(path, json.dumps(body), content_type="application/json")
        if response.status_code != 201:
            raise SystemExit(f"{response.status_code}: {response.content[:500]!r}")
        mileage += 1

    for _ in range(args.warm):
        post()
    with CaptureQueriesContext(connection) as queries:
        post()
    print(f"queries per stored entry: {len(queries.captured_queries)}")
    if args.sql:
        for number, query in enumerate(queries.captured_queries, start=1):
            print(f"{number:3}. {query['sql'][:300]}")
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(args.entries):
        post()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"{args.entries} entries: {wall / args.entries * 1000:.2f} ms wall, "
        f"{cpu / args.entries * 1000:.2f} ms CPU of this process per entry "
        f"(load average {', '.join(f'{v:.2f}' for v in os.getloadavg())})"
    )
    # The floor: the same token, middleware and ninja for GET /api/v1/me (one query after the
    # token's), what any API request costs before its own work.
    # A GET may read from another alias (operations/replicas.py): count on every connection.
    captures = [CaptureQueriesContext(alias) for alias in connections.all()]
    for capture in captures:
        capture.__enter__()
    client.get("/api/v1/me")
    for capture in captures:
        capture.__exit__(None, None, None)
    floor_count = sum(len(capture.captured_queries) for capture in captures)
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(args.entries):
        if client.get("/api/v1/me").status_code != 200:
            raise SystemExit("GET /api/v1/me failed")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"floor GET /api/v1/me: {floor_count} queries, "
        f"{wall / args.entries * 1000:.2f} ms wall, {cpu / args.entries * 1000:.2f} ms CPU"
    )
    if args.profile:
        # CPU time of this process (not wall): waits for PostgreSQL do not count.
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.profile):
            post()
        profiler.disable()
        stats = pstats.Stats(profiler)
        print(f"CPU ms per entry under the profiler, by part ({args.profile} entries):")
        for part, (file, function) in PARTS.items():
            total = sum(
                cumulative
                for (path, _line, name), (_cc, _nc, _tt, cumulative, _callers) in (
                    stats.stats.items()  # type: ignore[attr-defined]
                )
                if path.endswith(file) and name == function
            )
            print(f"  {part:<44} {total / args.profile * 1000:7.2f}")
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
