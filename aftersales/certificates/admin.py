"""The operator sees certificates read-only (issuing and revoking is the workshop's)."""

from __future__ import annotations

from django.contrib import admin

from aftersales.portal.admin import ReadOnlyAdmin

from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["display_code", "kind", "vehicle", "organisation", "issued_at", "revoked_at"]
    list_select_related = ["vehicle", "organisation"]
    search_fields = ["=code", "=vehicle__vin", "organisation__name"]
    list_filter = ["kind"]
    exclude = ["issued_by", "revoked_by"]
