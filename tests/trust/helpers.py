"""Storing entries through the services, and changing rows behind the application's back."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry
from tests.servicehistory.factories import entry_create

_triggers = importlib.import_module("aftersales.trust.migrations.0002_append_only_triggers")


def store(owner, vehicle, km: str = "130000", comment: str = "", codes=("engine_oil",)):  # type: ignore[no-untyped-def]
    return entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage=km,
        maintenance_date=clock.today().isoformat(),
        position_codes=list(codes),
        comment=comment,
    )


@contextmanager
def triggers_off(table: str) -> Iterator[None]:
    """The append-only trigger of `table` switched off, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE waits for no deferred foreign key check of the test's transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                cursor.execute(_triggers.sqlite_trigger(table))


def raw(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def entry_ids(vehicle) -> list[int]:  # type: ignore[no-untyped-def]
    return list(
        ServiceEntry.objects.filter(vehicle=vehicle).order_by("pk").values_list("pk", flat=True)
    )
