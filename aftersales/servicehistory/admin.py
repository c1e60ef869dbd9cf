"""The operator's back office: standard repair packages and their mapping (operator data); service
entries and the audit log read-only (an entry is never changed or deleted, not even here)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.servicedata.models import PackageOperation

from .models import (
    AuditLogEntry,
    LabourOperation,
    PositionOperation,
    ServiceEntry,
    ServiceEntryLine,
)


class PositionOperationInline(admin.TabularInline):
    model = PositionOperation
    fields = ["cbs_position", "position"]
    autocomplete_fields = ["cbs_position"]
    extra = 0


class PackageOperationInline(admin.TabularInline):
    """The operations whose FRU (for the vehicle's variant) make the SRP line's quantity; their
    units are kept, versioned, in Commercial Service Data's labour operations."""

    model = PackageOperation
    fk_name = "package"
    fields = ["position", "operation_number", "quantity"]
    extra = 0


@admin.register(LabourOperation)
class LabourOperationAdmin(admin.ModelAdmin):
    """Standard repair packages (SRP): packages of Commercial Service Data that CBS positions put
    on the order base."""

    list_display = ["number", "name", "name_da", "name_de", "operations_shown"]
    search_fields = ["number", "name", "name_da", "name_de"]
    fields = ["number", "name", "name_da", "name_de"]
    inlines = [PackageOperationInline, PositionOperationInline]

    @admin.display(description=gettext_lazy("labour operations"))
    def operations_shown(self, obj: LabourOperation) -> str:
        return ", ".join(f"{row.operation_number}" for row in obj.operations.all())

    def get_queryset(self, request: HttpRequest) -> QuerySet[LabourOperation]:
        return super().get_queryset(request).prefetch_related("operations")


@admin.register(PositionOperation)
class PositionOperationAdmin(admin.ModelAdmin):
    list_display = ["cbs_position", "labour_operation", "position"]
    list_filter = ["cbs_position"]
    list_select_related = ["cbs_position", "labour_operation"]


class ServiceEntryLineInline(admin.TabularInline):
    model = ServiceEntryLine
    fields = readonly_fields = (
        "line_no",
        "kind",
        "number",
        "description",
        "quantity",
        "unit",
        "unit_price_gross",
        "gross_amount",
        "reference",
    )
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditLogInline(admin.TabularInline):
    model = AuditLogEntry
    fields = readonly_fields = ("at", "actor", "organisation", "action", "ip_address", "details")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ServiceEntry)
class ServiceEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "vehicle",
        "maintenance_date",
        "mileage_km",
        "organisation",
        "version",
        "cancelled_at",
        "transferred_at",
    ]
    list_select_related = ["vehicle", "organisation", "original"]
    search_fields = ["vehicle__vin", "vehicle__vin7", "organisation__name"]
    list_filter = ["maintenance_date"]
    date_hierarchy = "maintenance_date"
    inlines = [ServiceEntryLineInline, AuditLogInline]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "organisation", "action", "entry", "ip_address"]
    list_select_related = ["actor", "organisation", "entry", "entry__original"]
    list_filter = ["action"]
    search_fields = ["actor__email", "entry__vehicle__vin", "ip_address"]
    date_hierarchy = "at"
