"""Reading what is hashed of service entries from their rows, three queries for any number.

The chain is built from what the database stored (not from objects in memory), so that
appending and verifying read exactly the same values.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import Q

from aftersales.servicehistory.models import ServiceEntry, ServiceEntryLine

from .canonical import EntryVersion

ENTRY_FIELDS = (
    "pk",
    "vehicle_id",
    "original_id",
    "version",
    "maintenance_date",
    "mileage_km",
    "comment",
    "organisation_id",
    "created_at",
    "consent_given_at",
    "cancelled_at",
    "cancellation_reason",
    "transferred_at",
    "transfer_tool_id",
)
LINE_FIELDS = (
    "entry_id",
    "kind",
    "number",
    "description",
    "quantity",
    "unit",
    "unit_price_gross",
    "gross_amount",
    "reference",
)


def versions_where(condition: Q) -> dict[int, tuple[int, EntryVersion]]:
    """Every entry version matching `condition` (on ServiceEntry): id -> (vehicle id, version)."""
    rows = list(ServiceEntry.objects.filter(condition).values_list(*ENTRY_FIELDS))
    if not rows:
        return {}
    # The same condition as a subquery, not a list of thousands of ids as parameters.
    ids = ServiceEntry.objects.filter(condition).values("pk")
    lines: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    line_rows = (
        ServiceEntryLine.objects.filter(entry_id__in=ids)
        .order_by("entry_id", "line_no")
        .values_list(*LINE_FIELDS)
    )
    for entry_id, *line in line_rows:
        lines[entry_id].append(tuple(line))
    positions: dict[int, list[str]] = defaultdict(list)
    through = ServiceEntry.positions.through
    for entry_id, code in through.objects.filter(serviceentry_id__in=ids).values_list(
        "serviceentry_id", "cbsposition__code"
    ):
        positions[entry_id].append(code)
    versions = {}
    for (
        pk,
        vehicle_id,
        original_id,
        version,
        day,
        km,
        comment,
        organisation_id,
        created_at,
        consent_at,
        cancelled_at,
        reason,
        transferred_at,
        tool_id,
    ) in rows:
        versions[pk] = (
            vehicle_id,
            EntryVersion(
                entry_id=pk,
                chain_id=original_id or pk,
                version=version,
                maintenance_date=day,
                mileage_km=km,
                positions=positions.get(pk, []),
                lines=lines.get(pk, []),
                comment=comment,
                organisation_id=organisation_id,
                created_at=created_at,
                consent_given_at=consent_at,
                cancelled_at=cancelled_at,
                cancellation_reason=reason,
                transferred_at=transferred_at,
                transfer_tool_id=tool_id,
            ),
        )
    return versions


def version_of(entry_id: int) -> EntryVersion:
    return versions_where(Q(pk=entry_id))[entry_id][1]


# Lines and positions of one entry in one statement (PostgreSQL; the hot path of storing).
_LINES_AND_POSITIONS = """
SELECT 0 AS part, line_no, kind, number, description, quantity, unit, unit_price_gross,
       gross_amount, reference
  FROM servicehistory_serviceentryline WHERE entry_id = %s
UNION ALL
SELECT 1, 0, p.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM servicehistory_serviceentry_positions ep
  JOIN vehicles_cbsposition p ON p.id = ep.cbsposition_id
 WHERE ep.serviceentry_id = %s
ORDER BY 1, 2"""


def _lines_and_positions(entry_id: int) -> tuple[list[tuple[Any, ...]], list[str]]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_LINES_AND_POSITIONS, [entry_id, entry_id])
            rows = cursor.fetchall()
        lines = [tuple(row[2:]) for row in rows if row[0] == 0]
        return lines, [row[2] for row in rows if row[0] == 1]
    # Elsewhere through the ORM, whose converters give SQLite's decimals their exact places.
    lines = list(
        ServiceEntryLine.objects.filter(entry_id=entry_id)
        .order_by("line_no")
        .values_list(*LINE_FIELDS[1:])
    )
    positions = list(
        ServiceEntry.positions.through.objects.filter(serviceentry_id=entry_id).values_list(
            "cbsposition__code", flat=True
        )
    )
    return lines, positions


def version_from(entry: ServiceEntry) -> EntryVersion:
    """The version of an entry just written, from the object that wrote it plus its stored
    lines and positions. The verification rebuilds every payload from the rows, so any
    difference between object and row would show there at once."""
    lines, positions = _lines_and_positions(entry.pk)
    return EntryVersion(
        entry_id=entry.pk,
        chain_id=entry.original_id or entry.pk,
        version=entry.version,
        maintenance_date=entry.maintenance_date,
        mileage_km=entry.mileage_km,
        positions=positions,
        lines=lines,
        comment=entry.comment,
        organisation_id=entry.organisation_id,
        created_at=entry.created_at,
        consent_given_at=entry.consent_given_at,
        cancelled_at=entry.cancelled_at,
        cancellation_reason=entry.cancellation_reason,
        transferred_at=entry.transferred_at,
        transfer_tool_id=entry.transfer_tool_id,
    )
