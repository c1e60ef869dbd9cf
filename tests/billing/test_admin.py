"""The back office: payment received, vouchers, free tickets, corrections, a read-only ledger."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from aftersales.accounts.models import Organisation, User
from aftersales.billing import services
from aftersales.billing.models import CreditAccount, LedgerEntry, Ticket, TicketProduct, Voucher

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User], Client]


def test_it_loads_the_credits_when_the_operator_marks_the_payment_received(
    client_for: ClientFor, operator: User, owner: User
) -> None:
    top_up = services.top_up_request(actor=owner, credits=90)
    client = client_for(operator)
    url = reverse("admin:billing_topuprequest_changelist")
    data = {"action": "mark_paid", "_selected_action": [top_up.pk]}
    client.post(url, data)
    response = client.post(url, data, follow=True)  # confirmed a second time
    assert "0 top-up(s) credited; 1 had already been credited." in response.content.decode()
    account = CreditAccount.objects.get(organisation=owner.organisation)
    assert account.balance == 90 and account.entries.count() == 1


def test_it_shows_the_ledger_read_only(
    client_for: ClientFor,
    operator: User,
    owner: User,
    fund: Callable[[Organisation, int], CreditAccount],
) -> None:
    entry = fund(owner.organisation, 10).entries.get()
    client = client_for(operator)
    changelist = client.get(reverse("admin:billing_ledgerentry_changelist"))
    assert changelist.status_code == 200 and entry.reference in changelist.content.decode()
    change = client.post(
        reverse("admin:billing_ledgerentry_change", args=[entry.pk]), {"amount": "1000"}
    )
    assert change.status_code == 403
    delete = client.post(
        reverse("admin:billing_ledgerentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert list(LedgerEntry.objects.values_list("pk", "amount")) == [(entry.pk, 10)]


def test_it_books_an_operator_correction(
    client_for: ClientFor, operator: User, owner: User
) -> None:
    account = services.credit_account_get_or_create(organisation=owner.organisation)  # type: ignore[arg-type]
    url = reverse("admin:billing_creditaccount_correction", args=[account.pk])
    client_for(operator).post(url, {"amount": "12", "reason": "Goodwill after an outage"})
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.amount, entry.created_by) == ("correction", 12, operator)


def test_it_refuses_a_correction_below_zero_in_the_form(
    client_for: ClientFor, operator: User, owner: User
) -> None:
    account = services.credit_account_get_or_create(organisation=owner.organisation)  # type: ignore[arg-type]
    url = reverse("admin:billing_creditaccount_correction", args=[account.pk])
    response = client_for(operator).post(url, {"amount": "-5", "reason": "x"})
    assert "not enough" in response.content.decode() and not LedgerEntry.objects.exists()


def test_it_issues_a_voucher_with_a_generated_code(client_for: ClientFor, operator: User) -> None:
    client_for(operator).post(reverse("admin:billing_voucher_add"), {"code": "", "credits": "50"})
    voucher = Voucher.objects.get()
    assert len(voucher.code) == 14 and voucher.credits == 50 and voucher.issued_by == operator


def test_it_grants_a_free_ticket(
    client_for: ClientFor, operator: User, owner: User, products: dict[str, TicketProduct]
) -> None:
    response = client_for(operator).post(
        reverse("admin:billing_ticket_grant"),
        {"organisation": owner.organisation_id, "product": products["month"].pk, "reason": "Pilot"},
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.is_free and ticket.free_reason == "Pilot" and ticket.booked_by == operator


def test_it_keeps_the_back_office_from_workshop_users(client_for: ClientFor, owner: User) -> None:
    response = client_for(owner).get(reverse("admin:billing_ledgerentry_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("amount", [str(2**63), str(10**30), str(-(2**63)), "1000001"])
def test_it_refuses_a_correction_beyond_the_limit(
    client_for: ClientFor, operator: User, owner: User, amount: str
) -> None:
    account = services.credit_account_get_or_create(organisation=owner.organisation)  # type: ignore[arg-type]
    url = reverse("admin:billing_creditaccount_correction", args=[account.pk])
    response = client_for(operator).post(url, {"amount": amount, "reason": "Typo"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "BIL-0001" in page and amount in page  # what was typed stays in the field
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("starts_at", ["9999-12-31 23:59", "0001-01-01 00:00", "2010-01-01 08:00"])
def test_it_refuses_a_free_ticket_starting_out_of_range(
    client_for: ClientFor,
    operator: User,
    owner: User,
    products: dict[str, TicketProduct],
    starts_at: str,
) -> None:
    response = client_for(operator).post(
        reverse("admin:billing_ticket_grant"),
        {
            "organisation": owner.organisation_id,
            "product": products["year"].pk,
            "reason": "Pilot",
            "starts_at": starts_at,
        },
    )
    assert response.status_code == 200
    assert "BIL-0023" in response.content.decode()
    assert not Ticket.objects.exists()
