"""Reads of the service history; the one scoping helper for entries reached by id."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from aftersales.accounts.models import Organisation, User
from aftersales.catalogue.access import application_access
from aftersales.catalogue.selectors import application_find
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.lines import LineKind, Order
from aftersales.orders.selectors import order_build
from aftersales.vehicles.models import CbsPosition, Vehicle
from aftersales.vehicles.selectors import cbs_positions_for

from .models import ServiceEntry, ServiceEntryLine
from .rules import Reading, require_positions

M = TypeVar("M", bound=Model)

APPLICATION_SLUG = "service-history"
# Transfers into the vehicle are the diagnosis tool's work: its application grants them.
TRANSFER_APPLICATION_SLUG = "diagnosis"


def history_cutoff() -> date:
    return date.fromisoformat(str(settings.SERVICE_HISTORY_CUTOFF))


ALL_RELATED = ("organisation", "created_by", "cancelled_by", "original")


def _with_relations(
    queryset: QuerySet[ServiceEntry], *, related: tuple[str, ...] = ALL_RELATED
) -> QuerySet[ServiceEntry]:
    # On the hot paths (the history page, the API's history) every join costs the ORM more time
    # than the database: load only what the caller shows. Positions and lines: details_attach.
    return queryset.select_related(*related)


_POSITION_FIELDS = [field.attname for field in CbsPosition._meta.concrete_fields]
_POSITIONS_SQL = f"""
    SELECT ep.serviceentry_id, {", ".join(f"p.{field.column}" for field in CbsPosition._meta.concrete_fields)}
      FROM {ServiceEntry.positions.through._meta.db_table} ep
      JOIN {CbsPosition._meta.db_table} p ON p.id = ep.cbsposition_id
     WHERE ep.serviceentry_id IN (%s)
     ORDER BY p.position, p.name, p.id"""


_OTHER_WORK_SQL = f"""
    SELECT {", ".join(field.column for field in ServiceEntryLine._meta.concrete_fields)}
      FROM {ServiceEntryLine._meta.db_table}
     WHERE entry_id IN (%s) AND kind <> %%s
     ORDER BY entry_id, line_no"""


def details_attach(entries: list[ServiceEntry], *, other_work: bool = True) -> list[ServiceEntry]:
    """Fills `entry.done_positions` of every entry and, with `other_work`, `entry.other_work`:
    the lines beyond the CBS positions (campaigns, labour operations, parts; an entry may hold
    a campaign alone), for the history's "Positions" column. One query each, hand-written: the
    ORM's prefetches took 2.3 ms of a 15 ms history page, their queries 0.2 ms."""
    if not entries:
        return entries
    ids = [entry.pk for entry in entries]
    marks = ", ".join(["%s"] * len(ids))
    done: dict[int, list[CbsPosition]] = {entry_id: [] for entry_id in ids}
    work: dict[int, list[ServiceEntryLine]] = {entry_id: [] for entry_id in ids}
    with connection.cursor() as cursor:
        cursor.execute(_POSITIONS_SQL % marks, ids)
        for entry_id, *fields in cursor.fetchall():
            done[entry_id].append(CbsPosition.from_db(cursor.db.alias, _POSITION_FIELDS, fields))
    # An entry read by _history_rows says whether it has other work; the others may.
    with_work = [e.pk for e in entries if getattr(e, "has_other_work", True)] if other_work else []
    if with_work:
        # raw(): the fields' converters apply (Decimal amounts on SQLite too).
        for line in ServiceEntryLine.objects.raw(
            _OTHER_WORK_SQL % ", ".join(["%s"] * len(with_work)),
            [*with_work, LineKind.SRP.value],
        ):
            work[line.entry_id].append(line)
    for entry in entries:
        entry.done_positions = done[entry.pk]
        if other_work:
            entry.other_work = work[entry.pk]
    return entries


def _columns(model: type[Model], alias: str, attnames: Collection[str] = ()) -> list[str]:
    """The model's columns in the order of its fields (`from_db` wants them so), or those of
    the given fields, as `alias.column AS alias_attname`."""
    return [
        f"{alias}.{field.column} AS {alias}_{field.attname}"
        for field in model._meta.concrete_fields
        if not attnames or field.attname in attnames
    ]


_WORKSHOP = ("id", "name", "city", "country")
_ENTERED_BY = ("id", "email")


def _history_rows(vehicle: Vehicle, since: date, *, entered_by: bool) -> list[ServiceEntry]:
    """The entries of `service_history` with their workshop (id, name, city, country: the
    other fields are deferred), whether they hold lines beyond the CBS positions
    (`has_other_work`: most do not, and then details_attach asks no more) and, with
    `entered_by`, who entered them (id, e-mail).

    Hand-written: the ORM took 1.7 ms to build and read this join on every history page and
    API call, the query 0.5 ms; raw() still applies the entry fields' converters."""
    columns = [
        *(f"e.{field.column}" for field in ServiceEntry._meta.concrete_fields),
        *_columns(Organisation, "o", _WORKSHOP),
        *(_columns(User, "u", _ENTERED_BY) if entered_by else []),
        # Uses the lines' (entry, line_no) unique index.
        f"EXISTS (SELECT 1 FROM {ServiceEntryLine._meta.db_table} w"
        " WHERE w.entry_id = e.id AND w.kind <> %s) AS has_other_work",
    ]
    join = f"JOIN {User._meta.db_table} u ON u.id = e.created_by_id" if entered_by else ""
    # Uses service_entry_history_idx (vehicle, maintenance_date DESC, id DESC).
    sql = f"""
        SELECT {", ".join(columns)}
          FROM {ServiceEntry._meta.db_table} e
          JOIN {Organisation._meta.db_table} o ON o.id = e.organisation_id {join}
         WHERE e.vehicle_id = %s AND e.maintenance_date >= %s
         ORDER BY e.maintenance_date DESC, e.id DESC"""
    entries = list(ServiceEntry.objects.raw(sql, [LineKind.SRP.value, vehicle.pk, since]))
    for entry in entries:
        entry.vehicle = vehicle
        entry.organisation = _related(Organisation, entry, "o", _WORKSHOP)
        if entered_by:
            entry.created_by = _related(User, entry, "u", _ENTERED_BY)
    return entries


def _related(model: type[M], entry: ServiceEntry, alias: str, attnames: Collection[str]) -> M:
    """The related object whose columns `_columns` put beside the entry's."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in attnames]
    values = [getattr(entry, f"{alias}_{name}") for name in names]
    return model.from_db(entry._state.db, names, values)


def service_history(
    *,
    vehicle: Vehicle,
    since: date | None = None,
    entered_by: bool = False,
    other_work: bool = True,
) -> list[ServiceEntry]:
    """Every entry of the vehicle from the cut-off on, newest first; the versions of a corrected
    entry follow each other, latest first. Three queries, however many entries there are.
    Each entry comes with its workshop and positions; `entered_by` also loads who entered it,
    `other_work` its lines beyond the CBS positions (`entry.other_work`)."""
    entries = _history_rows(vehicle, since or history_cutoff(), entered_by=entered_by)
    newest_in_chain: dict[int, tuple[date, int]] = {}
    for entry in entries:
        key = (entry.maintenance_date, entry.chain_id)
        newest_in_chain[entry.chain_id] = max(newest_in_chain.get(entry.chain_id, key), key)
    entries.sort(key=lambda e: (newest_in_chain[e.chain_id], e.version), reverse=True)
    return details_attach(entries, other_work=other_work)


def service_entry_get(*, actor: User, entry_id: int) -> ServiceEntry:
    """An entry by id. The history belongs to the vehicle, so any workshop that may start
    Service history may read it; everyone else gets a 404. Writes check the entering
    organisation in the services."""
    application = application_find(slug=APPLICATION_SLUG)
    if application is None or not application_access(user=actor, application=application).allowed:
        raise Http404(_("No service entry found."))
    entry = get_object_or_404(
        _with_relations(ServiceEntry.objects.select_related("vehicle", "original")), pk=entry_id
    )
    return details_attach([entry])[0]


def entries_pending_transfer(*, vehicle: Vehicle) -> list[ServiceEntry]:
    """Current, uncancelled entries the diagnosis tool has not yet written into the vehicle."""
    # Uses service_entry_pending_idx (partial index on the pending entries).
    return details_attach(
        list(
            _with_relations(
                ServiceEntry.objects.filter(
                    vehicle=vehicle,
                    transferred_at__isnull=True,
                    cancelled_at__isnull=True,
                    superseded_at__isnull=True,
                ).order_by("created_at", "id")
            )
        )
    )


def mileage_readings(*, vehicle: Vehicle) -> list[Reading]:
    """The readings the mileage rules compare with: the central mileage and the highest and the
    latest valid entry (cancelled entries and replaced versions do not count)."""
    readings = [Reading(vehicle.mileage_km, vehicle.mileage_recorded_on, _("central data"))]
    active = ServiceEntry.objects.active().filter(vehicle=vehicle)
    highest = active.order_by("-mileage_km", "-maintenance_date").first()
    latest = active.order_by("-maintenance_date", "-mileage_km").first()
    for entry in {e.pk: e for e in (highest, latest) if e is not None}.values():
        readings.append(Reading(entry.mileage_km, entry.maintenance_date, entry.number))
    return readings


def positions_available(*, vehicle: Vehicle) -> dict[str, CbsPosition]:
    """The CBS positions that can be entered for this vehicle, by code, in catalogue order."""
    return {position.code: position for position in cbs_positions_for(vehicle=vehicle)}


def order_base_get(
    *, organisation: Organisation | None, vehicle: Vehicle, position_codes: list[str]
) -> tuple[list[str], Order]:
    """The order base of a selection of positions (SH-0020/SH-0021 for a wrong selection)."""
    positions = require_positions(position_codes, available=positions_available(vehicle=vehicle))
    codes = [position.code for position in positions]
    return codes, order_build(
        organisation=organisation, vehicle=vehicle, draft=OrderDraft(positions=codes)
    )
