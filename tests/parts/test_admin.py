"""The operator's back office: imports with progress and rejects, the size limit, drawings,
supersessions through the services, price lists; workshops never get in."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.parts.models import Illustration, Part, PartsImport, PriceList

from .factories import SVG, make_illustration, make_part

pytestmark = pytest.mark.django_db

CSV = (
    "main_group;main_group_name;subgroup;subgroup_name;illustration;illustration_title;"
    "position;part_number;description;quantity\n"
    "11;Engine;11 42;Oil filter;11_4030;Oil filter;1;11427953129;Oil filter set;1\n"
    "11;Engine;11 42;Oil filter;11_4030;Oil filter;2;11427525334;O-ring;zero\n"
)


@pytest.fixture
def office(operator, client_for):  # type: ignore[no-untyped-def]
    return client_for(operator)


@pytest.fixture
def upload(office, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Posts a file; the import task (immediate backend) runs when the upload commits."""

    def post(content: bytes, kind: str = "catalogue", name: str = "parts.csv"):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return office.post(
                reverse("admin:parts_partsimport_upload"),
                {"kind": kind, "file": SimpleUploadedFile(name, content)},
            )

    return post


def test_it_imports_an_upload_and_shows_progress_and_rejects(office, upload) -> None:
    response = upload(CSV.encode())
    job = PartsImport.objects.get()
    assert response["Location"] == reverse("admin:parts_partsimport_progress", args=[job.pk])
    assert (job.state, job.created, job.rejected) == ("done", 1, 1)
    page = office.get(response["Location"]).content.decode()
    assert "3 lines read: 1 created" in page and "<td>3</td>" in page and "zero" in page
    assert not job.file  # the upload is not kept


def test_it_refuses_a_file_over_the_limit_without_reading_it(upload, settings) -> None:
    settings.PARTS_IMPORT_MAX_BYTES = 1024
    response = upload(b"x" * 200_000)
    assert response.status_code == 413 and "EPC-0020" in response.content.decode()
    assert not PartsImport.objects.exists()


def test_it_refuses_an_upload_just_over_the_limit(upload, settings) -> None:
    settings.PARTS_IMPORT_MAX_BYTES = 1024
    response = upload(b"x" * 2048)
    assert response.status_code == 413 and "EPC-0020" in response.content.decode()


def test_it_fails_an_import_of_xml_with_entities(upload) -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><BMECAT>&e;</BMECAT>'
    upload(xxe, kind="prices", name="prices.xml")
    job = PartsImport.objects.get()
    assert job.state == "failed" and job.error.startswith("EPC-0022")


def test_it_stores_an_uploaded_drawing(office) -> None:
    illustration = make_illustration()
    response = office.post(
        reverse("admin:parts_illustration_change", args=[illustration.pk]),
        {
            "subgroup": illustration.subgroup_id,
            "number": illustration.number,
            "title": "Oil filter",
            "title_da": "",
            "drawing": SimpleUploadedFile("oil.svg", SVG),
            "hotspots-TOTAL_FORMS": "1",
            "hotspots-INITIAL_FORMS": "0",
            "hotspots-0-position": "1",
            "hotspots-0-x": "50",
            "hotspots-0-y": "60",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    illustration.refresh_from_db()
    assert illustration.image_type == "svg" and illustration.hotspots.get().x == 50
    drawing = office.get(reverse("admin:parts_illustration_drawing", args=[illustration.pk]))
    assert drawing["Content-Type"] == "image/svg+xml"


def test_it_refuses_a_drawing_with_a_script(office) -> None:
    illustration = make_illustration()
    response = office.post(
        reverse("admin:parts_illustration_change", args=[illustration.pk]),
        {
            "subgroup": illustration.subgroup_id,
            "number": illustration.number,
            "title": "Oil filter",
            "drawing": SimpleUploadedFile(
                "oil.svg", SVG.replace(b"<rect", b"<script>x</script><rect")
            ),
            "hotspots-TOTAL_FORMS": "0",
            "hotspots-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "EPC-0030" in response.content.decode()
    assert not Illustration.objects.get().has_image


def part_form(part: Part, replaced_by: str) -> dict[str, str]:
    return {
        "number": part.number,
        "description": part.description,
        "description_da": "",
        "unit": "pcs",
        "replaced_by_number": replaced_by,
        "replaced_on": "",
    }


def test_it_replaces_a_part_through_the_service(office) -> None:
    old, new = make_part("11427508969"), make_part("11427953129")
    response = office.post(
        reverse("admin:parts_part_change", args=[old.pk]), part_form(old, "11 42 7 953 129")
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.replaced_by == new and old.successor == new


def test_it_refuses_a_supersession_cycle_in_the_form(office) -> None:
    old, new = make_part("11427508969"), make_part("11427953129")
    office.post(reverse("admin:parts_part_change", args=[old.pk]), part_form(old, new.number))
    response = office.post(
        reverse("admin:parts_part_change", args=[new.pk]), part_form(new, old.number)
    )
    assert response.status_code == 200 and "EPC-0010" in response.content.decode()


def test_it_puts_one_price_list_in_force_per_country(office) -> None:
    first = PriceList.objects.create(code="A", name="A", active=True)
    second = PriceList.objects.create(code="B", name="B", active=False)
    office.post(
        reverse("admin:parts_pricelist_changelist"),
        {"action": "activate", "_selected_action": [second.pk]},
    )
    first.refresh_from_db(), second.refresh_from_db()
    assert second.active and not first.active


def test_it_keeps_workshops_out_of_the_back_office(owner, client_for) -> None:
    response = client_for(owner).get(reverse("admin:parts_partsimport_upload"))
    assert response.status_code == 302 and "/login/" in response["Location"]
