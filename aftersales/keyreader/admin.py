"""The operator's back office for KeyReader: every key read (the unmatched ones first of all:
their VIN is not in the central data yet), and the key readers' device tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.accounts.models import User
from aftersales.api import services as api_services
from aftersales.portal.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin, add_violation
from aftersales.portal.http import authenticated_user

from . import services
from .models import KeyRead, KeyReadCbsItem, KeyReaderDevice, KeyReadMessage


class MatchedFilter(admin.SimpleListFilter):
    title = gettext_lazy("vehicle known")
    parameter_name = "matched"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", _("No: waiting for the vehicle")), ("yes", _("Yes"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[KeyRead]) -> QuerySet[KeyRead]:
        if self.value() == "no":
            return queryset.filter(vehicle__isnull=True)
        if self.value() == "yes":
            return queryset.filter(vehicle__isnull=False)
        return queryset


class CbsItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = KeyReadCbsItem
    fields = readonly_fields = ("position", "due_date", "remaining_km", "percent")
    extra = 0


class MessageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = KeyReadMessage
    fields = readonly_fields = ("line_no", "code", "text")
    extra = 0


@admin.register(KeyRead)
class KeyReadAdmin(ReadOnlyAdmin):
    list_display = [
        "vin",
        "matched",
        "organisation",
        "key_number",
        "read_at",
        "mileage_km",
        "below_central",
        "source",
        "received_at",
    ]
    list_filter = [MatchedFilter, "below_central", "source"]
    search_fields = ["=vin", "organisation__name"]
    list_select_related = ["organisation"]
    ordering = ["-received_at", "-id"]
    inlines = [CbsItemInline, MessageInline]
    fields = readonly_fields = (
        "vin",
        "vehicle",
        "matched_at",
        "organisation",
        "source",
        "device",
        "uploaded_by",
        "key_number",
        "read_at",
        "mileage_km",
        "central_mileage_km",
        "below_central",
        "raw_link",
        "raw_size",
        "raw_sha256",
        "received_at",
    )
    actions = ["match"]

    @admin.display(boolean=True, description=gettext_lazy("vehicle known"))
    def matched(self, obj: KeyRead) -> bool:
        return obj.is_matched

    @admin.display(description=gettext_lazy("raw read-out"))
    def raw_link(self, obj: KeyRead) -> str:
        url = reverse("admin:keyreader_keyread_raw", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:read_id>/raw-readout.bin",
                self.admin_site.admin_view(self.raw_view),
                name="keyreader_keyread_raw",
            )
        ]
        return own + super().get_urls()

    def raw_view(self, request: HttpRequest, read_id: int) -> FileResponse:
        read = get_object_or_404(KeyRead, pk=read_id)
        return FileResponse(
            read.raw_readout.open("rb"),
            as_attachment=True,
            filename=f"key-read-{read.vin}-{read.key_number}-{read.pk}.bin",
            content_type="application/octet-stream",
        )

    @admin.action(description=gettext_lazy("Match with the central vehicle data"))
    def match(self, request: HttpRequest, queryset: QuerySet[KeyRead]) -> None:
        count = services.key_reads_match(reads=queryset)
        self.message_user(
            request,
            _("%(count)d key read(s) linked with their vehicle; the others still wait for it.")
            % {"count": count},
        )


class DeviceAddForm(TextInputsMixin, forms.Form):
    administrator = forms.ModelChoiceField(
        label=gettext_lazy("Administrator of the workshop"),
        queryset=User.objects.filter(is_org_admin=True, organisation__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name", "email"),
    )
    name = forms.CharField(label=gettext_lazy("Name of the key reader"), max_length=100)


@admin.register(KeyReaderDevice)
class KeyReaderDeviceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "organisation",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email", "user__organisation__name"]
    list_select_related = ["user__organisation"]
    fields = readonly_fields = (
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[KeyReaderDevice]:
        return super().get_queryset(request).filter(scope=KeyReaderDevice.Scope.KEY_READER)

    @admin.display(description=gettext_lazy("workshop"))
    def organisation(self, obj: KeyReaderDevice) -> str:
        return str(obj.user.organisation or "")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked, never deleted: the reads keep naming their device

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        operator = authenticated_user(request)
        form = DeviceAddForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                token, raw = api_services.device_token_create(
                    actor=operator,
                    administrator=form.cleaned_data["administrator"],
                    name=form.cleaned_data["name"],
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                self.message_user(
                    request,
                    _("Key reader “%(name)s” created. Its token, shown only this once: %(secret)s")
                    % {"name": token.name, "secret": raw},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:keyreader_keyreaderdevice_changelist"))
        return TemplateResponse(
            request,
            "admin/keyreader/device_add.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "opts": self.model._meta,
                "title": _("Add a key reader"),
            },
        )

    @admin.action(description=gettext_lazy("Revoke the selected key readers"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[KeyReaderDevice]) -> None:
        count = api_services.token_revoke_by_operator(tokens=queryset)
        self.message_user(request, _("%(count)d key reader(s) revoked.") % {"count": count})
