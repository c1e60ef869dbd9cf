from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin
from aftersales.portal.http import AuthenticatedHttpRequest

from . import admin_emails, services  # noqa: F401 (admin_emails registers its admin)
from .models import Organisation, User

TRADE_LICENCE_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


class RejectForm(TextInputsMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the rejection"), widget=forms.Textarea)


class UserInline(admin.TabularInline):
    model = User
    fields = ["email", "full_name", "is_org_admin", "is_active", "email_confirmed_at"]
    readonly_fields = ["email_confirmed_at"]
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "vat_number", "status", "created_at"]
    list_filter = ["status", "country"]  # status=pending is the verification queue
    search_fields = ["name", "vat_number", "city", "contact_email"]
    ordering = ["status", "created_at"]
    readonly_fields = [
        "status",
        "rejection_reason",
        "status_changed_at",
        "status_changed_by",
        "created_at",
        "trade_licence_link",
    ]
    exclude = ["trade_licence"]
    inlines = [UserInline]
    actions = ["verify", "reject"]

    @admin.display(description=gettext_lazy("trade licence"))
    def trade_licence_link(self, obj: Organisation) -> str:
        if not obj.trade_licence:
            return _("none uploaded")
        if not obj.trade_licence.storage.exists(obj.trade_licence.name):
            return _("file missing: %(name)s is not in MEDIA_ROOT") % {
                "name": obj.trade_licence.name
            }
        url = reverse("admin:accounts_organisation_trade_licence", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the uploaded document"))

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:pk>/trade-licence/",
                self.admin_site.admin_view(self.trade_licence_view),
                name="accounts_organisation_trade_licence",
            )
        ]
        return own + super().get_urls()

    def trade_licence_view(
        self, request: AuthenticatedHttpRequest, pk: int
    ) -> HttpResponse | FileResponse:
        organisation = get_object_or_404(Organisation, pk=pk)
        if not self.has_view_permission(request, organisation):
            raise PermissionDenied
        if not organisation.trade_licence:
            raise Http404
        if not organisation.trade_licence.storage.exists(organisation.trade_licence.name):
            # A database restored without its media files (docs/operations.md, Backup).
            messages.error(
                request,
                _(
                    "The file of this trade licence is missing: %(name)s is not in MEDIA_ROOT. "
                    "Restore the media files from the backup."
                )
                % {"name": organisation.trade_licence.name},
            )
            return redirect("admin:accounts_organisation_change", organisation.pk)
        # Always a download of a known type: an uploaded file is never rendered in the back
        # office's origin, whatever its name or content.
        name = Path(organisation.trade_licence.name).name
        content_type = TRADE_LICENCE_CONTENT_TYPES.get(
            Path(name).suffix.lower(), "application/octet-stream"
        )
        return FileResponse(
            organisation.trade_licence.open("rb"),
            as_attachment=True,
            filename=name,
            content_type=content_type,
        )

    @admin.action(description=gettext_lazy("Verify selected organisations"))
    def verify(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Organisation]) -> None:
        for organisation in queryset:
            services.organisation_verify(organisation=organisation, operator=request.user)
        self.message_user(request, _("%(n)d organisation(s) verified.") % {"n": queryset.count()})

    @admin.action(description=gettext_lazy("Reject selected organisations (asks for a reason)"))
    def reject(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[Organisation]
    ) -> HttpResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                for organisation in queryset:
                    services.organisation_reject(
                        organisation=organisation,
                        operator=request.user,
                        reason=form.cleaned_data["reason"],
                    )
            except RuleViolation as violation:
                self.message_user(request, str(violation), messages.ERROR)
                return None
            self.message_user(
                request, _("%(n)d organisation(s) rejected.") % {"n": queryset.count()}
            )
            return None
        return TemplateResponse(
            request,
            "admin/accounts/reject_organisations.html",
            {
                **self.admin_site.each_context(request),
                "organisations": queryset,
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "title": _("Reject organisations"),
            },
        )


class UserAdminChangeForm(TextInputsMixin, UserChangeForm):
    pass


class UserAdminCreationForm(TextInputsMixin, AdminUserCreationForm):
    pass


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "is_org_admin", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_org_admin"]
    search_fields = ["email", "full_name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            gettext_lazy("Personal data"),
            {"fields": ("full_name", "language", "email_confirmed_at")},
        ),
        (gettext_lazy("Organisation"), {"fields": ("organisation", "is_org_admin")}),
        (
            gettext_lazy("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups")},
        ),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "password1", "password2", "organisation")},
        ),
    )
