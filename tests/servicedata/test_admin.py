"""The back office: editing an operation writes a new version; the import with its size limit,
progress page and rejects; packages; workshops stay out."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.servicedata.models import LabourImport, LabourOperation

pytestmark = pytest.mark.django_db


def oil() -> LabourOperation:
    return LabourOperation.objects.get(number="11 00 050", engine_type="N54")


def form_data(operation: LabourOperation, **changes: object) -> dict[str, object]:
    version = operation.current
    data: dict[str, object] = {
        "brand": operation.brand,
        "series": operation.series,
        "model_code": operation.model_code,
        "engine_type": operation.engine_type,
        "produced_from": "",
        "produced_to": "",
        "description": version.description,
        "description_da": version.description_da,
        "description_de": version.description_de,
        "units": str(version.units),
        "included_work": version.included_work,
        "included_work_da": version.included_work_da,
        "included_work_de": version.included_work_de,
        "excluded_work": version.excluded_work,
        "excluded_work_da": version.excluded_work_da,
        "excluded_work_de": version.excluded_work_de,
        "tool_numbers": " | ".join(version.tool_numbers),
    }
    data.update(changes)
    return data


def test_it_writes_a_new_version_when_the_operator_changes_an_operation(
    operator, client_for, labour
) -> None:
    operation = oil()
    first = operation.current
    address = reverse("admin:servicedata_labouroperation_change", args=[operation.pk])
    response = client_for(operator).post(address, form_data(operation, units="7"))
    assert response.status_code == 302
    operation.refresh_from_db()
    assert operation.current.version == 2 and operation.current.units == Decimal("7.00")
    first.refresh_from_db()
    assert first.units == Decimal("6.00")  # the old version is kept as it was


def test_it_writes_no_version_when_nothing_changed(operator, client_for, labour) -> None:
    operation = oil()
    address = reverse("admin:servicedata_labouroperation_change", args=[operation.pk])
    client_for(operator).post(address, form_data(operation))
    operation.refresh_from_db()
    assert operation.current.version == 1


def test_it_keeps_what_was_typed_on_bad_units(operator, client_for, labour) -> None:
    operation = oil()
    address = reverse("admin:servicedata_labouroperation_change", args=[operation.pk])
    response = client_for(operator).post(
        address, form_data(operation, units="0", description="Renamed")
    )
    assert response.status_code == 200 and 'value="Renamed"' in response.content.decode()
    operation.refresh_from_db()
    assert operation.current.version == 1


def test_it_creates_an_operation_with_its_first_version(operator, client_for, db) -> None:
    response = client_for(operator).post(
        reverse("admin:servicedata_labouroperation_add"),
        {
            "number": "61 00 100",
            "brand": "mini",
            "series": "f56",
            "model_code": "",
            "engine_type": "",
            "produced_from": "",
            "produced_to": "",
            "description": "Check the battery",
            "units": "2",
            "tool_numbers": "",
        },
    )
    assert response.status_code == 302
    created = LabourOperation.objects.get(number="61 00 100")
    assert created.series == "F56" and created.current.version == 1


def test_it_refuses_a_second_operation_with_the_same_number_and_validity(
    operator, client_for, labour
) -> None:
    operation = oil()
    data = form_data(operation, number="11 00 050")
    response = client_for(operator).post(reverse("admin:servicedata_labouroperation_add"), data)
    assert response.status_code == 200
    assert "An operation with this number and validity exists." in response.content.decode()


def test_it_imports_an_upload_and_shows_progress_and_rejects(
    operator, client_for, db, django_capture_on_commit_callbacks
) -> None:
    client = client_for(operator)
    upload = SimpleUploadedFile(
        "catalogue.csv", b"number,description,units\n11 00 001,One,1\n11 00 002,Two,x\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:servicedata_labouroperation_import"), {"file": upload}
        )
    job = LabourImport.objects.get()
    assert response.status_code == 302 and str(job.pk) in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert job.__class__.objects.get().state == "done"
    assert "3 lines read: 1 operations created, 0 new versions, 0 unchanged, 1 rejected." in page
    assert "units is not a number above 0: x" in page
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="import-status"')


def test_it_refuses_an_upload_over_the_limit_before_reading_it(
    operator, client_for, settings
) -> None:
    settings.LABOUR_IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.csv", b"number,description,units\n" + b"x" * 200_000)
    response = client_for(operator).post(
        reverse("admin:servicedata_labouroperation_import"), {"file": upload}
    )
    assert response.status_code == 413 and "CSD-0020" in response.content.decode()
    assert not LabourImport.objects.exists()


def test_it_refuses_an_old_excel_file(operator, client_for, db) -> None:
    upload = SimpleUploadedFile("catalogue.xls", io.BytesIO(b"\xd0\xcf\x11\xe0").read())
    response = client_for(operator).post(
        reverse("admin:servicedata_labouroperation_import"), {"file": upload}
    )
    assert "CSD-0021" in response.content.decode() and not LabourImport.objects.exists()


def test_it_lists_packages_and_brand_units(operator, client_for, labour) -> None:
    client = client_for(operator)
    page = client.get(reverse("admin:servicedata_servicepackage_changelist")).content.decode()
    assert "SP-OIL-N54" in page
    assert client.get(reverse("admin:servicedata_brandunit_changelist")).status_code == 200


def test_it_keeps_workshops_out_of_the_back_office(owner, client_for, labour) -> None:
    response = client_for(owner).get(reverse("admin:servicedata_labouroperation_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
