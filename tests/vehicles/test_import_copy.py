"""The vehicle import's copy method (PostgreSQL) against its batches method: the same files leave
the same data, the same counts, rejects and warnings; an import killed half-way and run again
ends where one uninterrupted run ends."""

from __future__ import annotations

import datetime
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from aftersales.vehicles.models import MileageReading, Vehicle, VehicleCbsStatus, VehicleOption
from aftersales.vehicles.services import ImportResult, mileage_reading_record, vehicles_import

from .factories import CbsPositionFactory, VehicleFactory, VehicleOptionFactory, vin_for

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    # ./dev deselects these on SQLite; run by hand there they say why instead of failing.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the copy method needs PostgreSQL"
    ),
]

HEADER = (
    "vin,model_designation,model_code,series,engine_type,brand,color_code,production_date,"
    "first_registration_date,mileage_km,mileage_recorded_on,number_of_keys,options,cbs_status\n"
)
NORTH_AMERICAN = vin_for(50, prefix="5UXCR6C00")


def csv_line(n: int, **cells: Any) -> str:
    values = {
        "vin": vin_for(n),
        "model_designation": "320i",
        "model_code": "8E91",
        "series": "F30",
        "engine_type": "B48",
        "brand": "",
        "color_code": "475",
        "production_date": "2018-03-14",
        "first_registration_date": "",
        "mileage_km": str(40_000 + n),
        "mileage_recorded_on": "2025-05-02",
        "number_of_keys": "",
        "options": "S494A;factory;;Seat heating|6NH;retrofit;2021-01-02;Navigation",
        "cbs_status": "engine_oil;2026-06-01;12000|brake_fluid;2027-01-01;",
    }
    values.update({key: str(value) for key, value in cells.items()})
    return ",".join(f'"{value}"' if "," in value else value for value in values.values()) + "\n"


FIRST = (
    HEADER
    + "".join(
        [
            *(csv_line(n) for n in range(1, 21)),
            csv_line(21, options="", cbs_status=""),  # no options, no CBS
            csv_line(22, mileage_km="0", mileage_recorded_on=""),  # no reading
            csv_line(23, mileage_recorded_on=""),  # a reading read now
            csv_line(24, vin="WBAUV71O70A193748"),  # rejected: O
            csv_line(25, production_date="22-09-2008"),  # rejected
            csv_line(26, vin=NORTH_AMERICAN[:8] + "9" + NORTH_AMERICAN[9:]),  # warning
            csv_line(27, color_code="30\x001"),  # PostgreSQL refuses the NUL character
            csv_line(28, cbs_status="flux_capacitor;;"),  # rejected
            csv_line(2, color_code="300", mileage_km="39000"),  # the same VIN again: lower, applied
            csv_line(29, options="S1;factory;;A|S1;factory;;B"),  # the later option wins
            csv_line(30, brand="rolls_royce", number_of_keys="3"),
        ]
    )
)
SECOND = HEADER + "".join(
    [
        *(csv_line(n) for n in range(1, 6)),  # unchanged
        csv_line(6, color_code="A77"),  # updated field
        csv_line(7, mileage_km="90000", mileage_recorded_on="2026-01-05"),  # higher: moves
        csv_line(8, mileage_km="30000", mileage_recorded_on="2026-02-01"),  # lower: flagged
        csv_line(9, options=""),  # options removed
        csv_line(10, options="S494A;factory;;Seat heating"),  # one option fewer
        csv_line(
            11, options="S494A;factory;;Seat heating, front|6NH;retrofit;2021-01-02;Navigation"
        ),
        csv_line(12, cbs_status="engine_oil;2026-06-01;-300"),  # one position changed
        csv_line(13, cbs_status="vehicle_check;2026-12-01;"),  # a position added
        csv_line(14, mileage_recorded_on=""),  # the same mileage without a date: no new reading
        csv_line(23, mileage_recorded_on=""),
        csv_line(31),  # new
        csv_line(31, mileage_km="45000"),  # new, then again
        csv_line(60),  # existed before any import
        csv_line(61, mileage_km="100"),  # existed with a higher mileage and a reading
    ]
)
JSONL = (
    "".join(
        json.dumps(line) + "\n"
        for line in [
            {
                "vin": vin_for(70),
                "model_designation": "M3",
                "model_code": "31AY",
                "series": "G80",
                "engine_type": "S58",
                "production_date": "2021-04-01",
                "mileage_km": 1200,
                "options": [{"code": "s337a", "description": "M sport package", "kind": "Factory"}],
                "cbs_status": [{"position": "engine_oil", "remaining_km": 8000}],
            },
            {"vin": vin_for(71), "model_designation": "X"},  # rejected: missing fields
        ]
    )
    + "{not json\n"
)


@pytest.fixture(autouse=True)
def cbs_catalogue():
    for code in ("engine_oil", "brake_fluid", "vehicle_check"):
        CbsPositionFactory(code=code)


def existing_data() -> None:
    """What is there before the imports: two vehicles, one with an option and a reading."""
    VehicleFactory(vin=vin_for(60), color_code="999", mileage_km=1000)
    vehicle = VehicleFactory(vin=vin_for(61), mileage_km=52000, mileage_recorded_on=None)
    VehicleOptionFactory(vehicle=vehicle, code="S1AB", description="Old option")
    mileage_reading_record(
        vehicle=vehicle,
        mileage=52000,
        source=MileageReading.Source.SERVICE_ENTRY,
        read_at=datetime.date(2024, 1, 2),
        reference="SH-000001",
    )


def clear() -> None:
    MileageReading.objects.all().delete()
    Vehicle.objects.all().delete()


def run(text: str, method: str, fmt: str = "csv") -> tuple[Any, ...]:
    result = vehicles_import(stream=io.StringIO(text), fmt=fmt, method=method)
    return outcome(result)


def outcome(result: ImportResult) -> tuple[Any, ...]:
    return (
        result.created,
        result.updated,
        result.unchanged,
        [str(report) for report in result.rejected],
        [str(report) for report in result.warnings],
    )


def snapshot() -> dict[str, Any]:
    """Everything the import writes, by VIN, without ids and the time of the import."""
    fields = [
        f.name
        for f in Vehicle._meta.concrete_fields
        if f.name not in ("id", "updated_at", "import_fingerprint")  # the copy method's own
    ]
    data: dict[str, Any] = {
        row["vin"]: {"fields": row, "options": [], "cbs": [], "readings": []}
        for row in Vehicle.objects.values(*fields)
    }
    for vin, *option in VehicleOption.objects.values_list(
        "vehicle__vin", "code", "kind", "installed_on", "description"
    ):
        data[vin]["options"].append(tuple(option))
    for vin, *status in VehicleCbsStatus.objects.values_list(
        "vehicle__vin", "cbs_position__code", "due_date", "remaining_km"
    ):
        data[vin]["cbs"].append(tuple(status))
    for r in MileageReading.objects.select_related("vehicle", "lower_than"):
        data[r.vehicle.vin]["readings"].append(
            (
                r.mileage_km,
                r.read_at.isoformat() if r.date_only or r.source != "central_data" else "now",
                r.date_only,
                r.source,
                r.reference,
                r.lower_than.mileage_km if r.lower_than else -1,
            )
        )
    for vehicle in data.values():
        for key in ("options", "cbs", "readings"):
            vehicle[key].sort()
    return data


def imports_with(method: str) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    existing_data()
    outcomes = [run(FIRST, method), run(SECOND, method), run(FIRST, method)]
    outcomes.append(run(JSONL, method, fmt="jsonl"))
    state = snapshot()
    clear()
    return outcomes, state


def test_it_leaves_the_same_data_counts_rejects_and_warnings_as_the_batches_method():
    batches = imports_with("batches")
    copy = imports_with("copy")
    assert copy[0] == batches[0]
    assert copy[1] == batches[1]


def test_it_reports_what_the_files_hold():
    outcomes, state = imports_with("copy")
    first, second, again, jsonl = outcomes
    # 30 lines: 4 rejected (O, date, NUL, CBS position), VIN 2 twice (created, then updated).
    assert first[:3] == (26, 1, 0)
    assert [report.split(":")[0] for report in first[3]] == [
        f"line {line} ({vin})"
        for line, vin in [(25, "WBAUV71O70A193748"), (26, vin_for(25)), (28, vin_for(27))]
    ] + [f"line 29 ({vin_for(28)})"]
    assert len(first[4]) == 1 and first[4][0].startswith("line 27")
    # VIN 31 created then updated; 6, 7, 9-13, 2 (back to 475), 60 and 61 updated.
    assert second[:3] == (1, 11, 7)
    # Back to the first file: 2 (its second line), 6, 9, 10, 11, 12 updated.
    assert again[:3] == (0, 6, 21)
    assert jsonl[:3] == (1, 0, 0) and len(jsonl[3]) == 2
    assert state[vin_for(2)]["fields"]["color_code"] == "300"  # its later line wins
    assert state[vin_for(8)]["fields"]["mileage_km"] == 40008


def test_it_keeps_the_central_mileage_from_going_down():
    _outcomes, state = imports_with("copy")
    assert state[vin_for(61)]["fields"]["mileage_km"] == 52000
    assert state[vin_for(7)]["fields"]["mileage_km"] == 90000
    flagged = [r for r in state[vin_for(8)]["readings"] if r[5] != -1]
    assert [(r[0], r[5]) for r in flagged] == [(30000, 40008)]


def test_it_changes_nothing_when_the_database_refuses_the_merge(monkeypatch):
    existing_data()
    before = snapshot()
    from aftersales.vehicles import import_copy

    def broken(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("the merge fails half-way")

    monkeypatch.setattr(import_copy.CopyImport, "_cbs_status", broken)
    with pytest.raises(RuntimeError):
        run(FIRST, "copy")
    assert snapshot() == before


def test_it_needs_the_same_number_of_queries_for_more_lines(django_assert_max_num_queries):
    small = HEADER + "".join(csv_line(n) for n in range(1, 11))
    large = HEADER + "".join(csv_line(n) for n in range(100, 400))
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        run(small, "copy")
    with django_assert_max_num_queries(len(few.captured_queries)):
        run(large, "copy")


# --- Interrupted ----------------------------------------------------------------------------


def big_file(path: Path, count: int) -> None:
    with path.open("w") as stream:
        stream.write(HEADER)
        for n in range(1, count + 1):
            stream.write(csv_line(n, mileage_km=str(10_000 + n % 977)))


def command_environment() -> dict[str, str]:
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "aftersales.settings",
    }
    environment.setdefault("SECRET_KEY", "test-only-not-secret")
    return environment


@pytest.mark.parametrize("kill_at", ["reading", "merging"])
def test_it_ends_an_import_killed_and_run_again_where_one_run_ends(tmp_path, kill_at):
    path = tmp_path / "vehicles.csv"
    big_file(path, 20_000)
    existing_data()
    call_command("import_vehicles", str(path), "--no-progress", stdout=io.StringIO())
    uninterrupted = snapshot()
    clear()

    existing_data()
    before = snapshot()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_vehicles", str(path)],
        cwd=ROOT,
        env=command_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen = io.StringIO()
    wanted = "merging" if kill_at == "merging" else "10000/"

    def read() -> None:
        assert process.stderr is not None
        for chunk in iter(lambda: process.stderr.read1(256), b""):  # type: ignore[union-attr]
            seen.write(chunk.decode(errors="replace"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 300
    while wanted not in seen.getvalue() and process.poll() is None:
        assert time.monotonic() < deadline, seen.getvalue()[-500:]
        time.sleep(0.01)
    assert process.poll() is None, "the import ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(5)

    assert snapshot() == before
    call_command("import_vehicles", str(path), "--no-progress", stdout=io.StringIO())
    assert snapshot() == uninterrupted
