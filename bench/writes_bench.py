#!/usr/bin/env python
"""Writes benchmark: service entries stored through the API by the production server.

Creates its own database (default `aftersales_bench_writes`, dropped and created on every run):
migrate, the demo data (the workshop user motorhj@mail.dk, the applications, the CBS catalogue),
a write token for that user and the bench's vehicles (G20 330i, engine oil applies). Then starts
`manage.py serve` (the supervisor of `./dev serve`: gunicorn with WEB_CONCURRENCY workers of
WEB_THREADS threads, 2 x 4 as `./dev serve` starts it on 2 cores, plus the task worker) on its
own port in the production settings (DEBUG off, LOCAL_TRIAL for plain http on 127.0.0.1, API_RATE_LIMIT raised so that the limit is not what is measured) and runs:

  different  N clients (threads, one keep-alive connection each), each on a vehicle of its own,
             POST /api/v1/vehicles/{vin}/service-entries with a rising mileage, for S seconds
  same       N clients on one vehicle, each posting a mileage of its own that rises

Every rule runs as for a workshop (token, application access, consent, positions, dates, the
mileage rules SH-0003/SH-0004, the vehicle row lock, the trust chain, the audit log). Afterwards
it counts the entries in the database against the 201 answers (nothing lost, nothing extra),
checks that on the shared vehicle the stored mileages never go down in storing order and that
the central mileage is the highest stored one, and verifies every vehicle's hash chain. Prints
entries/s, p50/p95/p99 latency, the answers by status, the CPU time per stored entry of the
gunicorn workers, of the database's PostgreSQL backends and of the whole machine (from /proc),
and the load average. On the shared
vehicle a client whose mileage was overtaken by another's is refused SH-0003 (the rule holds):
counted as refused, not as an error. Exit status 0 when the targets are met (>= 300 entries/s
on different vehicles, no error, nothing lost, chains intact).

  .venv/bin/python bench/writes_bench.py                      # 16 clients, 20 s each phase
  .venv/bin/python bench/writes_bench.py --cache-url redis://127.0.0.1:6379/6 --pool 2:8
  .venv/bin/python bench/writes_bench.py --seconds 30 --workers 3 --threads 1  # sync workers

BENCH_WRITES_DATABASE_URL (or --database-url) names the database.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchdb import database_recreate  # noqa: E402  (beside this file)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_bench_writes"
TARGET_PER_SECOND = 300
USER_EMAIL = "motorhj@mail.dk"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def load_average() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def environment(
    url: str, port: int, workers: int, cache_url: str = "", threads: int = 4, pool: str = ""
) -> dict[str, str]:
    extra = {"CACHE_URL": cache_url, "REDIS_URL": cache_url} if cache_url else {}
    extra["WEB_THREADS"] = str(threads)
    if pool:
        extra["DATABASE_POOL"] = pool
    return {
        **os.environ,
        **extra,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "aftersales.settings",
        "DEBUG": "false",
        "LOCAL_TRIAL": "true",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "SERVE_PID_FILE": str(ROOT / "var" / "bench" / f"serve-writes-{port}.pid"),
        "API_RATE_LIMIT": "1000000/min",
        "LOG_LEVEL": "ERROR",
    }


def fresh_database(url: str) -> None:
    database_recreate(url)


def prepare(clients: int) -> tuple[str, list[str], str, str]:
    """(token, one VIN per client, the shared VIN, the warm-up VIN) in the migrated database
    with demo data."""
    import django

    django.setup()
    from django.core.management import call_command

    from aftersales.accounts.models import User
    from aftersales.api.models import ApiToken
    from aftersales.api.services import token_create
    from aftersales.vehicles.services import vehicles_import_records
    from aftersales.vehicles.vin import with_check_digit

    log("migrate + demo data")
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    user = User.objects.get(email=USER_EMAIL)
    _token, secret = token_create(actor=user, name="writes bench", scope=ApiToken.Scope.WRITE)
    vins = [with_check_digit(f"WBA5R1100LW{900000 + n:06d}") for n in range(clients + 2)]
    result = vehicles_import_records(
        records=[
            {
                "vin": vin,
                "model_designation": "330i",
                "model_code": "5R11",
                "series": "G20",
                "engine_type": "B48",
                "production_date": "2020-03-01",
                "mileage_km": 10_000,
                "mileage_recorded_on": "2024-01-01",
            }
            for vin in vins
        ]
    )
    assert not result.rejected, result.rejected
    return secret, vins[:clients], vins[clients], vins[clients + 1]


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "serve"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 300
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"manage.py serve ended with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/health/")
                if connection.getresponse().status in (200, 503):
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit("the server did not answer within 300 s")
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Client(threading.Thread):
    """Posts entries for one VIN until `stop`; mileage start + step * n."""

    def __init__(
        self, *, port: int, token: str, vin: str, start: int, step: int, stop: threading.Event
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.token, self.vin = port, token, vin
        self.mileage, self.step, self.stop = start, step, stop
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.stored: list[int] = []  # mileages answered 201

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        today = datetime.date.today().isoformat()
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        path = f"/api/v1/vehicles/{self.vin}/service-entries"
        while not self.stop.is_set():
            body = json.dumps(
                {
                    "mileage": str(self.mileage),
                    "maintenance_date": today,
                    "positions": ["engine_oil"],
                    "consent": True,
                    "comment": "",
                }
            )
            started = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.count(f"connection: {type(error).__name__}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
            self.latencies.append(time.perf_counter() - started)
            if response.status == 201:
                self.count("201")
                self.stored.append(self.mileage)
            else:
                code = ""
                with contextlib.suppress(ValueError, AttributeError):
                    code = json.loads(payload).get("code", "")
                self.count(f"{response.status} {code}".strip())
            self.mileage += self.step

    def count(self, key: str) -> None:
        self.statuses[key] = self.statuses.get(key, 0) + 1


def phase(
    *, port: int, token: str, vins: list[str], seconds: float, label: str
) -> tuple[list[Client], float]:
    stop = threading.Event()
    shared = len(set(vins)) == 1
    clients = [
        Client(
            port=port,
            token=token,
            vin=vin,
            # On the shared vehicle each client's mileages interleave with the others'.
            start=20_000 + (index if shared else 0),
            step=len(vins) if shared else 1,
            stop=stop,
        )
        for index, vin in enumerate(vins)
    ]
    log(f"{label}: {len(clients)} clients for {seconds:.0f} s ({load_average()})")
    started = time.perf_counter()
    for client in clients:
        client.start()
    time.sleep(seconds)
    stop.set()
    for client in clients:
        client.join(120)
    return clients, time.perf_counter() - started


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command line, CPU seconds used) of every process we may read."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime
        found[int(entry.name)] = (int(fields[1]), command, cpu)
    return found


def cpu_sample(server_pid: int, database: str) -> dict[str, float]:
    """CPU seconds used so far by the web server's processes (the gunicorn workers, under the
    supervisor) and by the PostgreSQL backends of the bench's database; the machine's busy
    time over all cores."""
    processes = _processes()
    tree = {server_pid}
    grown = True
    while grown:
        children = {pid for pid, (parent, _c, _u) in processes.items() if parent in tree}
        grown = not children <= tree
        tree |= children
    web = sum(
        cpu
        for pid, (_p, command, cpu) in processes.items()
        if pid in tree and "gunicorn" in command
    )
    backends = sum(
        cpu
        for _p, command, cpu in processes.values()
        if command.startswith("postgres: ") and f" {database} " in command
    )
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    busy = (sum(fields) - fields[3] - fields[4]) / CLOCK_TICKS  # all but idle and iowait
    return {"web": web, "postgres": backends, "machine": busy}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if values else 0


def report(
    label: str, clients: list[Client], elapsed: float, load: str, cpu: dict[str, float]
) -> dict[str, object]:
    from aftersales.servicehistory.models import ServiceEntry
    from aftersales.vehicles.models import Vehicle

    statuses: dict[str, int] = {}
    for client in clients:
        for key, count in client.statuses.items():
            statuses[key] = statuses.get(key, 0) + count
    latencies = [value for client in clients for value in client.latencies]
    answered_201 = statuses.get("201", 0)
    vins = sorted({client.vin for client in clients})
    in_db = ServiceEntry.objects.filter(vehicle__vin__in=vins).count()
    refused = sum(count for key, count in statuses.items() if key.startswith("4"))
    errors = sum(count for key, count in statuses.items() if not key.startswith(("201", "4")))
    problems: list[str] = []
    if in_db != answered_201:
        problems.append(f"{answered_201} answered 201 but {in_db} stored")
    if label == "different" and refused:
        problems.append(f"{refused} refused on vehicles of their own")
    for vin in vins:
        stored = list(
            ServiceEntry.objects.filter(vehicle__vin=vin)
            .order_by("id")
            .values_list("mileage_km", flat=True)
        )
        if any(later < earlier for earlier, later in zip(stored, stored[1:], strict=False)):
            problems.append(f"{vin}: a stored mileage goes down")
        vehicle = Vehicle.objects.get(vin=vin)
        if stored and vehicle.mileage_km != max(stored):
            problems.append(f"{vin}: central mileage {vehicle.mileage_km} != {max(stored)}")
    return {
        "label": label,
        "clients": len(clients),
        "vehicles": len(vins),
        "seconds": elapsed,
        "stored": answered_201,
        "per_second": answered_201 / elapsed,
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "statuses": statuses,
        "refused": refused,
        "errors": errors,
        "problems": problems,
        "load": load,
        # CPU ms per stored entry: gunicorn workers, PostgreSQL backends, the whole machine.
        "cpu": {key: value * 1000 / max(answered_201, 1) for key, value in cpu.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=4, help="gunicorn threads a worker (1: sync workers)"
    )
    parser.add_argument("--pool", default="", help="DATABASE_POOL of the server, e.g. 2:4")
    parser.add_argument(
        "--cache-url", default="", help="CACHE_URL (and REDIS_URL) of the server, e.g. Redis"
    )
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_WRITES_DATABASE_URL", DEFAULT_URL)
    )
    args = parser.parse_args()
    env = environment(
        args.database_url, args.port, args.workers, args.cache_url, args.threads, args.pool
    )
    os.environ.update(env)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    log(f"fresh database ({load_average()})")
    fresh_database(args.database_url)
    token, own_vins, shared_vin, warm_vin = prepare(args.clients)
    from django.db import connections

    connections.close_all()
    log(
        f"starting manage.py serve on port {args.port} with {args.workers} gunicorn workers, "
        f"{args.threads} threads, pool {args.pool or 'none'}, cache {args.cache_url or 'default'}"
    )
    server = Server(env, args.port)
    results = []
    try:
        # Warm-up: each worker imports the application and opens its connection.
        phase(port=args.port, token=token, vins=[warm_vin] * 4, seconds=5, label="warm-up")
        for label, vins in (("different", own_vins), ("same", [shared_vin] * args.clients)):
            load = load_average()
            database = args.database_url.rsplit("/", 1)[-1]
            before = cpu_sample(server.process.pid, database)
            clients, elapsed = phase(
                port=args.port, token=token, vins=vins, seconds=args.seconds, label=label
            )
            after = cpu_sample(server.process.pid, database)
            used = {key: after[key] - before[key] for key in before}
            results.append(report(label, clients, elapsed, load, used))
    finally:
        server.stop()

    from aftersales.trust.verification import verify_all

    outcome = verify_all(records=True)
    print()
    print(
        "| clients on | clients | seconds | stored | entries/s | p50 ms | p95 ms | p99 ms "
        "| refused (rule) | errors | lost/extra | load before |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for row in results:
        where = "own vehicles" if row["label"] == "different" else "one vehicle"
        print(
            f"| {where} | {row['clients']} | {row['seconds']:.1f} | {row['stored']} | "
            f"{row['per_second']:.0f} | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} | "
            f"{row['refused']} | {row['errors']} | {'; '.join(row['problems']) or 'none'} | "
            f"{row['load']} |"
        )
    for row in results:
        cpu = row["cpu"]
        assert isinstance(cpu, dict)
        print(
            f"{row['label']}: answers {row['statuses']}; CPU ms per stored entry: gunicorn "
            f"{cpu['web']:.1f}, PostgreSQL backends {cpu['postgres']:.1f}, whole machine "
            f"{cpu['machine']:.1f} (all processes, the clients too)"
        )
    print(
        f"chains: {outcome.vehicles} vehicles, {outcome.links} links verified, "
        f"{len(outcome.breaks)} breaks; after: {load_average()}; "
        f"gunicorn workers {args.workers}, threads {args.threads}, pool {args.pool or 'none'}, "
        f"cache {args.cache_url or 'default (database)'}"
    )
    different = results[0]
    met = (
        different["per_second"] >= TARGET_PER_SECOND  # type: ignore[operator]
        and all(not row["errors"] and not row["problems"] for row in results)
        and not outcome.breaks
    )
    print(f"target >= {TARGET_PER_SECOND}/s, no error, nothing lost: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
