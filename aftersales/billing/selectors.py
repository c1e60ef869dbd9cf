"""Reads of the billing app; the scoping helpers every view uses to reach an object by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.catalogue.models import Application

from .models import (
    CreditAccount,
    LedgerEntry,
    Price,
    PriceList,
    Ticket,
    TicketProduct,
    TopUpRequest,
)


def account_of(organisation: Organisation | None) -> CreditAccount | None:
    if organisation is None:
        return None
    return CreditAccount.objects.filter(organisation=organisation).first()


def may_spend(*, actor: User, account: CreditAccount | None) -> bool:
    """Whether the actor may book tickets and load credits for the organisation's account."""
    return actor.is_org_admin or account is None or not account.booking_admins_only


def account_consistent(account: CreditAccount) -> bool:
    """The stored balance equals the sum of the ledger and the balance after the latest entry."""
    account.refresh_from_db()
    total = account.entries.aggregate(total=Sum("amount"))["total"] or 0
    latest = account.entries.order_by("-pk").first()
    return total == account.balance and (latest is None or latest.balance_after == total)


def ledger_entries(
    *, account: CreditAccount, kind: str = "", since: date | None = None, until: date | None = None
) -> QuerySet[LedgerEntry]:
    entries = account.entries.select_related("created_by").order_by("-created_at", "-pk")
    if kind:
        entries = entries.filter(kind=kind)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries


# --- price lists ---------------------------------------------------------------------------------


def price_list_in_force(*, on: date | None = None) -> PriceList | None:
    on = on or clock.today()
    return PriceList.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


def price_list_coming(*, on: date | None = None) -> PriceList | None:
    on = on or clock.today()
    return PriceList.objects.filter(valid_from__gt=on).order_by("valid_from").first()


def _active_prices(price_list: PriceList) -> QuerySet[Price]:
    products = TicketProduct.objects.prefetch_related("applications")
    return price_list.prices.filter(product__active=True).prefetch_related(
        Prefetch("product", queryset=products)
    )


def prices_of(price_list: PriceList | None) -> list[Price]:
    if price_list is None:
        return []
    return list(_active_prices(price_list))


def prices_compared(price_list: PriceList | None, *, previous: PriceList | None) -> list[Price]:
    """The prices of a coming list, each with `previous`: the credits of its product in the
    `previous` list (None for a product that list does not sell), for the price list page."""
    if price_list is None:
        return []
    previous_credits = Price.objects.filter(price_list=previous, product=OuterRef("product"))
    return list(
        _active_prices(price_list).annotate(
            previous=Subquery(previous_credits.values("credits")[:1])
        )
    )


def price_for(*, product: TicketProduct, on: date | None = None) -> Price | None:
    price_list = price_list_in_force(on=on)
    if price_list is None or not product.active:
        return None
    return price_list.prices.filter(product=product).first()


def cheapest_price(*, on: date | None = None) -> int | None:
    credits = [price.credits for price in prices_of(price_list_in_force(on=on))]
    return min(credits) if credits else None


# --- tickets -------------------------------------------------------------------------------------


def organisation_tickets(*, actor: User) -> QuerySet[Ticket]:
    """The tickets an actor may see: those of their own organisation, nobody else's."""
    if actor.organisation_id is None:
        return Ticket.objects.none()
    return Ticket.objects.filter(organisation_id=actor.organisation_id).select_related(
        "product", "booked_by", "ledger_entry"
    )


def ticket_get(*, actor: User, ticket_id: int) -> Ticket:
    """Another organisation's ticket is a 404, never a 403: ids must not leak."""
    return get_object_or_404(organisation_tickets(actor=actor), pk=ticket_id)


def organisation_top_ups(*, actor: User) -> QuerySet[TopUpRequest]:
    if actor.organisation_id is None:
        return TopUpRequest.objects.none()
    return TopUpRequest.objects.filter(account__organisation_id=actor.organisation_id)


def top_up_get(*, actor: User, top_up_id: int) -> TopUpRequest:
    return get_object_or_404(organisation_top_ups(actor=actor), pk=top_up_id)


@dataclass(frozen=True)
class TicketOverview:
    active: list[Ticket]
    upcoming: list[Ticket]
    expired: list[Ticket]


def ticket_overview(
    *, actor: User, at: datetime | None = None, expired_limit: int = 20
) -> TicketOverview:
    at = at or clock.now()
    tickets = organisation_tickets(actor=actor).prefetch_related("product__applications")
    valid = tickets.filter(cancelled_at__isnull=True)
    over = tickets.filter(Q(ends_at__lte=at) | Q(cancelled_at__isnull=False))
    return TicketOverview(
        active=list(valid.filter(starts_at__lte=at, ends_at__gt=at).order_by("ends_at")),
        upcoming=list(valid.filter(starts_at__gt=at).order_by("starts_at")),
        expired=list(over.order_by("-ends_at")[:expired_limit]),
    )


def covering_tickets(*, organisation: Organisation, application: Application) -> QuerySet[Ticket]:
    return Ticket.objects.filter(
        organisation=organisation, product__applications=application, cancelled_at__isnull=True
    ).distinct()


def active_ticket_for(
    *, organisation: Organisation, application: Application, at: datetime | None = None
) -> Ticket | None:
    """The ticket that lets the organisation use the application at `at`, the longest first."""
    at = at or clock.now()
    return (
        covering_tickets(organisation=organisation, application=application)
        .filter(starts_at__lte=at, ends_at__gt=at)
        .order_by("-ends_at")
        .first()
    )


def had_ticket_for(*, organisation: Organisation, application: Application, at: datetime) -> bool:
    return (
        covering_tickets(organisation=organisation, application=application)
        .filter(ends_at__lte=at)
        .exists()
    )


def bookable_products(*, application: Application | None = None) -> list[Price]:
    prices = prices_of(price_list_in_force())
    if application is None:
        return prices
    return [p for p in prices if any(a.pk == application.pk for a in p.product.applications.all())]
