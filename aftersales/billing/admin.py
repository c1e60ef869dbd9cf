"""Back office: the ledger read-only; top-ups, vouchers, products, price lists, free tickets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.accounts.models import Organisation
from aftersales.portal.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin, add_violation
from aftersales.portal.http import AuthenticatedHttpRequest, authenticated_user

from . import services
from .models import (
    CreditAccount,
    Invoice,
    LedgerEntry,
    Price,
    PriceList,
    Ticket,
    TicketProduct,
    TopUpRequest,
    Voucher,
)


class LedgerInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = LedgerEntry
    fields = ["created_at", "kind", "amount", "balance_after", "reason", "reference", "created_by"]
    readonly_fields = [
        "created_at",
        "kind",
        "amount",
        "balance_after",
        "reason",
        "reference",
        "created_by",
    ]
    ordering = ["-created_at", "-pk"]
    extra = 0
    max_num = 0
    show_change_link = False


class CorrectionForm(TextInputsMixin, forms.Form):
    amount = forms.IntegerField(
        label=gettext_lazy("Credits (negative to take credits away)"),
        help_text=gettext_lazy("The balance can never go below 0."),
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


@admin.register(CreditAccount)
class CreditAccountAdmin(admin.ModelAdmin):
    list_display = ["organisation", "balance", "booking_admins_only", "created_at"]
    search_fields = ["organisation__name", "organisation__vat_number"]
    readonly_fields = ["organisation", "balance", "created_at", "correction_link"]
    fields = ["organisation", "balance", "booking_admins_only", "created_at", "correction_link"]
    inlines = [LedgerInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("correction"))
    def correction_link(self, obj: CreditAccount) -> str:
        url = reverse("admin:billing_creditaccount_correction", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Book a correction"))

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:pk>/correction/",
                self.admin_site.admin_view(self.correction_view),
                name="billing_creditaccount_correction",
            )
        ]
        return own + super().get_urls()

    def correction_view(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(CreditAccount, pk=pk)
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.credit_correct(
                    operator=request.user,
                    organisation=account.organisation,
                    amount=form.cleaned_data["amount"],
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                self.message_user(request, _("The correction has been booked."))
                return HttpResponseRedirect(
                    reverse("admin:billing_creditaccount_change", args=[account.pk])
                )
        return TemplateResponse(
            request,
            "admin/billing/form.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "opts": self.model._meta,
                "title": _("Correction for %(name)s (balance %(balance)d credits)")
                % {"name": account.organisation.name, "balance": account.balance},
            },
        )


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "account",
        "kind",
        "amount",
        "balance_after",
        "reason",
        "reference",
        "created_by",
    ]
    list_filter = ["kind"]
    search_fields = ["reference", "reason", "account__organisation__name"]
    date_hierarchy = "created_at"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_staff)


@admin.register(TopUpRequest)
class TopUpRequestAdmin(admin.ModelAdmin):
    list_display = [
        "payment_reference",
        "account",
        "credits",
        "gross_amount",
        "status",
        "requested_at",
        "paid_at",
        "confirmed_by",
    ]
    list_filter = ["status"]
    search_fields = ["payment_reference", "account__organisation__name"]
    readonly_fields = [
        "account",
        "credits",
        "payment_reference",
        "net_amount",
        "vat_rate",
        "vat_amount",
        "gross_amount",
        "status",
        "requested_at",
        "requested_by",
        "paid_at",
        "confirmed_by",
    ]
    actions = ["mark_paid"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Mark payment received (loads the credits)"))
    def mark_paid(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[TopUpRequest]
    ) -> None:
        credited = 0
        for top_up in queryset:
            _top_up, done = services.top_up_confirm(top_up=top_up, operator=request.user)
            credited += int(done)
        self.message_user(
            request,
            _("%(n)d top-up(s) credited; %(skipped)d had already been credited.")
            % {"n": credited, "skipped": queryset.count() - credited},
        )


class VoucherForm(TextInputsMixin, forms.ModelForm):
    code = forms.CharField(
        label=gettext_lazy("code"),
        required=False,
        max_length=30,
        help_text=gettext_lazy("Leave empty to generate a code."),
    )

    class Meta:
        model = Voucher
        fields = ["code", "credits", "note", "valid_until"]


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    form = VoucherForm
    list_display = [
        "code",
        "credits",
        "note",
        "valid_until",
        "issued_at",
        "redeemed_at",
        "redeemed_account",
    ]
    search_fields = ["code", "note", "redeemed_account__organisation__name"]
    list_filter = [("redeemed_at", admin.EmptyFieldListFilter)]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return [
            "code",
            "credits",
            "note",
            "valid_until",
            "issued_at",
            "issued_by",
            "redeemed_at",
            "redeemed_by",
            "redeemed_account",
        ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["code", "credits", "note", "valid_until"]
        return self.get_readonly_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or obj.redeemed_at is None

    def save_model(self, request: HttpRequest, obj: Voucher, form: Any, change: bool) -> None:
        if change:
            return
        voucher = services.voucher_issue(
            operator=authenticated_user(request),
            credits=form.cleaned_data["credits"],
            code=form.cleaned_data.get("code") or "",
            note=form.cleaned_data.get("note") or "",
            valid_until=form.cleaned_data.get("valid_until"),
        )
        obj.pk = voucher.pk
        obj.code = voucher.code
        obj._state.adding = False


@admin.register(TicketProduct)
class TicketProductAdmin(admin.ModelAdmin):
    list_display = ["name", "validity_unit", "validity_count", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["validity_unit", "active"]
    filter_horizontal = ["applications"]
    search_fields = ["name", "name_da", "name_de"]


class PriceInline(admin.TabularInline):
    model = Price
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(PriceList)
class PriceListAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from"]
    inlines = [PriceInline]


class GrantForm(TextInputsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.filter(status=Organisation.Status.VERIFIED).order_by("name"),
    )
    product = forms.ModelChoiceField(
        label=gettext_lazy("Ticket"), queryset=TicketProduct.objects.all()
    )
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Valid from"),
        required=False,
        help_text=gettext_lazy("YYYY-MM-DD HH:MM; leave empty to start now."),
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


class RefundForm(TextInputsMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the refund"), max_length=300)


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "product",
        "starts_at",
        "ends_at",
        "price_credits",
        "booked_by",
        "cancelled_at",
    ]
    list_filter = ["product", ("cancelled_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation__name", "product__name"]
    readonly_fields = [
        "organisation",
        "product",
        "starts_at",
        "ends_at",
        "price_credits",
        "ledger_entry",
        "booked_at",
        "booked_by",
        "free_reason",
        "cancelled_at",
    ]
    actions = ["refund"]
    change_list_template = "admin/billing/ticket/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        own = [
            path("grant/", self.admin_site.admin_view(self.grant_view), name="billing_ticket_grant")
        ]
        return own + super().get_urls()

    def grant_view(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = GrantForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.ticket_grant_free(operator=request.user, **form.cleaned_data)
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                self.message_user(request, _("The free ticket has been granted."))
                return HttpResponseRedirect(reverse("admin:billing_ticket_changelist"))
        return TemplateResponse(
            request,
            "admin/billing/form.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "opts": self.model._meta,
                "title": _("Grant a free ticket"),
            },
        )

    @admin.action(
        description=gettext_lazy("Cancel and refund selected tickets (asks for a reason)")
    )
    def refund(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[Ticket]
    ) -> HttpResponse | None:
        form = RefundForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for ticket in queryset:
                services.ticket_refund(
                    operator=request.user,
                    ticket=ticket,
                    reason=form.cleaned_data["reason"],
                )
            self.message_user(request, _("%(n)d ticket(s) refunded.") % {"n": queryset.count()})
            return None
        if "apply" in request.POST:
            self.message_user(request, _("Please give a reason."), messages.ERROR)
        return TemplateResponse(
            request,
            "admin/billing/refund_tickets.html",
            {
                **self.admin_site.each_context(request),
                "tickets": queryset,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "title": _("Cancel and refund tickets"),
                "opts": self.model._meta,
            },
        )


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    """Issued invoices, as issued: read-only (the model and, on PostgreSQL, a trigger refuse
    any change)."""

    list_display = ["number", "issued_at", "buyer_name", "gross_amount", "payment_reference"]
    search_fields = ["number", "buyer_name", "payment_reference"]
    date_hierarchy = "issued_at"
