"""The hook other applications show a key's documents with (`{% documents_for %}`), and the
fault code's page that uses it."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from aftersales.documents import rules

from .conftest import make_document

pytestmark = pytest.mark.django_db

TEMPLATE = Template('{% load documents_tags %}{% documents_for "fault_code" code %}')


def render(user, code: str = "P0420") -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = user
    return TEMPLATE.render(Context({"request": request, "code": code}))


def test_it_lists_the_documents_of_a_key(owner, access) -> None:  # type: ignore[no-untyped-def]
    document = make_document(
        "SI 1", title="Catalyst efficiency", links=[rules.link_clean("fault_code", "P0420")]
    )
    page = render(owner)
    assert "Documents (Information research)" in page and "Catalyst efficiency" in page
    assert reverse("documents:document", kwargs={"document_id": document.pk}) in page


def test_it_shows_nothing_without_documents(owner, access) -> None:  # type: ignore[no-untyped-def]
    assert render(owner).strip() == ""


def test_it_shows_nothing_to_a_user_who_may_not_use_information_research(
    owner, applications
) -> None:  # type: ignore[no-untyped-def]
    make_document("SI 1", links=[rules.link_clean("fault_code", "P0420")])
    assert render(owner).strip() == ""


def test_the_fault_codes_page_shows_its_documents(owner, client_for, access) -> None:  # type: ignore[no-untyped-def]
    from aftersales.faultcodes import pack_import
    from tests.faultcodes.conftest import grant_fault_codes

    pack_import.generic_pack_load()
    grant_fault_codes(owner.organisation)
    make_document(
        "SI 1", title="Catalyst efficiency", links=[rules.link_clean("fault_code", "P0420")]
    )
    page = (
        client_for(owner).get(reverse("faultcodes:code", kwargs={"code": "P0420"})).content.decode()
    )
    assert "Catalyst efficiency" in page


def test_the_campaigns_page_shows_its_documents(owner, client_for, access) -> None:  # type: ignore[no-untyped-def]
    from tests.campaigns.factories import make_campaign

    make_campaign("0013250800")
    make_document(
        "RA 13", title="High-pressure pump", links=[rules.link_clean("campaign", "0013250800")]
    )
    page = (
        client_for(owner)
        .get(reverse("campaigns:detail", kwargs={"number": "0013250800"}))
        .content.decode()
    )
    assert "High-pressure pump" in page


def test_the_labour_operations_page_shows_its_documents(owner, client_for, access, vehicle) -> None:  # type: ignore[no-untyped-def]
    from aftersales.servicedata import demo as servicedata_demo
    from aftersales.servicedata.models import LabourOperation
    from tests.servicedata.conftest import grant
    from tests.servicehistory.factories import make_catalogue

    make_catalogue()
    servicedata_demo.load()
    grant(owner.organisation)
    operation = LabourOperation.objects.get(number="11 00 050", engine_type="N54")
    make_document(
        "RA 1",
        title="Oil service N54",
        series=["E91"],
        engines=["N54"],
        body="Labour operation 11 00 050.",
    )
    make_document(
        "RA 2", title="Oil service B47", engines=["B47"], body="Labour operation 11 00 050."
    )
    address = reverse("servicedata:operation", kwargs={"vin": vehicle.vin, "pk": operation.pk})
    page = client_for(owner).get(address).content.decode()
    assert "Oil service N54" in page and "Oil service B47" not in page


def test_the_parts_drawing_shows_the_documents_of_its_parts(
    owner, client_for, access, vehicle
) -> None:  # type: ignore[no-untyped-def]
    from tests.parts.factories import grant_epc, make_catalogue

    parts = make_catalogue()
    grant_epc(owner.organisation)
    make_document(title="O-ring of the oil filter cover", body="Fit the O-ring 11 42 7 525 334.")
    address = reverse(
        "parts:illustration",
        kwargs={"vin": vehicle.vin, "illustration_id": parts["illustration"].pk},
    )
    page = client_for(owner).get(address).content.decode()
    assert "Documents (Information research)" in page and "O-ring of the oil filter cover" in page
