"""Two workshops storing for the same vehicle at the same moment (real connections, PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.models import ServiceEntry
from tests.servicehistory.factories import entry_create

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    # ./dev deselects these on SQLite; run by hand there they say why instead of failing.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real threads)"
    ),
]


def _store(actor, vehicle, mileage: str) -> ServiceEntry:  # type: ignore[no-untyped-def]
    return entry_create(
        actor=actor,
        vehicle=vehicle,
        mileage=mileage,
        maintenance_date=str(vehicle_today()),
        position_codes=["engine_oil"],
        comment="",
        consent=True,
        ip_address=None,
    )


def vehicle_today():  # type: ignore[no-untyped-def]
    from aftersales import clock

    return clock.today()


def _in_thread(target, results: dict, key: str) -> threading.Thread:  # type: ignore[no-untyped-def]
    def run() -> None:
        try:
            results[key] = target()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[key] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_it_stores_both_entries_of_two_workshops_at_the_same_moment(owner, outsider, vehicle):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def store_as(actor):  # type: ignore[no-untyped-def]
        barrier.wait()
        return _store(actor, vehicle, "130000")

    threads = [
        _in_thread(lambda: store_as(owner), results, "a"),
        _in_thread(lambda: store_as(outsider), results, "b"),
    ]
    for thread in threads:
        thread.join(timeout=30)
    assert all(isinstance(r, ServiceEntry) for r in results.values()), results
    assert ServiceEntry.objects.filter(vehicle=vehicle).count() == 2
    vehicle.refresh_from_db()
    assert vehicle.mileage_km == 130_000


def test_it_makes_the_second_workshop_wait_and_see_the_first_ones_mileage(owner, outsider, vehicle):  # type: ignore[no-untyped-def]
    locked, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def first():  # type: ignore[no-untyped-def]
        with transaction.atomic():
            entry = _store(owner, vehicle, "131000")
            locked.set()
            release.wait(timeout=10)  # still holding the vehicle row lock
        return entry

    def second():  # type: ignore[no-untyped-def]
        locked.wait(timeout=10)
        return _store(outsider, vehicle, "130500")  # higher than the central 129,226 km

    threads = [_in_thread(first, results, "first"), _in_thread(second, results, "second")]
    locked.wait(timeout=10)
    threading.Timer(0.5, release.set).start()
    for thread in threads:
        thread.join(timeout=30)
    assert isinstance(results["first"], ServiceEntry), results
    refused = results["second"]
    assert isinstance(refused, RuleViolation) and refused.code == "SH-0003", refused
    assert "131,000 km" in refused.message
    assert ServiceEntry.objects.filter(vehicle=vehicle).count() == 1
