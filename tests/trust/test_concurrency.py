"""Concurrent changes for one vehicle never fork its chain (PostgreSQL, real connections)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry
from aftersales.servicehistory.services import service_entry_cancel, service_entry_confirm_transfer
from aftersales.trust.canonical import Kind, link_hash, payload
from aftersales.trust.models import ChainLink
from aftersales.trust.records import version_of
from aftersales.trust.verification import verify_vehicle

from .helpers import raw, store

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real threads)"
    ),
]


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Each call in its own thread and database connection, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test looks at what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def assert_one_unforked_chain(vehicle) -> None:  # type: ignore[no-untyped-def]
    sequences = list(
        ChainLink.objects.filter(vehicle=vehicle)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, len(sequences) + 1))
    assert verify_vehicle(vehicle).breaks == []


def test_it_chains_entries_stored_at_the_same_moment_one_after_the_other(owner, outsider, vehicle):
    results = run_together(
        *(lambda actor=actor: store(actor, vehicle) for actor in [owner, outsider] * 3)
    )
    assert all(isinstance(r, ServiceEntry) for r in results), results
    assert ChainLink.objects.filter(vehicle=vehicle).count() == 6
    assert_one_unforked_chain(vehicle)


def test_it_chains_a_cancellation_and_a_transfer_racing_a_new_entry(owner, outsider, vehicle):
    first = store(owner, vehicle)
    second = store(owner, vehicle)
    results = run_together(
        lambda: service_entry_cancel(actor=owner, entry=first, reason="Typo.", ip_address=None),
        lambda: service_entry_confirm_transfer(
            actor=owner, entry=second, transferred_at=clock.now(), tool_id="ISTA"
        ),
        lambda: store(outsider, vehicle),
    )
    assert not any(isinstance(r, Exception) for r in results), results
    kinds = list(ChainLink.objects.filter(vehicle=vehicle).values_list("kind", flat=True))
    assert sorted(kinds) == sorted([Kind.CREATED] * 3 + [Kind.CANCELLED, Kind.TRANSFERRED])
    assert_one_unforked_chain(vehicle)


def test_it_refuses_the_second_of_two_writers_that_skip_the_lock(owner, vehicle):
    """Two writers that read the same head without the vehicle lock: the unique position makes
    the database refuse the second link instead of forking the chain."""
    entry = store(owner, vehicle)
    both_read = threading.Barrier(2)

    def append_after_reading_the_head() -> ChainLink:
        with transaction.atomic():
            head = ChainLink.objects.get(vehicle=vehicle, sequence=1)
            both_read.wait(timeout=10)
            text = payload(
                vin=vehicle.vin, sequence=2, kind=Kind.TRANSFERRED, version=version_of(entry.pk)
            )
            return ChainLink.objects.create(
                vehicle=vehicle,
                sequence=2,
                entry=entry,
                kind=Kind.TRANSFERRED,
                payload=text,
                hash=link_hash(head.hash, text),
            )

    results = run_together(append_after_reading_the_head, append_after_reading_the_head)
    assert sum(isinstance(r, ChainLink) for r in results) == 1, results
    assert sum(isinstance(r, IntegrityError) for r in results) == 1, results
    assert ChainLink.objects.filter(vehicle=vehicle, sequence=2).count() == 1


def test_it_has_postgresql_refuse_to_delete_a_link(owner, vehicle):
    store(owner, vehicle)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("DELETE FROM trust_chainlink")
    assert ChainLink.objects.count() == 1
