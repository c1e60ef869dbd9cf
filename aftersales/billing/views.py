"""My credit, My tickets and the public price list; thin views over services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales import clock
from aftersales.catalogue.selectors import application_find
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.portal.pdf import pdf_response

from . import selectors, services
from .forms import BillingSettingsForm, BookingForm, LedgerFilterForm, TopUpForm, VoucherForm
from .models import TopUpRequest

LEDGER_PAGE_SIZE = 20


# --- My credit ------------------------------------------------------------------------------------


def _credit_context(request: AuthenticatedHttpRequest, **forms_: Any) -> dict[str, Any]:
    user = request.user
    account = selectors.account_of(user.organisation)
    filters = LedgerFilterForm(request.GET or None)
    entries_page = None
    if account is not None:
        criteria = filters.cleaned_data if filters.is_valid() else {}
        entries = selectors.ledger_entries(
            account=account,
            kind=criteria.get("kind") or "",
            since=criteria.get("since"),
            until=criteria.get("until"),
        )
        entries_page = Paginator(entries, LEDGER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    top_ups = (
        selectors.organisation_top_ups(actor=user)
        .select_related("invoice")
        .order_by("-requested_at")
    )
    cheapest = selectors.cheapest_price()
    balance = account.balance if account else 0
    return {
        "account": account,
        "balance": balance,
        "cheapest": cheapest,
        "low_balance": cheapest is not None and balance < cheapest,
        "filters": filters,
        "entries": entries_page,
        "filter_query": query.urlencode(),
        "pending_top_ups": [t for t in top_ups if t.status == TopUpRequest.Status.PENDING],
        "invoices": top_ups[:50],
        "top_up_form": forms_.get("top_up_form") or TopUpForm(),
        "voucher_form": forms_.get("voucher_form") or VoucherForm(),
        "settings_form": BillingSettingsForm(
            initial={"booking_admins_only": account.booking_admins_only if account else False}
        ),
        "may_spend": selectors.may_spend(actor=user, account=account),
    }


@login_required
def my_credit(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "billing/my_credit.html", _credit_context(request))


@login_required
@require_POST
def top_up(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TopUpForm(request.POST)
    if form.is_valid():
        try:
            request_ = services.top_up_request(
                actor=request.user, credits=form.cleaned_data["credits"]
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(
                request,
                _(
                    "Your top-up of %(credits)d credits has been requested. Please transfer "
                    "%(gross)s EUR with the payment reference %(reference)s; the credits are "
                    "loaded as soon as the payment has been received."
                )
                % {
                    "credits": request_.credits,
                    "gross": request_.gross_amount,
                    "reference": request_.payment_reference,
                },
            )
            return redirect("billing:my_credit")
    return render(
        request, "billing/my_credit.html", _credit_context(request, top_up_form=form), status=400
    )


@login_required
@require_POST
def redeem_voucher(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = VoucherForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            entry = services.voucher_redeem(actor=request.user, code=form.cleaned_data["code"])
        except RuleViolation as violation:
            add_violation(form, violation)
            status = violation.status if violation.status == 429 else 400
        else:
            messages.success(
                request, _("%(credits)d credits have been loaded.") % {"credits": entry.amount}
            )
            return redirect("billing:my_credit")
    return render(
        request,
        "billing/my_credit.html",
        _credit_context(request, voucher_form=form),
        status=status,
    )


@login_required
@require_POST
def billing_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BillingSettingsForm(request.POST)
    form.is_valid()
    try:
        services.billing_settings_update(
            actor=request.user, booking_admins_only=form.cleaned_data["booking_admins_only"]
        )
    except RuleViolation as violation:
        messages.error(request, str(violation))
    else:
        messages.success(request, _("The settings have been saved."))
    return redirect("billing:my_credit")


@login_required
def invoice(request: AuthenticatedHttpRequest, top_up_id: int) -> HttpResponse:
    top_up = selectors.top_up_get(actor=request.user, top_up_id=top_up_id)
    # The invoice as issued (seller and buyer fixed then), never today's organisation data.
    invoice = services.invoice_issue(top_up=top_up)
    html = render_to_string("billing/invoice_pdf.html", {"invoice": invoice}, request)
    return pdf_response(html, filename=f"invoice-{invoice.number}.pdf", request=request)


# --- My tickets -------------------------------------------------------------------------------------


def _tickets_context(
    request: AuthenticatedHttpRequest, form: BookingForm | None = None
) -> dict[str, Any]:
    user = request.user
    application = application_find(
        slug=request.GET.get("application") or request.POST.get("application", "")
    )
    prices = selectors.bookable_products(application=application)
    if application is not None and not prices:
        prices = selectors.bookable_products()
    overview = selectors.ticket_overview(actor=user, at=clock.now())
    account = selectors.account_of(user.organisation)
    return {
        "application": application,
        "overview": overview,
        "form": form or BookingForm(prices=prices),
        "prices": prices,
        "balance": account.balance if account else 0,
        "may_spend": selectors.may_spend(actor=user, account=account),
    }


@login_required
def my_tickets(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "billing/my_tickets.html", _tickets_context(request))
    form = BookingForm(request.POST, prices=selectors.bookable_products())
    if form.is_valid():
        try:
            ticket = services.ticket_book(
                actor=request.user,
                product=form.cleaned_data["product"],
                starts_at=form.cleaned_data.get("starts_at"),  # aware: USE_TZ
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(
                request,
                _("Your ticket %(product)s is booked, valid until %(end)s.")
                % {
                    "product": ticket.product.localized_name,
                    "end": timezone.localtime(ticket.ends_at).strftime("%d-%m-%Y %H:%M"),
                },
            )
            application = request.POST.get("application", "")
            if application and application_find(slug=application) is not None:
                return redirect("catalogue:start_page", slug=application)
            return redirect("billing:my_tickets")
    return render(request, "billing/my_tickets.html", _tickets_context(request, form), status=400)


@login_required
def ticket_detail(request: AuthenticatedHttpRequest, ticket_id: int) -> HttpResponse:
    ticket = selectors.ticket_get(actor=request.user, ticket_id=ticket_id)
    return render(request, "billing/ticket_detail.html", {"ticket": ticket, "now": clock.now()})


# --- Price list (public) ----------------------------------------------------------------------------


def price_list(request: HttpRequest) -> HttpResponse:
    current = selectors.price_list_in_force()
    coming = selectors.price_list_coming()
    return render(
        request,
        "billing/price_list.html",
        {
            "current": current,
            "current_prices": selectors.prices_of(current),
            "coming": coming,
            "coming_prices": selectors.prices_compared(coming, previous=current),
        },
    )
