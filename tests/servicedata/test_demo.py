from __future__ import annotations

import pytest

from aftersales.servicedata import demo
from aftersales.servicedata.models import LabourOperation, LabourOperationVersion, ServicePackage
from aftersales.servicedata.selectors import labour_operations_for_vehicle, packages_for_vehicle

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_catalogue_twice_without_a_second_version(vehicle) -> None:
    demo.load()
    counts = (LabourOperation.objects.count(), LabourOperationVersion.objects.count())
    demo.load()
    assert (LabourOperation.objects.count(), LabourOperationVersion.objects.count()) == counts
    assert counts[0] == counts[1] and ServicePackage.objects.filter(kind="service").count() == 4


def test_it_offers_the_walkthrough_car_its_operations_and_two_packages(vehicle, labour) -> None:
    numbers = [op.number for op in labour_operations_for_vehicle(vehicle=vehicle).operations]
    assert "11 00 050" in numbers and "12 12 000" in numbers and "11 65 015" in numbers
    assert "13 32 000" not in numbers  # diesel only
    assert "11 00 510" not in numbers  # motorcycles only
    packages = [p.number for p in packages_for_vehicle(vehicle=vehicle)]
    assert packages == ["SP-BRAKE-FLUID", "SP-OIL-N54"]
