"""What the back office of every app shares."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from .forms import possible_id


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted in the back office (ledgers, audit logs):
    for ModelAdmins and inlines alike."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


def list_editable_queryset(
    model_admin: admin.ModelAdmin[Any], request: HttpRequest, prefix: str
) -> QuerySet[Any]:
    """Django's `ModelAdmin._get_list_editable_queryset`, refusing ids no row can have
    (aftersales/portal/apps.py puts it in place)."""
    object_pks = model_admin._get_edited_object_pks(request, prefix)
    queryset = model_admin.get_queryset(request)
    pk = queryset.model._meta.pk
    if pk is None or not all(possible_id(value, pk) for value in object_pks):
        return queryset
    validate = pk.to_python
    try:
        for value in object_pks:
            validate(value)
    except ValidationError:
        return queryset
    return queryset.filter(pk__in=object_pks)
