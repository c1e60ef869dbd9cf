"""The back office's ZIP import on the shared import jobs (aftersales.portal.imports): the upload
queued, read in the background, its progress by manifest lines, the result and line-numbered
rejects; the size limit; workshops are kept out."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.documents.models import Document, DocumentImport

from .conftest import html

pytestmark = pytest.mark.django_db

HEADER = "file,number,kind,title,language,version,valid_from,series,engines\n"


@pytest.fixture
def back_office(operator, client_for):  # type: ignore[no-untyped-def]
    return client_for(operator)


def zip_of(manifest: str, files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.csv", manifest)
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload_zip(back_office, data: bytes, capture):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("documents.zip", data, content_type="application/zip")
    with capture(execute=True):
        return back_office.post(reverse("admin:documents_document_import"), {"file": upload})


GOOD = zip_of(
    HEADER
    + "oil.html,RA 11 42 050,repair_instruction,Oil filter: replace,en,1,2024-01-01,E91,N54\n"
    + "pump.html,RA 11 51 000,repair_instruction,Coolant pump: replace,en,1,2024-01-01,,\n"
    + "pump.html,RA 11 51 000,repair_instruction,Coolant pump: replace,en,1,2024-01-01,,\n"
    + "missing.html,RA 99,manual,Not in the ZIP,en,1,2024-01-01,,\n",
    {
        "oil.html": html("Oil filter", "Replace the oil filter."),
        "pump.html": html("Coolant pump", "Replace the coolant pump."),
        "extra.pdf": b"%PDF-1.4 not named",
    },
)


def test_it_imports_a_zip_in_the_background_and_shows_the_result(
    back_office, django_capture_on_commit_callbacks
) -> None:
    response = upload_zip(back_office, GOOD, django_capture_on_commit_callbacks)
    job = DocumentImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:documents_document_import_progress", args=[job.pk]
    )
    assert job.state == DocumentImport.State.DONE and not job.file
    assert (job.created, job.rejected, job.ignored_files, job.lines_read) == (2, 2, 1, 4)
    assert sorted(Document.objects.values_list("number", flat=True)) == [
        "RA 11 42 050",
        "RA 11 51 000",
    ]
    page = back_office.get(response["Location"]).content.decode()
    assert (
        "4 lines read: 2 documents created, 0 new versions, 0 unchanged, 2 rejected; 1 files"
        in page
    )
    assert 'value="100"' in page and "4 of 4 manifest lines read" in page


def test_it_lists_the_rejected_lines_with_their_numbers(
    back_office, django_capture_on_commit_callbacks
) -> None:
    upload_zip(back_office, GOOD, django_capture_on_commit_callbacks)
    job = DocumentImport.objects.get()
    assert [(reject["line"], reject["value"]) for reject in job.rejects] == [
        (4, "RA 11 51 000"),
        (5, "RA 99"),
    ]
    page = back_office.get(
        reverse("admin:documents_document_import_progress", args=[job.pk])
    ).content.decode()
    assert "<td>5</td><td>RA 99</td>" in page


def test_it_fails_the_import_of_a_file_that_is_no_zip(
    back_office, django_capture_on_commit_callbacks
) -> None:
    upload_zip(back_office, b"not a zip at all", django_capture_on_commit_callbacks)
    job = DocumentImport.objects.get()
    assert job.state == DocumentImport.State.FAILED and "IR-0021" in job.error
    assert not job.file
    page = back_office.get(
        reverse("admin:documents_document_import_progress", args=[job.pk])
    ).content.decode()
    assert 'data-testid="import-error"' in page and "manifest lines read" not in page


def test_it_polls_the_progress_of_a_running_import_by_manifest_lines(back_office) -> None:
    job = DocumentImport.objects.create(
        file_name="documents.zip",
        size_bytes=5000,
        state=DocumentImport.State.RUNNING,
        progress_done=30,
        progress_total=120,
        lines_read=30,
    )
    response = back_office.get(
        reverse("admin:documents_document_import_progress", args=[job.pk]),
        headers={"HX-Request": "true"},
    )
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div id="import-status"')
    assert 'hx-trigger="every 1s"' in fragment and "<html" not in fragment
    assert 'value="25"' in fragment and "30 of 120 manifest lines read" in fragment


def test_it_refuses_a_zip_over_the_limit_without_storing_it(back_office, settings) -> None:
    settings.DOCUMENT_IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.zip", b"x" * 100_000, content_type="application/zip")
    response = back_office.post(reverse("admin:documents_document_import"), {"file": upload})
    assert response.status_code == 413 and "IR-0020" in response.content.decode()
    assert not DocumentImport.objects.exists()


def test_it_keeps_workshops_out_of_the_import(owner, client_for) -> None:
    response = client_for(owner).get(reverse("admin:documents_document_import"))
    assert response.status_code == 302 and "/login/" in response["Location"]
