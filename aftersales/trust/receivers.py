"""What the trust app does when Service history stores something (servicehistory.signals).

Receivers run inside the storing transaction: when one fails, nothing is stored.
- every stored service entry is a mileage reading (source "service_entry", read on its
  maintenance date); a cancelled entry's reading is withdrawn (kept, no longer compared).
"""

from __future__ import annotations

from typing import Any

from aftersales.servicehistory.models import ServiceEntry
from aftersales.servicehistory.signals import entry_cancelled, entry_stored
from aftersales.vehicles.models import MileageReading
from aftersales.vehicles.services import mileage_reading_record, mileage_reading_withdraw


def reading_of_entry(*, entry: ServiceEntry, **kwargs: Any) -> None:
    mileage_reading_record(
        vehicle=entry.vehicle,
        mileage=entry.mileage_km,
        source=MileageReading.Source.SERVICE_ENTRY,
        read_at=entry.maintenance_date,
        reference=entry.original_number,
        now=entry.created_at,
    )


def reading_withdrawn(*, entry: ServiceEntry, **kwargs: Any) -> None:
    mileage_reading_withdraw(
        vehicle=entry.vehicle,
        source=MileageReading.Source.SERVICE_ENTRY,
        reference=entry.original_number,
        now=entry.cancelled_at,
    )


def connect() -> None:
    entry_stored.connect(reading_of_entry, sender=ServiceEntry, dispatch_uid="trust-reading")
    entry_cancelled.connect(reading_withdrawn, sender=ServiceEntry, dispatch_uid="trust-withdraw")
