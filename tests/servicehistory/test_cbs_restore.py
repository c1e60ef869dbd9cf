"""A cancelled entry, or a position corrected away, puts the CBS status back as it was."""

import datetime

import pytest
from django.utils import timezone

from aftersales.servicehistory.services import service_entry_cancel, service_entry_correct
from aftersales.vehicles.models import Vehicle, VehicleCbsStatus
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0))
BEFORE_DUE = datetime.date(2026, 12, 1)


@pytest.fixture
def oil_due_soon(vehicle: Vehicle, catalogue) -> VehicleCbsStatus:  # type: ignore[no-untyped-def]
    return VehicleCbsStatus.objects.create(
        vehicle=vehicle, cbs_position=catalogue["engine_oil"], due_date=BEFORE_DUE, remaining_km=800
    )


def store(actor, vehicle, codes, mileage="130000", day="2026-11-20"):  # type: ignore[no-untyped-def]
    return entry_create(
        actor=actor,
        vehicle=vehicle,
        mileage=mileage,
        maintenance_date=day,
        position_codes=codes,
        comment="",
        consent=True,
        ip_address=None,
        now=NOW,
    )


def oil(vehicle: Vehicle) -> VehicleCbsStatus | None:
    return VehicleCbsStatus.objects.filter(vehicle=vehicle, cbs_position__code="engine_oil").first()


def test_it_puts_the_status_back_when_the_entry_is_cancelled(owner, vehicle, oil_due_soon) -> None:  # type: ignore[no-untyped-def]
    entry = store(owner, vehicle, ["engine_oil"])
    assert oil(vehicle).due_date != BEFORE_DUE  # type: ignore[union-attr]
    service_entry_cancel(actor=owner, entry=entry, reason="Wrong car", ip_address=None, now=NOW)
    restored = oil(vehicle)
    assert (restored.due_date, restored.remaining_km) == (BEFORE_DUE, 800)  # type: ignore[union-attr]


def test_it_removes_a_status_the_entry_created(owner, vehicle, catalogue) -> None:  # type: ignore[no-untyped-def]
    entry = store(owner, vehicle, ["engine_oil"])
    service_entry_cancel(actor=owner, entry=entry, reason="Wrong car", ip_address=None, now=NOW)
    assert oil(vehicle) is None


def test_it_keeps_the_reset_of_a_later_entry(owner, teammate, vehicle, oil_due_soon) -> None:  # type: ignore[no-untyped-def]
    first = store(owner, vehicle, ["engine_oil"], mileage="130000", day="2026-11-18")
    store(teammate, vehicle, ["engine_oil"], mileage="130100", day="2026-11-20")
    after_second = oil(vehicle).due_date  # type: ignore[union-attr]
    service_entry_cancel(actor=owner, entry=first, reason="Typed twice", ip_address=None, now=NOW)
    assert oil(vehicle).due_date == after_second  # type: ignore[union-attr]


def test_it_puts_back_a_position_corrected_away(owner, vehicle, oil_due_soon) -> None:  # type: ignore[no-untyped-def]
    entry = store(owner, vehicle, ["engine_oil", "brake_fluid"])
    service_entry_correct(
        actor=owner,
        entry=entry,
        position_codes=["brake_fluid"],
        comment="",
        ip_address=None,
        now=NOW,
    )
    restored = oil(vehicle)
    assert (restored.due_date, restored.remaining_km) == (BEFORE_DUE, 800)  # type: ignore[union-attr]
    assert VehicleCbsStatus.objects.filter(
        vehicle=vehicle, cbs_position__code="brake_fluid"
    ).exists()


def test_it_puts_back_a_position_added_by_a_correction_and_then_cancelled(
    owner, vehicle, oil_due_soon
) -> None:  # type: ignore[no-untyped-def]
    entry = store(owner, vehicle, ["brake_fluid"])
    correction = service_entry_correct(
        actor=owner,
        entry=entry,
        position_codes=["brake_fluid", "engine_oil"],
        comment="",
        ip_address=None,
        now=NOW,
    )
    assert oil(vehicle).due_date != BEFORE_DUE  # type: ignore[union-attr]
    service_entry_cancel(actor=owner, entry=correction, reason="x", ip_address=None, now=NOW)
    assert oil(vehicle).due_date == BEFORE_DUE  # type: ignore[union-attr]
