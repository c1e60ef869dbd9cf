"""The pages: VIN entry, the vehicle's nominal values with their sources (and the printout),
Record test (errors next to the field, nothing stored), the result, the certificate; a test of
another workshop is a 404."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from aftersales import clock
from aftersales.emissions.models import EmissionsTest

from .conftest import DIESEL_VIN, VIN

pytestmark = pytest.mark.django_db


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "tested_at": timezone.localtime(clock.now() - datetime.timedelta(minutes=5)).strftime(
            "%Y-%m-%d %H:%M"
        ),
        "mileage": "131050",
        "tester": "Mads Mekaniker",
        "instrument_id": "AVL 4000 #A-1187",
        "measured_idle_rpm": "720",
        "measured_raised_idle_rpm": "2650",
        "measured_co": "0,05",
        "measured_lambda": "1,004",
        "obd_ready": "complete",
        "mil_on": "off",
    }
    data.update(overrides)
    return data


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_it_finds_the_vehicle_by_its_last_seven_characters(
    client_for, owner, access, vehicle
) -> None:
    response = client_for(owner).get(reverse("emissions:vin_entry"), {"vin": "A193748"})
    assert response.status_code == 302
    assert response["Location"] == reverse("emissions:vehicle", args=[VIN])


def test_it_shows_each_nominal_value_with_its_source(client_for, owner, access, vehicle) -> None:
    response = client_for(owner).get(reverse("emissions:vehicle", args=[VIN]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "0.970–1.030" in html and "≤ 0.20" in html
    assert 'data-testid="source-co"><span class="et-source et-legal">Legal limit' in html
    assert 'data-testid="source-lambda"><span class="et-source et-manufacturer">' in html


def test_it_shows_a_diesels_smoke_limit_and_governed_speed(
    client_for, owner, access, diesel
) -> None:
    html = client_for(owner).get(reverse("emissions:vehicle", args=[DIESEL_VIN])).content.decode()
    assert "Smoke opacity (k value)" in html and "≤ 0.50" in html and "4800–5200" in html
    assert "Lambda" not in html


def test_it_says_when_a_vehicle_has_no_emissions_test(client_for, owner, access, vehicle) -> None:
    vehicle.engine_type = "HA0001"
    vehicle.save()
    response = client_for(owner).get(reverse("emissions:vehicle", args=[VIN]))
    assert "EMT-0004" in response.content.decode()


def test_it_prints_the_nominal_values(client_for, owner, access, vehicle) -> None:
    response = client_for(owner).get(reverse("emissions:values_pdf", args=[VIN]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert VIN in text and "0.970–1.030" in text and "Legal limit" in text


def test_it_offers_the_typed_obd_state_without_a_recent_report(
    client_for, owner, access, vehicle
) -> None:
    html = client_for(owner).get(reverse("emissions:test_create", args=[VIN])).content.decode()
    assert 'name="obd_ready"' in html and 'name="mil_on"' in html
    assert "Olga Owner" in html  # the tester defaults to the user


def test_it_records_a_passed_test_and_shows_the_result(client_for, owner, access, vehicle) -> None:
    response = client_for(owner).post(reverse("emissions:test_create", args=[VIN]), form_data())
    test = EmissionsTest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("emissions:test", args=[test.pk])
    page = client_for(owner).get(response["Location"]).content.decode()
    assert "Passed" in page and 'data-testid="certificate"' in page


def test_it_shows_a_wrong_number_next_to_its_field_and_stores_nothing(
    client_for, owner, access, vehicle
) -> None:
    response = client_for(owner).post(
        reverse("emissions:test_create", args=[VIN]), form_data(measured_lambda="1,0x")
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "EMT-0001" in html and 'value="1,0x"' in html
    assert EmissionsTest.objects.count() == 0


def test_it_refuses_an_implausible_value_and_stores_nothing(
    client_for, owner, access, vehicle
) -> None:
    response = client_for(owner).post(
        reverse("emissions:test_create", args=[VIN]), form_data(measured_idle_rpm="72000")
    )
    assert "EMT-0002" in response.content.decode()
    assert EmissionsTest.objects.count() == 0


def test_it_prints_the_certificate_of_a_passed_test(
    client_for, owner, access, vehicle, record
) -> None:
    test = record(owner, vehicle)
    response = client_for(owner).get(reverse("emissions:certificate", args=[test.pk]))
    text = pdf_text(response.content)
    assert "Emissions test certificate" in text and test.number in text and VIN in text
    assert "1.004" in text and "AVL 4000 #A-1187" in text


def test_it_has_no_certificate_for_a_failed_test(
    client_for, owner, access, vehicle, record
) -> None:
    test = record(
        owner,
        vehicle,
        measured={"idle_rpm": "720", "raised_idle_rpm": "2650", "co": "0.05", "lambda": "1.05"},
    )
    response = client_for(owner).get(reverse("emissions:certificate", args=[test.pk]))
    assert response.status_code == 404


def test_it_answers_404_for_another_workshops_test(
    client_for, owner, outsider, access, vehicle, record
) -> None:
    test = record(owner, vehicle)
    client = client_for(outsider)
    assert client.get(reverse("emissions:test", args=[test.pk])).status_code == 404
    assert client.get(reverse("emissions:certificate", args=[test.pk])).status_code == 404


def test_it_lists_only_the_workshops_own_tests(
    client_for, owner, outsider, access, vehicle, record
) -> None:
    test = record(owner, vehicle)
    html = client_for(outsider).get(reverse("emissions:vehicle", args=[VIN])).content.decode()
    assert test.number not in html


def test_it_asks_for_a_ticket_without_one(client_for, owner, applications, vehicle) -> None:
    response = client_for(owner).get(reverse("emissions:vehicle", args=[VIN]))
    assert response.status_code == 403
