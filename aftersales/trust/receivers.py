"""What the trust app does when Service history stores something (servicehistory.signals).

Receivers run inside the storing transaction: when one fails, nothing is stored.
- every change of an entry (stored, corrected, cancelled, confirmed transferred) appends its
  link to the vehicle's chain (`chain.link_append`);
- every stored service entry is a mileage reading (source "service_entry", read on its
  maintenance date); a cancelled entry's reading is withdrawn (kept, no longer compared).
"""

from __future__ import annotations

from typing import Any

from aftersales.servicehistory.models import ServiceEntry
from aftersales.servicehistory.signals import (
    entry_cancelled,
    entry_corrected,
    entry_stored,
    entry_transferred,
)
from aftersales.vehicles.models import MileageReading
from aftersales.vehicles.services import mileage_reading_record, mileage_reading_withdraw

from .canonical import Kind
from .chain import link_append

# Storing and correcting lock the vehicle row before anything else (servicehistory.services);
# cancelling and confirming a transfer lock only the entry, so link_append locks the vehicle.


def chain_stored(*, entry: ServiceEntry, **kwargs: Any) -> None:
    link_append(entry=entry, kind=Kind.CREATED, vehicle_locked=True)


def chain_corrected(*, entry: ServiceEntry, **kwargs: Any) -> None:
    link_append(entry=entry, kind=Kind.CORRECTED, vehicle_locked=True)


def chain_cancelled(*, entry: ServiceEntry, **kwargs: Any) -> None:
    link_append(entry=entry, kind=Kind.CANCELLED)


def chain_transferred(*, entry: ServiceEntry, **kwargs: Any) -> None:
    link_append(entry=entry, kind=Kind.TRANSFERRED)


def reading_of_entry(*, entry: ServiceEntry, **kwargs: Any) -> None:
    mileage_reading_record(
        vehicle=entry.vehicle,
        mileage=entry.mileage_km,
        source=MileageReading.Source.SERVICE_ENTRY,
        read_at=entry.maintenance_date,
        reference=entry.original_number,
        now=entry.created_at,
        vehicle_locked=True,  # storing an entry locks the vehicle row first
    )


def reading_withdrawn(*, entry: ServiceEntry, **kwargs: Any) -> None:
    mileage_reading_withdraw(
        vehicle=entry.vehicle,
        source=MileageReading.Source.SERVICE_ENTRY,
        reference=entry.original_number,
        now=entry.cancelled_at,
    )


def connect() -> None:
    sender = ServiceEntry
    entry_stored.connect(chain_stored, sender=sender, dispatch_uid="trust-chain-stored")
    entry_corrected.connect(chain_corrected, sender=sender, dispatch_uid="trust-chain-corrected")
    entry_cancelled.connect(chain_cancelled, sender=sender, dispatch_uid="trust-chain-cancelled")
    entry_transferred.connect(
        chain_transferred, sender=sender, dispatch_uid="trust-chain-transferred"
    )
    entry_stored.connect(reading_of_entry, sender=sender, dispatch_uid="trust-reading")
    entry_cancelled.connect(reading_withdrawn, sender=sender, dispatch_uid="trust-withdraw")
