"""The operator's back office for central vehicle data, the CBS catalogue and the WMI table."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from aftersales.portal.forms import TextInputsMixin
from aftersales.portal.http import authenticated_user

from . import vin as vin_rules
from .models import (
    CENTRAL_DATA_FIELDS,
    CbsApplicability,
    CbsPosition,
    MileageReading,
    Vehicle,
    VehicleCbsStatus,
    VehicleOption,
    WorldManufacturerIdentifier,
)
from .readings import mileage_flag_explain


class VehicleAdminForm(TextInputsMixin, forms.ModelForm):
    class Meta:
        model = Vehicle
        fields = ["vin", *CENTRAL_DATA_FIELDS]

    def clean_vin(self) -> str:
        value = vin_rules.normalize_vin(self.cleaned_data.get("vin", ""))
        if not vin_rules.is_full_vin(value):
            raise forms.ValidationError(
                _(
                    "The vehicle identification number must have 17 characters: the digits 0-9 "
                    "and the letters A-Z except I, O and Q."
                )
            )
        return value


class VehicleOptionInline(admin.TabularInline):
    model = VehicleOption
    fields = ["code", "description", "kind", "installed_on"]
    extra = 0


class VehicleCbsStatusInline(admin.TabularInline):
    model = VehicleCbsStatus
    fields = ["cbs_position", "due_date", "remaining_km", "updated_at"]
    readonly_fields = ["updated_at"]
    extra = 0


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    form = VehicleAdminForm
    list_display = [
        "vin",
        "brand",
        "model_designation",
        "series",
        "engine_type",
        "production_date",
        "mileage_km",
    ]
    list_filter = ["brand"]  # a series filter would read DISTINCT series of every vehicle
    # The operator finds a vehicle like the VIN entry does: full VIN or its last 7 characters.
    search_fields = ["=vin", "=vin7", "model_designation", "series", "engine_type"]
    search_help_text = _("Full VIN or its last 7 characters, model, series or engine type")
    readonly_fields = ["vin7", "updated_at"]
    show_full_result_count = False  # a count over a million vehicles is slow and of no use
    fieldsets = [
        (None, {"fields": ["vin", "vin7", "brand"]}),
        (
            _("Type"),
            {"fields": ["model_designation", "lead_model", "model_code", "series", "engine_type"]},
        ),
        (
            _("Equipment"),
            {
                "fields": [
                    "color_code",
                    "color_name",
                    "upholstery_code",
                    "upholstery_name",
                    "gearbox_number",
                    "engine_number",
                ]
            },
        ),
        (
            _("Life"),
            {
                "fields": [
                    "production_date",
                    "first_registration_date",
                    "plant_integration_level",
                    "mileage_km",
                    "mileage_recorded_on",
                    "number_of_keys",
                    "key_system",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [VehicleOptionInline, VehicleCbsStatusInline]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Vehicle], search_term: str
    ) -> tuple[QuerySet[Vehicle], bool]:
        """A VIN or its last 7 characters is looked up by the indexes, as the VIN entry does;
        anything else searches the text fields."""
        value = vin_rules.normalize_vin(search_term)
        if vin_rules.is_full_vin(value):
            return queryset.filter(vin=value), False
        if vin_rules.is_short_vin(value) and queryset.filter(vin7=value).exists():
            return queryset.filter(vin7=value), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request: HttpRequest, obj: Vehicle, form: Any, change: bool) -> None:
        if not obj.brand:
            obj.brand = vin_rules.brand_for_vin(obj.vin)
        warning = vin_rules.check_digit_warning(obj.vin)
        if warning:
            messages.warning(request, warning)
        super().save_model(request, obj, form, change)


class CbsApplicabilityInline(admin.TabularInline):
    model = CbsApplicability
    fields = ["series", "engine_type"]
    extra = 1


@admin.register(CbsPosition)
class CbsPositionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "name_da",
        "name_de",
        "position",
        "interval_months",
        "interval_km",
    ]
    list_editable = ["position"]
    search_fields = ["code", "name", "name_da", "name_de", "applicability__series"]
    inlines = [CbsApplicabilityInline]


@admin.register(CbsApplicability)
class CbsApplicabilityAdmin(admin.ModelAdmin):
    list_display = ["series", "engine_type", "cbs_position"]
    list_filter = ["cbs_position"]
    search_fields = ["series", "engine_type", "cbs_position__name"]
    list_select_related = ["cbs_position"]


@admin.register(WorldManufacturerIdentifier)
class WorldManufacturerIdentifierAdmin(admin.ModelAdmin):
    list_display = ["wmi", "brand", "description", "north_american"]
    list_filter = ["brand", "north_american"]
    search_fields = ["wmi", "description"]
    ordering = ["wmi"]


class MileageFlagFilter(admin.SimpleListFilter):
    title = _("flag")
    parameter_name = "flag"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("open", _("flagged, not explained")), ("explained", _("explained"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        flagged = queryset.filter(lower_than__isnull=False, withdrawn_at__isnull=True)
        if self.value() == "open":
            return flagged.filter(explained_at__isnull=True)
        if self.value() == "explained":
            return flagged.filter(explained_at__isnull=False)
        return queryset


class MileageExplainForm(TextInputsMixin, forms.ModelForm):
    class Meta:
        model = MileageReading
        fields = ["explanation"]

    def clean_explanation(self) -> str:
        value = self.cleaned_data.get("explanation", "").strip()
        if not value:
            raise forms.ValidationError(
                _("Say why the lower reading is explained (e.g. instrument cluster replaced).")
            )
        return str(value)


@admin.register(MileageReading)
class MileageReadingAdmin(admin.ModelAdmin):
    """Readings are evidence: never added, edited or deleted here. A flagged reading can be
    marked explained, with a reason that stays visible with the flag."""

    form = MileageExplainForm
    list_display = ["vehicle", "read_at", "mileage_km", "source", "reference", "flag_state"]
    list_filter = [MileageFlagFilter, "source"]
    list_select_related = ["vehicle", "lower_than"]
    search_fields = ["=vehicle__vin", "=vehicle__vin7", "reference"]
    show_full_result_count = False
    readonly_fields = [
        "vehicle",
        "mileage_km",
        "read_at",
        "source",
        "reference",
        "recorded_at",
        "lower_than",
        "withdrawn_at",
        "explained_at",
        "explained_by",
    ]
    fields = [*readonly_fields[:8], "explanation", "explained_at", "explained_by"]

    @admin.display(description=_("flag"))
    def flag_state(self, reading: MileageReading) -> str:
        if reading.withdrawn_at:
            return str(_("withdrawn"))
        if reading.lower_than_id is None:
            return ""
        return str(_("explained") if reading.explained_at else _("lower than an earlier reading"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Only an open flag takes an explanation; everything else is shown as it is.
        if obj is not None and obj.is_flagged and not obj.explained_at:
            return self.readonly_fields
        return [*self.readonly_fields, "explanation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        mileage_flag_explain(
            reading=obj,
            operator=authenticated_user(request),
            explanation=form.cleaned_data["explanation"],
        )
        messages.success(request, _("The flag is marked explained; it stays visible."))
