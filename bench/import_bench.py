#!/usr/bin/env python
"""Vehicle import benchmark: `manage.py import_vehicles` on PostgreSQL, first import and again.

Generates a CSV of N vehicles (default 1 million) with options and CBS status, creates its own
database (default `aftersales_bench_import`, dropped and created on every run), migrates it and
loads the reference data (WMI table, CBS catalogue), then runs, each as its own process:

  first      manage.py import_vehicles FILE   into the empty database
  unchanged  manage.py import_vehicles FILE   again: every line known and unchanged

and prints, for each, the wall time, vehicles (lines) per second, the command's counts and the
peak resident memory of the import process (getrusage of the child), with the load average.
`--batches N` also times the batches method (the ORM path SQLite keeps) on the first N lines,
into a fresh database, for the ratio. Not part of the test suite.

  .venv/bin/python bench/import_bench.py                  # 1,000,000 lines
  .venv/bin/python bench/import_bench.py --lines 100000   # quick
  .venv/bin/python bench/import_bench.py --batches 20000  # plus the batches method on 20,000

BENCH_IMPORT_DATABASE_URL (or --database-url) names the database; the CSV is kept in var/bench/
and reused when it has the requested number of lines.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchdb import database_recreate  # noqa: E402  (beside this file)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_bench_import"
TARGET_FIRST = 50_000
TARGET_UNCHANGED = 100_000
TARGET_RSS_MB = 300
HEADER = [
    "vin",
    "model_designation",
    "model_code",
    "lead_model",
    "series",
    "engine_type",
    "brand",
    "color_code",
    "color_name",
    "upholstery_code",
    "upholstery_name",
    "gearbox_number",
    "engine_number",
    "production_date",
    "first_registration_date",
    "plant_integration_level",
    "mileage_km",
    "mileage_recorded_on",
    "number_of_keys",
    "key_system",
    "options",
    "cbs_status",
]
# (designation, model code, series, engine)
TYPES = [
    ("320d", "5V11", "G20", "B47"),
    ("330i", "5R11", "G20", "B48"),
    ("520d", "JF11", "G30", "B47"),
    ("X5 xDrive30d", "CR61", "G05", "B57"),
    ("Cooper S", "XP71", "F56", "B48"),
    ("335i", "UV81", "E91", "N54"),
]
COLOURS = [("475", "black-sapphire metallic"), ("C31", "Portimao blue metallic"), ("A96", "white")]
OPTIONS = [
    ("S2TB", "Sport automatic transmission"),
    ("S494A", "Seat heating driver/passenger"),
    ("S3AC", "Trailer tow hitch"),
    ("S5DF", "Active seat ventilation, front"),
    ("S6NW", "Navigation system Professional"),
    ("S4UR", "Ambient lighting"),
    ("S302A", "Alarm system"),
    ("S430A", "Interior and exterior mirrors with automatic anti-dazzle"),
]
RETROFITS = [("6WD", "WLAN hotspot"), ("6NR", "Smartphone holder")]
CBS = ["engine_oil", "brake_fluid", "vehicle_check", "front_brake", "rear_brake", "microfilter"]
PLANTS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def load_average() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def bench_vin(index: int) -> str:
    """Distinct, well-formed VINs (WBA + type BX.., plant letter, 6-digit serial), valid
    check digit, so that the import warns about none."""
    from aftersales.vehicles.vin import with_check_digit

    plant = PLANTS[index // 1_000_000 % len(PLANTS)]
    return with_check_digit(
        f"WBABX{index // 23_000_000 % 100:02d}00J{plant}{index % 1_000_000:06d}"
    )


def generate(path: Path, lines: int, *, seed: int = 14) -> None:
    """One vehicle a line; 0-5 options (2.5 on average, like the sample file) and 1-3 CBS
    positions with a due date and/or remaining distance."""
    rnd = random.Random(seed)
    start = datetime.date(2012, 1, 1)
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for index in range(lines):
            designation, model, series, engine = TYPES[index % len(TYPES)]
            colour, colour_name = COLOURS[index % len(COLOURS)]
            produced = start + datetime.timedelta(days=rnd.randrange(4000))
            registered = produced + datetime.timedelta(days=rnd.randrange(10, 200))
            options = [
                f"{code};factory;;{text}" for code, text in rnd.sample(OPTIONS, rnd.randrange(5))
            ]
            if rnd.random() < 0.5:
                code, text = rnd.choice(RETROFITS)
                options.append(
                    f"{code};retrofit;{registered + datetime.timedelta(days=400)};{text}"
                )
            cbs = [
                f"{position};{registered + datetime.timedelta(days=rnd.randrange(400, 1500))};"
                f"{rnd.choice(['', str(rnd.randrange(-500, 30000))])}"
                for position in rnd.sample(CBS, rnd.randrange(1, 4))
            ]
            writer.writerow(
                [
                    bench_vin(index),
                    designation,
                    model,
                    model,
                    series,
                    engine,
                    "",
                    colour,
                    colour_name,
                    "KHSW",
                    "Vernasca leather black",
                    f"{rnd.randrange(10**7):07d}",
                    f"{rnd.randrange(10**8):08d}",
                    produced.isoformat(),
                    registered.isoformat(),
                    f"{series}-{produced:%y-%m}-550",
                    rnd.randrange(1000, 250_000),
                    (registered + datetime.timedelta(days=rnd.randrange(30, 3000))).isoformat(),
                    rnd.choice([1, 2, 2, 3]),
                    "BMW Digital Key",
                    "|".join(options),
                    "|".join(cbs),
                ]
            )
    temporary.rename(path)


def ensure_file(lines: int) -> Path:
    directory = ROOT / "var" / "bench"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"vehicles-{lines}.csv"
    if not path.exists():
        log(f"generating {path} ({lines:,} lines)")
        started = time.perf_counter()
        generate(path, lines)
        log(f"generated in {time.perf_counter() - started:.0f} s")
    return path


def fresh_database(url: str) -> None:
    database_recreate(url)
    environment = command_environment(url)
    for command in (["migrate", "--verbosity", "0"], ["load_reference_data"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def command_environment(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "aftersales.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        "LOG_LEVEL": "ERROR",
    }


def timed_import(
    url: str, path: Path, *extra: str, log: Path | None = None
) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, the command's summary line) of one import process; with `log`,
    its statement timings (import_copy's DEBUG log) go to that file."""
    environment = command_environment(url)
    if log is not None:
        environment["LOG_LEVEL"] = "DEBUG"
    started = time.perf_counter()
    with open(log or os.devnull, "w") as errors:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_vehicles", str(path), *extra],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=errors if log is not None else None,
            text=True,
        )
        assert process.stdout is not None
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed ({status}): {output}")
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    return seconds, peak_mb, output.strip().splitlines()[-1] if output.strip() else ""


def head(path: Path, lines: int) -> Path:
    target = path.with_name(f"{path.stem}-head-{lines}.csv")
    if not target.exists():
        with path.open(encoding="utf-8") as source, target.open("w", encoding="utf-8") as out:
            for number, line in enumerate(source):
                if number > lines:
                    break
                out.write(line)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_IMPORT_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument(
        "--batches", type=int, default=0, help="also time the batches method on this many lines"
    )
    parser.add_argument(
        "--statements",
        action="store_true",
        help="log each statement's time (var/bench/import-<first|unchanged>.log) and print the "
        "slow ones",
    )
    args = parser.parse_args()
    os.environ.update(command_environment(args.database_url))
    import django

    django.setup()  # the VIN rules (check digit) of the generator
    path = ensure_file(args.lines)
    rows: list[tuple[str, int, float, float, str, str]] = []

    if args.batches:
        sample = head(path, args.batches)
        for method in ("batches", "copy"):
            log(f"fresh database; {method} method, {args.batches:,} lines")
            fresh_database(args.database_url)
            before = load_average()
            seconds, peak, summary = timed_import(
                args.database_url, sample, "--no-progress", "--method", method
            )
            rows.append((f"{method} (first)", args.batches, seconds, peak, summary, before))

    log("fresh database (migrate, reference data)")
    fresh_database(args.database_url)
    # The command's fixed cost (Python and Django start-up, reference data, the transaction)
    # on a file with the header only: part of every figure below, whatever the file's size.
    empty = path.with_name("vehicles-0.csv")
    empty.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    startup, _peak, _summary = timed_import(args.database_url, empty, "--no-progress")
    log(f"fixed cost (header-only file): {startup:.1f} s")
    for label in ("first", "unchanged"):
        log(f"import {label}: {args.lines:,} lines")
        before = load_average()
        statements = path.with_name(f"import-{label}.log") if args.statements else None
        seconds, peak, summary = timed_import(
            args.database_url, path, "--no-progress", log=statements
        )
        rows.append((label, args.lines, seconds, peak, summary, before))
        log(f"  {seconds:.1f} s, {args.lines / seconds:,.0f} vehicles/s, peak RSS {peak:.0f} MB")
        if statements is not None:
            for line in statements.read_text().splitlines():
                if "import_copy" in line and not line.split("import_copy", 1)[1].strip(
                    ": "
                ).startswith("0.0"):
                    log("    " + line.split("import_copy", 1)[1].strip(": ")[:100])

    print()
    print(f"| import | lines | seconds | vehicles/s | peak RSS MB | {'result':<40} | load before |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    for label, lines, seconds, peak, summary, before in rows:
        print(
            f"| {label} | {lines:,} | {seconds:.1f} | {lines / seconds:,.0f} | {peak:.0f} | "
            f"{summary} | {before} |"
        )
    print(f"fixed cost of one run (start-up etc., a header-only file): {startup:.1f} s")
    print(
        f"after: {load_average()}; own CPU (children) "
        f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:.0f} s user"
    )
    first = next(row for row in rows if row[0] == "first")
    again = next(row for row in rows if row[0] == "unchanged")
    met = (
        first[1] / first[2] >= TARGET_FIRST
        and again[1] / again[2] >= TARGET_UNCHANGED
        and max(first[3], again[3]) <= TARGET_RSS_MB
    )
    print(
        f"targets: first >= {TARGET_FIRST:,}/s, unchanged >= {TARGET_UNCHANGED:,}/s, "
        f"peak RSS <= {TARGET_RSS_MB} MB: {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
