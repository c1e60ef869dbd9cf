"""The tree, illustration and search pages run the same number of queries however large the
catalogue is (speed itself is measured in bench/parts.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales.parts.models import Part
from tests.servicehistory.factories import WALKTHROUGH_VIN

from .factories import make_illustration, make_price, make_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(owner, client_for, epc, vehicle, parts) -> Client:  # type: ignore[no-untyped-def]
    return client_for(owner)


def grow(start: int, times: int) -> None:
    """More main groups, subgroups, illustrations and rows, all valid for the vehicle, with
    supersessions and prices."""
    for n in range(start, start + times):
        illustration = make_illustration(
            f"{20 + n}_{n:04d}", main=str(20 + n), subgroup=f"{20 + n} {n:02d}"
        )
        for position in range(1, 6):
            old = Part.objects.create(number=f"9{n:04d}{position:03d}01", description="Oil seal")
            new = Part.objects.create(number=f"9{n:04d}{position:03d}02", description="Oil seal")
            old.replaced_by, old.successor = new, new
            old.save()
            make_price(new, "3.00")
            make_row(illustration, str(position), old, series="E91", options="S205A")
            make_row(illustration, str(position), new, engine="N54")


def count(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.parametrize(
    "page",
    ["tree", "illustration", "search-number", "search-words"],
)
def test_it_runs_as_many_queries_for_a_large_catalogue_as_for_a_small_one(
    client, parts, page: str
) -> None:
    addresses = {
        "tree": reverse("parts:vehicle", kwargs={"vin": WALKTHROUGH_VIN}),
        "illustration": reverse(
            "parts:illustration",
            kwargs={"vin": WALKTHROUGH_VIN, "illustration_id": parts["illustration"].pk},
        ),
        "search-number": reverse("parts:search", kwargs={"vin": WALKTHROUGH_VIN}) + "?q=9+000",
        "search-words": reverse("parts:search", kwargs={"vin": WALKTHROUGH_VIN}) + "?q=oil",
    }
    address = addresses[page]
    grow(0, 1)
    small = count(client, address)
    grow_more = [
        make_row(parts["illustration"], str(p), parts["ring"], sort=p) for p in range(4, 30)
    ]
    assert grow_more
    grow(1, 6)
    assert count(client, address) == small
