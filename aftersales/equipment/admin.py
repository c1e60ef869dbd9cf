"""The operator's back office for Workshop equipment: the tool catalogue (picture upload checked
like the parts' drawings), the import of tool catalogues (CSV, XLSX) with its progress page,
the workshops' requests (confirm, ship, cancel: through the services, each change e-mailed to
the workshop) and, read-only, the workshops' inventories."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.parts.images import MAX_BYTES
from aftersales.portal.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin, add_violation
from aftersales.portal.http import authenticated_user
from aftersales.portal.uploads import size_limited
from aftersales.vehicles.models import VehicleBrand

from . import rules, services
from .forms import ImportUploadForm
from .imports import layout
from .imports.common import max_upload_bytes, megabytes
from .imports.common import too_large as too_large_violation
from .imports.jobs import tool_import_create
from .models import InventoryItem, Tool, ToolImport, ToolRequest, ToolRequestEvent, ToolRequestLine
from .rules import ToolData
from .views import IMAGE_CSP


class ToolForm(TextInputsMixin, forms.ModelForm):
    brands = forms.MultipleChoiceField(
        label=gettext_lazy("Brands"),
        choices=VehicleBrand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: every brand."),
    )
    picture_upload = forms.FileField(
        label=gettext_lazy("Picture (SVG or PNG)"),
        required=False,
        help_text=gettext_lazy(
            "SVG without scripts, event handlers or references outside the file; or PNG. At "
            "most 5 MB."
        ),
    )

    class Meta:
        model = Tool
        fields = [
            "number",
            "name",
            "name_da",
            "name_de",
            "description",
            "description_da",
            "description_de",
            "supplier",
            "price",
            "brands",
            "calibration_months",
            "active",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        data = ToolData(
            number=cleaned.get("number") or "",
            name=cleaned.get("name") or "",
            name_da=cleaned.get("name_da") or "",
            name_de=cleaned.get("name_de") or "",
            description=cleaned.get("description") or "",
            description_da=cleaned.get("description_da") or "",
            description_de=cleaned.get("description_de") or "",
            supplier=cleaned.get("supplier") or "",
            price=cleaned.get("price"),
            brands=list(cleaned.get("brands") or []),
            calibration_months=cleaned.get("calibration_months"),
            active=bool(cleaned.get("active")),
        )
        try:
            checked = rules.clean_tool(data)
        except RuleViolation as violation:
            add_violation(self, violation)
            return cleaned
        for name in ("number", *ToolData.FIELDS):
            cleaned[name] = getattr(checked, name)
            setattr(self.instance, name, getattr(checked, name))
        return cleaned

    def clean_picture_upload(self) -> bytes | None:
        upload = self.cleaned_data.get("picture_upload")
        if not upload:
            return None
        content = upload.read(MAX_BYTES + 1)
        self.picture_name = upload.name or "picture"
        return bytes(content)


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    form = ToolForm
    list_display = [
        "number",
        "name",
        "supplier",
        "price",
        "brands_shown",
        "calibration_months",
        "active",
    ]
    list_filter = ["active", "supplier"]
    search_fields = ["number", "number_key", "name", "name_da", "name_de", "supplier"]
    readonly_fields = ["preview"]
    actions = ["withdraw", "offer_again"]

    @admin.display(description=gettext_lazy("Brands"))
    def brands_shown(self, obj: Tool) -> str:
        return obj.brands_label() or _("All brands")

    @admin.display(description=gettext_lazy("Picture"))
    def preview(self, obj: Tool) -> str:
        if not obj.pk or not obj.has_picture:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="240">',
            reverse("admin:equipment_tool_picture", args=[obj.pk]),
        )

    def save_model(self, request: HttpRequest, obj: Tool, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        content = form.cleaned_data.get("picture_upload")
        if content:
            try:
                services.tool_picture_set(tool=obj, content=content, name=form.picture_name)
            except RuleViolation as violation:
                messages.error(request, str(violation))

    @admin.action(description=gettext_lazy("Withdraw the selected tools"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Tool]) -> None:
        queryset.update(active=False)

    @admin.action(description=gettext_lazy("Offer the selected tools again"))
    def offer_again(self, request: HttpRequest, queryset: QuerySet[Tool]) -> None:
        queryset.update(active=True)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # inventories and requests name it: withdraw it instead

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        own = [
            path("<int:pk>/picture/", view(self.picture_view), name="equipment_tool_picture"),
            path(
                "import/",
                view(size_limited(max_upload_bytes)(self.import_view)),
                name="equipment_tool_import",
            ),
            path(
                "imports/<int:import_id>/",
                view(self.import_progress_view),
                name="equipment_tool_import_progress",
            ),
        ]
        return own + super().get_urls()

    def picture_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        tool = get_object_or_404(Tool, pk=pk)
        if not tool.has_picture:
            raise Http404
        content_type = "image/svg+xml" if tool.picture_type == "svg" else "image/png"
        with tool.picture.open("rb") as picture:
            response = HttpResponse(picture.read(), content_type=content_type)
        response["Content-Security-Policy"] = IMAGE_CSP
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def import_view(self, request: HttpRequest, too_large: int = 0) -> HttpResponse:
        """The upload; a body over the limit arrives as `too_large` unstored (EQ-0040)."""
        bound = request.method == "POST" and not too_large
        form = ImportUploadForm(request.POST if bound else None, request.FILES if bound else None)
        errors: list[str] = []
        received = too_large
        if received:
            errors.append(str(too_large_violation(received)))
        elif bound and form.is_valid():
            try:
                job = tool_import_create(
                    upload=form.cleaned_data["file"], actor=authenticated_user(request)
                )
            except RuleViolation as violation:
                errors.append(str(violation))
            else:
                url = reverse("admin:equipment_tool_import_progress", args=[job.pk])
                return HttpResponseRedirect(url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a tool catalogue (CSV or XLSX)"),
            "form": form,
            "upload_errors": errors,
            "format_help": (layout.__doc__ or "").split("FORMAT", 1)[-1],
            "limit": megabytes(max_upload_bytes()),
            "imports": ToolImport.objects.select_related("created_by")[:10],
        }
        return TemplateResponse(
            request, "admin/equipment/import_form.html", context, status=413 if received else 200
        )

    def import_progress_view(self, request: HttpRequest, import_id: int) -> HttpResponse:
        job = get_object_or_404(ToolImport, pk=import_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import of %(name)s") % {"name": job.file_name},
            "job": job,
        }
        template = "admin/equipment/import_progress.html"
        if request.headers.get("HX-Request"):
            template = "admin/equipment/_import_status.html"
        return TemplateResponse(request, template, context)


@admin.register(ToolImport)
class ToolImportAdmin(ReadOnlyAdmin):
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
    def progress_link(self, obj: ToolImport) -> str:
        url = reverse("admin:equipment_tool_import_progress", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("open"))


@admin.register(InventoryItem)
class InventoryItemAdmin(ReadOnlyAdmin):
    """The workshops keep their inventories themselves; the operator sees them."""

    list_display = ["tool", "organisation", "serial_number", "last_calibrated_on", "added_at"]
    list_select_related = ["tool", "organisation"]
    list_filter = ["tool"]
    search_fields = ["tool__number", "tool__number_key", "organisation__name", "serial_number"]


class RequestLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ToolRequestLine
    fields = ["tool", "quantity", "unit_price"]
    readonly_fields = ["tool", "quantity", "unit_price"]
    extra = 0


class RequestEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ToolRequestEvent
    fields = ["status", "at", "by", "note"]
    readonly_fields = ["status", "at", "by", "note"]
    extra = 0


class StatusForm(TextInputsMixin, forms.Form):
    status = forms.ChoiceField(choices=ToolRequest.Status.choices)
    note = forms.CharField(
        label=gettext_lazy("Note to the workshop"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@admin.register(ToolRequest)
class ToolRequestAdmin(admin.ModelAdmin):
    """The queue of requests: new and confirmed first. Status changes go through the services
    (the buttons of a request's page, or the list's actions) and e-mail the workshop."""

    list_display = ["number_shown", "organisation", "created_at", "tools", "vin", "status"]
    list_select_related = ["organisation"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "vin", "lines__tool__number"]
    readonly_fields = [
        "number_shown",
        "organisation",
        "requested_by",
        "status",
        "vin",
        "note",
        "operator_note",
        "created_at",
        "updated_at",
    ]
    fields = [
        "number_shown",
        "organisation",
        "requested_by",
        "status",
        "vin",
        "note",
        "operator_note",
        "created_at",
        "updated_at",
    ]
    inlines = [RequestLineInline, RequestEventInline]
    actions = ["confirm", "ship"]
    change_form_template = "admin/equipment/toolrequest/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ToolRequest]:
        return super().get_queryset(request).prefetch_related("lines__tool")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # workshops request; the operator processes

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("Request"), ordering="pk")
    def number_shown(self, obj: ToolRequest) -> str:
        return obj.number

    @admin.display(description=gettext_lazy("Tools"))
    def tools(self, obj: ToolRequest) -> str:
        return format_html_join(
            ", ", "{} × {}", ((line.quantity, line.tool.number) for line in obj.lines.all())
        )

    def _step(self, request: HttpRequest, queryset: QuerySet[ToolRequest], status: str) -> None:
        done = 0
        for found in queryset:
            try:
                services.tool_request_status_set(
                    request=found, status=status, actor=authenticated_user(request)
                )
            except RuleViolation as violation:
                messages.error(request, f"{found.number}: {violation}")
            else:
                done += 1
        if done:
            messages.success(request, _("%(count)d requests changed.") % {"count": done})

    @admin.action(description=gettext_lazy("Confirm the selected requests"))
    def confirm(self, request: HttpRequest, queryset: QuerySet[ToolRequest]) -> None:
        self._step(request, queryset, ToolRequest.Status.CONFIRMED)

    @admin.action(description=gettext_lazy("Mark the selected requests shipped"))
    def ship(self, request: HttpRequest, queryset: QuerySet[ToolRequest]) -> None:
        self._step(request, queryset, ToolRequest.Status.SHIPPED)

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:pk>/status/",
                self.admin_site.admin_view(self.status_view),
                name="equipment_toolrequest_status",
            )
        ]
        return own + super().get_urls()

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The admin's own lookup: an id that is not a number is a 404, as an unknown one.
        found = self.get_object(request, unquote(object_id))
        if found is None:
            raise Http404
        labels = {
            ToolRequest.Status.CONFIRMED: _("Confirm"),
            ToolRequest.Status.SHIPPED: _("Mark shipped"),
            ToolRequest.Status.CANCELLED: _("Cancel the request"),
        }
        steps = [
            (status, labels[status])
            for status in labels
            if status in rules.TRANSITIONS[found.status]
        ]
        extra = {
            **(extra_context or {}),
            "steps": steps,
            "status_form": StatusForm(),
            "show_save": False,  # nothing here is edited: the status buttons below change it
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra)

    def status_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        found = get_object_or_404(ToolRequest, pk=pk)
        if request.method == "POST":
            form = StatusForm(request.POST)
            if form.is_valid():
                try:
                    services.tool_request_status_set(
                        request=found,
                        status=form.cleaned_data["status"],
                        actor=authenticated_user(request),
                        note=form.cleaned_data["note"],
                    )
                except RuleViolation as violation:
                    messages.error(request, str(violation))
                else:
                    found.refresh_from_db()
                    messages.success(
                        request,
                        _("%(number)s is now %(status)s; the workshop gets an e-mail.")
                        % {"number": found.number, "status": found.get_status_display()},
                    )
            else:
                messages.error(request, " ".join(str(e) for e in form.errors.values()))
        return HttpResponseRedirect(reverse("admin:equipment_toolrequest_change", args=[pk]))
