"""Information research's routes of the API (mounted under /api/v1/ by the registry's line):
the search, a document's metadata and its file. Fetching the file is an opening and is logged,
as on the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import Field, Query, Router, Schema

from aftersales.accounts.models import User
from aftersales.api.auth import require_application, require_security_access
from aftersales.api.common import errors, resolve_vehicle
from aftersales.api.text import Text

from . import services
from .models import Document, DocumentOpening, DocumentValidity, DocumentVersion
from .selectors import (
    APPLICATION_SLUG,
    MAX_PER_PAGE,
    PER_PAGE,
    document_get,
    document_links,
    document_search,
    is_bookmarked,
    version_file,
)
from .views import file_response

router = Router()

API_PREFIX = "/api/v1"


class SearchParameters(Schema):
    search: Text = Field(
        "",
        max_length=1000,
        description="Words (stemmed in each document's language, ranked), and/or part numbers, "
        "fault codes, labour operation or campaign numbers (the documents that name every one "
        "of them). At most 200 characters (else IR-0002). Empty: every document of the "
        "filters.",
        examples=["oil filter"],
    )
    vin: Text = Field(
        "",
        max_length=40,
        description="Only documents valid for this vehicle (17 characters or the last 7).",
        examples=["WBAUV71070A193748"],
    )
    kind: Text = Field(
        "",
        max_length=30,
        description="`repair_instruction`, `service_bulletin`, `wiring_diagram`, "
        "`inspection_sheet` or `manual`; empty: all.",
    )
    language: Text = Field("", max_length=5, description="`en`, `da` or `de`; empty: all.")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE)


class DocumentSummary(Schema):
    id: int
    number: str
    kind: str
    title: str
    language: str
    version: str = Field(description="The current version.")
    valid_from: date
    file_type: str = Field(description="`pdf`, `html` or `image`.")
    text_state: str = Field(
        description="`indexed` (searchable), `pending` (being indexed), `no_text` (e.g. a "
        "scanned PDF: found by number, title and links only) or `failed`."
    )
    snippet: str = Field(
        "",
        description="Where the words were found: HTML-escaped text with the words in "
        "<mark>…</mark>; empty without words.",
    )
    url: str = Field(description="This API's path of the document.")
    file_url: str = Field(description="This API's path of its file.")


class KindCount(Schema):
    kind: str
    count: int


class DocumentList(Schema):
    count: int = Field(description="Documents found (of the kind asked for).")
    page: int
    page_size: int
    pages: int
    counts: list[KindCount] = Field(description="Documents found per kind, any kind asked.")
    vin: str | None = Field(None, description="The vehicle the documents are valid for.")
    numbers: list[str] = Field(description="The numbers and codes the search recognised.")
    results: list[DocumentSummary]


class ValidityOut(Schema):
    brand: str
    series: str
    model_code: str
    engine_type: str
    produced_from: date | None
    produced_to: date | None
    option_code: str


class LinkOut(Schema):
    kind: str = Field(description="`fault_code`, `campaign`, `labour_operation` or `part`.")
    key: str = Field(description="The compared form: no spaces, dots or dashes.")
    label: str
    source: str = Field(description="`manual` (the operator) or `text` (named in the text).")


class VersionOut(Schema):
    version: str
    valid_from: date
    note: str
    file_type: str
    content_type: str
    size_bytes: int
    pages: int | None
    text_state: str
    uploaded_at: datetime
    current: bool


class DocumentDetail(Schema):
    id: int
    number: str
    kind: str
    title: str
    language: str
    valid_for_all: bool = Field(description="True: valid for every vehicle (no validity rows).")
    validity: list[ValidityOut]
    links: list[LinkOut]
    versions: list[VersionOut] = Field(description="Newest first; the first is the current.")
    bookmarked: bool = Field(description="Bookmarked by the token's user.")
    file_url: str


def _summary(document: Document, snippet: str = "") -> dict[str, Any]:
    version = document.current_version
    assert version is not None
    return {
        "id": document.pk,
        "number": document.number,
        "kind": document.kind,
        "title": document.title,
        "language": document.language,
        "version": version.version,
        "valid_from": version.valid_from,
        "file_type": version.file_type,
        "text_state": version.text_state,
        "snippet": str(snippet),
        "url": f"{API_PREFIX}/documents/{document.pk}",
        "file_url": f"{API_PREFIX}/documents/{document.pk}/file",
    }


@router.get(
    "/documents",
    response={200: DocumentList, **errors(403, 404, 409, 422, 503)},
    summary="Search the documents",
    description="Active documents that match the words and name the typed numbers, valid "
    "for the vehicle of `vin`, of `kind` and `language`; ranked when words are given, else "
    "by kind and title. Unknown VIN: 404 VIN-0002; last 7 characters of several: 409 "
    "API-0003; unknown kind or language, or a search over 200 characters: 422 IR-0002.",
    operation_id="documents_search",
)
def documents_search(request: HttpRequest, query: Query[SearchParameters]) -> dict[str, Any]:
    require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(query.vin) if query.vin.strip() else None
    found = document_search(
        query=query.search,
        vehicle=vehicle,
        kind=query.kind,
        language=query.language,
        page=query.page,
        per_page=query.page_size,
    )
    return {
        "count": found.total,
        "page": found.page,
        "page_size": found.per_page,
        "pages": found.pages,
        "counts": [{"kind": kind, "count": count} for kind, _label, count in found.counts_list],
        "vin": vehicle.vin if vehicle else None,
        "numbers": found.parsed.labels,
        "results": [_summary(hit.document, hit.snippet) for hit in found.hits],
    }


@router.get(
    "/documents/{document_id}",
    response={200: DocumentDetail, **errors(403, 404, 503)},
    summary="A document's metadata",
    description="Kind, title, language, validity, links and versions of an active document. "
    "Unknown or withdrawn: 404 IR-0001. Reading the metadata is not logged as an opening; "
    "fetching the file is.",
    operation_id="document_get",
)
def document_metadata(request: HttpRequest, document_id: int) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    document = document_get(document_id=document_id)
    _require_security_access(user, document)
    versions = DocumentVersion.objects.filter(document=document).order_by("-uploaded_at", "-pk")
    return {
        "id": document.pk,
        "number": document.number,
        "kind": document.kind,
        "title": document.title,
        "language": document.language,
        "valid_for_all": document.valid_for_all,
        "validity": list(
            DocumentValidity.objects.filter(document=document).values(
                "brand",
                "series",
                "model_code",
                "engine_type",
                "produced_from",
                "produced_to",
                "option_code",
            )
        ),
        "links": [
            {"kind": link.kind, "key": link.key, "label": link.label, "source": link.source}
            for link in document_links(document)
        ],
        "versions": [
            {
                "version": version.version,
                "valid_from": version.valid_from,
                "note": version.note,
                "file_type": version.file_type,
                "content_type": version.content_type,
                "size_bytes": version.size_bytes,
                "pages": version.pages,
                "text_state": version.text_state,
                "uploaded_at": version.uploaded_at,
                "current": version.pk == document.current_version_id,
            }
            for version in versions
        ],
        "bookmarked": is_bookmarked(user=user, document=document),
        "file_url": f"{API_PREFIX}/documents/{document.pk}/file",
    }


def _require_security_access(user: User, document: Document) -> None:
    if document.security_related:
        require_security_access(
            user, what=f"{document.number} {document.title}", slug=APPLICATION_SLUG
        )


FILE_CONTENT = {
    content_type: {"schema": {"type": "string", "format": "binary"}}
    for content_type in (
        "application/pdf",
        "text/html; charset=utf-8",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
    )
}


@router.get(
    "/documents/{document_id}/file",
    response={**errors(403, 404, 410, 503)},
    summary="A document's file",
    description="The current version's file (PDF, HTML or image) as an attachment. Every "
    "fetch is logged as an opening of the document by the token's user. Unknown or "
    "withdrawn: 404 IR-0001; the file gone from the server: 410 IR-0003.",
    operation_id="document_file",
    openapi_extra={"responses": {"200": {"description": "The file.", "content": FILE_CONTENT}}},
)
def document_file(request: HttpRequest, document_id: int) -> FileResponse:
    user = require_application(request, APPLICATION_SLUG)
    document = document_get(document_id=document_id)
    _require_security_access(user, document)
    version = document.current_version
    assert version is not None
    stream = version_file(version)
    services.document_opening_record(
        user=user, document=document, channel=DocumentOpening.Channel.API
    )
    return file_response(stream, version, download=True)
