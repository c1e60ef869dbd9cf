"""My credit, My tickets, the price list and invoices, through the pages; with outsider cases."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.billing import services
from aftersales.billing.models import CreditAccount, PriceList, Ticket, TicketProduct, TopUpRequest

pytestmark = pytest.mark.django_db
Fund = Callable[[Organisation, int], CreditAccount]
ClientFor = Callable[[User], Client]
Products = dict[str, TicketProduct]


def test_it_shows_the_balance_and_the_ledger(
    client_for: ClientFor, owner: User, fund: Fund, price_list: PriceList
) -> None:
    fund(owner.organisation, 80)
    page = client_for(owner).get(reverse("billing:my_credit")).content.decode()
    assert 'data-balance="80"' in page and "80 credits" in page
    assert 'data-kind="top_up"' in page and "+80" in page
    assert 'id="low-balance"' not in page


def test_it_warns_when_the_balance_is_below_the_cheapest_ticket(
    client_for: ClientFor, owner: User, fund: Fund, price_list: PriceList
) -> None:
    fund(owner.organisation, 14)
    page = client_for(owner).get(reverse("billing:my_credit")).content.decode()
    assert 'id="low-balance"' in page and "15 credits" in page


def test_it_filters_the_ledger_by_type(
    client_for: ClientFor, owner: User, operator: User, fund: Fund
) -> None:
    fund(owner.organisation, 80)
    services.credit_correct(
        operator=operator,
        organisation=owner.organisation,
        amount=-5,  # type: ignore[arg-type]
        reason="Wrong top-up",
    )
    page = (
        client_for(owner).get(reverse("billing:my_credit"), {"kind": "correction"}).content.decode()
    )
    assert 'data-kind="correction"' in page and 'data-kind="top_up"' not in page


def test_it_pages_the_ledger(client_for: ClientFor, owner: User, operator: User) -> None:
    for n in range(25):
        services.credit_correct(
            operator=operator,
            organisation=owner.organisation,
            amount=1,  # type: ignore[arg-type]
            reason=f"Goodwill {n}",
        )
    client = client_for(owner)
    first = client.get(reverse("billing:my_credit")).content.decode()
    second = client.get(reverse("billing:my_credit"), {"page": 2}).content.decode()
    assert first.count('class="ledger-row"') == 20 and second.count('class="ledger-row"') == 5
    assert "Page 1 of 2" in first


def test_it_requests_a_top_up(client_for: ClientFor, teammate: User) -> None:
    response = client_for(teammate).post(reverse("billing:top_up"), {"credits": "100"}, follow=True)
    top_up = TopUpRequest.objects.get()
    page = response.content.decode()
    assert top_up.credits == 100 and top_up.gross_amount == 125
    assert top_up.payment_reference in page and 'id="pending-top-ups"' in page


def test_it_explains_a_bad_top_up_amount_next_to_the_field(
    client_for: ClientFor, owner: User
) -> None:
    response = client_for(owner).post(reverse("billing:top_up"), {"credits": "-4"})
    page = response.content.decode()
    assert response.status_code == 400 and 'value="-4"' in page and "errorlist" in page
    assert not TopUpRequest.objects.exists()


def test_it_sends_an_invoice_with_the_vat(client_for: ClientFor, owner: User) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    response = client_for(owner).get(reverse("billing:invoice", args=[top_up.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert top_up.payment_reference in text and "125.00" in text and "25.00" in text
    assert "Motorhjørnet ApS" in text


def test_it_hides_another_organisations_invoice(
    client_for: ClientFor, owner: User, outsider: User
) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    response = client_for(outsider).get(reverse("billing:invoice", args=[top_up.pk]))
    assert response.status_code == 404 and response["Content-Type"] != "application/pdf"
    assert top_up.payment_reference.encode() not in response.content


def test_it_redeems_a_voucher_on_the_page(
    client_for: ClientFor, owner: User, operator: User
) -> None:
    voucher = services.voucher_issue(operator=operator, credits=30)
    response = client_for(owner).post(
        reverse("billing:redeem_voucher"), {"code": voucher.code}, follow=True
    )
    assert "30 credits have been loaded." in response.content.decode()
    assert CreditAccount.objects.get(organisation=owner.organisation).balance == 30


def test_it_explains_a_used_voucher_next_to_the_field(
    client_for: ClientFor, owner: User, outsider: User, operator: User
) -> None:
    voucher = services.voucher_issue(operator=operator, credits=30)
    services.voucher_redeem(actor=outsider, code=voucher.code)
    response = client_for(owner).post(reverse("billing:redeem_voucher"), {"code": voucher.code})
    page = response.content.decode()
    assert response.status_code == 400 and "already been redeemed" in page
    assert f'value="{voucher.code}"' in page


def test_it_lets_an_administrator_restrict_booking(
    client_for: ClientFor, owner: User, teammate: User
) -> None:
    client_for(owner).post(reverse("billing:settings"), {"booking_admins_only": "on"})
    assert CreditAccount.objects.get(organisation=owner.organisation).booking_admins_only
    page = client_for(teammate).get(reverse("billing:my_credit")).content.decode()
    assert "only administrators may book" in page and 'action="/credit/top-up/"' not in page


def test_it_does_not_let_a_user_change_the_restriction(
    client_for: ClientFor, teammate: User
) -> None:
    response = client_for(teammate).post(
        reverse("billing:settings"), {"booking_admins_only": "on"}, follow=True
    )
    assert "Only an administrator" in response.content.decode()
    assert not CreditAccount.objects.filter(booking_admins_only=True).exists()


def test_it_books_a_ticket_on_my_tickets(
    client_for: ClientFor,
    teammate: User,
    owner: User,
    products: Products,
    price_list: PriceList,
    fund: Fund,
) -> None:
    fund(owner.organisation, 100)
    response = client_for(teammate).post(
        reverse("billing:my_tickets"), {"product": products["day"].pk}, follow=True
    )
    page = response.content.decode()
    assert "is booked, valid until" in page and "left" in page
    assert Ticket.objects.get().booked_by == teammate


def test_it_returns_to_the_application_after_booking(
    client_for: ClientFor, owner: User, products: Products, price_list: PriceList, fund: Fund
) -> None:
    fund(owner.organisation, 100)
    response = client_for(owner).post(
        reverse("billing:my_tickets") + "?application=diagnosis",
        {"product": products["hour"].pk, "application": "diagnosis"},
    )
    assert response["Location"] == reverse("catalogue:start_page", args=["diagnosis"])


def test_it_says_why_a_booking_fails(
    client_for: ClientFor, owner: User, products: Products, price_list: PriceList
) -> None:
    response = client_for(owner).post(
        reverse("billing:my_tickets"), {"product": products["day"].pk}
    )
    assert response.status_code == 400 and "not enough" in response.content.decode()
    assert not Ticket.objects.exists()


def test_it_offers_the_tickets_of_an_application(
    client_for: ClientFor, owner: User, products: Products, price_list: PriceList
) -> None:
    page = (
        client_for(owner)
        .get(reverse("billing:my_tickets"), {"application": "electronic-parts-catalogue"})
        .content.decode()
    )
    assert "Parts catalogue, 1 day" in page and "Diagnosis, 1 day" not in page


def test_it_lists_active_upcoming_and_expired_tickets(
    client_for: ClientFor, owner: User, operator: User, products: Products
) -> None:
    now = clock.now()
    grant = services.ticket_grant_free
    org = owner.organisation
    grant(operator=operator, organisation=org, product=products["day"], reason="a")  # type: ignore[arg-type]
    grant(
        operator=operator,
        organisation=org,
        product=products["epc"],
        reason="b",  # type: ignore[arg-type]
        starts_at=now + timedelta(days=2),
    )
    grant(
        operator=operator,
        organisation=org,
        product=products["hour"],
        reason="c",  # type: ignore[arg-type]
        starts_at=now - timedelta(days=2),
        now=now - timedelta(days=2),
    )
    page = client_for(owner).get(reverse("billing:my_tickets")).content.decode()
    active, upcoming, expired = (
        page.index('id="active"'),
        page.index("Upcoming tickets"),
        page.index('id="expired"'),
    )
    assert (
        active
        < page.index("Diagnosis, 1 day")
        < upcoming
        < page.index("Parts catalogue, 1 day")
        < expired
    )
    assert page.index("Diagnosis, 1 hour") > expired
    assert "23 hours 59 minutes left" in page or "1 day 0 hours left" in page


def test_it_shows_a_ticket_of_the_organisation(
    client_for: ClientFor, owner: User, teammate: User, products: Products
) -> None:
    ticket = services.ticket_grant_free(
        operator=None,
        organisation=owner.organisation,  # type: ignore[arg-type]
        product=products["day"],
        reason="demo",
    )
    page = (
        client_for(teammate)
        .get(reverse("billing:ticket_detail", args=[ticket.pk]))
        .content.decode()
    )
    assert "Information research" in page and "demo" in page


def test_it_hides_another_organisations_ticket(
    client_for: ClientFor, owner: User, outsider: User, products: Products
) -> None:
    ticket = services.ticket_grant_free(
        operator=None,
        organisation=owner.organisation,  # type: ignore[arg-type]
        product=products["day"],
        reason="demo",
    )
    response = client_for(outsider).get(reverse("billing:ticket_detail", args=[ticket.pk]))
    assert response.status_code == 404
    assert ticket.product.localized_name not in response.content.decode()


def test_it_shows_the_outsider_only_its_own_credit(
    client_for: ClientFor, owner: User, outsider: User, fund: Fund
) -> None:
    fund(owner.organisation, 77)
    top_up = services.top_up_request(actor=owner, credits=12)
    page = client_for(outsider).get(reverse("billing:my_credit")).content.decode()
    assert 'data-balance="0"' in page and top_up.payment_reference not in page


def test_it_publishes_the_price_list_to_everyone(
    products: Products, price_list: PriceList, future_price_list: PriceList
) -> None:
    page = Client().get(reverse("billing:price_list")).content.decode()
    assert "Diagnosis, 1 year" in page and "4800" in page
    assert 'id="coming"' in page and "65" in page
    assert future_price_list.valid_from.strftime("%d-%m-%Y") in page


def test_it_says_when_no_price_list_is_published(db: None) -> None:
    page = Client().get(reverse("billing:price_list")).content.decode()
    assert "has not been published yet" in page


def test_it_sends_anonymous_visitors_of_my_credit_to_the_login(db: None) -> None:
    response = Client().get(reverse("billing:my_credit"))
    assert response.status_code == 302
    assert (
        response["Location"] == f"{reverse('accounts:login')}?next={reverse('billing:my_credit')}"
    )


def test_it_offers_a_ticket_on_the_start_page(
    client_for: ClientFor, owner: User, diagnosis: object
) -> None:
    client = client_for(owner)
    page = client.get(reverse("catalogue:start_page", args=["diagnosis"])).content.decode()
    assert 'data-code="ACCESS-0004"' in page and "/credit/tickets/?application=diagnosis" in page
    status = client.get(reverse("catalogue:status", args=["diagnosis"])).content.decode()
    assert 'data-access="ACCESS-0004"' in status and "Book a ticket" in status


def test_it_refuses_the_start_of_an_expired_ticket_and_offers_booking(
    client_for: ClientFor, owner: User, products: Products
) -> None:
    start = clock.now() - timedelta(hours=2)
    services.ticket_grant_free(
        operator=None,
        organisation=owner.organisation,  # type: ignore[arg-type]
        product=products["hour"],
        reason="x",
        starts_at=start,
        now=start,
    )
    response = client_for(owner).post(reverse("catalogue:start", args=["diagnosis"]), follow=True)
    page = response.content.decode()
    assert "has expired" in page and 'data-code="ACCESS-0005"' in page


def test_it_speaks_danish(client_for: ClientFor, owner: User, diagnosis: object) -> None:
    owner.language = "da"
    owner.save(update_fields=["language"])
    client = client_for(owner)
    client.cookies["django_language"] = "da"
    with translation.override("en"):  # the middleware activates Danish; keep it in this test
        credit = client.get(reverse("billing:my_credit")).content.decode()
        start = client.get(reverse("catalogue:start_page", args=["diagnosis"])).content.decode()
    assert "Indsæt credits" in credit and "Indløs en værdikode" in credit
    assert "Diagnosis kræver en billet" in start and "Book en billet" in start


def test_it_speaks_german(client_for: ClientFor, owner: User, diagnosis: object) -> None:
    owner.language = "de"
    owner.save(update_fields=["language"])
    client = client_for(owner)
    with translation.override("en"):  # the middleware activates German; keep it in this test
        credit = client.get(reverse("billing:my_credit")).content.decode()
        start = client.get(reverse("catalogue:start_page", args=["diagnosis"])).content.decode()
    assert "Credits aufladen" in credit and "Gutschein einlösen" in credit
    assert "Diagnosis braucht ein Ticket" in start and "Ticket buchen" in start


def test_it_names_the_demo_tickets_in_german(applications: None) -> None:
    from aftersales.billing import demo
    from aftersales.billing.models import TicketProduct

    demo._products()
    product = TicketProduct.objects.get(name="Programming, 1 month")
    with translation.override("de"):
        assert product.localized_name == "Programmierung, 1 Monat"
