"""The operator's back office for State of charge: battery types with their nominal capacity,
the warning threshold, and the readings (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from aftersales.portal.admin import ReadOnlyAdmin

from .models import BatteryReading, BatterySettings, BatteryType


@admin.register(BatteryType)
class BatteryTypeAdmin(admin.ModelAdmin):
    list_display = ["series", "engine_type", "kind", "nominal_capacity_kwh"]
    list_filter = ["kind"]


@admin.register(BatterySettings)
class BatterySettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "soh_drop_warning_per_year"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not BatterySettings.objects.exists()


@admin.register(BatteryReading)
class BatteryReadingAdmin(ReadOnlyAdmin):
    list_display = ["vehicle", "read_at", "soh_percent", "soc_percent", "source", "organisation"]
    list_select_related = ["vehicle", "organisation"]
    list_filter = ["source"]
    search_fields = ["=vehicle__vin"]
    exclude = ["recorded_by"]
