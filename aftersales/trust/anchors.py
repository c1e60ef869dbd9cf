"""Daily anchors: the heads of all chains as one Merkle root, recorded once a day.

Once the operator publishes an anchor (it then shows on the public page /anchors/), nobody, the
operator included, can rewrite a link from before it without it showing: recomputing the root
from the stored links (`anchor_check`, part of every verification run) would no longer give the
published one. The heads of an anchor are the last link of each vehicle with an id up to
`up_to_link_id`; while it reads them, the anchor keeps writers out (PostgreSQL: a SHARE lock on
the links table; SQLite writes one at a time anyway), so no link below that id commits later.

`anchor_inclusion` gives the proof that one vehicle's head is in a published root (the
certificate's verify page shows it), so a buyer can check a certificate against the root
published at /anchors/ (or copied from there) without trusting this portal's verdict.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max

from aftersales import clock
from aftersales.vehicles.models import Vehicle

from . import merkle
from .models import ChainAnchor, ChainLink

INCLUSION_CACHE_SECONDS = 24 * 3600


# Leaves per block of an anchor (ChainAnchor.blocks). A power of two, so that every block is a
# subtree of the RFC 6962 tree and the tree over the blocks' roots is the top of the same tree.
PROOF_BLOCK = 1024


def heads(
    up_to_link_id: int, *, vin_from: str | None = None, vin_before: str | None = None
) -> list[tuple[str, str]]:
    """(VIN, head hash) of every chain as it was at link `up_to_link_id`, sorted by VIN; with
    `vin_from`, of the VINs from it (and before `vin_before`, when given) only: one block."""
    links, vehicles = ChainLink._meta.db_table, Vehicle._meta.db_table
    params: list[int | str] = [up_to_link_id]
    if vin_from is None:
        last = f"SELECT vehicle_id, MAX(sequence) AS seq FROM {links} WHERE id <= %s"
    else:
        # One block: its vehicles by VIN (their unique index), then their links
        # (chain_link_position), not every link.
        last = (
            f"SELECT l.vehicle_id, MAX(l.sequence) AS seq FROM {links} l "
            f"JOIN {vehicles} v ON v.id = l.vehicle_id WHERE l.id <= %s AND v.vin >= %s"
            + (" AND v.vin < %s" if vin_before is not None else "")
        )
        params += [vin_from, *([vin_before] if vin_before is not None else [])]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.vin, l.hash FROM {links} l "
            f"JOIN ({last} GROUP BY 1) h ON h.vehicle_id = l.vehicle_id AND h.seq = l.sequence "
            f"JOIN {vehicles} v ON v.id = l.vehicle_id ORDER BY v.vin",
            params,
        )
        return list(cursor.fetchall())


def leaves(up_to_link_id: int) -> list[bytes]:
    return [merkle.leaf_hash(vin, head) for vin, head in heads(up_to_link_id)]


@transaction.atomic
def anchor_record(*, day: date | None = None, now: datetime | None = None) -> ChainAnchor:
    """The anchor of `day` (today by default): computed once, then kept as it is."""
    now = now or clock.now()
    day = day or clock.today()
    existing = ChainAnchor.objects.filter(day=day).first()
    if existing is not None:
        return existing
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {ChainLink._meta.db_table} IN SHARE MODE")
    up_to = ChainLink.objects.aggregate(last=Max("id"))["last"] or 0
    chain_heads = heads(up_to)
    tree = [merkle.leaf_hash(vin, head) for vin, head in chain_heads]
    blocks = [
        [chain_heads[start][0], merkle.root(tree[start : start + PROOF_BLOCK])]
        for start in range(0, len(tree), PROOF_BLOCK)
    ]
    return ChainAnchor.objects.create(
        day=day,
        # The tree over the blocks' roots is the top of the tree over the leaves.
        root=merkle.root([bytes.fromhex(block_root) for _vin, block_root in blocks]),
        blocks=blocks,
        vehicles=len(chain_heads),
        links=ChainLink.objects.filter(id__lte=up_to).count(),
        up_to_link_id=up_to,
        computed_at=now,
    )


def anchor_check(anchor: ChainAnchor) -> bool:
    """True when the stored links still give the anchor's root."""
    return merkle.root(leaves(anchor.up_to_link_id)) == anchor.root


@dataclass(frozen=True)
class AnchorInclusion:
    """Proof that a vehicle's chain head is one leaf of a published anchor's Merkle root: with
    the VIN, the head hash, the leaf's index, the tree's size and the audit path anyone can
    recompute the root (RFC 9162, 2.1.3.2) and compare it with the one on /anchors/."""

    day: date
    root: str
    published_at: datetime
    vin: str
    head: str
    head_sequence: int
    index: int
    size: int
    path: list[str]
    verifies: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "root": self.root,
            "published_at": self.published_at.isoformat(),
            "vin": self.vin,
            "head": self.head,
            "head_sequence": self.head_sequence,
            "leaf": f"{self.vin}:{self.head}",
            "index": self.index,
            "size": self.size,
            "path": self.path,
            "verifies": self.verifies,
        }


def anchor_inclusion(*, vehicle: Vehicle, sequence: int) -> AnchorInclusion | None:
    """The inclusion of the vehicle's chain in the first published anchor that holds its link
    `sequence` (or a later one); None while no published anchor does. Reads the heads of the
    chains of the vehicle's block of the anchor (one query) and hashes that block."""
    if sequence < 1:
        return None
    link_id = (
        ChainLink.objects.filter(vehicle=vehicle, sequence=sequence)
        .values_list("id", flat=True)
        .first()
    )
    if link_id is None:
        return None
    anchor = (
        ChainAnchor.objects.filter(publication__isnull=False, up_to_link_id__gte=link_id)
        .select_related("publication")
        .order_by("day")
        .first()
    )
    if anchor is None:
        return None
    # An anchor's tree never changes (append-only links up to a fixed id): the path is kept in
    # the cache, so a certificate checked again does not read every chain's head again. A
    # rewritten link of another chain shows in the nightly verification (anchor_check); one of
    # this vehicle's in the certificate's own check (verify_vehicle).
    key = f"trust:inclusion:{anchor.pk}:{anchor.root}:{vehicle.vin}"
    found = cache.get(key)
    if found is None:
        found = _inclusion_path(anchor, vehicle)
        if found is None:
            return None
        cache.set(key, found, INCLUSION_CACHE_SECONDS)
    head, head_sequence, index, size, path = found
    return AnchorInclusion(
        day=anchor.day,
        root=anchor.root,
        published_at=anchor.publication.published_at,
        vin=vehicle.vin,
        head=head,
        head_sequence=head_sequence,
        index=index,
        size=size,
        path=path,
        verifies=merkle.inclusion_verify(
            leaf=merkle.leaf_hash(vehicle.vin, head),
            index=index,
            size=size,
            proof=path,
            expected_root=anchor.root,
        ),
    )


def _inclusion_path(
    anchor: ChainAnchor, vehicle: Vehicle
) -> tuple[str, int, int, int, list[str]] | None:
    """(head, its sequence, leaf index, tree size, audit path) of the vehicle in the anchor.

    The path is the vehicle's path in its block, from the block's heads read now, then the
    block's path among the blocks' roots recorded with the anchor: a head rewritten since gives
    a path that does not verify."""
    if not anchor.blocks:
        return _inclusion_path_over_all(anchor, vehicle)
    firsts = [first for first, _root in anchor.blocks]
    block = bisect.bisect_right(firsts, vehicle.vin) - 1
    if block < 0:
        return None
    before = firsts[block + 1] if block + 1 < len(firsts) else None
    block_heads = heads(anchor.up_to_link_id, vin_from=firsts[block], vin_before=before)
    found = _position(block_heads, vehicle.vin)
    if found is None:
        return None
    tree = [merkle.leaf_hash(vin, hash_) for vin, hash_ in block_heads]
    roots = [bytes.fromhex(block_root) for _first, block_root in anchor.blocks]
    return (
        block_heads[found][1],
        _head_sequence(anchor, vehicle),
        block * PROOF_BLOCK + found,
        anchor.vehicles,
        merkle.inclusion_proof(tree, found) + merkle.inclusion_proof(roots, block),
    )


def _position(chain_heads: list[tuple[str, str]], vin: str) -> int | None:
    return next((i for i, (each, _head) in enumerate(chain_heads) if each == vin), None)


def _head_sequence(anchor: ChainAnchor, vehicle: Vehicle) -> int:
    return (
        ChainLink.objects.filter(vehicle=vehicle, id__lte=anchor.up_to_link_id)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    ) or 0


def _inclusion_path_over_all(
    anchor: ChainAnchor, vehicle: Vehicle
) -> tuple[str, int, int, int, list[str]] | None:
    """`_inclusion_path` for an anchor without blocks: every chain's head is read."""
    chain_heads = heads(anchor.up_to_link_id)
    index = _position(chain_heads, vehicle.vin)
    if index is None:
        return None
    tree = [merkle.leaf_hash(vin, hash_) for vin, hash_ in chain_heads]
    return (
        chain_heads[index][1],
        _head_sequence(anchor, vehicle),
        index,
        len(tree),
        merkle.inclusion_proof(tree, index),
    )
