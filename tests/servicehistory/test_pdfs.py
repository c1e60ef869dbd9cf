"""The printouts: read back with pypdf, one A4 page, VIN and positions on it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from aftersales import clock
from tests.servicehistory.factories import entry_create

from .factories import WALKTHROUGH_VIN

pytestmark = pytest.mark.django_db


def read(response) -> tuple[PdfReader, str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join(page.extract_text() for page in reader.pages)


def a4(reader: PdfReader) -> bool:
    box = reader.pages[0].mediabox
    return (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.fixture
def client(owner, client_for, applications, vehicle):  # type: ignore[no-untyped-def]
    return client_for(owner)


def test_it_prints_the_vehicle_data_sheet(client) -> None:
    reader, text = read(client.get(reverse("servicehistory:vehicle_pdf", args=[WALKTHROUGH_VIN])))
    assert len(reader.pages) == 1 and a4(reader)
    for value in [
        WALKTHROUGH_VIN,
        "335i",
        "E91",
        "N54",
        "0406545",
        "05896959",
        "E89X-08-09-520",
        "129,226 km",
        "CAS",
    ]:
        assert value in text, value


def test_it_prints_the_service_sheet_as_a_certificate(client, owner, vehicle) -> None:
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil", "microfilter"],
        comment="Oil 5W-30 filled.",
        consent=True,
        ip_address=None,
    )
    response = client.get(reverse("servicehistory:service_sheet", args=[entry.pk]))
    reader, text = read(response)
    assert len(reader.pages) == 1 and a4(reader)
    for value in [
        WALKTHROUGH_VIN,
        "Engine oil",
        "Microfilter",
        "130,000 km",
        "Motorhjørnet ApS",
        "Vejle",
        "Oil 5W-30 filled.",
        entry.number,
        clock.today().isoformat(),
    ]:
        assert value in text, value


def test_it_lets_another_workshop_print_the_service_sheet(
    owner, outsider, client_for, applications, vehicle
) -> None:
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
        comment="",
        consent=True,
        ip_address=None,
    )
    _, text = read(
        client_for(outsider).get(reverse("servicehistory:service_sheet", args=[entry.pk]))
    )
    assert WALKTHROUGH_VIN in text


def test_it_prints_the_order_base_with_numbers_and_prices(client) -> None:
    client.post(
        reverse("servicehistory:service_data", args=[WALKTHROUGH_VIN]),
        {
            "positions": ["engine_oil"],
            "mileage": "130000",
            "maintenance_date": clock.today().isoformat(),
        },
    )
    response = client.post(
        reverse("servicehistory:order_base", args=[WALKTHROUGH_VIN]),
        {"step": "print", "comment": "Customer waits."},
    )
    reader, text = read(response)
    assert len(reader.pages) == 1 and a4(reader)
    for value in [
        WALKTHROUGH_VIN,
        "Engine oil",
        "00 00 610",
        "3 FRU",
        "00 00 105",
        "Standard scope",
        "243.75",
        "406.25",
        "Customer waits.",
    ]:
        assert value in text, value
