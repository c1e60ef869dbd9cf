"""Daily anchors: the heads of all chains as one Merkle root, recorded once a day.

Once the operator publishes an anchor (it then shows on the public page /anchors/), nobody, the
operator included, can rewrite a link from before it without it showing: recomputing the root
from the stored links (`anchor_check`, part of every verification run) would no longer give the
published one. The heads of an anchor are the last link of each vehicle with an id up to
`up_to_link_id`; while it reads them, the anchor keeps writers out (PostgreSQL: a SHARE lock on
the links table; SQLite writes one at a time anyway), so no link below that id commits later.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Max

from aftersales import clock
from aftersales.vehicles.models import Vehicle

from . import merkle
from .models import ChainAnchor, ChainLink


def heads(up_to_link_id: int) -> list[tuple[str, str]]:
    """(VIN, head hash) of every chain as it was at link `up_to_link_id`, sorted by VIN."""
    links = ChainLink._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.vin, l.hash FROM {links} l "
            f"JOIN (SELECT vehicle_id, MAX(sequence) AS seq FROM {links} WHERE id <= %s "
            "GROUP BY vehicle_id) h ON h.vehicle_id = l.vehicle_id AND h.seq = l.sequence "
            f"JOIN {Vehicle._meta.db_table} v ON v.id = l.vehicle_id ORDER BY v.vin",
            [up_to_link_id],
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
    return ChainAnchor.objects.create(
        day=day,
        root=merkle.root([merkle.leaf_hash(vin, head) for vin, head in chain_heads]),
        vehicles=len(chain_heads),
        links=ChainLink.objects.filter(id__lte=up_to).count(),
        up_to_link_id=up_to,
        computed_at=now,
    )


def anchor_check(anchor: ChainAnchor) -> bool:
    """True when the stored links still give the anchor's root."""
    return merkle.root(leaves(anchor.up_to_link_id)) == anchor.root
