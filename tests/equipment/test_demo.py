"""The demo data: ten tools with pictures, the demo workshop's inventory without the brake
bleeding adapter, a confirmed request; loading it twice changes nothing."""

from __future__ import annotations

import pytest

from aftersales.accounts import demo as accounts_demo
from aftersales.catalogue import demo as catalogue_demo
from aftersales.equipment import demo
from aftersales.equipment.models import InventoryItem, Tool, ToolRequest
from aftersales.servicedata import demo as servicedata_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db) -> None:  # type: ignore[no-untyped-def]
    catalogue_demo.load()
    accounts_demo.load()
    servicedata_demo.load()
    demo.load()


def test_it_has_ten_tools_each_with_a_picture(loaded) -> None:
    assert Tool.objects.count() == 10
    assert all(tool.has_picture for tool in Tool.objects.all())


def test_it_has_every_tool_the_demo_labour_operations_need(loaded) -> None:
    from aftersales.servicedata.models import LabourOperationVersion

    named = {n for version in LabourOperationVersion.objects.all() for n in version.tool_numbers}
    assert named and named <= set(Tool.objects.values_list("number", flat=True))


def test_the_demo_workshop_lacks_the_brake_bleeding_adapter(loaded) -> None:
    numbers = set(InventoryItem.objects.values_list("tool__number", flat=True))
    assert "83 30 0 494 060" not in numbers and "00 9 250" in numbers


def test_it_holds_one_confirmed_request(loaded) -> None:
    assert list(ToolRequest.objects.values_list("status", flat=True)) == ["confirmed"]


def test_loading_it_again_changes_nothing(loaded) -> None:
    before = (Tool.objects.count(), InventoryItem.objects.count(), ToolRequest.objects.count())
    demo.load()
    assert (
        Tool.objects.count(),
        InventoryItem.objects.count(),
        ToolRequest.objects.count(),
    ) == before
