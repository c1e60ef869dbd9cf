"""Back office: operators see who has API tokens and may revoke one (never see a secret)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "scope", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "prefix", "user__email")
    readonly_fields = (
        "user",
        "name",
        "scope",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("secret_hash",)
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # users create their tokens under My data; the secret is shown only there

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = services.token_revoke_by_operator(tokens=queryset)
        messages.success(request, _("%(count)d tokens revoked.") % {"count": count})
