#!/usr/bin/env python
"""Trust of the record: how fast the chains verify, and what chaining adds to storing an entry.

Loads vehicles and service entries into a PostgreSQL database of its own (default
`aftersales_trust_bench`) with the Service history bench's loader (COPY), gives every entry two
order lines, chains everything with `chain_missing` (as `manage.py chain_history` does), then:

  verify links     verify_all(records=False): every link's hash over the one before, positions
  verify records   verify_all(): the same plus every payload rebuilt from the entry rows
  store            service_entry_create() for random vehicles, each in its own transaction,
                   alternately with and without the trust app's chain receiver connected: the
                   difference of the means is what chaining adds to storing one entry
  link_append      the chaining step alone (lock, head, read back, hash, insert)
  anchor proof     anchor_inclusion() for random vehicles against a published anchor over all
                   chains (what a certificate's verify page adds; recorded and rolled back),
                   first and again (the path is cached per anchor and vehicle)

and prints the figures with the targets (links >= 100,000 links/s; chaining < 2 ms an entry).

  .venv/bin/python bench/trust_bench.py                                   # 200k vehicles, 1M entries
  .venv/bin/python bench/trust_bench.py --vehicles 20000 --entries 100000   # quick

The database is reused when it holds the requested scale; --reload starts afresh.
BENCH_DATABASE_URL (or --database-url) names the server.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import service_history_bench as loader  # noqa: E402  (beside this file)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_trust_bench"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def setup_django(url: str) -> None:
    """The Service history bench's set-up; on a database loaded before, without loading the
    demo data again (it is there already)."""
    import psycopg

    with psycopg.connect(url) as conn:
        loaded = conn.execute("SELECT to_regclass('bench_meta') IS NOT NULL").fetchone()
    if not (loaded and loaded[0]):
        loader.setup_django(url)
        return
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="aftersales.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="ERROR",
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def load(args: argparse.Namespace) -> None:
    from django.db import connection

    from aftersales.trust.chain import chain_missing
    from aftersales.trust.models import ChainLink

    loader.load(args)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM servicehistory_serviceentryline WHERE entry_id = "
            "(SELECT max(id) FROM servicehistory_serviceentry)"
        )
        if not cursor.fetchone()[0]:
            log("two order lines per entry (INSERT ... SELECT on the server)")
            cursor.execute(
                """INSERT INTO servicehistory_serviceentryline
                     (entry_id, line_no, kind, number, description, quantity, unit,
                      unit_price_gross, gross_amount, reference)
                   SELECT id, n, 'SRP', CASE n WHEN 1 THEN '00 00 105' ELSE '11 00 530' END,
                          CASE n WHEN 1 THEN 'Standard scope' ELSE 'Engine oil service' END,
                          n * 1.5, 'FRU', 81.25, n * 1.5 * 81.25, ''
                     FROM servicehistory_serviceentry, generate_series(1, 2) AS n
                    WHERE id > (SELECT coalesce(max(entry_id), 0)
                                  FROM servicehistory_serviceentryline)"""
            )
            cursor.execute("ANALYZE servicehistory_serviceentryline")
    log("chaining every entry not chained yet (chain_missing, as manage.py chain_history)")
    started = time.perf_counter()
    written = chain_missing(batch_size=2000)
    seconds = time.perf_counter() - started
    log(f"{written:,} links written in {seconds:.0f} s; {ChainLink.objects.count():,} in all")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE trust_chainlink")


def verify(records: bool) -> float:
    from aftersales.trust.verification import verify_all

    started, started_cpu = time.perf_counter(), time.process_time()
    outcome = verify_all(records=records)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    if outcome.breaks:
        sys.exit(f"the bench chains do not verify: {outcome.breaks[:3]}")
    rate = outcome.links / seconds
    what = "links + records" if records else "links"
    log(
        f"verify {what}: {outcome.links:,} links of {outcome.vehicles:,} chains in "
        f"{seconds:.2f} s = {rate:,.0f} links/s (CPU {cpu:.2f} s of this process = "
        f"{outcome.links / cpu:,.0f} links per CPU second)"
    )
    return rate


def store_cost(args: argparse.Namespace) -> tuple[float, float, float]:
    """Mean ms of storing an entry with and without chaining, and of link_append alone."""
    from django.db import transaction

    from aftersales import clock
    from aftersales.accounts.models import User
    from aftersales.orders.drafts import OrderDraft
    from aftersales.servicehistory.models import ServiceEntry
    from aftersales.servicehistory.services import service_entry_create
    from aftersales.servicehistory.signals import entry_stored
    from aftersales.trust import receivers
    from aftersales.trust.canonical import Kind
    from aftersales.trust.chain import link_append
    from aftersales.vehicles.models import Vehicle

    user = User.objects.get(email="motorhj@mail.dk")
    rng = random.Random(args.seed)
    ids = list(
        Vehicle.objects.filter(vin__startswith=loader.BENCH_WMI_TYPE, series="G20").values_list(
            "pk", flat=True
        )[:50_000]
    )
    timings: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    today = clock.today().isoformat()

    class Rollback(Exception):
        pass

    for index in range(args.stores * 2):
        chained = index % 2 == 0
        if not chained:
            entry_stored.disconnect(
                receivers.chain_stored, sender=ServiceEntry, dispatch_uid="trust-chain-stored"
            )
        vehicle = Vehicle.objects.get(pk=rng.choice(ids))
        draft = OrderDraft(
            positions=["engine_oil"],
            mileage=str(vehicle.mileage_km + 100),
            maintenance_date=today,
            confirm_mileage_jump=True,
        )
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            with transaction.atomic():
                service_entry_create(
                    actor=user, vehicle=vehicle, draft=draft, consent=True, ip_address=None
                )
                timings[chained].append(time.perf_counter() - started)
                cpu[chained].append(time.process_time() - started_cpu)
                raise Rollback  # keep the bench data as it was
        except Rollback:
            pass
        finally:
            if not chained:
                receivers.connect()
    appends, appends_cpu = [], []
    entries = list(
        ServiceEntry.objects.filter(vehicle_id__in=ids[:5000]).values_list("pk", flat=True)[
            : args.stores
        ]
    )
    for pk in entries:
        entry = ServiceEntry.objects.get(pk=pk)
        try:
            with transaction.atomic():
                started, started_cpu = time.perf_counter(), time.process_time()
                link_append(entry=entry, kind=Kind.TRANSFERRED)
                appends.append(time.perf_counter() - started)
                appends_cpu.append(time.process_time() - started_cpu)
                raise Rollback
        except Rollback:
            pass
    from django.db import connection

    round_trips = []
    with connection.cursor() as cursor:
        for _ in range(200):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            round_trips.append(time.perf_counter() - started)
    log(
        f"one query round trip (SELECT 1): median {statistics.median(round_trips) * 1000:.2f} ms"
        f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    warm = args.stores // 10  # the first stores warm caches and connections
    with_chain = statistics.mean(timings[True][warm:]) * 1000
    without = statistics.mean(timings[False][warm:]) * 1000
    append = statistics.mean(appends[warm:]) * 1000
    log(
        f"store an entry: {with_chain:.2f} ms with chaining, {without:.2f} ms without "
        f"(p50 {statistics.median(timings[True]) * 1000:.2f} / "
        f"{statistics.median(timings[False]) * 1000:.2f} ms) over {args.stores} each"
    )
    log(
        f"link_append alone: mean {append:.2f} ms, p95 "
        f"{loader.percentile([a * 1000 for a in appends], 95):.2f} ms"
    )
    cpu_added = (statistics.mean(cpu[True][warm:]) - statistics.mean(cpu[False][warm:])) * 1000
    cpu_append = statistics.mean(appends_cpu[warm:]) * 1000
    log(
        f"CPU time of this process: chaining adds {cpu_added:.2f} ms to a store, link_append "
        f"takes {cpu_append:.2f} ms (wall time also counts waiting for a CPU and the server)"
    )
    return with_chain - without, cpu_added, append


def proof_cost(args: argparse.Namespace) -> float:
    """Mean ms of anchor_inclusion() (the verify page's proof) over every chain; the anchor and
    its publication are rolled back."""
    from django.db import transaction

    from aftersales.accounts.models import User
    from aftersales.trust.anchors import anchor_inclusion, anchor_record
    from aftersales.trust.models import AnchorPublication, ChainLink
    from aftersales.vehicles.models import Vehicle

    class Rollback(Exception):
        pass

    rng = random.Random(args.seed)
    ids = list(ChainLink.objects.values_list("vehicle_id", flat=True).distinct()[:50_000])
    timings, cpu, again, size = [], [], [], 0
    try:
        with transaction.atomic():
            # A day of its own: the demo data has published today's anchor already.
            anchor = anchor_record(day=datetime.date(2999, 12, 31))
            AnchorPublication.objects.create(
                anchor=anchor, published_by=User.objects.get(email="motorhj@mail.dk")
            )
            for _ in range(args.proofs):
                vehicle = Vehicle.objects.get(pk=rng.choice(ids))
                started, started_cpu = time.perf_counter(), time.process_time()
                proof = anchor_inclusion(vehicle=vehicle, sequence=1)
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
                if proof is None or not proof.verifies:
                    sys.exit(f"no valid proof for {vehicle.vin}")
                size = proof.size
                started = time.perf_counter()
                anchor_inclusion(vehicle=vehicle, sequence=1)  # again: the path is cached
                again.append(time.perf_counter() - started)
            raise Rollback
    except Rollback:
        pass
    mean = statistics.mean(timings) * 1000
    log(
        f"anchor proof over {size:,} chains: mean {mean:.0f} ms, p95 "
        f"{loader.percentile([t * 1000 for t in timings], 95):.0f} ms, CPU "
        f"{statistics.mean(cpu) * 1000:.0f} ms; the same certificate again (cached path) "
        f"{statistics.mean(again) * 1000:.1f} ms (load average {os.getloadavg()[0]:.1f})"
    )
    return mean


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--vehicles", type=int, default=200_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--stores", type=int, default=300, help="entries stored per variant")
    parser.add_argument("--proofs", type=int, default=20, help="anchor proofs timed")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--reload", action="store_true", help="drop the bench database first")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    loader.ensure_database(args.database_url, reload=args.reload)
    setup_django(args.database_url)
    load(args)
    links = verify(records=False)
    records = verify(records=True)
    added, cpu_added, append = store_cost(args)
    proof = proof_cost(args)
    print()
    print(f"verification, links only:    {links:>10,.0f} links/s   (target >= 100,000)")
    print(f"verification, with records:  {records:>10,.0f} links/s")
    print(
        f"chaining adds to a store:    {added:>10.2f} ms       (target < 2 ms;"
        f" link_append alone {append:.2f} ms)"
    )
    print(f"anchor proof (verify page):  {proof:>10.0f} ms")
    print(
        f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )
    return 0 if links >= 100_000 and added < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
