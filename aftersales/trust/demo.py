"""Demo: the demo's service history chained, its mileages as readings, a published anchor and a
verification run, and one vehicle whose key read shows a mileage inconsistency."""

from __future__ import annotations

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.servicehistory.demo import WALKTHROUGH_VIN
from aftersales.vehicles.models import MileageReading, Vehicle
from aftersales.vehicles.services import mileage_reading_record

from .selectors import last_verification
from .services import (
    anchor_publish,
    anchor_record,
    chain_missing,
    readings_missing,
    verification_run,
)


def _inconsistency() -> bool:
    """A key read lower than the central mileage, on a demo vehicle other than the walkthrough's."""
    vehicle = Vehicle.objects.exclude(vin=WALKTHROUGH_VIN).filter(mileage_km__gt=20_000).first()
    if vehicle is None or MileageReading.objects.filter(reference="DEMO-KEY-1").exists():
        return False
    mileage_reading_record(
        vehicle=vehicle,
        mileage=vehicle.mileage_km - 15_000,
        source=MileageReading.Source.KEY_READ,
        read_at=clock.now().replace(hour=8, minute=40, second=0, microsecond=0),
        reference="DEMO-KEY-1",
    )
    return True


def load() -> str:
    links = chain_missing()
    readings = readings_missing()
    flagged = _inconsistency()
    anchor = anchor_record()
    operator = User.objects.filter(is_superuser=True).order_by("pk").first()
    if operator is not None:
        anchor_publish(anchor=anchor, operator=operator)
    run = last_verification() or verification_run()  # one run, however often the demo loads
    return (
        f"{links} chain links, {readings} readings{', 1 mileage inconsistency' if flagged else ''}"
        f", anchor {anchor.day} {'published' if operator else 'recorded'}, "
        f"verification {'OK' if run.ok else f'{run.broken} broken'}"
    )
