"""A campaign is done once per vehicle, even when two workshops store at the same moment
(real connections and threads on PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from aftersales import clock
from aftersales.campaigns.models import CampaignCompletion
from aftersales.campaigns.services import completion_record
from aftersales.orders.lines import LineKind, OrderLine, Unit
from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.models import ServiceEntry
from tests.servicehistory.factories import ServiceEntryFactory, entry_create

from .factories import make_campaign

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real threads)"
    ),
]


def _in_thread(target: Callable[[], object], results: dict, key: str) -> threading.Thread:
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


def test_it_lets_only_one_of_two_workshops_storing_at_once_mark_the_campaign(
    owner, outsider, vehicle
) -> None:
    make_campaign()
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def store_as(actor, mileage: str):  # type: ignore[no-untyped-def]
        barrier.wait()
        return entry_create(
            actor=actor,
            vehicle=vehicle,
            mileage=mileage,
            maintenance_date=clock.today().isoformat(),
            position_codes=[],
            items=[{"kind": "CAMP", "number": "0013250800"}],
        )

    threads = [
        _in_thread(lambda: store_as(owner, "130000"), results, "a"),
        _in_thread(lambda: store_as(outsider, "130000"), results, "b"),
    ]
    for thread in threads:
        thread.join(timeout=30)
    stored = [r for r in results.values() if isinstance(r, ServiceEntry)]
    refused = [r for r in results.values() if isinstance(r, RuleViolation)]
    assert len(stored) == 1 and len(refused) == 1, results
    assert refused[0].code == "TC-0002"
    assert ServiceEntry.objects.count() == 1  # the refused entry was rolled back with it
    assert CampaignCompletion.objects.get().entry == stored[0]


def test_it_refuses_the_second_completion_by_the_unique_constraint(
    owner, outsider, vehicle
) -> None:
    """Without the vehicle lock of Service history: both check "open" before either commits;
    the partial unique index makes the second insert wait for the first and then fail."""
    make_campaign()
    entries = {
        key: ServiceEntryFactory(vehicle=vehicle, organisation=actor.organisation, created_by=actor)
        for key, actor in (("a", owner), ("b", outsider))
    }
    line = OrderLine(
        kind=LineKind.CAMPAIGN,
        number="13 51 010",
        description="Campaign",
        quantity=1,  # type: ignore[arg-type]
        unit=Unit.FRU,
        unit_price_gross=None,
        reference="0013250800",
    )
    checked = threading.Barrier(2)
    first_inserted, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def record(key: str):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            checked.wait()  # both transactions are open before either inserts
            if key == "b":
                first_inserted.wait(timeout=10)
            recorded = completion_record(entry=entries[key], lines=[line])
            if key == "a":
                first_inserted.set()
                release.wait(timeout=10)  # b now blocks on the unique index until we commit
        return recorded

    threads = [
        _in_thread(lambda: record("a"), results, "a"),
        _in_thread(lambda: record("b"), results, "b"),
    ]
    first_inserted.wait(timeout=10)
    threading.Timer(0.5, release.set).start()
    for thread in threads:
        thread.join(timeout=30)
    assert isinstance(results["a"], list) and len(results["a"]) == 1, results
    refused = results["b"]
    assert isinstance(refused, RuleViolation) and refused.code == "TC-0002", refused
    assert "Motorhjørnet ApS" in refused.message
    assert CampaignCompletion.objects.count() == 1
