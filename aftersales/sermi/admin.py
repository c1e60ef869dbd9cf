"""The operator's back office: record and withdraw security-related authorisations (the
evidence opened as a download, as the trade licence), and the access log, filtered and
exported as CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.accounts.admin import TRADE_LICENCE_CONTENT_TYPES
from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest, authenticated_user

from . import services
from .forms import AuthorisationForm, WithdrawForm
from .models import SecurityAccess, SecurityAuthorisation


class ValidityFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("valid", _("Valid today")),
            ("expired", _("Expired")),
            ("withdrawn", _("Withdrawn")),
        ]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[SecurityAuthorisation]
    ) -> QuerySet[SecurityAuthorisation]:
        today = timezone.localdate()
        if self.value() == "valid":
            return queryset.filter(
                withdrawn_at__isnull=True, valid_from__lte=today, valid_until__gte=today
            )
        if self.value() == "expired":
            return queryset.filter(withdrawn_at__isnull=True, valid_until__lt=today)
        if self.value() == "withdrawn":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


@admin.register(SecurityAuthorisation)
class SecurityAuthorisationAdmin(admin.ModelAdmin):
    form = AuthorisationForm
    list_display = [
        "approval_number",
        "issuing_body",
        "user",
        "valid_from",
        "valid_until",
        "state",
        "recorded_by",
    ]
    list_filter = [ValidityFilter, "issuing_body"]
    search_fields = ["approval_number", "user__email", "user__full_name", "issuing_body"]
    autocomplete_fields = ["user"]
    ordering = ["-recorded_at"]

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj: SecurityAuthorisation) -> str:
        if obj.withdrawn_at is not None:
            return _("withdrawn")
        today = timezone.localdate()
        if obj.valid_until < today:
            return _("expired")
        if obj.valid_from > today:
            return _("not yet valid")
        return _("valid")

    @admin.display(description=gettext_lazy("evidence"))
    def evidence_link(self, obj: SecurityAuthorisation) -> str:
        if not obj.evidence:
            return "–"
        url = reverse("admin:sermi_securityauthorisation_evidence", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the uploaded evidence"))

    @admin.display(description=gettext_lazy("withdraw"))
    def withdraw_link(self, obj: SecurityAuthorisation) -> str:
        if obj.withdrawn_at is not None:
            return _("withdrawn on %(date)s: %(reason)s") % {
                "date": timezone.localtime(obj.withdrawn_at).strftime("%Y-%m-%d %H:%M"),
                "reason": obj.withdrawal_reason,
            }
        url = reverse("admin:sermi_securityauthorisation_withdraw", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Withdraw this authorisation"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        # A recorded authorisation is not edited: it is withdrawn and, if needed, recorded anew.
        return [
            "user",
            "approval_number",
            "issuing_body",
            "valid_from",
            "valid_until",
            "evidence_link",
            "recorded_at",
            "recorded_by",
            "withdraw_link",
        ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return list(AuthorisationForm.Meta.fields)
        return self.get_readonly_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: SecurityAuthorisation, form: Any, change: bool
    ) -> None:
        if change:
            return  # nothing is editable after recording
        recorded = services.authorisation_record(
            operator=authenticated_user(request),
            user=form.cleaned_data["user"],
            approval_number=form.cleaned_data["approval_number"],
            issuing_body=form.cleaned_data["issuing_body"],
            valid_from=form.cleaned_data["valid_from"],
            valid_until=form.cleaned_data["valid_until"],
            evidence=form.cleaned_data["evidence"],
        )
        obj.pk = recorded.pk

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:pk>/evidence/",
                self.admin_site.admin_view(self.evidence_view),
                name="sermi_securityauthorisation_evidence",
            ),
            path(
                "<int:pk>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="sermi_securityauthorisation_withdraw",
            ),
        ]
        return own + super().get_urls()

    def evidence_view(self, request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
        authorisation = get_object_or_404(SecurityAuthorisation, pk=pk)
        if not self.has_view_permission(request, authorisation):
            raise PermissionDenied
        if not authorisation.evidence:
            raise Http404
        # Always a download: an uploaded file is never rendered in the back office's origin.
        name = Path(authorisation.evidence.name).name
        content_type = TRADE_LICENCE_CONTENT_TYPES.get(
            Path(name).suffix.lower(), "application/octet-stream"
        )
        return FileResponse(
            authorisation.evidence.open("rb"),
            as_attachment=True,
            filename=name,
            content_type=content_type,
        )

    def withdraw_view(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        authorisation = get_object_or_404(SecurityAuthorisation, pk=pk)
        if not self.has_change_permission(request, authorisation):
            raise PermissionDenied
        form = WithdrawForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.authorisation_withdraw(
                    operator=request.user,
                    authorisation=authorisation,
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                self.message_user(request, _("The authorisation has been withdrawn."))
                return redirect("admin:sermi_securityauthorisation_change", authorisation.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw %(authorisation)s") % {"authorisation": authorisation},
            "authorisation": authorisation,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/sermi/securityauthorisation/withdraw.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@admin.register(SecurityAccess)
class SecurityAccessAdmin(ReadOnlyAdmin):
    """The access log: filter by time, application, organisation; search a VIN or a user;
    Export CSV exports what the filters show."""

    list_display = ["at", "user", "organisation", "application", "what", "vin"]
    list_filter = ["at", "application", "organisation"]
    search_fields = ["vin", "user__email", "what"]
    date_hierarchy = "at"
    list_select_related = ["user", "organisation"]
    ordering = ["-at"]

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="sermi_securityaccess_export",
            )
        ]
        return own + super().get_urls()

    def export_view(self, request: HttpRequest) -> StreamingHttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        rows = changelist.get_queryset(request).select_related("user", "organisation")
        writer = csv.writer(_Echo())
        header = ["when", "user", "organisation", "application", "what", "vin"]

        def lines() -> Any:
            yield writer.writerow(header)
            for access in rows.iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        timezone.localtime(access.at).isoformat(timespec="seconds"),
                        *map(
                            _csv_safe,
                            [
                                access.user.email,
                                access.organisation.name if access.organisation else "",
                                access.application,
                                access.what,
                                access.vin,
                            ],
                        ),
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="security-access-log.csv"'
        return response


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @) starts with an apostrophe."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
