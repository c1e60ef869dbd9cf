"""Unit tests of the ledger rules: money is never created, lost or spent twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.billing import selectors, services
from aftersales.billing.models import CreditAccount, ImmutableError, LedgerEntry, TopUpRequest
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db
Fund = Callable[[Organisation, int], CreditAccount]


def test_it_keeps_balance_and_ledger_in_agreement(owner: User, fund: Fund) -> None:
    account = fund(owner.organisation, 100)
    services.credit_correct(operator=owner, organisation=owner.organisation, amount=-30, reason="x")
    assert account.entries.count() == 2
    assert selectors.account_consistent(account)
    assert account.balance == 70
    assert account.entries.first().balance_after == 70  # type: ignore[union-attr]


def test_it_refuses_a_debit_below_zero_and_books_nothing(
    owner: User, operator: User, fund: Fund
) -> None:
    account = fund(owner.organisation, 10)
    with pytest.raises(RuleViolation) as error:
        services.credit_correct(
            operator=operator, organisation=owner.organisation, amount=-11, reason="too much"
        )
    assert error.value.code == "BIL-0002"
    account.refresh_from_db()
    assert account.balance == 10 and account.entries.count() == 1


def test_it_has_a_database_constraint_against_a_negative_balance(owner: User) -> None:
    account = services.credit_account_get_or_create(organisation=owner.organisation)  # type: ignore[arg-type]
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditAccount.objects.filter(pk=account.pk).update(balance=-1)


def test_it_never_edits_a_ledger_entry(owner: User, fund: Fund) -> None:
    entry = fund(owner.organisation, 5).entries.get()
    entry.amount = 500
    with pytest.raises(ImmutableError):
        entry.save()
    with pytest.raises(ImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=500)


def test_it_never_deletes_a_ledger_entry(owner: User, fund: Fund) -> None:
    entry = fund(owner.organisation, 5).entries.get()
    with pytest.raises(ImmutableError):
        entry.delete()
    with pytest.raises(ImmutableError):
        LedgerEntry.objects.all().delete()
    assert LedgerEntry.objects.count() == 1


def test_it_books_a_reference_only_once(owner: User, fund: Fund) -> None:
    entry = fund(owner.organisation, 5).entries.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            account=entry.account,
            kind="top_up",
            amount=5,
            balance_after=10,
            reason="again",
            reference=entry.reference,
        )


@pytest.mark.parametrize(
    ("euros", "credits"),
    [("5.34", 6), ("5.00", 5), ("0.01", 1), ("137.34", 138), ("0", 0), ("-3.50", -3)],
)
def test_it_rounds_old_balances_up_in_the_customers_favour(euros: str, credits: int) -> None:
    assert services.credits_for_old_balance(Decimal(euros)) == credits


def test_it_converts_an_old_balance_once(owner: User) -> None:
    organisation = owner.organisation
    assert organisation is not None
    first, created = services.balance_convert(
        organisation=organisation, amount_eur=Decimal("5.34"), reference="old"
    )
    again, created_again = services.balance_convert(
        organisation=organisation, amount_eur=Decimal("5.34"), reference="old"
    )
    assert created and not created_again and first == again
    assert first is not None and first.amount == 6 and first.kind == "conversion"
    assert CreditAccount.objects.get(organisation=organisation).balance == 6


def test_it_converts_nothing_for_an_empty_old_balance(owner: User) -> None:
    entry, created = services.balance_convert(
        organisation=owner.organisation,  # type: ignore[arg-type]
        amount_eur=Decimal("0.00"),
        reference="old",
    )
    assert entry is None and not created and not LedgerEntry.objects.exists()


def test_it_gives_a_top_up_a_payment_reference_and_the_vat_of_the_country(owner: User) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    assert top_up.status == TopUpRequest.Status.PENDING
    assert top_up.payment_reference.startswith("AS-")
    assert (top_up.net_amount, top_up.vat_rate) == (Decimal("100"), Decimal("25"))
    assert (top_up.vat_amount, top_up.gross_amount) == (Decimal("25.00"), Decimal("125.00"))
    assert not LedgerEntry.objects.exists()  # nothing is credited before the payment


def test_it_uses_the_german_vat_for_a_german_organisation(owner: User) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(country="DE")
    owner.refresh_from_db()
    top_up = services.top_up_request(actor=owner, credits=33)
    assert (top_up.vat_rate, top_up.vat_amount, top_up.gross_amount) == (
        Decimal("19"),
        Decimal("6.27"),
        Decimal("39.27"),
    )


def test_it_refuses_a_top_up_of_zero_credits(owner: User) -> None:
    with pytest.raises(RuleViolation) as error:
        services.top_up_request(actor=owner, credits=0)
    assert error.value.field == "credits"


def test_it_credits_a_top_up_confirmed_twice_once(owner: User, operator: User) -> None:
    top_up = services.top_up_request(actor=owner, credits=50)
    _first, credited = services.top_up_confirm(top_up=top_up, operator=operator)
    _second, credited_again = services.top_up_confirm(top_up=top_up, operator=operator)
    assert credited and not credited_again
    account = CreditAccount.objects.get(organisation=owner.organisation)
    assert account.balance == 50 and account.entries.count() == 1
    top_up.refresh_from_db()
    assert top_up.status == "paid" and top_up.confirmed_by == operator


def test_it_redeems_a_voucher_once(owner: User, teammate: User, operator: User) -> None:
    voucher = services.voucher_issue(operator=operator, credits=25)
    services.voucher_redeem(actor=teammate, code=voucher.code.lower())
    with pytest.raises(RuleViolation) as error:
        services.voucher_redeem(actor=owner, code=voucher.code)
    assert error.value.code == "BIL-0013"
    assert CreditAccount.objects.get(organisation=owner.organisation).balance == 25


def test_it_refuses_an_unknown_voucher(owner: User) -> None:
    with pytest.raises(RuleViolation) as error:
        services.voucher_redeem(actor=owner, code="NOPE-NOPE-NOPE")
    assert error.value.code == "BIL-0012" and error.value.field == "code"


def test_it_stops_guessing_of_voucher_codes(owner: User, operator: User) -> None:
    voucher = services.voucher_issue(operator=operator, credits=25)
    for attempt in range(services.VOUCHER_ATTEMPTS):
        with pytest.raises(RuleViolation):
            services.voucher_redeem(actor=owner, code=f"GUESS-{attempt:04d}")
    with pytest.raises(RuleViolation) as error:
        services.voucher_redeem(actor=owner, code=voucher.code)
    assert (error.value.code, error.value.status) == ("BIL-0011", 429)
    assert not CreditAccount.objects.filter(organisation=owner.organisation, balance__gt=0).exists()


def test_it_counts_voucher_guesses_per_organisation(
    owner: User, outsider: User, operator: User
) -> None:
    for attempt in range(services.VOUCHER_ATTEMPTS):
        with pytest.raises(RuleViolation):
            services.voucher_redeem(actor=owner, code=f"GUESS-{attempt:04d}")
    voucher = services.voucher_issue(operator=operator, credits=25)
    services.voucher_redeem(actor=outsider, code=voucher.code)
    assert CreditAccount.objects.get(organisation=outsider.organisation).balance == 25


def test_it_refuses_an_expired_voucher(owner: User, operator: User) -> None:
    voucher = services.voucher_issue(
        operator=operator, credits=25, valid_until=clock.today() - timedelta(days=1)
    )
    with pytest.raises(RuleViolation) as error:
        services.voucher_redeem(actor=owner, code=voucher.code)
    assert error.value.code == "BIL-0014"


def test_it_refuses_two_vouchers_with_one_code(operator: User) -> None:
    services.voucher_issue(operator=operator, credits=5, code="SUMMER-2026")
    with pytest.raises(RuleViolation):
        services.voucher_issue(operator=operator, credits=5, code="summer-2026")


def test_it_wants_a_reason_for_a_correction(owner: User, operator: User) -> None:
    with pytest.raises(RuleViolation) as error:
        services.credit_correct(
            operator=operator,
            organisation=owner.organisation,
            amount=5,  # type: ignore[arg-type]
            reason="  ",
        )
    assert error.value.field == "reason"


def test_it_lets_no_pending_organisation_load_credits(owner: User) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    owner.refresh_from_db()
    with pytest.raises(RuleViolation) as error:
        services.top_up_request(actor=owner, credits=10)
    assert error.value.code == "ACCESS-0003"


def test_it_judges_a_vouchers_expiry_at_the_given_time(owner: User, operator: User) -> None:
    voucher = services.voucher_issue(operator=operator, credits=25, valid_until=clock.today())
    with pytest.raises(RuleViolation) as error:
        services.voucher_redeem(actor=owner, code=voucher.code, now=clock.now() + timedelta(days=2))
    assert error.value.code == "BIL-0014"
