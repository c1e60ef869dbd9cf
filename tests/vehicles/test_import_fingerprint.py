"""The copy method skips a CSV line it imported before and nothing has changed since (the vehicle's
fingerprint), and still ends where the batches method ends: after writes by others, with a VIN
twice in a file, with a dateless mileage lower than the central one."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from aftersales.vehicles.models import CbsPosition, MileageReading, Vehicle, VehicleOption
from aftersales.vehicles.services import mileage_reading_record

from .factories import vin_for
from .test_import_copy import HEADER, cbs_catalogue, clear, csv_line, run, snapshot

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the copy method needs PostgreSQL"
    ),
]
__all__ = ["cbs_catalogue"]  # the autouse fixture of the copy tests: the CBS catalogue

FILE = HEADER + "".join(csv_line(n) for n in range(1, 6))


def fingerprints() -> dict[str, bytes | None]:
    return {
        vin: bytes(fingerprint) if fingerprint is not None else None
        for vin, fingerprint in Vehicle.objects.values_list("vin", "import_fingerprint")
    }


def test_an_unchanged_line_is_skipped_and_counted_unchanged():
    assert run(FILE, "copy")[:3] == (5, 0, 0)
    assert all(fingerprints().values())
    before = snapshot()
    assert run(FILE, "copy")[:3] == (0, 0, 5)
    assert snapshot() == before


def test_a_changed_line_gets_a_new_fingerprint():
    run(FILE, "copy")
    old = fingerprints()
    run(HEADER + csv_line(1, color_code="A77"), "copy")
    new = fingerprints()
    assert new[vin_for(1)] not in (None, old[vin_for(1)])
    assert {vin: new[vin] for vin in new if vin != vin_for(1)} == {
        vin: old[vin] for vin in old if vin != vin_for(1)
    }


def write_vehicle() -> None:
    vehicle = Vehicle.objects.get(vin=vin_for(2))
    vehicle.color_code = "999"
    vehicle.save()


def write_option() -> None:
    VehicleOption.objects.create(
        vehicle=Vehicle.objects.get(vin=vin_for(2)), code="S1AB", description="Added by hand"
    )


def write_cbs_status() -> None:
    status = Vehicle.objects.get(vin=vin_for(2)).cbs_status.get(
        cbs_position=CbsPosition.objects.get(code="engine_oil")
    )
    status.remaining_km = 1
    status.save()


def write_reading() -> None:
    mileage_reading_record(
        vehicle=Vehicle.objects.get(vin=vin_for(2)),
        mileage=10,
        source=MileageReading.Source.SERVICE_ENTRY,
        read_at=datetime.date(2025, 6, 1),
        reference="SH-000009",
    )


@pytest.mark.parametrize(
    "write",
    [write_vehicle, write_option, write_cbs_status, write_reading],
    ids=lambda w: w.__name__,
)
def test_a_write_by_anyone_else_makes_the_line_count_again(write: Callable[[], None]):
    def imports(method: str) -> tuple[Any, ...]:
        run(FILE, method)
        write()
        assert fingerprints()[vin_for(2)] is None
        again = run(FILE, method)
        state = snapshot()
        clear()
        return again, state

    batches = imports("batches")
    copy = imports("copy")
    assert copy == batches
    assert copy[0][:3] in ((0, 1, 4), (0, 0, 5))  # the reading alone changes nothing to count


@pytest.mark.parametrize(
    "files",
    [
        # the same VIN twice: the later line wins, every time
        [[csv_line(1), csv_line(1, color_code="300")]] * 3,
        # the earlier line changes: the later one, unchanged, must still be applied after it
        [
            [csv_line(1), csv_line(1, color_code="300")],
            [csv_line(1, color_code="400"), csv_line(1, color_code="300")],
        ],
        # a dateless mileage lower than the central one: a new reading "now" each time
        [[csv_line(3, mileage_km="100", mileage_recorded_on="")]] * 3,
        [[csv_line(3)], [csv_line(3, mileage_km="100", mileage_recorded_on="")]] * 2,
        # the same line twice, unchanged the second time round
        [[csv_line(4), csv_line(4)]] * 2,
    ],
)
def test_it_ends_where_the_batches_method_ends(files: list[list[str]]):
    def imports(method: str) -> tuple[Any, ...]:
        outcomes = [run(FILE, method)]
        outcomes += [run(HEADER + "".join(lines), method) for lines in files]
        state = snapshot()
        clear()
        return outcomes, state

    assert imports("copy") == imports("batches")


def test_the_batches_method_leaves_no_fingerprint():
    run(FILE, "copy")
    run(HEADER + csv_line(1, color_code="A77"), "batches")
    assert fingerprints()[vin_for(1)] is None
    assert fingerprints()[vin_for(2)] is not None


def test_texts_copy_escapes_arrive_as_they_were():
    # A backslash, a tab, a quoted line break, quotes and non-ASCII in texts and in an option.
    lines = (
        csv_line(7, color_code="a\\b")
        + csv_line(8, color_code="x\ty", options='S1;factory;;Sitz "Komfort" \\ ä')
        + csv_line(9, options="S1;factory;;ä\u2028ö").replace("320i", '"320i\nTouring"', 1)
        + csv_line(10, color_code="\\N")
    )

    def imports(method: str) -> tuple[Any, ...]:
        outcome = run(HEADER + lines, method)
        state = snapshot()
        clear()
        return outcome, state

    copy = imports("copy")
    assert copy == imports("batches")
    assert copy[0][:3] == (4, 0, 0)
    assert copy[1][vin_for(10)]["fields"]["color_code"] == "\\N"


def test_emptying_a_table_with_truncate_forgets_every_fingerprint():
    run(FILE, "copy")
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {VehicleOption._meta.db_table}")
    assert set(fingerprints().values()) == {None}
    assert run(FILE, "copy")[:3] == (0, 5, 0)  # the options come back
