"""The operator's back office for Information research: documents (upload one, a new version,
withdraw, validity and links), the ZIP import, the access log and its statistics."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin
from aftersales.portal.uploads import size_limited

from . import rules, services
from .backoffice import DocumentBackOffice, max_file, max_import
from .models import (
    Document,
    DocumentImport,
    DocumentLink,
    DocumentOpening,
    DocumentValidity,
    DocumentVersion,
)


class DocumentValidityInline(admin.TabularInline):
    model = DocumentValidity
    fields = [
        "brand",
        "series",
        "model_code",
        "engine_type",
        "produced_from",
        "produced_to",
        "option_code",
    ]
    extra = 0


class LinkForm(TextInputsMixin, forms.ModelForm):
    class Meta:
        model = DocumentLink
        fields = ["kind", "label"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, label = cleaned.get("kind"), cleaned.get("label")
        if kind and label:
            try:
                link = rules.link_clean(kind, label)
            except RuleViolation as violation:
                self.add_error("label", str(violation))
            else:
                self.instance.key, cleaned["label"] = link.key, link.label
                self.instance.source = DocumentLink.Source.MANUAL
        return cleaned


class ManualLinks(BaseInlineFormSet):
    """Only the operator's links are edited here; those the text names are shown read-only."""

    def get_queryset(self) -> QuerySet[DocumentLink]:
        return super().get_queryset().filter(source=DocumentLink.Source.MANUAL)


class DocumentLinkInline(admin.TabularInline):
    model = DocumentLink
    form = LinkForm
    formset = ManualLinks
    fields = ["kind", "label"]
    extra = 0
    verbose_name_plural = gettext_lazy("links set by the operator")


VERSION_FIELDS = (
    "version",
    "valid_from",
    "note",
    "file_link",
    "size_bytes",
    "pages",
    "text_state",
    "uploaded_at",
    "uploaded_by",
)


class DocumentVersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DocumentVersion
    fields = VERSION_FIELDS
    readonly_fields = VERSION_FIELDS
    extra = 0

    @admin.display(description=gettext_lazy("file"))
    def file_link(self, obj: DocumentVersion) -> str:
        url = reverse("admin:documents_document_version_file", args=[obj.document_id, obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, obj.file_name)


class DocumentForm(TextInputsMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "title", "language", "security_related"]

    def clean_title(self) -> str:
        try:
            return rules.title_clean(self.cleaned_data.get("title", ""))
        except RuleViolation as violation:
            raise forms.ValidationError(str(violation)) from None


@admin.register(Document)
class DocumentAdmin(DocumentBackOffice, admin.ModelAdmin):
    form = DocumentForm
    list_display = [
        "number",
        "title",
        "kind",
        "language",
        "state",
        "version_label",
        "text_label",
        "valid_for_all",
        "security_related",
        "updated_at",
    ]
    list_filter = [
        "state",
        "kind",
        "language",
        "current_version__text_state",
        "valid_for_all",
        "security_related",
    ]
    search_fields = ["=number", "title"]
    list_select_related = ["current_version"]
    readonly_fields = [
        "number",
        "state",
        "withdrawn_at",
        "withdrawn_reason",
        "version_label",
        "text_label",
        "valid_for_all",
        "text_links",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["number", "kind", "title", "language", "security_related"]}),
        (
            gettext_lazy("State"),
            {
                "fields": [
                    "state",
                    "withdrawn_at",
                    "withdrawn_reason",
                    "version_label",
                    "text_label",
                    "valid_for_all",
                    "text_links",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [DocumentValidityInline, DocumentLinkInline, DocumentVersionInline]
    actions = ["withdraw", "reinstate", "reindex"]
    change_list_template = "admin/documents/document/change_list.html"
    change_form_template = "admin/documents/document/change_form.html"

    @admin.display(description=gettext_lazy("current version"))
    def version_label(self, obj: Document) -> str:
        version = obj.current_version
        return f"{version.version} ({version.valid_from:%Y-%m-%d})" if version else "–"

    @admin.display(description=gettext_lazy("text"))
    def text_label(self, obj: Document) -> str:
        version = obj.current_version
        return str(version.get_text_state_display()) if version else "–"

    @admin.display(description=gettext_lazy("named in the text"))
    def text_links(self, obj: Document) -> str:
        links = DocumentLink.objects.filter(document=obj, source=DocumentLink.Source.TEXT)
        return ", ".join(str(link) for link in links) or "–"

    def add_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """A document starts with its file: the upload screen."""
        return HttpResponseRedirect(reverse("admin:documents_document_upload"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # withdrawn, never deleted: the access log refers to it

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        services.document_update(
            document=obj, title=obj.title, kind=obj.kind, language=obj.language
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.document_validity_refresh(document=form.instance)

    def _each(self, request: HttpRequest, queryset: QuerySet[Document], change: Any) -> int:
        count = 0
        for document in queryset:
            try:
                change(document=document)
            except RuleViolation as violation:
                self.message_user(request, str(violation), messages.ERROR)
            else:
                count += 1
        return count

    @admin.action(description=gettext_lazy("Withdraw selected documents"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        count = self._each(request, queryset, services.document_withdraw)
        if count:
            self.message_user(request, _("%(count)d document(s) withdrawn.") % {"count": count})

    @admin.action(description=gettext_lazy("Reinstate selected documents"))
    def reinstate(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        count = self._each(request, queryset, services.document_reinstate)
        if count:
            self.message_user(request, _("%(count)d document(s) reinstated.") % {"count": count})

    @admin.action(description=gettext_lazy("Index the text again"))
    def reindex(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        from .tasks import document_index_task

        ids = [doc.current_version_id for doc in queryset if doc.current_version_id]
        for version_id in ids:
            document_index_task.enqueue(version_id=version_id)
        self.message_user(
            request, _("%(count)d document(s) queued for indexing.") % {"count": len(ids)}
        )

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        own = [
            path(
                "upload/",
                view(size_limited(max_file)(self.upload_view)),
                name="documents_document_upload",
            ),
            path(
                "<int:pk>/new-version/",
                view(size_limited(max_file)(self.version_view)),
                name="documents_document_new_version",
            ),
            path(
                "<int:pk>/withdraw/", view(self.withdraw_view), name="documents_document_withdraw"
            ),
            path(
                "<int:pk>/versions/<int:version_id>/file/",
                view(self.version_file_view),
                name="documents_document_version_file",
            ),
            path(
                "import/",
                view(size_limited(max_import)(self.import_view)),
                name="documents_document_import",
            ),
            path(
                "import/<int:import_id>/",
                view(self.import_progress_view),
                name="documents_document_import_progress",
            ),
            path("statistics/", view(self.statistics_view), name="documents_document_statistics"),
            path(
                "statistics/openings.csv",
                view(self.openings_csv_view),
                name="documents_document_openings_csv",
            ),
        ]
        return own + super().get_urls()


@admin.register(DocumentOpening)
class DocumentOpeningAdmin(ReadOnlyAdmin):
    """The access log: who opened which document when, and how."""

    list_display = ["opened_at", "document", "version", "user", "organisation", "channel"]
    list_filter = ["channel", "document__kind"]
    date_hierarchy = "opened_at"
    search_fields = ["=document__number", "user__email", "organisation__name"]
    list_select_related = ["document", "version", "user", "organisation"]
    show_full_result_count = False


@admin.register(DocumentImport)
class DocumentImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "file_name", "state", "created", "replaced", "rejected", "show"]
    list_filter = ["state"]
    exclude = ["file"]

    @admin.display(description=gettext_lazy("progress and rejects"))
    def show(self, obj: DocumentImport) -> str:
        url = reverse("admin:documents_document_import_progress", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Show"))
