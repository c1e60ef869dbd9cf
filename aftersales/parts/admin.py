"""The operator's back office for the parts catalogue: groups, illustrations (drawing upload
checked by images.py, hotspots), parts with their supersession (through the services), parts
rows, price lists, and the imports (catalogue, supersessions, BMEcat) with their progress."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin
from aftersales.portal.http import AuthenticatedHttpRequest, authenticated_user
from aftersales.portal.uploads import size_limited

from . import numbers, services
from .images import check_illustration
from .imports import bmecat, catalogue, supersessions
from .imports.common import max_upload_bytes, megabytes
from .imports.common import too_large as too_large_violation
from .imports.jobs import parts_import_create
from .models import (
    Hotspot,
    Illustration,
    MainGroup,
    Part,
    PartPrice,
    PartsImport,
    PartUsage,
    PriceList,
    SubGroup,
)
from .validity import OptionRuleError, normalize_option_rule
from .views import IMAGE_CSP

FORMATS: dict[str, str | None] = {
    PartsImport.Kind.CATALOGUE: catalogue.__doc__,
    PartsImport.Kind.SUPERSESSIONS: supersessions.__doc__,
    PartsImport.Kind.PRICES: bmecat.__doc__,
}


@admin.register(MainGroup)
class MainGroupAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "name_da", "name_de"]
    search_fields = ["=number", "name", "name_da", "name_de"]


@admin.register(SubGroup)
class SubGroupAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "main_group"]
    list_select_related = ["main_group"]
    search_fields = ["number", "name", "name_da", "name_de"]
    list_filter = ["main_group"]


class HotspotInline(admin.TabularInline):
    model = Hotspot
    fields = ["position", "x", "y"]
    extra = 0


class IllustrationForm(TextInputsMixin, forms.ModelForm):
    drawing = forms.FileField(
        label=gettext_lazy("Drawing (SVG or PNG)"),
        required=False,
        help_text=gettext_lazy(
            "SVG without scripts, event handlers, foreignObject or references outside the file; "
            "or PNG. At most 5 MB. Hotspot coordinates use the drawing's viewBox or pixels."
        ),
    )

    class Meta:
        model = Illustration
        fields = ["subgroup", "number", "title", "title_da", "title_de"]

    def clean_drawing(self) -> bytes | None:
        upload = self.cleaned_data.get("drawing")
        if not upload:
            return None
        content = upload.read(5 * 1024 * 1024 + 1)
        try:
            check_illustration(content, name=upload.name or "")
        except RuleViolation as violation:
            raise forms.ValidationError(str(violation)) from None
        self.drawing_name = upload.name or "drawing"
        return bytes(content)


@admin.register(Illustration)
class IllustrationAdmin(admin.ModelAdmin):
    form = IllustrationForm
    list_display = ["number", "title", "subgroup", "image_type", "hotspot_count"]
    list_select_related = ["subgroup"]
    search_fields = ["=number", "title", "title_da", "title_de"]
    list_filter = ["image_type", "subgroup__main_group"]
    readonly_fields = ["image_type", "width", "height", "preview"]
    autocomplete_fields = ["subgroup"]
    inlines = [HotspotInline]

    @admin.display(description=gettext_lazy("hotspots"))
    def hotspot_count(self, obj: Illustration) -> int:
        return obj.hotspots.count()

    @admin.display(description=gettext_lazy("drawing"))
    def preview(self, obj: Illustration) -> str:
        if not obj.pk or not obj.has_image:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="320">',
            reverse("admin:parts_illustration_drawing", args=[obj.pk]),
        )

    def save_model(self, request: HttpRequest, obj: Illustration, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        content = form.cleaned_data.get("drawing")
        if content:
            services.illustration_image_set(
                illustration=obj, content=content, name=form.drawing_name
            )

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:pk>/drawing/",
                self.admin_site.admin_view(self.drawing_view),
                name="parts_illustration_drawing",
            )
        ]
        return own + super().get_urls()

    def drawing_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        illustration = get_object_or_404(Illustration, pk=pk)
        if not illustration.has_image:
            raise Http404
        content_type = "image/svg+xml" if illustration.image_type == "svg" else "image/png"
        with illustration.image.open("rb") as image:
            response = HttpResponse(image.read(), content_type=content_type)
        response["Content-Security-Policy"] = IMAGE_CSP
        response["X-Content-Type-Options"] = "nosniff"
        return response


class PartForm(TextInputsMixin, forms.ModelForm):
    replaced_by_number = forms.CharField(
        label=gettext_lazy("replaced by (part number)"),
        required=False,
        max_length=30,
        help_text=gettext_lazy("Empty: not replaced. Chains are resolved; cycles are refused."),
    )

    class Meta:
        model = Part
        fields = [
            "number",
            "description",
            "description_da",
            "description_de",
            "unit",
            "replaced_on",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.replaced_by_id:
            self.initial["replaced_by_number"] = self.instance.replaced_by.display_number

    def clean_number(self) -> str:
        number = numbers.normalize(self.cleaned_data["number"])
        if not numbers.is_valid(number):
            raise forms.ValidationError(_("3-20 letters and digits."))
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new = numbers.normalize(data.get("replaced_by_number", ""))
        if new and self.instance.pk:
            try:
                services.supersession_check(old_number=self.instance.number, new_number=new)
            except RuleViolation as violation:
                self.add_error("replaced_by_number", str(violation))
        elif new:
            self.add_error("replaced_by_number", _("Save the part first, then replace it."))
        return data


@admin.register(Part)
class PartAdmin(admin.ModelAdmin):
    form = PartForm
    list_display = ["number", "description", "unit", "replaced_by", "successor"]
    list_select_related = ["replaced_by", "successor"]
    search_fields = ["=number", "description", "description_da", "description_de"]
    readonly_fields = ["successor"]

    def save_model(self, request: HttpRequest, obj: Part, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        new = numbers.normalize(form.cleaned_data.get("replaced_by_number", ""))
        if new:
            services.supersession_set(
                old_number=obj.number,
                new_number=new,
                replaced_on=form.cleaned_data.get("replaced_on"),
            )
        elif obj.replaced_by_id:
            services.supersession_clear(number=obj.number)


class PartUsageForm(TextInputsMixin, forms.ModelForm):
    class Meta:
        model = PartUsage
        fields = [
            "illustration",
            "position",
            "sort",
            "part",
            "quantity",
            "note",
            "note_da",
            "note_de",
            "brand",
            "series",
            "model_code",
            "engine",
            "produced_from",
            "produced_until",
            "options",
        ]

    def clean_options(self) -> str:
        try:
            return normalize_option_rule(self.cleaned_data.get("options", ""))
        except OptionRuleError as error:
            raise forms.ValidationError(
                _("“%(term)s” is not an option rule (e.g. S205A, -S205A, S205A/S2TB).")
                % {"term": str(error)}
            ) from None


@admin.register(PartUsage)
class PartUsageAdmin(admin.ModelAdmin):
    form = PartUsageForm
    list_display = [
        "illustration",
        "position",
        "part",
        "quantity",
        "series",
        "model_code",
        "engine",
        "produced_from",
        "produced_until",
        "options",
    ]
    list_select_related = ["illustration", "part"]
    list_filter = ["series", "engine"]
    search_fields = ["=part__number", "=illustration__number"]
    raw_id_fields = ["illustration", "part"]


@admin.register(PriceList)
class PriceListAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "country", "currency", "active"]
    readonly_fields = ["active", "currency"]
    actions = ["activate"]

    @admin.action(description=gettext_lazy("Put the selected price list in force"))
    def activate(self, request: HttpRequest, queryset: QuerySet[PriceList]) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose one price list."), messages.ERROR)
            return
        price_list = services.price_list_activate(price_list=queryset.get())
        self.message_user(
            request, _("%(code)s is in force.") % {"code": price_list.code}, messages.SUCCESS
        )


@admin.register(PartPrice)
class PartPriceAdmin(admin.ModelAdmin):
    list_display = ["part", "price_list", "valid_from", "net_price"]
    list_select_related = ["part", "price_list"]
    list_filter = ["price_list"]
    search_fields = ["=part__number"]
    raw_id_fields = ["part"]
    date_hierarchy = "valid_from"


class ImportForm(TextInputsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"), choices=PartsImport.Kind.choices
    )
    file = forms.FileField(label=gettext_lazy("File"))


@admin.register(PartsImport)
class PartsImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "file_name", "state", "created", "updated", "rejected"]
    list_filter = ["kind", "state"]
    change_list_template = "admin/parts/partsimport/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        own = [
            path(
                "upload/",
                view(size_limited(max_upload_bytes)(self.upload_view)),
                name="parts_partsimport_upload",
            ),
            path(
                "<int:import_id>/progress/",
                view(self.progress_view),
                name="parts_partsimport_progress",
            ),
        ]
        return own + super().get_urls()

    def upload_view(self, request: AuthenticatedHttpRequest, too_large: int = 0) -> HttpResponse:
        """The upload form; `too_large` (bytes) when the upload is over the limit (EPC-0020)."""
        too_large_bytes = too_large
        bound = request.method == "POST" and not too_large_bytes
        form = ImportForm(request.POST if bound else None, request.FILES if bound else None)
        errors: list[str] = []
        if too_large_bytes:
            errors.append(str(too_large_violation(too_large_bytes)))
        elif bound and form.is_valid():
            try:
                job = parts_import_create(
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    actor=authenticated_user(request),
                )
            except RuleViolation as violation:
                errors.append(str(violation))
            else:
                return HttpResponseRedirect(
                    reverse("admin:parts_partsimport_progress", args=[job.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import into the parts catalogue"),
            "form": form,
            "upload_errors": errors,
            "limit": megabytes(max_upload_bytes()),
            "formats": [
                (label, (FORMATS[kind] or "").split("FORMAT", 1)[-1].strip())
                for kind, label in PartsImport.Kind.choices
            ],
        }
        status = 413 if too_large_bytes else (422 if errors else 200)
        return TemplateResponse(request, "admin/parts/import_form.html", context, status=status)

    def progress_view(self, request: HttpRequest, import_id: int) -> HttpResponse:
        job = get_object_or_404(PartsImport, pk=import_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import of %(name)s") % {"name": job.file_name},
            "job": job,
        }
        template = "admin/parts/import_progress.html"
        if request.headers.get("HX-Request"):
            template = "admin/parts/_import_status.html"
        return TemplateResponse(request, template, context)
