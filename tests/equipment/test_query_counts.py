"""The catalogue page and the order base's tools panel run as many queries for a large
catalogue (and a large inventory) as for a small one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales.equipment import services
from aftersales.equipment.selectors import required_tools

from .conftest import make_tool

pytestmark = pytest.mark.django_db


def count(call) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def grow(owner, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(start, end):
        make_tool(f"90 {n:04d}", f"Tool {n}", calibration_months=12)
        services.inventory_item_add(actor=owner, tool_number=f"90 {n:04d}")


def test_the_catalogue_page_does_not_grow_with_the_catalogue(owner, client_for, tickets) -> None:
    client = client_for(owner)
    grow(owner, 0, 3)
    small = count(lambda: client.get(reverse("equipment:tools")))
    grow(owner, 3, 60)
    assert count(lambda: client.get(reverse("equipment:tools"))) == small


def test_the_tools_panel_does_not_grow_with_the_order(owner) -> None:
    grow(owner, 0, 30)
    small = count(
        lambda: required_tools(needs=[("90 0000", "11 00 050")], organisation=owner.organisation)
    )
    needs = [(f"90 {n:04d}", "11 00 050") for n in range(30)] + [("77 7 777", "34 00 500")]
    assert count(lambda: required_tools(needs=needs, organisation=owner.organisation)) == small


def test_the_inventory_page_does_not_grow_with_the_inventory(owner, client_for, tickets) -> None:
    client = client_for(owner)
    grow(owner, 0, 3)
    small = count(lambda: client.get(reverse("equipment:inventory")))
    grow(owner, 3, 40)
    assert count(lambda: client.get(reverse("equipment:inventory"))) == small
