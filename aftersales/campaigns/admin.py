"""The operator's back office for technical campaigns: campaigns with their parts and rules,
publish / withdraw (through the services), counts of affected / done / open vehicles, CSV
exports, the VIN-list and NHTSA imports with their progress, and the completions (read-only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.portal.csv_export import csv_response
from aftersales.portal.errors import RuleViolation
from aftersales.portal.http import AuthenticatedHttpRequest, authenticated_user
from aftersales.portal.uploads import size_limited

from . import services
from .forms import ImportUploadForm, NhtsaImportForm
from .imports import nhtsa, vins
from .imports.common import max_upload_bytes, megabytes, too_large
from .imports.jobs import campaign_import_create
from .models import (
    Campaign,
    CampaignCompletion,
    CampaignImport,
    CampaignPart,
    CampaignRule,
    CampaignVehicle,
)
from .selectors import campaign_counts, campaign_vehicle_rows


class CampaignPartInline(admin.TabularInline):
    model = CampaignPart
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
    extra = 0


class CampaignRuleInline(admin.TabularInline):
    model = CampaignRule
    fields = [
        "series",
        "model_code",
        "engine_type",
        "produced_from",
        "produced_to",
        "make",
        "model",
        "model_year",
    ]
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "kind",
        "title",
        "state",
        "do_not_drive",
        "start_date",
        "end_date",
        "counts",
    ]
    list_filter = ["state", "kind", "do_not_drive", "source"]
    search_fields = [
        "=number",
        "title",
        "title_da",
        "title_de",
        "component",
        "manufacturer_number",
    ]
    readonly_fields = [
        "state",
        "source",
        "published_at",
        "withdrawn_at",
        "created_at",
        "updated_at",
        "counts",
        "vin_list",
    ]
    fieldsets = [
        (None, {"fields": ["number", "kind", "state", "do_not_drive", "start_date", "end_date"]}),
        (
            gettext_lazy("Texts"),
            {
                "fields": [
                    ("title", "title_da", "title_de"),
                    ("component", "component_da", "component_de"),
                    ("defect", "defect_da", "defect_de"),
                    ("risk", "risk_da", "risk_de"),
                    ("remedy", "remedy_da", "remedy_de"),
                ]
            },
        ),
        (
            gettext_lazy("Labour"),
            {"fields": ["labour_operation_number", "labour_allowance_fru"]},
        ),
        (
            gettext_lazy("Affected vehicles"),
            {
                "fields": ["counts", "vin_list"],
                "description": gettext_lazy(
                    "A vehicle is affected when its VIN is on the list or one of the rules "
                    "below matches its central data (all criteria of a rule that are filled in)."
                ),
            },
        ),
        (
            gettext_lazy("Record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "source",
                    "manufacturer_number",
                    "published_at",
                    "withdrawn_at",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [CampaignPartInline, CampaignRuleInline]
    actions = ["publish", "withdraw", "export_counts"]
    change_list_template = "admin/campaigns/campaign/change_list.html"
    change_form_template = "admin/campaigns/campaign/change_form.html"

    @admin.display(description=gettext_lazy("affected / done / open"))
    def counts(self, obj: Campaign) -> str:
        if obj.pk is None:
            return "–"
        numbers = campaign_counts([obj])[obj.pk]
        return f"{numbers.affected} / {numbers.done} / {numbers.open}"

    @admin.display(description=gettext_lazy("VIN list"))
    def vin_list(self, obj: Campaign) -> str:
        if obj.pk is None:
            return _("Save the campaign first, then import its VIN list.")
        listed = (
            reverse("admin:campaigns_campaignvehicle_changelist") + f"?campaign__id__exact={obj.pk}"
        )
        upload = reverse("admin:campaigns_campaign_import_vins", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a> · <a class="button" href="{}">{}</a>',
            listed,
            _("%(count)d VINs listed") % {"count": obj.listed.count()},
            upload,
            _("Import a VIN list (CSV)"),
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Only a draft may be deleted: a published campaign is withdrawn, so that what the
        workshops saw and did stays explained."""
        if isinstance(obj, Campaign) and obj.state != Campaign.State.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Campaign, form: Any, change: bool) -> None:
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def _change_state(
        self, request: HttpRequest, queryset: QuerySet[Campaign], change: Any, done: str
    ) -> None:
        count = 0
        for campaign in queryset:
            try:
                change(campaign=campaign)
            except RuleViolation as violation:
                self.message_user(request, str(violation), messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Publish selected campaigns"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        self._change_state(
            request, queryset, services.campaign_publish, _("%(count)d campaign(s) published.")
        )

    @admin.action(description=gettext_lazy("Withdraw selected campaigns"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        self._change_state(
            request, queryset, services.campaign_withdraw, _("%(count)d campaign(s) withdrawn.")
        )

    @admin.action(description=gettext_lazy("Export affected / done / open (CSV)"))
    def export_counts(
        self, request: HttpRequest, queryset: QuerySet[Campaign]
    ) -> StreamingHttpResponse:
        campaigns = list(queryset.order_by("number"))
        counts = campaign_counts(campaigns)
        rows = (
            [
                c.number,
                c.kind,
                c.state,
                c.title,
                c.do_not_drive,
                c.start_date,
                c.end_date or "",
                counts[c.pk].affected,
                counts[c.pk].done,
                counts[c.pk].open,
            ]
            for c in campaigns
        )
        header = [
            "number",
            "kind",
            "state",
            "title",
            "do_not_drive",
            "start_date",
            "end_date",
            "affected",
            "done",
            "open",
        ]
        return csv_response("campaign-counts.csv", header, rows)

    # --- own screens ------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        own = [
            path(
                "<int:pk>/import-vins/",
                view(size_limited(max_upload_bytes)(self.import_vins_view)),
                name="campaigns_campaign_import_vins",
            ),
            path(
                "import-nhtsa/",
                view(size_limited(max_upload_bytes)(self.import_nhtsa_view)),
                name="campaigns_campaign_import_nhtsa",
            ),
            path(
                "imports/<int:import_id>/",
                view(self.import_progress_view),
                name="campaigns_campaign_import_progress",
            ),
            path(
                "<int:pk>/vehicles.csv",
                view(self.export_vehicles_view),
                name="campaigns_campaign_export_vehicles",
            ),
        ]
        return own + super().get_urls()

    def _upload(
        self,
        request: AuthenticatedHttpRequest,
        *,
        form: ImportUploadForm,
        too_large_bytes: int,
        title: str,
        format_help: str,
        start: Any,
        campaign: Campaign | None = None,
    ) -> HttpResponse:
        errors: list[str] = []
        if too_large_bytes:
            errors.append(str(too_large(too_large_bytes)))
        elif request.method == "POST" and form.is_valid():
            try:
                job = start(form)
            except RuleViolation as violation:
                errors.append(str(violation))
            else:
                return HttpResponseRedirect(
                    reverse("admin:campaigns_campaign_import_progress", args=[job.pk])
                )
        return TemplateResponse(
            request,
            "admin/campaigns/import_form.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "form": form,
                "upload_errors": errors,
                "format_help": format_help,
                "limit": megabytes(max_upload_bytes()),
                "campaign": campaign,
            },
        )

    def import_vins_view(
        self, request: AuthenticatedHttpRequest, pk: int, too_large: int = 0
    ) -> HttpResponse:
        campaign = get_object_or_404(Campaign, pk=pk)
        bound = request.method == "POST" and not too_large
        form = ImportUploadForm(request.POST if bound else None, request.FILES if bound else None)
        return self._upload(
            request,
            form=form,
            too_large_bytes=too_large,
            title=_("Import the VIN list of campaign %(number)s") % {"number": campaign.number},
            format_help=(vins.__doc__ or "").split("FORMAT", 1)[-1],
            campaign=campaign,
            start=lambda f: campaign_import_create(
                kind=CampaignImport.Kind.VINS,
                upload=f.cleaned_data["file"],
                actor=authenticated_user(request),
                campaign=campaign,
            ),
        )

    def import_nhtsa_view(
        self, request: AuthenticatedHttpRequest, too_large: int = 0
    ) -> HttpResponse:
        bound = request.method == "POST" and not too_large
        form = NhtsaImportForm(request.POST if bound else None, request.FILES if bound else None)
        return self._upload(
            request,
            form=form,
            too_large_bytes=too_large,
            title=_("Import NHTSA's recall file (FLAT_RCL)"),
            format_help=(nhtsa.__doc__ or "").split("FORMAT", 1)[-1],
            start=lambda f: campaign_import_create(
                kind=CampaignImport.Kind.NHTSA,
                upload=f.cleaned_data["file"],
                actor=authenticated_user(request),
                publish=f.cleaned_data["publish"],
            ),
        )

    def import_progress_view(
        self, request: AuthenticatedHttpRequest, import_id: int
    ) -> HttpResponse:
        job = get_object_or_404(CampaignImport.objects.select_related("campaign"), pk=import_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import of %(name)s") % {"name": job.file_name},
            "job": job,
        }
        template = "admin/campaigns/import_progress.html"
        if request.headers.get("HX-Request"):
            template = "admin/campaigns/_import_status.html"
        return TemplateResponse(request, template, context)

    def export_vehicles_view(
        self, request: AuthenticatedHttpRequest, pk: int
    ) -> StreamingHttpResponse:
        campaign = get_object_or_404(Campaign, pk=pk)
        rows = (
            [
                vehicle.vin,
                vehicle.model_designation,
                vehicle.series,
                vehicle.production_date,
                "done" if completion else "open",
                completion.done_on if completion else "",
                completion.organisation.name if completion else "",
                completion.entry.number if completion else "",
            ]
            for vehicle, completion in campaign_vehicle_rows(campaign)
        )
        header = [
            "vin",
            "model",
            "series",
            "production_date",
            "state",
            "done_on",
            "workshop",
            "service_entry",
        ]
        return csv_response(f"campaign-{campaign.number}-vehicles.csv", header, rows)


@admin.register(CampaignVehicle)
class CampaignVehicleAdmin(admin.ModelAdmin):
    """The VIN lists: found by VIN, filtered by campaign; a VIN is removed by deleting it."""

    list_display = ["vehicle", "campaign", "added_at"]
    list_filter = ["campaign"]
    search_fields = ["=vehicle__vin", "=campaign__number"]
    raw_id_fields = ["vehicle", "campaign"]
    list_select_related = ["vehicle", "campaign"]
    show_full_result_count = False


@admin.register(CampaignCompletion)
class CampaignCompletionAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "vehicle", "done_on", "organisation", "entry", "reopened_at"]
    list_filter = ["campaign", ("reopened_at", admin.EmptyFieldListFilter)]
    search_fields = ["=vehicle__vin", "=campaign__number", "organisation__name"]
    list_select_related = ["campaign", "vehicle", "organisation", "entry"]


@admin.register(CampaignImport)
class CampaignImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "campaign", "file_name", "state", "progress_link"]
    list_filter = ["kind", "state"]
    exclude = ["file"]

    @admin.display(description=gettext_lazy("progress and rejects"))
    def progress_link(self, obj: CampaignImport) -> str:
        url = reverse("admin:campaigns_campaign_import_progress", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Show"))
