"""The operator's back office for Commercial Service Data: labour operations (a change writes a
new version through the services; the versions are read-only), the import of labour catalogues
(CSV, XLSX) with its progress page, service packages, unit lengths per brand, the imports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin
from aftersales.portal.http import authenticated_user
from aftersales.portal.uploads import size_limited

from . import rules, services
from .forms import ImportUploadForm
from .imports import layout
from .imports.common import max_upload_bytes, megabytes
from .imports.common import too_large as too_large_violation
from .imports.jobs import labour_import_create
from .models import (
    BrandUnit,
    LabourImport,
    LabourOperation,
    PackageMaterial,
    PackageOperation,
    ServicePackage,
    number_key,
)
from .rules import OperationContent

CONTENT_FIELDS: tuple[str, ...] = (
    "description",
    "description_da",
    "description_de",
    "units",
    "included_work",
    "included_work_da",
    "included_work_de",
    "excluded_work",
    "excluded_work_da",
    "excluded_work_de",
    "tool_numbers",
)
VALIDITY_FIELDS: tuple[str, ...] = (
    "brand",
    "series",
    "model_code",
    "engine_type",
    "produced_from",
    "produced_to",
)


class LabourOperationForm(TextInputsMixin, forms.ModelForm):
    """Validity on the operation, content for the next version (prefilled from the current)."""

    description = forms.CharField(label=gettext_lazy("Description"), max_length=200)
    description_da = forms.CharField(
        label=gettext_lazy("description (Danish)"), max_length=200, required=False
    )
    description_de = forms.CharField(
        label=gettext_lazy("description (German)"), max_length=200, required=False
    )
    units = forms.DecimalField(
        label=gettext_lazy("Units"), min_value=Decimal("0.01"), max_digits=7, decimal_places=2
    )
    included_work = forms.CharField(
        label=gettext_lazy("Included work"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    included_work_da = forms.CharField(
        label=gettext_lazy("included work (Danish)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    included_work_de = forms.CharField(
        label=gettext_lazy("included work (German)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    excluded_work = forms.CharField(
        label=gettext_lazy("Not included"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    excluded_work_da = forms.CharField(
        label=gettext_lazy("not included (Danish)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    excluded_work_de = forms.CharField(
        label=gettext_lazy("not included (German)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    tool_numbers = forms.CharField(
        label=gettext_lazy("Special tools"),
        required=False,
        help_text=gettext_lazy('Tool numbers separated by "|", e.g. 83 30 0 494 060 | 11 4 650'),
    )

    class Meta:
        model = LabourOperation
        fields = ["number", *VALIDITY_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.current if self.instance.pk else None
        if current is not None:
            for name in CONTENT_FIELDS:
                value = getattr(current, name)
                self.initial[name] = " | ".join(value) if name == "tool_numbers" else value
            # The number is the operation's identity: another number is another operation.
            self.fields["number"].disabled = True

    def content(self) -> OperationContent:
        data = self.cleaned_data
        return OperationContent(
            description=data.get("description", ""),
            description_da=data.get("description_da", ""),
            description_de=data.get("description_de", ""),
            units=data.get("units") or Decimal(0),
            included_work=data.get("included_work", ""),
            included_work_da=data.get("included_work_da", ""),
            included_work_de=data.get("included_work_de", ""),
            excluded_work=data.get("excluded_work", ""),
            excluded_work_da=data.get("excluded_work_da", ""),
            excluded_work_de=data.get("excluded_work_de", ""),
            tool_numbers=[n for n in data.get("tool_numbers", "").split("|") if n.strip()],
        )

    def validity(self) -> services.ValidityData:
        data = self.cleaned_data
        return services.ValidityData(
            brand=data.get("brand") or "",
            series=data.get("series") or "",
            model_code=data.get("model_code") or "",
            engine_type=data.get("engine_type") or "",
            produced_from=data.get("produced_from"),
            produced_to=data.get("produced_to"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            rules.require_number(data.get("number") or self.instance.number)
            rules.require_period(data.get("produced_from"), data.get("produced_to"))
            rules.clean_content(self.content())
        except RuleViolation as violation:
            field = violation.field if violation.field in self.fields else None
            self.add_error(field, str(violation))
            return data
        clash = LabourOperation.objects.filter(
            number_key=number_key(data.get("number") or self.instance.number),
            validity=self.validity().key(),
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("series", _("An operation with this number and validity exists."))
        return data


@admin.register(LabourOperation)
class LabourOperationAdmin(admin.ModelAdmin):
    form = LabourOperationForm
    list_display = ["number", "description", "units", "validity_shown", "version", "retired"]
    list_filter = ["brand", "series", "engine_type", ("retired_at", admin.EmptyFieldListFilter)]
    search_fields = ["number", "number_key", "search_text"]
    list_select_related = ["current"]
    readonly_fields = ["versions_table"]
    actions = ["withdraw", "offer_again"]
    fieldsets = [
        (None, {"fields": ["number"]}),
        (gettext_lazy("Applies to"), {"fields": VALIDITY_FIELDS}),
        (gettext_lazy("Content (a change writes a new version)"), {"fields": CONTENT_FIELDS}),
        (
            gettext_lazy("Versions (never changed: a change writes the next)"),
            {"fields": ["versions_table"]},
        ),
    ]

    @admin.display(description=gettext_lazy("versions"))
    def versions_table(self, obj: LabourOperation) -> str:
        if obj.pk is None:
            return "–"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    v.version,
                    v.reference,
                    v.created_at.strftime("%d-%m-%Y %H:%M"),
                    v.get_source_display(),
                    v.created_by or "",
                    v.description,
                    v.units,
                )
                for v in obj.versions.select_related("created_by").order_by("-version")
            ),
        )
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("version"), _("reference"), _("valid from"), _("source"), _("changed by"),
            _("Description"), _("Units"),
        )  # fmt: skip
        return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", head, rows)

    @admin.display(description=gettext_lazy("Description"))
    def description(self, obj: LabourOperation) -> str:
        return obj.current.description if obj.current else ""

    @admin.display(description=gettext_lazy("Units"))
    def units(self, obj: LabourOperation) -> Decimal | None:
        return obj.current.units if obj.current else None

    @admin.display(description=gettext_lazy("Applies to"))
    def validity_shown(self, obj: LabourOperation) -> str:
        return obj.validity_label()

    @admin.display(description=gettext_lazy("version"))
    def version(self, obj: LabourOperation) -> int | None:
        return obj.current.version if obj.current else None

    @admin.display(description=gettext_lazy("withdrawn"), boolean=True)
    def retired(self, obj: LabourOperation) -> bool:
        return obj.is_retired

    def save_model(
        self, request: HttpRequest, obj: LabourOperation, form: Any, change: bool
    ) -> None:
        actor = authenticated_user(request)
        if not change:
            created = services.labour_operation_create(
                number=obj.number, validity=form.validity(), content=form.content(), actor=actor
            )
            obj.pk, obj.current = created.pk, created.current
            obj._state.adding = False
            return
        services.labour_operation_validity_change(operation=obj, validity=form.validity())
        version, written = services.labour_operation_change(
            operation=obj, content=form.content(), actor=actor
        )
        if written:
            messages.info(
                request,
                _("Version %(version)d written; orders priced earlier keep their version.")
                % {"version": version.version},
            )

    @admin.action(description=gettext_lazy("Withdraw the selected operations"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[LabourOperation]) -> None:
        for operation in queryset:
            services.labour_operation_retire(operation=operation)

    @admin.action(description=gettext_lazy("Offer the selected operations again"))
    def offer_again(self, request: HttpRequest, queryset: QuerySet[LabourOperation]) -> None:
        for operation in queryset:
            services.labour_operation_retire(operation=operation, retired=False)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # orders name its versions: withdraw it instead

    # --- the import -------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        own = [
            path(
                "import/",
                view(size_limited(max_upload_bytes)(self.import_view)),
                name="servicedata_labouroperation_import",
            ),
            path(
                "imports/<int:import_id>/",
                view(self.import_progress_view),
                name="servicedata_labouroperation_import_progress",
            ),
        ]
        return own + super().get_urls()

    def import_view(self, request: HttpRequest, too_large: int = 0) -> HttpResponse:
        """The upload; a body over the limit arrives as `too_large` unstored (CSD-0020)."""
        bound = request.method == "POST" and not too_large
        form = ImportUploadForm(request.POST if bound else None, request.FILES if bound else None)
        errors: list[str] = []
        received = too_large
        if received:
            errors.append(str(too_large_violation(received)))
        elif bound and form.is_valid():
            try:
                job = labour_import_create(
                    upload=form.cleaned_data["file"], actor=authenticated_user(request)
                )
            except RuleViolation as violation:
                errors.append(str(violation))
            else:
                url = reverse("admin:servicedata_labouroperation_import_progress", args=[job.pk])
                return HttpResponseRedirect(url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a labour catalogue (CSV or XLSX)"),
            "form": form,
            "upload_errors": errors,
            "format_help": (layout.__doc__ or "").split("FORMAT", 1)[-1],
            "limit": megabytes(max_upload_bytes()),
            "imports": LabourImport.objects.select_related("created_by")[:10],
        }
        return TemplateResponse(
            request, "admin/servicedata/import_form.html", context, status=413 if received else 200
        )

    def import_progress_view(self, request: HttpRequest, import_id: int) -> HttpResponse:
        job = get_object_or_404(LabourImport, pk=import_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import of %(name)s") % {"name": job.file_name},
            "job": job,
        }
        template = "admin/servicedata/import_progress.html"
        if request.headers.get("HX-Request"):
            template = "admin/servicedata/_import_status.html"
        return TemplateResponse(request, template, context)


class PackageOperationInline(admin.TabularInline):
    model = PackageOperation
    extra = 1
    fields = ["position", "operation_number", "quantity"]


class PackageMaterialInline(admin.TabularInline):
    model = PackageMaterial
    extra = 1
    fields = [
        "position",
        "number",
        "description",
        "description_da",
        "description_de",
        "quantity",
        "unit",
        "unit_price",
    ]


@admin.register(ServicePackage)
class ServicePackageAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "validity_shown", "fixed_price", "active"]
    list_filter = ["active", "brand", "series", "engine_type"]
    search_fields = ["number", "name", "name_da", "name_de"]
    inlines = [PackageOperationInline, PackageMaterialInline]
    fieldsets = [
        (None, {"fields": ["number", "name", "name_da", "name_de", "fixed_price", "active"]}),
        (gettext_lazy("Applies to"), {"fields": VALIDITY_FIELDS}),
    ]

    @admin.display(description=gettext_lazy("Applies to"))
    def validity_shown(self, obj: ServicePackage) -> str:
        return obj.validity_label()


@admin.register(BrandUnit)
class BrandUnitAdmin(admin.ModelAdmin):
    list_display = ["brand", "minutes"]


@admin.register(LabourImport)
class LabourImportAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "file_name",
        "state",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "progress_link",
    ]
    list_filter = ["state", "format"]

    @admin.display(description=gettext_lazy("progress and rejects"))
    def progress_link(self, obj: LabourImport) -> str:
        url = reverse("admin:servicedata_labouroperation_import_progress", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("open"))
