"""Running at scale: the figures behind README.md, "Running at scale" (bench/README.md).

1. Replication lag: a throwaway PostgreSQL primary and its streaming replica on loopback
   (tests/operations/streaming_pair.py), a writer committing 1,000-row batches all along, and
   how long each of 300 small commits takes to become visible on the replica.
2. A database connection per request: a new connection (CONN_MAX_AGE=0, no pool), a checkout
   from psycopg's pool (DATABASE_POOL), a kept connection (CONN_MAX_AGE>0), each + SELECT 1.
3. Shared state: a rate-limit counter hit (Redis INCR against the database upsert) and a session
   load (cached_db from Redis against the database) through the portal's own code.
4. The replica rule itself: the router's decision per query.

    .venv/bin/python bench/scaleout_bench.py

The database server is BENCH_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/...);
the script migrates a database of its own there once (aftersales_scaleout_bench, about a
minute), uses Redis database 3 at 127.0.0.1:6379 (BENCH_REDIS_URL) under a key prefix of its
own, and removes the throwaway cluster afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "aftersales_scaleout_bench"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
PREFIX = f"scaleout-bench-{uuid.uuid4().hex[:8]}"


def server_url(database: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + database


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return (
        f"p50 {statistics.median(ordered):7.3f}  p95 {p95:7.3f}  max {ordered[-1]:7.3f}  "
        f"(n={len(ordered)})"
    )


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def prepare_database() -> None:
    """The bench's migrated database (once; reused afterwards)."""
    with psycopg.connect(server_url("postgres"), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE}")
    os.environ.update(
        DATABASE_URL=server_url(DATABASE),
        CACHE_URL=REDIS,
        DEBUG="false",
        SECRET_KEY="bench-only-" + "k" * 50,
        LOCAL_TRIAL="true",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aftersales.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    settings.CACHES["default"]["KEY_PREFIX"] = PREFIX  # before the cache is first used
    print(f"migrating {DATABASE} ({'once, about a minute' if not exists else 'up to date'}) ...")
    call_command("migrate", verbosity=0)


def replication_lag(samples: int) -> list[float]:
    from tests.operations.streaming_pair import start_pair

    pair = start_pair(server_url(DATABASE))
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        with pair.connect(pair.primary_port) as primary:
            primary.execute("CREATE TABLE bench_load (id bigserial PRIMARY KEY, payload text)")
            while not stop.is_set():
                primary.execute(
                    "INSERT INTO bench_load (payload) "
                    "SELECT repeat(md5(g::text), 4) FROM generate_series(1, 1000) g"
                )
                written[0] += 1000

    try:
        thread = threading.Thread(target=writer)
        thread.start()
        lags = []
        with pair.connect(pair.primary_port) as primary, pair.connect(pair.replica_port) as replica:
            primary.execute("CREATE TABLE bench_marker (id bigserial PRIMARY KEY)")
            pair.caught_up()
            started = time.monotonic()
            for _ in range(samples):
                primary.execute("INSERT INTO bench_marker DEFAULT VALUES")
                committed = time.perf_counter()
                (lsn,) = primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()  # type: ignore[misc]
                while not replica.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]
                ).fetchone()[0]:  # type: ignore[index]
                    time.sleep(0.0005)
                lags.append((time.perf_counter() - committed) * 1000)
                time.sleep(0.01)
            seconds = time.monotonic() - started
        stop.set()
        thread.join()
        print(f"  writer load meanwhile: {written[0] / seconds:,.0f} rows/s in 1,000-row commits")
        return lags
    finally:
        stop.set()
        pair.stop()


def connection_costs(repeat: int) -> dict[str, list[float]]:
    from psycopg_pool import ConnectionPool

    url = server_url(DATABASE)

    def fresh() -> None:
        with psycopg.connect(url) as connection:
            connection.execute("SELECT 1").fetchone()

    pool = ConnectionPool(url, min_size=2, max_size=4, open=True)
    pool.wait()

    def pooled() -> None:
        with pool.connection() as connection:
            connection.execute("SELECT 1").fetchone()

    kept_connection = psycopg.connect(url, autocommit=True)

    def kept() -> None:
        kept_connection.execute("SELECT 1").fetchone()

    result = {
        "new connection per request (CONN_MAX_AGE=0)": timed(fresh, repeat),
        "psycopg pool checkout (DATABASE_POOL)": timed(pooled, repeat),
        "kept connection (CONN_MAX_AGE>0)": timed(kept, repeat),
    }
    pool.close()
    kept_connection.close()
    return result


def shared_state(repeat: int) -> dict[str, list[float]]:
    from django.conf import settings
    from django.contrib.sessions.backends import cached_db, db

    from aftersales.portal.counters import counter_hit

    result = {}
    redis_url = settings.REDIS_URL
    result["counter hit: Redis INCR"] = timed(lambda: counter_hit("bench:redis", 60), repeat)
    settings.REDIS_URL = ""
    result["counter hit: database upsert"] = timed(lambda: counter_hit("bench:db", 60), repeat)
    settings.REDIS_URL = redis_url

    for name, engine in (("cached_db, Redis", cached_db), ("database", db)):
        store = engine.SessionStore()
        store["_auth_user_id"] = "1"
        store["payload"] = "x" * 200
        store.create()
        key = store.session_key
        cached_db.SessionStore(key).load()  # in the cache, as after the log-on
        result[f"session load: {name}"] = timed(
            lambda e=engine, k=key: e.SessionStore(k).load(), repeat
        )
        store.delete()
    from aftersales.portal.models import RateCounter

    RateCounter.objects.filter(key__startswith="bench:").delete()
    import redis

    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(f"{PREFIX}:*"):  # the bench's keys, nobody else's
        client.delete(key)
    return result


def router_cost(repeat: int) -> list[float]:
    """Microseconds per decision, inside a read-only request that reads from a replica."""
    from aftersales.accounts.models import User
    from aftersales.operations import replicas

    router = replicas.ReplicaRouter()
    token = replicas._routing.set(replicas.RequestRouting(replica="replica_1"))
    try:
        assert router.db_for_read(User) == "replica_1"
        return [ms * 1000 for ms in timed(lambda: router.db_for_read(User), repeat)]
    finally:
        replicas._routing.reset(token)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=300, help="replication lag samples")
    parser.add_argument("--repeat", type=int, default=2000, help="calls per timed operation")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    prepare_database()

    print("\n1. replication lag, loopback streaming replica, ms from commit to visible:")
    print("  " + figures(replication_lag(args.samples)))

    print("\n2. a database connection per request, ms (SELECT 1 included):")
    for name, samples in connection_costs(args.repeat // 4).items():
        print(f"  {name:48} {figures(samples)}")

    print("\n3. shared state, ms per call:")
    for name, samples in shared_state(args.repeat).items():
        print(f"  {name:48} {figures(samples)}")

    print("\n4. the replica router's decision, µs per query:")
    print("  " + figures(router_cost(args.repeat * 10)))
    print(f"\nload average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
