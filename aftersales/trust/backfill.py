"""Readings for service entries stored before readings existed (the demo's, an imported history).

Each first version of an entry is one reading (source "service_entry", its number as
reference, read on its maintenance date); the reading of an entry whose latest version is
cancelled is withdrawn. Idempotent (the reading's unique key); flags are refreshed after.
"""

from __future__ import annotations

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import MileageReading
from aftersales.vehicles.services import mileage_flags_refresh

SOURCE = MileageReading.Source.SERVICE_ENTRY


@transaction.atomic
def readings_missing() -> int:
    """Records the readings of entries that have none; returns how many it wrote."""
    now = clock.now()
    before = MileageReading.objects.filter(source=SOURCE).count()
    firsts = ServiceEntry.objects.filter(version=1).values_list(
        "pk", "vehicle_id", "mileage_km", "maintenance_date", "created_at"
    )
    MileageReading.objects.bulk_create(
        (
            MileageReading(
                vehicle_id=vehicle_id,
                mileage_km=km,
                read_at=timezone.make_aware(datetime.combine(day, time.min)),
                date_only=True,
                source=SOURCE,
                reference=f"SH-{pk:06d}",
                recorded_at=created_at,
            )
            for pk, vehicle_id, km, day, created_at in firsts.iterator(chunk_size=2000)
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    cancelled = ServiceEntry.objects.current().filter(cancelled_at__isnull=False)
    numbers = [entry.original_number for entry in cancelled.only("pk", "original_id")]
    MileageReading.objects.filter(
        source=SOURCE, reference__in=numbers, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    written = MileageReading.objects.filter(source=SOURCE).count() - before
    if written:
        vehicles = ServiceEntry.objects.values_list("vehicle_id", flat=True).distinct()
        mileage_flags_refresh(vehicle_ids=vehicles)
    return written
