"""The caller: who the token acts as, the organisation's tickets and credit balance (read only)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from aftersales import clock
from aftersales.billing.models import Ticket
from aftersales.billing.selectors import account_of, ticket_overview

from ..auth import api_token, api_user
from ..schemas import Credit, Me, Tickets

router = Router()


@router.get(
    "",
    response=Me,
    summary="Who the token acts as",
    description="The token's user, organisation and scope. Needs no application access.",
    operation_id="me",
)
def me(request: HttpRequest) -> dict:
    token = api_token(request)
    user = token.user
    organisation = user.organisation
    return {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "organisation": (
            {"name": organisation.name, "city": organisation.city, "country": organisation.country}
            if organisation
            else None
        ),
        "token_name": token.name,
        "token_scope": token.scope,
    }


def _ticket_out(ticket: Ticket, status: str) -> dict:
    return {
        "id": ticket.pk,
        "product": ticket.product.localized_name,
        "applications": [a.slug for a in ticket.product.applications.all()],
        "starts_at": ticket.starts_at,
        "ends_at": ticket.ends_at,
        "price_credits": ticket.price_credits,
        "status": status,
    }


@router.get(
    "/tickets",
    response=Tickets,
    summary="The organisation's tickets",
    description="Active, upcoming and the latest expired or cancelled tickets of the user's "
    "organisation (read only; tickets are booked on the My tickets page).",
    operation_id="my_tickets",
)
def my_tickets(request: HttpRequest) -> dict:
    overview = ticket_overview(actor=api_user(request), at=clock.now())
    return {
        "active": [_ticket_out(t, "active") for t in overview.active],
        "upcoming": [_ticket_out(t, "upcoming") for t in overview.upcoming],
        "expired": [_ticket_out(t, "expired") for t in overview.expired],
    }


@router.get(
    "/credit",
    response=Credit,
    summary="The organisation's credit balance",
    description="The balance of the organisation's credit account in credits (0 when it has "
    "none yet). Read only; credits are loaded on the My credit page.",
    operation_id="my_credit",
)
def my_credit(request: HttpRequest) -> dict:
    account = account_of(api_user(request).organisation)
    return {"balance": account.balance if account else 0, "currency": "credits"}
