"""The operator's back office for Programming: the minimum state of charge, and the checks and
results (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from aftersales.portal.admin import ReadOnlyAdmin

from .models import ControlUnitResult, PreconditionCheck, ProgrammingSettings


@admin.register(ProgrammingSettings)
class ProgrammingSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "minimum_soc_percent"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ProgrammingSettings.objects.exists()


@admin.register(PreconditionCheck)
class PreconditionCheckAdmin(ReadOnlyAdmin):
    list_display = [
        "checked_at",
        "session",
        "charger_connected",
        "soc_percent",
        "ignition",
        "passed",
    ]
    list_filter = ["passed"]


@admin.register(ControlUnitResult)
class ControlUnitResultAdmin(ReadOnlyAdmin):
    list_display = [
        "recorded_at",
        "vehicle",
        "control_unit",
        "software_before",
        "software_after",
        "success",
    ]
    list_filter = ["success"]
    search_fields = ["=vehicle__vin", "control_unit"]
