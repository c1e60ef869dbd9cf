"""Writes of KeyReader: storing a key read (API and upload form alike) and matching reads with
vehicles that arrived in the central data later. Every rule is in `rules.py`.

A key read never writes the central mileage: it reaches the central mileage only through a
service entry, under the Service history's rules ("Use for order" pre-fills the Service data).
A matched read's mileage is kept as a mileage reading of the vehicle (source "key read"), so a
key that says less than an earlier reading is flagged there too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.api.models import ApiToken
from aftersales.vehicles.models import CbsPosition, MileageReading, Vehicle
from aftersales.vehicles.services import mileage_reading_record

from . import rules
from .models import KeyRead, KeyReadCbsItem, KeyReadMessage
from .rules import CbsItemIn, MessageIn


def _match(read: KeyRead, vehicle: Vehicle, *, now: datetime) -> None:
    """Links the read with its vehicle; a key mileage below the central one is flagged."""
    read.vehicle = vehicle
    read.matched_at = now
    read.central_mileage_km = vehicle.mileage_km
    read.below_central = read.mileage_km < vehicle.mileage_km


def _reading_record(read: KeyRead, *, now: datetime) -> None:
    """The matched read's mileage as one of the vehicle's readings (the same read: one)."""
    assert read.vehicle is not None
    mileage_reading_record(
        vehicle=read.vehicle,
        mileage=read.mileage_km,
        source=MileageReading.Source.KEY_READ,
        read_at=read.read_at,
        reference=f"key read {read.pk}",
        now=now,
    )


def key_read_store(
    *,
    organisation: Organisation,
    vin: str,
    key_number: int,
    read_at: datetime,
    mileage: str,
    cbs: Sequence[CbsItemIn],
    check_control: Sequence[MessageIn],
    raw_readout: str,
    device: ApiToken | None = None,
    uploaded_by: User | None = None,
    now: datetime | None = None,
) -> tuple[KeyRead, bool]:
    """Stores a key read; returns it and whether it is new. The same read sent again (same
    workshop, VIN, key and read time) returns the first one and stores nothing.

    The first broken rule is raised (RuleViolation); nothing is stored then. A VIN that the
    central data do not know is stored unmatched, never refused.
    """
    now = now or clock.now()
    data = rules.decode_raw_readout(raw_readout)  # first: refuses 64 kB+ before any other work
    vin = rules.require_full_vin(vin)
    key_number = rules.require_key_number(key_number)
    read_at = rules.require_read_time(read_at, now=now)
    mileage_km = rules.parse_mileage(str(mileage))
    catalogue = {p.code: p for p in CbsPosition.objects.filter(code__in=[i.position for i in cbs])}
    items = rules.require_cbs_items(cbs, catalogue=catalogue)
    messages = rules.require_messages(check_control)

    natural_key = {
        "organisation": organisation,
        "vin": vin,
        "key_number": key_number,
        "read_at": read_at,
    }
    existing = KeyRead.objects.filter(**natural_key).first()
    if existing is not None:
        return existing, False
    read = KeyRead(
        **natural_key,
        source=KeyRead.Source.DEVICE if device is not None else KeyRead.Source.UPLOAD,
        device=device,
        uploaded_by=uploaded_by,
        mileage_km=mileage_km,
        raw_size=len(data),
        raw_sha256=hashlib.sha256(data).hexdigest(),
        received_at=now,
    )
    vehicle = Vehicle.objects.filter(vin=vin).first()
    if vehicle is not None:
        _match(read, vehicle, now=now)
    # The file is written before the row; should the row lose a race, the file goes again.
    read.raw_readout.save(
        f"{vin}-{key_number}-{read_at:%Y%m%dT%H%M%S}.bin", ContentFile(data), save=False
    )
    try:
        with transaction.atomic():
            read.save()
            KeyReadCbsItem.objects.bulk_create(
                KeyReadCbsItem(
                    key_read=read,
                    position=item.position,
                    due_date=item.due_date,
                    remaining_km=item.remaining_km,
                    percent=item.percent,
                )
                for item in items
            )
            KeyReadMessage.objects.bulk_create(
                KeyReadMessage(key_read=read, line_no=n, code=m.code, text=m.text)
                for n, m in enumerate(messages, start=1)
            )
            if read.vehicle is not None:
                _reading_record(read, now=now)
    except IntegrityError:
        read.raw_readout.delete(save=False)
        existing = KeyRead.objects.filter(**natural_key).first()
        if existing is None:  # pragma: no cover - another constraint: a programming error
            raise
        return existing, False
    return read, True


@transaction.atomic
def key_reads_match(*, reads: QuerySet[KeyRead] | None = None, now: datetime | None = None) -> int:
    """Links unmatched reads (all, or those given) with the vehicles the central data now know;
    returns how many were matched. Run after a vehicle import (`manage.py match_key_reads`),
    by the back office's action, and for a single new vehicle automatically (apps.py)."""
    now = now or clock.now()
    unmatched = (reads if reads is not None else KeyRead.objects.all()).filter(vehicle__isnull=True)
    # Uses key_read_unmatched_idx; one query for the vehicles of all the VINs.
    pending = list(unmatched.select_for_update())
    vehicles = {v.vin: v for v in Vehicle.objects.filter(vin__in={r.vin for r in pending})}
    matched = [read for read in pending if read.vin in vehicles]
    for read in matched:
        _match(read, vehicles[read.vin], now=now)
    KeyRead.objects.bulk_update(
        matched, ["vehicle", "matched_at", "central_mileage_km", "below_central"]
    )
    for read in matched:
        _reading_record(read, now=now)
    return len(matched)
