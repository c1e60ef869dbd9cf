"""Service history's standard repair packages (SRP) are packages of this catalogue: their FRU
come from their operations (the variant valid for the vehicle), a change is a new version, and
the order base and stored entries work as before."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aftersales import clock
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.selectors import order_build
from aftersales.servicedata.models import LabourOperation, ServicePackage
from aftersales.servicedata.rules import OperationContent
from aftersales.servicedata.selectors import packages_for_vehicle
from aftersales.servicedata.services import (
    ValidityData,
    labour_operation_change,
    labour_operation_create,
)
from aftersales.servicehistory import models as servicehistory
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db


def srp_lines(owner, vehicle):  # type: ignore[no-untyped-def]
    draft = OrderDraft(positions=["engine_oil"])
    order = order_build(organisation=owner.organisation, vehicle=vehicle, draft=draft)
    return {line.number: line for line in order.lines if line.kind == "SRP"}


def test_it_keeps_the_srp_lines_of_the_order_base(owner, vehicle) -> None:
    lines = srp_lines(owner, vehicle)
    assert list(lines) == ["00 00 610", "00 00 105"]
    assert lines["00 00 610"].quantity == Decimal(3) and str(lines["00 00 610"].quantity) == "3"
    assert lines["00 00 610"].description == "Engine oil"
    assert lines["00 00 610"].gross_amount == Decimal("243.75")  # 3 × 780 / 12 × 1.25


def test_it_lists_the_srps_as_labour_operations_of_service_history(vehicle) -> None:
    assert (
        servicehistory.LabourOperation.objects.get(number="00 00 610").description == "Engine oil"
    )
    assert not servicehistory.LabourOperation.objects.filter(kind="service").exists()
    assert all(p.kind == "srp" for p in servicehistory.LabourOperation.objects.all())


def test_it_does_not_offer_srps_as_service_packages(vehicle, labour) -> None:
    numbers = {package.number for package in packages_for_vehicle(vehicle=vehicle)}
    assert "00 00 610" not in numbers and "SP-OIL-N54" in numbers


def test_it_prices_an_srp_with_the_new_version_of_its_operation(owner, vehicle) -> None:
    operation = LabourOperation.objects.get(number="00 00 610")
    labour_operation_change(
        operation=operation,
        content=OperationContent(description="Engine oil", units=Decimal(4)),
        actor=None,
    )
    assert srp_lines(owner, vehicle)["00 00 610"].quantity == Decimal(4)


def test_it_takes_the_variant_of_the_vehicles_engine(owner, vehicle) -> None:
    labour_operation_create(
        number="00 00 610",
        validity=ValidityData(engine_type="N54"),
        content=OperationContent(description="Engine oil (N54)", units=Decimal("4.5")),
        actor=None,
    )
    assert srp_lines(owner, vehicle)["00 00 610"].quantity == Decimal("4.50")


def test_a_stored_entry_keeps_its_srp_lines_after_a_change(owner, vehicle) -> None:
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
    )
    labour_operation_change(
        operation=LabourOperation.objects.get(number="00 00 610"),
        content=OperationContent(description="Engine oil", units=Decimal(5)),
        actor=None,
    )
    assert entry.lines.get(number="00 00 610").quantity == Decimal(3)


def test_it_leaves_out_an_srp_without_an_operation_for_the_vehicle(owner, vehicle) -> None:
    ServicePackage.objects.get(number="00 00 610").operations.all().delete()
    assert "00 00 610" not in srp_lines(owner, vehicle)
