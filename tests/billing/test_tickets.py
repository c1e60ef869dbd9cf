"""Booking tickets: a debit and a ticket, both or neither; validity; price lists; free tickets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.billing import selectors, services
from aftersales.billing.models import (
    CreditAccount,
    LedgerEntry,
    Price,
    PriceList,
    Ticket,
    TicketProduct,
)
from aftersales.billing.validity import ticket_end
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db
Fund = Callable[[Organisation, int], CreditAccount]
Products = dict[str, TicketProduct]


def test_it_debits_the_price_and_creates_the_ticket(
    owner: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    account = fund(owner.organisation, 100)
    now = clock.now()
    ticket = services.ticket_book(actor=owner, product=products["day"], now=now)
    account.refresh_from_db()
    assert account.balance == 40 and selectors.account_consistent(account)
    assert ticket.price_credits == 60 and ticket.ledger_entry is not None
    assert ticket.ledger_entry.amount == -60 and ticket.ledger_entry.kind == "booking"
    assert ticket.starts_at == now and ticket.ends_at == now + timedelta(days=1)


def test_it_refuses_a_booking_without_enough_credits(
    owner: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    fund(owner.organisation, 59)
    with pytest.raises(RuleViolation) as error:
        services.ticket_book(actor=owner, product=products["day"])
    assert error.value.code == "BIL-0002" and "59" in error.value.message
    assert not Ticket.objects.exists() and LedgerEntry.objects.count() == 1


def test_it_leaves_neither_debit_nor_ticket_when_booking_fails_half_way(
    owner: User,
    products: Products,
    price_list: PriceList,
    fund: Fund,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    account = fund(owner.organisation, 100)

    def broken(**fields: object) -> Ticket:
        raise RuntimeError("the database went away after the debit")

    monkeypatch.setattr(services, "_create_ticket", broken)
    with pytest.raises(RuntimeError):
        services.ticket_book(actor=owner, product=products["day"])
    account.refresh_from_db()
    assert account.balance == 100
    assert not LedgerEntry.objects.filter(kind="booking").exists()
    assert not Ticket.objects.exists()


def test_it_lets_any_user_of_the_organisation_book(
    teammate: User, owner: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    fund(owner.organisation, 100)
    ticket = services.ticket_book(actor=teammate, product=products["hour"])
    assert ticket.organisation == owner.organisation and ticket.booked_by == teammate


def test_it_lets_only_administrators_book_when_they_restricted_it(
    teammate: User, owner: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    fund(owner.organisation, 100)
    services.billing_settings_update(actor=owner, booking_admins_only=True)
    with pytest.raises(RuleViolation) as error:
        services.ticket_book(actor=teammate, product=products["hour"])
    assert error.value.code == "BIL-0003"
    assert services.ticket_book(actor=owner, product=products["hour"]).pk


def test_it_lets_only_administrators_change_the_restriction(teammate: User) -> None:
    with pytest.raises(RuleViolation):
        services.billing_settings_update(actor=teammate, booking_admins_only=True)


def test_it_refuses_a_product_missing_from_the_price_list(
    owner: User, products: Products, fund: Fund
) -> None:
    fund(owner.organisation, 100)
    with pytest.raises(RuleViolation) as error:
        services.ticket_book(actor=owner, product=products["day"])
    assert error.value.code == "BIL-0022"


def test_it_uses_the_price_list_in_force(
    owner: User, products: Products, price_list: PriceList, future_price_list: PriceList, fund: Fund
) -> None:
    fund(owner.organisation, 200)
    assert selectors.price_list_in_force() == price_list
    assert selectors.price_list_coming() == future_price_list
    assert services.ticket_book(actor=owner, product=products["day"]).price_credits == 60
    later = timezone.make_aware(datetime(clock.today().year + 1, 1, 2, 9))
    assert services.ticket_book(actor=owner, product=products["day"], now=later).price_credits == 65


def test_it_compares_the_coming_prices_with_the_prices_in_force(
    products: Products, price_list: PriceList, future_price_list: PriceList
) -> None:
    new_product = TicketProduct.objects.create(name="Programming, 1 day", validity_unit="day")
    Price.objects.create(price_list=future_price_list, product=new_product, credits=20)
    coming = selectors.prices_compared(future_price_list, previous=price_list)
    assert {price.product_id: price.previous for price in coming} == {
        products["day"].pk: 60,
        new_product.pk: None,
    }


def test_it_books_an_upcoming_ticket(
    owner: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    fund(owner.organisation, 100)
    start = clock.now() + timedelta(days=3)
    services.ticket_book(actor=owner, product=products["day"], starts_at=start)
    overview = selectors.ticket_overview(actor=owner)
    assert [t.starts_at for t in overview.upcoming] == [start] and not overview.active


def test_it_refuses_a_ticket_starting_in_the_past(
    owner: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    fund(owner.organisation, 100)
    with pytest.raises(RuleViolation) as error:
        services.ticket_book(
            actor=owner, product=products["day"], starts_at=clock.now() - timedelta(hours=1)
        )
    assert error.value.field == "starts_at"


@pytest.mark.parametrize(
    ("unit", "count", "start", "end"),
    [
        ("hour", 1, datetime(2026, 3, 28, 23, 30), datetime(2026, 3, 29, 0, 30)),
        ("day", 1, datetime(2026, 6, 1, 8, 0), datetime(2026, 6, 2, 8, 0)),
        ("day", 7, datetime(2026, 6, 1, 8, 0), datetime(2026, 6, 8, 8, 0)),
        ("month", 1, datetime(2026, 1, 31, 8, 0), datetime(2026, 2, 28, 8, 0)),
        ("month", 1, datetime(2026, 11, 15, 8, 0), datetime(2026, 12, 15, 8, 0)),
        ("year", 1, datetime(2028, 2, 29, 8, 0), datetime(2029, 2, 28, 8, 0)),
    ],
)
def test_it_computes_the_end_of_a_ticket(
    unit: str, count: int, start: datetime, end: datetime
) -> None:
    aware = timezone.make_aware
    assert ticket_end(aware(start), unit, count) == aware(end)


def test_it_keeps_a_day_ticket_at_the_same_local_hour_over_the_clock_change() -> None:
    start = timezone.make_aware(datetime(2026, 3, 28, 9, 0))  # the clocks jump on 29 March
    assert timezone.localtime(ticket_end(start, "day", 1)).hour == 9


def test_it_grants_a_free_ticket_without_a_debit(
    owner: User, operator: User, products: Products
) -> None:
    ticket = services.ticket_grant_free(
        operator=operator,
        organisation=owner.organisation,  # type: ignore[arg-type]
        product=products["month"],
        reason="goodwill",
    )
    assert ticket.is_free and ticket.ledger_entry is None and not LedgerEntry.objects.exists()


def test_it_refunds_a_ticket_once(
    owner: User, operator: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    account = fund(owner.organisation, 100)
    ticket = services.ticket_book(actor=owner, product=products["day"])
    services.ticket_refund(operator=operator, ticket=ticket, reason="booked by mistake")
    services.ticket_refund(operator=operator, ticket=ticket, reason="booked by mistake")
    account.refresh_from_db()
    assert account.balance == 100 and account.entries.filter(kind="refund").count() == 1
    assert not selectors.ticket_overview(actor=owner).active


def test_it_names_the_cheapest_ticket(price_list: PriceList) -> None:
    assert selectors.cheapest_price() == 15
