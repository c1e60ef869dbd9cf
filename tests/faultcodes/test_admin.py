"""The back office: editing entries under the code rules, importing a pack with a progress page
and line-numbered rejects, refusing a file over the limit before reading it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.faultcodes.models import FaultCode, FaultCodeImport

pytestmark = pytest.mark.django_db

PACK = (
    b"code,brand,description_en,description_da\n"
    b"P1A00,bmw,Adjuster fault,Fejl i justering\n"
    b"P1A01,,No brand,\n"
    b"P1A02,mini,<b>Tagged</b>,\n"
)


@pytest.fixture
def back_office(operator, client_for):  # type: ignore[no-untyped-def]
    return client_for(operator)


def upload(client, content: bytes, **data: str):  # type: ignore[no-untyped-def]
    file = SimpleUploadedFile("pack.csv", content, content_type="text/csv")
    return client.post(reverse("admin:faultcodes_faultcode_import"), {"file": file, **data})


def test_it_imports_a_pack_and_shows_its_progress_and_rejects(
    back_office, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(back_office, PACK)
    job = FaultCodeImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:faultcodes_faultcode_import_progress", args=[job.pk]
    )
    page = back_office.get(response["Location"]).content.decode()
    job.refresh_from_db()
    assert (job.state, job.progress_total, job.lines_read) == ("done", 3, 3)
    assert not job.file  # the upload is not kept once read
    assert "2 created, 0 updated, 0 unchanged, 1 rejected." in page
    assert 'value="100"' in page
    assert "<td>3</td><td>P1A01</td><td>FC-0003 P1A01 is manufacturer-specific" in page
    assert FaultCode.objects.get(code="P1A02").description == "<b>Tagged</b>"


def test_it_gives_lines_without_brand_the_chosen_brand(
    back_office, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        upload(back_office, PACK, brand="bmw")
    assert FaultCode.objects.get(code="P1A01").brand == "bmw"


def test_it_polls_the_progress_while_the_import_is_queued(back_office) -> None:
    upload(back_office, PACK)  # the task waits for the commit, which never comes in this test
    job = FaultCodeImport.objects.get()
    address = reverse("admin:faultcodes_faultcode_import_progress", args=[job.pk])
    page = back_office.get(address).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<strong>Queued</strong>" in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    fragment = back_office.get(address, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="import-status"') and "<html" not in fragment


def test_it_shows_the_lines_read_of_a_running_import(back_office, operator) -> None:
    job = FaultCodeImport.objects.create(
        file_name="pack.csv",
        size_bytes=900,
        state=FaultCodeImport.State.RUNNING,
        progress_done=30,
        progress_total=120,
        lines_read=30,
        created_by=operator,
    )
    fragment = back_office.get(
        reverse("admin:faultcodes_faultcode_import_progress", args=[job.pk]),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'value="25"' in fragment and "(30 of 120 lines read)" in fragment


def test_it_refuses_a_file_over_the_limit_without_storing_it(back_office, settings) -> None:
    settings.FAULT_CODE_IMPORT_MAX_BYTES = 100_000
    response = upload(back_office, b"code,description_en\n" + b"P1A00,x\n" * 40_000)
    page = response.content.decode()
    assert response.status_code == 413
    assert "FC-0030 The file is 0.3 MB; at most 0.1 MB can be imported at once." in page
    assert not FaultCodeImport.objects.exists()


def test_it_stops_reading_an_upload_that_passes_the_limit(back_office, settings) -> None:
    """A request without a truthful Content-Length is cut off by the upload handler."""
    settings.FAULT_CODE_IMPORT_MAX_BYTES = 1_000
    response = upload(back_office, b"code,description_en\n" + b"P1A00,x\n" * 130)
    assert response.status_code == 413
    assert "FC-0030" in response.content.decode()
    assert not FaultCodeImport.objects.exists()


def test_it_marks_a_file_without_the_columns_failed(
    back_office, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        upload(back_office, b"vin\nWBA\n")
    job = FaultCodeImport.objects.get()
    assert job.state == "failed"
    assert job.error.startswith("FC-0031 The header lacks the column(s) code, description_en")


def test_it_asks_for_a_file(back_office) -> None:
    response = back_office.post(reverse("admin:faultcodes_faultcode_import"), {})
    assert "Please choose a CSV file." in response.content.decode()


def test_it_normalises_a_code_typed_in_the_back_office(back_office) -> None:
    response = back_office.post(
        reverse("admin:faultcodes_faultcode_add"),
        {"code": "p1a00", "brand": "bmw", "description": "Typed", "emission_relevant": "on"},
    )
    assert response.status_code == 302
    assert FaultCode.objects.get().code == "P1A00"


def test_it_refuses_a_manufacturer_code_without_brand_in_the_back_office(back_office) -> None:
    response = back_office.post(
        reverse("admin:faultcodes_faultcode_add"), {"code": "P1A00", "description": "Typed"}
    )
    assert "FC-0003 P1A00 is manufacturer-specific" in response.content.decode()
    assert not FaultCode.objects.exists()


def test_it_keeps_workshops_out_of_the_back_office(owner, client_for) -> None:
    response = client_for(owner).get(reverse("admin:faultcodes_faultcode_import"))
    assert response.status_code == 302 and "/login/" in response["Location"]
