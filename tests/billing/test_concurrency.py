"""Real concurrent connections on PostgreSQL: row locks keep money from being spent twice."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from aftersales.accounts.models import Organisation, User
from aftersales.billing import selectors, services
from aftersales.billing.models import CreditAccount, PriceList, Ticket, TicketProduct
from aftersales.portal.errors import RuleViolation

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Runs the calls in threads, each with its own database connection, released together."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_it_runs_on_postgresql() -> None:
    assert connection.vendor == "postgresql"


def test_it_lets_exactly_one_of_two_simultaneous_bookings_succeed(
    owner: User,
    teammate: User,
    products: dict[str, TicketProduct],
    price_list: PriceList,
    fund: Callable[[Organisation, int], CreditAccount],
) -> None:
    account = fund(owner.organisation, 100)  # enough for one day ticket (60), not for two
    product = products["day"]
    results = run_together(
        lambda: services.ticket_book(actor=owner, product=product),
        lambda: services.ticket_book(actor=teammate, product=product),
    )
    booked = [r for r in results if isinstance(r, Ticket)]
    refused = [r for r in results if isinstance(r, RuleViolation)]
    assert len(booked) == 1 and len(refused) == 1, results
    assert refused[0].code == "BIL-0002" and "not enough" in refused[0].message
    account.refresh_from_db()
    assert account.balance == 40 and Ticket.objects.count() == 1
    assert selectors.account_consistent(account)


def test_it_credits_a_top_up_confirmed_twice_at_once_only_once(owner: User, operator: User) -> None:
    top_up = services.top_up_request(actor=owner, credits=70)
    results = run_together(
        lambda: services.top_up_confirm(top_up=top_up, operator=operator),
        lambda: services.top_up_confirm(top_up=top_up, operator=operator),
    )
    assert sorted(credited for _t, credited in results) == [False, True], results
    account = CreditAccount.objects.get(organisation=owner.organisation)
    assert account.balance == 70 and account.entries.count() == 1


def test_it_redeems_a_voucher_used_twice_at_once_only_once(
    owner: User, outsider: User, operator: User
) -> None:
    voucher = services.voucher_issue(operator=operator, credits=40)
    results = run_together(
        lambda: services.voucher_redeem(actor=owner, code=voucher.code),
        lambda: services.voucher_redeem(actor=outsider, code=voucher.code),
    )
    assert sum(isinstance(r, RuleViolation) for r in results) == 1, results
    assert sum(a.balance for a in CreditAccount.objects.all()) == 40


def test_it_refuses_to_edit_a_ledger_row_in_the_database(owner: User, operator: User) -> None:
    from django.db import DatabaseError, transaction

    top_up = services.top_up_request(actor=owner, credits=10)
    services.top_up_confirm(top_up=top_up, operator=operator)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE billing_ledgerentry SET amount = 1000")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM billing_ledgerentry")
