"""The workshop's pages: the search (words, a vehicle, kind and language), a document with its
validity, links and versions, its file (shown in the browser or downloaded), bookmarks and the
recently opened documents. Every opening is logged."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales.catalogue.access import security_access
from aftersales.catalogue.decorators import application_required
from aftersales.catalogue.selectors import application_find
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import vehicle_lookup

from . import services
from .forms import SearchForm
from .links import shown_links
from .models import Document, DocumentOpening, DocumentValidity, DocumentVersion
from .selectors import (
    APPLICATION_SLUG,
    SearchPage,
    bookmarks_of,
    document_get,
    document_links,
    document_search,
    document_valid_for,
    is_bookmarked,
    recently_opened,
    version_file,
)

# Pages of a search that are carried into a document's page and back.
SEARCH_PARAMETERS = ("search", "vin", "kind", "language", "page")

# An HTML document is the manufacturer's markup: shown without scripts, forms or plug-ins, and
# without access to the portal's cookies or pages (a sandbox of its own origin).
HTML_SANDBOX = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'"
)


def _security_refusal(request: AuthenticatedHttpRequest, document: Document) -> HttpResponse | None:
    """A security-related document opens only for a person the one access function admits
    (authorised, second factor); the access is logged with the VIN the user came with."""
    if not document.security_related:
        return None
    application = application_find(slug=APPLICATION_SLUG)
    decision = security_access(
        user=request.user,
        what=f"{document.number} {document.title}",
        vin=request.GET.get("vin", ""),
        application=application,
    )
    if decision.allowed:
        return None
    context = {"application": application, "access": decision}
    return render(request, "catalogue/denied.html", context, status=403)


def _document(document_id: int) -> Document:
    """The document as a workshop may see it (the scoping helper); withdrawn: 404."""
    try:
        return document_get(document_id=document_id)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


@application_required(APPLICATION_SLUG)
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    vehicle: Vehicle | None = None
    candidates: list[Vehicle] = []
    results: SearchPage | None = None
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)  # add_violation below removes a field from cleaned_data
        if data["vin"].strip():
            try:
                found = vehicle_lookup(query=data["vin"])
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                for warning in found.warnings:
                    messages.warning(request, warning)
                vehicle, candidates = found.vehicle, found.candidates
        asked = any(data[name] for name in ("search", "vin", "kind", "language"))
        if asked and not form.errors and not candidates:
            try:
                results = document_search(
                    query=data["search"],
                    vehicle=vehicle,
                    kind=data["kind"],
                    language=data["language"],
                    page=data["page"] or 1,
                )
            except RuleViolation as violation:
                add_violation(form, violation)
    context = {
        "form": form,
        "vehicle": vehicle,
        "candidates": candidates,
        "results": results,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user) if vehicle else [],
        "bookmarks": bookmarks_of(user=request.user)[:10] if results is None else [],
        "recent": recently_opened(user=request.user) if results is None else [],
    }
    return render(request, "documents/search.html", context)


def _search_query(request: AuthenticatedHttpRequest) -> str:
    """The search a document was opened from, to go back to it."""
    kept = request.GET.copy()
    for name in list(kept):
        if name not in SEARCH_PARAMETERS:
            del kept[name]
    return kept.urlencode()


@application_required(APPLICATION_SLUG)
def document_detail(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    document = _document(document_id)
    refusal = _security_refusal(request, document)
    if refusal is not None:
        return refusal
    services.document_opening_record(
        user=request.user, document=document, channel=DocumentOpening.Channel.PAGE
    )
    vehicle = None
    vin = request.GET.get("vin", "")
    if vin:
        try:
            vehicle = vehicle_lookup(query=vin).vehicle
        except RuleViolation:
            vehicle = None
    context = {
        "document": document,
        "version": document.current_version,
        "versions": list(
            DocumentVersion.objects.filter(document=document).order_by("-uploaded_at", "-pk")
        ),
        "validity": list(DocumentValidity.objects.filter(document=document)),
        "links": shown_links(document_links(document)),
        "bookmarked": is_bookmarked(user=request.user, document=document),
        "vehicle": vehicle,
        "valid_for_vehicle": document_valid_for(document, vehicle) if vehicle else None,
        "back": _search_query(request),
    }
    return render(request, "documents/document.html", context)


@application_required(APPLICATION_SLUG)
def document_file(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    """The current version's file: shown in the browser (PDF, image, sandboxed HTML) or, with
    ?download=1, downloaded. Never a public URL: every request passes the access check."""
    document = _document(document_id)
    refusal = _security_refusal(request, document)
    if refusal is not None:
        return refusal
    version = document.current_version
    assert version is not None  # document_get returns documents with a version only
    try:
        stream = version_file(version)
    except RuleViolation as violation:
        messages.error(request, str(violation))
        return redirect("documents:document", document_id=document.pk)
    download = request.GET.get("download") == "1"
    services.document_opening_record(
        user=request.user,
        document=document,
        channel=DocumentOpening.Channel.DOWNLOAD if download else DocumentOpening.Channel.FILE,
    )
    # A FileResponse streams the file; the page decorator's type only knows HttpResponse.
    return cast(HttpResponse, file_response(stream, version, download=download))


def file_response(stream: object, version: DocumentVersion, *, download: bool) -> FileResponse:
    """The file as the browser should treat it; shared with the API."""
    extension = version.file.name.rsplit(".", 1)[-1] if "." in version.file.name else "bin"
    name = f"{slugify(version.document.number)}-v{slugify(version.version)}.{extension}"
    response = FileResponse(
        stream, content_type=version.content_type, as_attachment=download, filename=name
    )
    response["Cache-Control"] = "private, no-store"
    if version.file_type == DocumentVersion.FileType.HTML:
        response["Content-Security-Policy"] = HTML_SANDBOX
    return response


@application_required(APPLICATION_SLUG)
@require_POST
def bookmark(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    """Adds or removes the user's own bookmark (`action` add / remove)."""
    document = _document(document_id)
    if request.POST.get("action") == "remove":
        services.bookmark_remove(user=request.user, document=document)
        messages.success(request, _("The bookmark has been removed."))
    else:
        services.bookmark_add(user=request.user, document=document)
        messages.success(request, _("The document has been bookmarked."))
    back = _search_query(request)
    target = redirect("documents:document", document_id=document.pk)
    if back:
        target["Location"] += f"?{back}"
    return target


@application_required(APPLICATION_SLUG)
def bookmarks(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "bookmarks": bookmarks_of(user=request.user),
        "recent": recently_opened(user=request.user, limit=30),
    }
    return render(request, "documents/bookmarks.html", context)
