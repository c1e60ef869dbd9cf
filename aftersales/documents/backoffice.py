"""The back office's own screens for documents (mounted by admin.py): upload one document, a new
version, withdraw, open any version's file, the ZIP import with its progress, and the access
statistics with their CSV export. Thin: the services and selectors do the work."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.csv_export import csv_response
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import authenticated_user

from . import services
from .backoffice_forms import (
    DocumentUploadForm,
    ImportForm,
    PeriodForm,
    VersionForm,
    WithdrawForm,
)
from .imports import manifest
from .imports.jobs import document_import_create
from .limits import file_too_large, import_too_large, limit, megabytes
from .models import Document, DocumentImport, DocumentVersion
from .rows import COLUMNS
from .selectors import opening_statistics, openings_between, version_file
from .views import file_response


def max_file() -> int:
    return limit("DOCUMENT_MAX_FILE_BYTES")


def max_import() -> int:
    return limit("DOCUMENT_IMPORT_MAX_BYTES")


class DocumentBackOffice:
    """Mixed into DocumentAdmin: its `admin_site` and `model` are the admin's."""

    admin_site: Any
    model: type[Document]

    def _page(
        self, request: HttpRequest, template: str, *, status: int = 200, **context: Any
    ) -> TemplateResponse:
        base = {**self.admin_site.each_context(request), "opts": self.model._meta}
        return TemplateResponse(request, template, {**base, **context}, status=status)

    def _change_url(self, document: Document) -> str:
        return reverse("admin:documents_document_change", args=[document.pk])

    # --- One document and its versions ----------------------------------------------------

    def upload_view(self, request: HttpRequest, too_large: int = 0) -> HttpResponse:
        bound = request.method == "POST" and not too_large
        form = DocumentUploadForm(request.POST if bound else None, request.FILES if bound else None)
        status = 200
        if too_large:
            form = DocumentUploadForm(request.POST or None)
            form.full_clean()
            add_violation(form, file_too_large(too_large))
            status = 413
        elif bound and form.is_valid() and form.data_read is not None:
            upload = form.cleaned_data["file"]
            try:
                document = services.document_create(
                    actor=authenticated_user(request),
                    data=form.data_read,
                    upload=upload,
                    file_name=upload.name or "document",
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                messages.success(
                    request,
                    _("Document %(number)s is stored; its text is being indexed.")
                    % {"number": document.number},
                )
                return HttpResponseRedirect(self._change_url(document))
        return self._page(
            request,
            "admin/documents/upload.html",
            status=status,
            title=_("Upload a document"),
            form=form,
            limit=megabytes(max_file()),
        )

    def version_view(self, request: HttpRequest, pk: int, too_large: int = 0) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        bound = request.method == "POST" and not too_large
        form = VersionForm(request.POST if bound else None, request.FILES if bound else None)
        status = 200
        if too_large:
            form = VersionForm(request.POST or None)
            form.full_clean()
            add_violation(form, file_too_large(too_large))
            status = 413
        elif bound and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.document_version_add(
                    actor=authenticated_user(request),
                    document=document,
                    upload=upload,
                    file_name=upload.name or "document",
                    version=form.cleaned_data["version"],
                    valid_from=form.cleaned_data["valid_from"],
                    note=form.cleaned_data["note"],
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                messages.success(
                    request,
                    _("Version %(version)s of %(number)s is now the current one.")
                    % {"version": form.cleaned_data["version"], "number": document.number},
                )
                return HttpResponseRedirect(self._change_url(document))
        return self._page(
            request,
            "admin/documents/upload.html",
            status=status,
            title=_("New version of %(number)s") % {"number": document.number},
            form=form,
            document=document,
            limit=megabytes(max_file()),
        )

    def withdraw_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        form = WithdrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                if document.is_active:
                    services.document_withdraw(
                        document=document, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The document is withdrawn."))
                else:
                    services.document_reinstate(document=document)
                    messages.success(request, _("The document is active again."))
            except RuleViolation as violation:
                messages.error(request, str(violation))
            return HttpResponseRedirect(self._change_url(document))
        return self._page(
            request,
            "admin/documents/withdraw.html",
            title=(_("Withdraw %(number)s") if document.is_active else _("Reinstate %(number)s"))
            % {"number": document.number},
            form=form,
            document=document,
        )

    def version_file_view(self, request: HttpRequest, pk: int, version_id: int) -> HttpResponseBase:
        """Any version's file for the operator (not logged: the log is the workshops' access)."""
        version = get_object_or_404(
            DocumentVersion.objects.select_related("document"), pk=version_id, document_id=pk
        )
        try:
            stream = version_file(version)
        except RuleViolation as violation:
            messages.error(request, str(violation))
            return HttpResponseRedirect(self._change_url(version.document))
        return file_response(stream, version, download=False)

    # --- The ZIP import ---------------------------------------------------------------------

    def import_view(self, request: HttpRequest, too_large: int = 0) -> HttpResponse:
        bound = request.method == "POST" and not too_large
        form = ImportForm(request.POST if bound else None, request.FILES if bound else None)
        status = 200
        if too_large:
            form = ImportForm({})
            form.full_clean()
            form.errors.clear()
            add_violation(form, import_too_large(too_large))
            status = 413
        elif bound and form.is_valid():
            try:
                job = document_import_create(
                    upload=form.cleaned_data["file"], actor=authenticated_user(request)
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                return HttpResponseRedirect(
                    reverse("admin:documents_document_import_progress", args=[job.pk])
                )
        return self._page(
            request,
            "admin/documents/import.html",
            status=status,
            title=_("Import documents (ZIP with manifest)"),
            form=form,
            limit=megabytes(max_import()),
            file_limit=megabytes(max_file()),
            format_help=(manifest.__doc__ or "").split("FORMAT", 1)[-1],
            columns=COLUMNS,
            imports=DocumentImport.objects.select_related("created_by")[:10],
        )

    def import_progress_view(self, request: HttpRequest, import_id: int) -> HttpResponse:
        job = get_object_or_404(DocumentImport, pk=import_id)
        template = "admin/documents/import_progress.html"
        if request.headers.get("HX-Request"):
            template = "admin/documents/_import_status.html"
        return self._page(
            request, template, title=_("Import of %(name)s") % {"name": job.file_name}, job=job
        )

    # --- Access statistics -------------------------------------------------------------------

    def _period(self, request: HttpRequest) -> tuple[PeriodForm, date, date]:
        today = clock.today()
        form = PeriodForm(request.GET or None)
        since, until = today - timedelta(days=29), today
        if form.is_bound and form.is_valid():
            since = form.cleaned_data["since"] or since
            until = form.cleaned_data["until"] or until
        if until < since:
            since, until = until, since
        return form, since, until

    def statistics_view(self, request: HttpRequest) -> HttpResponse:
        form, since, until = self._period(request)
        stats = opening_statistics(since=since, until=until)
        peak = max((count for _day, count in stats.per_day), default=0)
        return self._page(
            request,
            "admin/documents/statistics.html",
            title=_("Information research: access statistics"),
            form=form,
            stats=stats,
            peak=peak,
            query=f"since={since.isoformat()}&until={until.isoformat()}",
        )

    def openings_csv_view(self, request: HttpRequest) -> StreamingHttpResponse:
        _form, since, until = self._period(request)
        openings = (
            openings_between(since, until)
            .select_related("document", "version", "user", "organisation")
            .order_by("opened_at", "pk")
        )
        rows = (
            (
                timezone.localtime(opening.opened_at).isoformat(timespec="seconds"),
                opening.channel,
                opening.document.number,
                opening.version.version if opening.version else "",
                opening.document.kind,
                opening.user.email,
                opening.organisation.name if opening.organisation else "",
            )
            for opening in openings.iterator(chunk_size=2000)
        )
        return csv_response(
            f"document-openings-{since.isoformat()}-{until.isoformat()}.csv",
            ["opened_at", "channel", "document", "version", "kind", "user", "organisation"],
            rows,
        )
