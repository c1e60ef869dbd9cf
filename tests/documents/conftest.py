"""Information research fixtures: a ticket for the application (it is not free), the
walkthrough's vehicle (E91 / N54) and others, and documents made through the services."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from aftersales.accounts.models import Organisation, User
from aftersales.billing import services as billing_services
from aftersales.billing.models import TicketProduct
from aftersales.catalogue.models import Application
from aftersales.documents import rules, services
from aftersales.documents.models import Document
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import VehicleFactory

SLUG = "information-research"
VIN = "WBAUV71070A193748"


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def grant_information_research(organisation: Organisation) -> None:
    product, _ = TicketProduct.objects.get_or_create(
        name="Information research, 1 day", defaults={"validity_unit": "day", "validity_count": 1}
    )
    product.applications.set(Application.objects.filter(slug=SLUG))
    billing_services.ticket_grant_free(
        operator=None, organisation=organisation, product=product, reason="document tests"
    )


@pytest.fixture
def access(owner: User, applications) -> None:  # type: ignore[no-untyped-def]
    grant_information_research(owner.organisation)  # type: ignore[arg-type]


@pytest.fixture
def outsider_access(outsider: User, applications) -> None:  # type: ignore[no-untyped-def]
    grant_information_research(outsider.organisation)  # type: ignore[arg-type]


@pytest.fixture
def vehicle(db) -> Vehicle:  # type: ignore[no-untyped-def]
    """The walkthrough's E91 335i (N54), built 22-09-2008."""
    return VehicleFactory()


def other_vehicle(vin: str = "WBAPK31000A412307", **fields: Any) -> Vehicle:
    """An E90 320d (N47) of 2010 unless told otherwise."""
    values: dict[str, Any] = {
        "brand": "bmw",
        "model_designation": "320d",
        "lead_model": "PK31",
        "model_code": "PK31",
        "series": "E90",
        "engine_type": "N47",
        "production_date": datetime.date(2010, 5, 3),
    }
    values.update(fields)
    return Vehicle.objects.create(vin=vin, **values)


def html(title: str, body: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>".encode()


def pdf(text: str) -> bytes:
    """A one-page PDF with the text (WeasyPrint, as the portal's printouts)."""
    from aftersales.portal.pdf import render_pdf

    return render_pdf(f"<html><body><p>{text}</p></body></html>")


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU"
    b"\x00\x00\x00\nIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb4\x00\x00\x00\x00IEND\xaeB`\x82"
)


def make_document(
    number: str = "RA 11 42 050",
    *,
    title: str = "Oil filter element: replace (N54)",
    body: str = "Replace the oil filter element 11 42 7 953 129 and the O-ring.",
    kind: str = "repair_instruction",
    language: str = "en",
    series: list[str] | None = None,
    engines: list[str] | None = None,
    options: list[str] | None = None,
    produced_from: datetime.date | None = None,
    produced_to: datetime.date | None = None,
    links: list[rules.Link] | None = None,
    content: bytes | None = None,
    file_name: str = "document.html",
    actor: User | None = None,
) -> Document:
    """A document indexed at once; by default valid for every vehicle."""
    data = services.DocumentData(
        number=number,
        kind=kind,
        title=title,
        language=language,
        version="1",
        valid_from=datetime.date(2024, 1, 1),
        validity=rules.validity_rows(
            series=series,
            engines=engines,
            options=options,
            produced_from=produced_from,
            produced_to=produced_to,
        ),
        links=links or [],
    )
    document = services.document_create(
        actor=actor,
        data=data,
        upload=ContentFile(content if content is not None else html(title, body), name=file_name),
        file_name=file_name,
        index_now=True,
    )
    document.refresh_from_db()
    return document


@pytest.fixture
def documents(db) -> Callable[..., Document]:  # type: ignore[no-untyped-def]
    return make_document


def stream(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
