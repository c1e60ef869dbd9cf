"""The operator's back office for the desktop tools: tools and their releases (published with
a minimum supported version), the licences issued (read-only) and the sessions (read-only),
with the totals per application and day above the list."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from aftersales.portal.admin import ReadOnlyAdmin

from .models import Licence, Tool, ToolRelease, ToolSession
from .selectors import session_totals


class ReleaseInline(admin.TabularInline):
    model = ToolRelease
    fields = ["version", "released_on", "minimum_version", "published"]
    extra = 0
    show_change_link = True


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "application"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ReleaseInline]


@admin.register(ToolRelease)
class ToolReleaseAdmin(admin.ModelAdmin):
    list_display = ["tool", "version", "released_on", "minimum_version", "published"]
    list_filter = ["tool", "published"]
    search_fields = ["version"]
    fields = [
        "tool",
        "version",
        "released_on",
        "minimum_version",
        "published",
        "download_file",
        "download_url",
        "notes",
        "notes_da",
        "notes_de",
    ]


@admin.register(Licence)
class LicenceAdmin(ReadOnlyAdmin):
    list_display = ["jti", "tool", "tool_version", "organisation", "issued_at", "used_at"]
    list_select_related = ["tool", "organisation"]
    list_filter = ["tool"]
    search_fields = ["=jti", "organisation__name"]
    exclude = ["user"]


@admin.register(ToolSession)
class ToolSessionAdmin(ReadOnlyAdmin):
    list_display = [
        "started_at",
        "application",
        "tool",
        "tool_version",
        "organisation",
        "vin",
        "ended_at",
        "result",
    ]
    list_select_related = ["application", "tool", "organisation"]
    list_filter = ["application", "result"]
    search_fields = ["=vin", "organisation__name"]
    date_hierarchy = "started_at"
    exclude = ["token", "licence"]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra = {**(extra_context or {}), "totals": session_totals(days=30)}
        return super().changelist_view(request, extra_context=extra)
