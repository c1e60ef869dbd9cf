"""The operator's back office: the fault-code catalogue (edit, import manufacturer packs with a
progress bar and line-numbered rejects), the imports, and fault memory reports read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin, add_violation
from aftersales.portal.http import authenticated_user
from aftersales.portal.uploads import size_limited
from aftersales.vehicles.models import VehicleBrand

from . import codes, dtc, rules, services
from .models import FaultCode, FaultCodeImport, FaultReport, FaultReportCode


class FaultCodeAdminForm(TextInputsMixin, forms.ModelForm):
    class Meta:
        model = FaultCode
        fields = [
            "code",
            "brand",
            "description",
            "description_da",
            "description_de",
            "emission_relevant",
            "mil_relevant",
            "possible_causes",
            "possible_causes_da",
            "possible_causes_de",
        ]

    def clean_code(self) -> str:
        try:
            return dtc.normalise(self.cleaned_data.get("code", ""))
        except RuleViolation as violation:
            raise forms.ValidationError(str(violation)) from violation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("code")
        if code:
            try:
                data["brand"] = rules.require_brand(code, data.get("brand", ""))
            except RuleViolation as violation:
                add_violation(self, violation)
        return data


class PackUploadForm(TextInputsMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Pack (CSV)"),
        required=False,
        help_text=gettext_lazy(
            "UTF-8 CSV with the columns code, description_en and optionally brand, "
            "description_da, description_de, emission_relevant, mil_relevant, "
            "possible_causes_en, possible_causes_da, possible_causes_de."
        ),
    )
    brand = forms.ChoiceField(
        label=gettext_lazy("Brand of lines without one"),
        choices=[("", "—"), *VehicleBrand.choices],
        required=False,
    )


@admin.register(FaultCode)
class FaultCodeAdmin(admin.ModelAdmin):
    form = FaultCodeAdminForm
    list_display = ["code", "brand", "description", "emission_relevant", "mil_relevant", "scope"]
    list_filter = ["scope", "system", "brand", "emission_relevant", "mil_relevant"]
    search_fields = ["code", "description", "description_da", "description_de"]
    readonly_fields = ["system", "scope", "updated_at"]
    change_list_template = "admin/faultcodes/faultcode/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "import/",
                self.admin_site.admin_view(
                    size_limited(services.import_size_limit)(self.import_view)
                ),
                name="faultcodes_faultcode_import",
            ),
            path(
                "import/<int:pk>/",
                self.admin_site.admin_view(self.import_progress_view),
                name="faultcodes_faultcode_import_progress",
            ),
        ]
        return own + super().get_urls()

    def _import_page(
        self, request: HttpRequest, form: PackUploadForm, *, status: int = 200
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Import a fault-code pack"),
            "limit_mb": services.import_size_limit() // (1024 * 1024),
            "imports": FaultCodeImport.objects.select_related("created_by")[:10],
        }
        return TemplateResponse(
            request, "admin/faultcodes/faultcode/import.html", context, status=status
        )

    def import_view(self, request: HttpRequest, too_large: int = 0) -> HttpResponse:
        """The upload, behind the shared size limit (portal/uploads.size_limited): a file over
        FAULT_CODE_IMPORT_MAX_BYTES is refused (413, FC-0030) before a byte of it is stored."""
        if too_large:
            form = PackUploadForm(data={})  # the body was not kept: nothing to show
            form.full_clean()
            add_violation(form, _too_large(too_large))
            return self._import_page(request, form, status=413)
        if request.method != "POST":
            return self._import_page(request, PackUploadForm())
        form = PackUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload is None:
                form.add_error("file", _("Please choose a CSV file."))
            else:
                try:
                    job = services.fault_code_import_start(
                        actor=authenticated_user(request),
                        upload=upload,
                        brand=form.cleaned_data["brand"],
                    )
                except RuleViolation as violation:
                    add_violation(form, violation)
                else:
                    return HttpResponseRedirect(
                        reverse("admin:faultcodes_faultcode_import_progress", args=[job.pk])
                    )
        return self._import_page(request, form)

    def import_progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = get_object_or_404(FaultCodeImport.objects.select_related("created_by"), pk=pk)
        template = "admin/faultcodes/faultcode/import_progress.html"
        if request.headers.get("HX-Request"):  # the polled part only
            template = "admin/faultcodes/faultcode/_import_status.html"
        context = {
            **self.admin_site.each_context(request),
            "job": job,
            "opts": self.model._meta,
            "title": _("Import of %(name)s") % {"name": job.file_name},
        }
        return TemplateResponse(request, template, context)


def _too_large(size: int) -> RuleViolation:
    try:
        services.require_import_size(size)
    except RuleViolation as violation:
        return violation
    return RuleViolation(codes.FILE_TOO_LARGE, _("The file is too large."), field="file")


@admin.register(FaultCodeImport)
class FaultCodeImportAdmin(ReadOnlyAdmin):
    list_display = [
        "file_name",
        "brand",
        "state",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "created_by",
        "created_at",
    ]
    list_select_related = ["created_by"]
    list_filter = ["state"]
    exclude = ["file"]  # private: read by the task, never offered for download

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The progress page shows an import with its rejected lines.
        if object_id and object_id.isdigit():
            return HttpResponseRedirect(
                reverse("admin:faultcodes_faultcode_import_progress", args=[int(object_id)])
            )
        return super().changeform_view(request, object_id, form_url, extra_context)


class FaultReportCodeInline(admin.TabularInline):
    model = FaultReportCode
    fields = readonly_fields = ("position", "code", "status")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FaultReport)
class FaultReportAdmin(ReadOnlyAdmin):
    list_display = ["vehicle", "read_at", "organisation", "mileage_km", "mil_on", "source"]
    list_select_related = ["vehicle", "organisation"]
    list_filter = ["mil_on", "source"]
    search_fields = ["=vehicle__vin", "=vehicle__vin7", "organisation__name", "codes__code"]
    date_hierarchy = "read_at"
    inlines = [FaultReportCodeInline]
