"""Appending to a vehicle's chain: live (one link per stored change) and for existing data.

`link_append` runs inside the transaction that stores the change (the receivers call it), with
the vehicle row locked, so the links of one vehicle are written one after the other. Should a
writer ever get past that lock, the unique (vehicle, sequence) constraint refuses the second
link instead of letting the chain fork.

`chain_missing` chains what has no link yet (data stored before the chain existed, e.g. the
demo's or an imported history): each vehicle's missing changes in the order they happened,
after the links it already has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import Vehicle

from .canonical import GENESIS, EntryVersion, Kind, link_hash, payload
from .models import ChainLink
from .records import version_from, versions_where

# Changes at the same moment are chained in this order.
KIND_ORDER = {Kind.CREATED: 0, Kind.CORRECTED: 0, Kind.CANCELLED: 1, Kind.TRANSFERRED: 2}


def _lock_vehicle(entry: ServiceEntry, *, locked: bool) -> str:
    """The vehicle's VIN, its row locked for this transaction (already, when `locked`)."""
    if locked and ServiceEntry.vehicle.is_cached(entry):
        return entry.vehicle.vin
    vehicles = Vehicle.objects.filter(pk=entry.vehicle_id)
    return (
        (vehicles if locked else vehicles.select_for_update()).values_list("vin", flat=True).get()
    )


def link_append(
    *,
    entry: ServiceEntry,
    kind: str,
    vehicle_locked: bool = False,
    now: datetime | None = None,
) -> ChainLink:
    """Appends the link of one change of `entry` (a version just stored, cancelled or
    confirmed transferred) to its vehicle's chain. Call inside the storing transaction;
    `vehicle_locked` when that transaction already holds the vehicle's row lock (storing and
    correcting an entry take it first), which saves a query."""
    # Lock first, then read the head in a statement of its own: on PostgreSQL a statement that
    # waited for the lock still sees the snapshot it started with, so a head read in the same
    # statement could be stale (tests/trust/test_concurrency.py catches exactly that).
    vin = _lock_vehicle(entry, locked=vehicle_locked)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT sequence, hash FROM {ChainLink._meta.db_table} WHERE vehicle_id = %s "
            "ORDER BY sequence DESC LIMIT 1",
            [entry.vehicle_id],
        )
        head = cursor.fetchone()
    last, previous_hash = head if head else (0, GENESIS)
    sequence, previous = (last + 1, previous_hash) if last else (1, GENESIS)
    text = payload(vin=vin, sequence=sequence, kind=kind, version=version_from(entry))
    return ChainLink.objects.create(
        vehicle_id=entry.vehicle_id,
        sequence=sequence,
        entry_id=entry.pk,
        kind=kind,
        payload=text,
        hash=link_hash(previous, text),
        created_at=now or clock.now(),
    )


def _missing_changes(
    versions: Iterable[EntryVersion], linked: set[tuple[int, str]]
) -> list[tuple[datetime, int, int, int, str, EntryVersion]]:
    changes = []
    for version in versions:
        for kind in version.kinds():
            if (version.entry_id, kind) not in linked:
                changes.append(
                    (
                        version.happened_at(kind),
                        KIND_ORDER[kind],
                        version.chain_id,
                        version.version,
                        kind,
                        version,
                    )
                )
    changes.sort(key=lambda change: change[:4])
    return changes


def chain_missing(
    *, batch_size: int = 500, on_progress: Callable[[int], None] | None = None
) -> int:
    """Chains every change of every entry that has no link yet, vehicle by vehicle, in the
    order the changes happened. Idempotent. Returns how many links it wrote."""
    written = 0
    vehicle_ids = list(
        ServiceEntry.objects.order_by("vehicle_id").values_list("vehicle_id", flat=True).distinct()
    )
    for start in range(0, len(vehicle_ids), batch_size):
        batch = vehicle_ids[start : start + batch_size]
        written += _chain_batch(batch)
        if on_progress:
            on_progress(len(batch))
    return written


@transaction.atomic
def _chain_batch(vehicle_ids: list[int]) -> int:
    vins = dict(
        Vehicle.objects.select_for_update()
        .filter(pk__in=vehicle_ids)
        .order_by("pk")
        .values_list("pk", "vin")
    )
    heads: dict[int, tuple[int, str]] = {}
    linked: set[tuple[int, str]] = set()
    for vehicle_id, sequence, entry_id, kind, hash_ in (
        ChainLink.objects.filter(vehicle_id__in=vehicle_ids)
        .order_by("vehicle_id", "sequence")
        .values_list("vehicle_id", "sequence", "entry_id", "kind", "hash")
    ):
        heads[vehicle_id] = (sequence, hash_)
        linked.add((entry_id, kind))
    by_vehicle: dict[int, list[EntryVersion]] = defaultdict(list)
    for vehicle_id, version in versions_where(Q(vehicle_id__in=vehicle_ids)).values():
        by_vehicle[vehicle_id].append(version)
    now = clock.now()
    links = []
    for vehicle_id, versions in by_vehicle.items():
        sequence, previous = heads.get(vehicle_id, (0, GENESIS))
        for *_order, kind, version in _missing_changes(versions, linked):
            sequence += 1
            text = payload(vin=vins[vehicle_id], sequence=sequence, kind=kind, version=version)
            previous = link_hash(previous, text)
            links.append(
                ChainLink(
                    vehicle_id=vehicle_id,
                    sequence=sequence,
                    entry_id=version.entry_id,
                    kind=kind,
                    payload=text,
                    hash=previous,
                    created_at=now,
                )
            )
    ChainLink.objects.bulk_create(links, batch_size=1000)
    return len(links)
