"""Checking the chains: every link's hash, its place, and that the entries still say the same.

For each vehicle, in chain order:
1. links: positions run 1, 2, 3, ... without a gap; each payload starts with its vehicle's VIN,
   its position and its kind; each hash is SHA-256 over the previous hash and the payload
   (`canonical.link_hash`). A changed, removed or inserted link breaks here.
2. records (unless `records=False`): each payload equals the one rebuilt from the entry rows
   now, and every stored version and state change has its link. A changed entry row (mileage,
   comment, a cancellation undone, an entry slipped in) breaks here.
A vehicle's first bad link is reported (its position, the entry number and version), the rest of
that chain is not trusted further. Anchors: see anchors.anchor_check.

Vehicles are read in batches of consecutive ids; each batch costs three or four queries.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import Vehicle

from .canonical import GENESIS, PREFIX, EntryVersion, payload, payload_head
from .models import ChainLink
from .records import versions_where

BATCH_VEHICLES = 2_000


@dataclass(frozen=True)
class Break:
    vin: str
    sequence: int | None  # the first bad link; None: a change with no link at all
    entry: str  # "SH-000123/2"
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "vin": self.vin,
            "sequence": self.sequence,
            "entry": self.entry,
            "reason": self.reason,
        }

    def __str__(self) -> str:
        at = f"link {self.sequence}" if self.sequence else "no link"
        return f"{self.vin} {at} ({self.entry}): {self.reason}"


@dataclass
class Outcome:
    vehicles: int = 0
    links: int = 0
    entries: int = 0
    breaks: list[Break] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.vehicles += other.vehicles
        self.links += other.links
        self.entries += other.entries
        self.breaks.extend(other.breaks)


def _number(version: EntryVersion | None, entry_id: int) -> str:
    """The entry number of a bad link, for the report (read when not loaded)."""
    if version is None:
        entry = ServiceEntry.objects.filter(pk=entry_id).only("pk", "original_id", "version")
        found = entry.first()
        return found.number if found is not None else f"entry id {entry_id} (missing)"
    base = f"SH-{version.chain_id:06d}"
    return base if version.version == 1 else f"{base}/{version.version}"


def _links(lo: int, hi: int) -> list[tuple[int, int, str, int, str, str]]:
    table = ChainLink._meta.db_table
    query = (
        f"SELECT vehicle_id, sequence, kind, entry_id, payload, hash FROM {table} "
        "WHERE vehicle_id BETWEEN %s AND %s ORDER BY vehicle_id, sequence"
    )
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        # psycopg's own cursor: the hot loop of the verification reads rows at about twice the
        # speed of Django's wrapper (bench/trust_bench.py).
        with connection.connection.cursor() as cursor:
            cursor.execute(query, [lo, hi])
            return cursor.fetchall()
    with connection.cursor() as cursor:
        cursor.execute(query, [lo, hi])
        return cursor.fetchall()


Link = tuple[int, str, int, str, str]  # sequence, kind, entry id, payload, hash
Versions = dict[int, tuple[int, EntryVersion]]  # entry id -> (vehicle id, version)


def _link_fault(
    link: Link,
    *,
    position: int,
    previous: str,
    vin: str,
    vehicle_id: int,
    versions: Versions | None,
) -> str:
    """Why this link is bad, or "" (the link checks of the module docstring)."""
    sequence, kind, entry_id, text, stored_hash = link
    if sequence != position:
        return f"position {sequence} where {position} was expected (a link is missing)"
    if not text.startswith(payload_head(vin=vin, sequence=sequence, kind=kind)):
        return "the link's vehicle, position or kind differs from what was hashed"
    digest = hashlib.sha256(PREFIX + previous.encode() + b"\n" + text.encode()).hexdigest()
    if digest != stored_hash:
        return "the hash does not match the link's content and the link before it"
    if versions is not None:
        owner, version = versions.get(entry_id, (None, None))
        if version is None or owner != vehicle_id:
            return "the entry of this link is missing or belongs to another vehicle"
        if payload(vin=vin, sequence=sequence, kind=kind, version=version) != text:
            return "the stored entry no longer says what was hashed"
    return ""


def _chain_break(
    vin: str, vehicle_id: int, links: list[Link], versions: Versions | None, expected: set[Any]
) -> Break | None:
    """The first bad link of one vehicle's chain, or a change of its entries with no link."""
    previous = GENESIS
    for position, link in enumerate(links, 1):
        reason = _link_fault(
            link,
            position=position,
            previous=previous,
            vin=vin,
            vehicle_id=vehicle_id,
            versions=versions,
        )
        if reason:
            entry_id = link[2]
            version = (versions or {}).get(entry_id, (0, None))[1]
            return Break(vin, link[0], _number(version, entry_id), reason)
        previous = link[4]
        expected.discard((link[2], link[1]))
    if expected and versions is not None:
        entry_id, kind = min(expected, key=lambda item: (versions[item[0]][1].version, item))
        return Break(
            vin,
            None,
            _number(versions[entry_id][1], entry_id),
            f"the entry is {kind} but that is not in the chain",
        )
    return None


def verify_range(vins: dict[int, str], *, records: bool = True) -> Outcome:
    """Checks the chains of the vehicles `vins` (id -> VIN, consecutive ids)."""
    outcome = Outcome()
    if not vins:
        return outcome
    lo, hi = min(vins), max(vins)
    chains: dict[int, list[Link]] = defaultdict(list)
    for vehicle_id, sequence, kind, entry_id, text, stored_hash in _links(lo, hi):
        chains[vehicle_id].append((sequence, kind, entry_id, text, stored_hash))
    versions: Versions | None = None
    expected: dict[int, set[tuple[int, str]]] = defaultdict(set)
    if records:
        versions = versions_where(Q(vehicle_id__gte=lo, vehicle_id__lte=hi))
        outcome.entries = len(versions)
        for entry_id, (vehicle_id, version) in versions.items():
            for kind in version.kinds():
                expected[vehicle_id].add((entry_id, kind))
    for vehicle_id in sorted(chains.keys() | expected.keys()):
        links = chains.get(vehicle_id, [])
        outcome.vehicles += 1
        outcome.links += len(links)
        found = _chain_break(
            vins.get(vehicle_id, ""), vehicle_id, links, versions, expected[vehicle_id]
        )
        if found is not None:
            outcome.breaks.append(found)
    return outcome


def verify_all(
    *,
    records: bool = True,
    batch: int = BATCH_VEHICLES,
    on_progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Checks every vehicle's chain, `batch` vehicles at a time."""
    outcome = Outcome()
    last = 0
    while True:
        vins = dict(
            Vehicle.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "vin")[:batch]
        )
        if not vins:
            return outcome
        part = verify_range(vins, records=records)
        outcome.add(part)
        last = max(vins)
        if on_progress:
            on_progress(part.links)


def verify_vehicle(vehicle: Vehicle) -> Outcome:
    """One vehicle's chain, links and records (the certificate's verify page)."""
    return verify_range({vehicle.pk: vehicle.vin})
