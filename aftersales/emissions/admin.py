"""The operator's back office for Emissions test nominal values: nominal values per engine and
variant (with the CSV/XLSX import), the legal limits, the test interval per country, and the
recorded tests (read-only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales import clock
from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin
from aftersales.portal.http import authenticated_user
from aftersales.portal.uploads import size_limited

from . import imports, rules
from .forms import ImportUploadForm
from .models import DueInterval, EmissionsTest, LegalLimit, NominalValues
from .quantities import BY_KEY, QUANTITIES

BOUND_FIELDSETS = [name for quantity in QUANTITIES for name in quantity.bound_fields]


class LimitValuesForm(TextInputsMixin, forms.ModelForm):
    """Each bound within what an instrument reads, each range in order (rules.py)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for quantity in QUANTITIES:
            for name in quantity.bound_fields:
                if data.get(name) is None:
                    continue
                try:
                    data[name] = rules.nominal_bound(BY_KEY[quantity.key], name, data[name])
                except RuleViolation as violation:
                    self.add_error(name, str(violation))
        if self.errors:
            return data
        try:
            rules.check_nominal(fuel=data.get("fuel", ""), bounds=data)
        except RuleViolation as violation:
            field = violation.field if violation.field in self.fields else None
            self.add_error(field, str(violation))
        return data


class NominalValuesForm(LimitValuesForm):
    class Meta:
        model = NominalValues
        fields = [
            "engine_type",
            "fuel",
            "note",
            "brand",
            "series",
            "model_code",
            "produced_from",
            "produced_to",
            *BOUND_FIELDSETS,
            "obd_check",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        probe = NominalValues(
            engine_type=" ".join(str(data.get("engine_type", "")).split()).upper(),
            brand=data.get("brand") or "",
            series=" ".join(str(data.get("series") or "").split()).upper(),
            model_code=" ".join(str(data.get("model_code") or "").split()).upper(),
            produced_from=data.get("produced_from"),
            produced_to=data.get("produced_to"),
        )
        if probe.produced_from and probe.produced_to and probe.produced_to < probe.produced_from:
            self.add_error("produced_to", _("The production period ends before it starts."))
        clash = NominalValues.objects.filter(
            engine_type=probe.engine_type, variant=probe.variant_key()
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("engine_type", _("Nominal values for this engine and variant exist."))
        return data


@admin.register(NominalValues)
class NominalValuesAdmin(admin.ModelAdmin):
    form = NominalValuesForm
    list_display = ["engine_type", "variant_shown", "fuel", "obd_check", "updated_at"]
    list_filter = ["fuel", "brand", "obd_check"]
    search_fields = ["engine_type", "series", "model_code", "note"]
    fieldsets = [
        (None, {"fields": ["engine_type", "fuel", "note"]}),
        (
            gettext_lazy("Variant (empty: every vehicle with this engine)"),
            {"fields": ["brand", "series", "model_code", "produced_from", "produced_to"]},
        ),
        (
            gettext_lazy(
                "Nominal values (empty: the manufacturer gives none, the legal limit applies)"
            ),
            {"fields": [*BOUND_FIELDSETS, "obd_check"]},
        ),
    ]

    @admin.display(description=gettext_lazy("variant"))
    def variant_shown(self, obj: NominalValues) -> str:
        return obj.variant_label()

    def save_model(self, request: HttpRequest, obj: NominalValues, form: Any, change: bool) -> None:
        obj.updated_by, obj.updated_at = authenticated_user(request), clock.now()
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True  # tests keep the values they were judged against: a row may go

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "import/",
                self.admin_site.admin_view(
                    size_limited(imports.max_upload_bytes)(self.import_view)
                ),
                name="emissions_nominalvalues_import",
            )
        ]
        return own + super().get_urls()

    def import_view(self, request: HttpRequest, too_large: int = 0) -> HttpResponse:
        """The upload, read at once (a catalogue of every engine is small); the result with
        every rejected line and its number. An upload over the limit is refused before it is
        stored (`too_large`, EMT-0020)."""
        bound = request.method == "POST" and not too_large
        form = ImportUploadForm(request.POST if bound else None, request.FILES if bound else None)
        errors: list[str] = []
        result = None
        status = 200
        if too_large:
            errors.append(str(imports.too_large(too_large)))
            status = 413
        elif bound and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                kind = imports.upload_format(upload.name or "")
                result = imports.nominal_values_import(
                    stream=upload.file, format=kind, actor=authenticated_user(request)
                )
            except RuleViolation as violation:
                errors.append(str(violation))
                status = violation.status
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import nominal values (CSV or XLSX)"),
            "form": form,
            "upload_errors": errors,
            "result": result,
            "rejects": result.rejected[: imports.MAX_REPORTED] if result else [],
            "format_help": (imports.__doc__ or "").split("FORMAT", 1)[-1],
            "limit": imports.megabytes(imports.max_upload_bytes()),
        }
        return TemplateResponse(request, "admin/emissions/import_form.html", context, status=status)


class LegalLimitForm(LimitValuesForm):
    class Meta:
        model = LegalLimit
        fields = ["fuel", "name", "registered_from", "registered_to", *BOUND_FIELDSETS, "obd_check"]


@admin.register(LegalLimit)
class LegalLimitAdmin(admin.ModelAdmin):
    form = LegalLimitForm
    list_display = ["fuel", "name", "registered_from", "registered_to", "obd_check"]
    list_filter = ["fuel"]
    fieldsets = [
        (None, {"fields": ["fuel", "name", "registered_from", "registered_to"]}),
        (gettext_lazy("Limits"), {"fields": [*BOUND_FIELDSETS, "obd_check"]}),
    ]


@admin.register(DueInterval)
class TestIntervalAdmin(admin.ModelAdmin):
    list_display = ["country", "months"]


@admin.register(EmissionsTest)
class EmissionsTestAdmin(ReadOnlyAdmin):
    list_display = ["number", "vehicle", "organisation", "tested_at", "passed", "next_due"]
    list_filter = ["passed", "fuel", "source"]
    search_fields = ["vehicle__vin", "organisation__name", "tester", "instrument_id"]
    list_select_related = ["vehicle", "organisation"]
