"""The back office: nominal values (each bound within the instrument's range), the import with
its rejected lines, legal limits, the recorded tests read-only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.emissions.models import NominalValues

pytestmark = pytest.mark.django_db


def test_it_imports_a_csv_and_lists_the_rejected_lines(client_for, operator) -> None:
    upload = SimpleUploadedFile(
        "values.csv", b"engine_type,fuel,lambda_min,lambda_max\nN54,petrol,0.97,1.03\nX1,gas,,\n"
    )
    response = client_for(operator).post(
        reverse("admin:emissions_nominalvalues_import"), {"file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 lines read: 1 created" in html and "gas" in html
    assert NominalValues.objects.get().engine_type == "N54"


def test_it_refuses_an_import_over_the_limit(client_for, operator, settings) -> None:
    settings.EMISSIONS_IMPORT_MAX_BYTES = 10
    upload = SimpleUploadedFile("values.csv", b"engine_type,fuel\nN54,petrol\n")
    response = client_for(operator).post(
        reverse("admin:emissions_nominalvalues_import"), {"file": upload}
    )
    assert response.status_code == 413 and "EMT-0020" in response.content.decode()


def test_it_refuses_a_bound_outside_the_instruments_range(client_for, operator) -> None:
    response = client_for(operator).post(
        reverse("admin:emissions_nominalvalues_add"),
        {"engine_type": "N54", "fuel": "petrol", "lambda_min": "0.2", "lambda_max": "1.03"},
    )
    assert response.status_code == 200
    assert "EMT-0010" in response.content.decode()
    assert not NominalValues.objects.exists()


def test_it_stores_nominal_values_of_the_back_office(client_for, operator) -> None:
    response = client_for(operator).post(
        reverse("admin:emissions_nominalvalues_add"),
        {"engine_type": "n54", "fuel": "petrol", "lambda_min": "0.97", "lambda_max": "1.03"},
    )
    assert response.status_code == 302
    row = NominalValues.objects.get()
    assert row.engine_type == "N54" and row.updated_by == operator


def test_it_shows_recorded_tests_read_only(client_for, operator) -> None:
    response = client_for(operator).get(reverse("admin:emissions_emissionstest_changelist"))
    assert response.status_code == 200
    assert client_for(operator).get(reverse("admin:emissions_emissionstest_add")).status_code == 403
