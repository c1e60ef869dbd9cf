"""Writes of the billing app. Every change of a balance goes through `_post`, under a row lock."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.accounts.services import require_org_admin
from aftersales.accounts.vat import vat_amount, vat_rate
from aftersales.catalogue.membership import require_verified_member
from aftersales.portal.counters import counter_get, counter_hit
from aftersales.portal.errors import RuleViolation
from aftersales.portal.money import credits_from_euros, to_cent

from . import codes, selectors
from .models import (
    CreditAccount,
    Invoice,
    InvoiceSequence,
    LedgerEntry,
    Ticket,
    TicketProduct,
    TopUpRequest,
    Voucher,
)
from .validity import ticket_end

MAX_TOP_UP = 100_000
# An operator's correction moves at most this many credits either way: a typo of a few more
# digits is refused instead of overflowing the ledger's integers.
MAX_CORRECTION = 1_000_000
MAX_BOOKING_AHEAD = timedelta(days=366)
# A free ticket may start up to a year back (goodwill for a period already worked) or ahead.
MAX_FREE_BACKDATING = timedelta(days=366)


# --- accounts and the one way to move credits ---------------------------------------------------


def credit_account_get_or_create(*, organisation: Organisation) -> CreditAccount:
    account = CreditAccount.objects.filter(organisation=organisation).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            return CreditAccount.objects.create(organisation=organisation)
    except IntegrityError:  # created by a concurrent request a moment ago
        return CreditAccount.objects.get(organisation=organisation)


def _locked_account(organisation: Organisation) -> CreditAccount:
    """The account row, locked until the end of the transaction: balances change one at a time."""
    credit_account_get_or_create(organisation=organisation)
    return CreditAccount.objects.select_for_update().get(organisation=organisation)


def _post(
    account: CreditAccount,
    *,
    kind: str,
    amount: int,
    actor: User | None,
    reason: str,
    reference: str,
    now: datetime,
) -> LedgerEntry:
    """Appends one ledger row and moves the stored balance; `account` must be locked."""
    if amount == 0:
        raise RuleViolation(codes.INVALID_AMOUNT, _("The amount must not be zero."), field="amount")
    balance = account.balance + amount
    if balance < 0:
        raise RuleViolation(
            codes.INSUFFICIENT_CREDIT,
            _(
                "Your organisation has %(balance)d credits, which is not enough: %(needed)d "
                "credits are needed. Please load credits under 'My credit'."
            )
            % {"balance": account.balance, "needed": -amount},
        )
    entry = LedgerEntry.objects.create(
        account=account,
        kind=kind,
        amount=amount,
        balance_after=balance,
        created_at=now,
        created_by=actor,
        reason=reason[:300],
        reference=reference,
    )
    account.balance = balance
    account.save(update_fields=["balance"])
    return entry


def _require_may_spend(actor: User, account: CreditAccount) -> None:
    if not selectors.may_spend(actor=actor, account=account):
        raise RuleViolation(
            codes.BOOKING_ADMINS_ONLY,
            _("In your organisation only administrators may book tickets and load credits."),
        )


def _require_reason(reason: str) -> str:
    """The operator's reason for a correction, free ticket or refund, stripped."""
    if not reason.strip():
        raise RuleViolation(codes.REASON_REQUIRED, _("Please give a reason."), field="reason")
    return reason.strip()


@transaction.atomic
def billing_settings_update(*, actor: User, booking_admins_only: bool) -> CreditAccount:
    organisation = require_verified_member(actor)
    require_org_admin(actor, organisation)
    account = _locked_account(organisation)
    account.booking_admins_only = booking_admins_only
    account.save(update_fields=["booking_admins_only"])
    return account


# --- loading credits ----------------------------------------------------------------------------


def _new_payment_reference(now: datetime) -> str:
    while True:
        reference = f"AS-{now:%Y}-{secrets.token_hex(3).upper()}"
        if not TopUpRequest.objects.filter(payment_reference=reference).exists():
            return reference


@transaction.atomic
def top_up_request(*, actor: User, credits: int, now: datetime | None = None) -> TopUpRequest:
    """Asks for N credits: a payment reference and an invoice with the VAT of the country."""
    now = now or clock.now()
    organisation = require_verified_member(actor)
    account = credit_account_get_or_create(organisation=organisation)
    _require_may_spend(actor, account)
    if not 1 <= credits <= MAX_TOP_UP:
        raise RuleViolation(
            codes.INVALID_AMOUNT,
            _("Please enter a whole number of credits between 1 and %(max)d.")
            % {"max": MAX_TOP_UP},
            field="credits",
        )
    net = Decimal(credits)  # 1 credit = 1 EUR
    rate = vat_rate(organisation.country)
    vat = vat_amount(net, rate)
    top_up = TopUpRequest.objects.create(
        account=account,
        credits=credits,
        payment_reference=_new_payment_reference(now),
        net_amount=net,
        vat_rate=rate,
        vat_amount=vat,
        gross_amount=net + vat,
        requested_at=now,
        requested_by=actor,
    )
    invoice_issue(top_up=top_up, now=now)
    return top_up


def _settings_lines(value: str) -> str:
    """INVOICE_SELLER_ADDRESS / _BANK: lines separated by "|" (one line in .env)."""
    return "\n".join(part.strip() for part in value.split("|") if part.strip())


@transaction.atomic
def invoice_issue(*, top_up: TopUpRequest, now: datetime | None = None) -> Invoice:
    """Fixes the invoice of a top-up: the next number of the year (gapless: the year's
    sequence row is locked until the transaction ends), the seller's data from the settings
    and the buyer's as they are now. Issued once; later changes of either never reach it."""
    now = now or clock.now()
    existing = Invoice.objects.filter(top_up=top_up).first()
    if existing is not None:
        return existing
    year = timezone.localtime(now).year
    InvoiceSequence.objects.get_or_create(year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    buyer = top_up.account.organisation
    return Invoice.objects.create(
        top_up=top_up,
        number=f"{year}-{sequence.last_number:06d}",
        year=year,
        sequence=sequence.last_number,
        issued_at=now,
        seller_name=settings.INVOICE_SELLER_NAME,
        seller_address=_settings_lines(settings.INVOICE_SELLER_ADDRESS),
        seller_vat_number=settings.INVOICE_SELLER_VAT_NUMBER,
        seller_bank=_settings_lines(settings.INVOICE_SELLER_BANK),
        seller_email=settings.SUPPORT_EMAIL,
        buyer_name=buyer.name,
        buyer_street=buyer.street,
        buyer_postcode=buyer.postcode,
        buyer_city=buyer.city,
        buyer_country=str(buyer.country),
        buyer_vat_number=buyer.vat_number,
        payment_reference=top_up.payment_reference,
        credits=top_up.credits,
        net_amount=top_up.net_amount,
        vat_rate=top_up.vat_rate,
        vat_amount=top_up.vat_amount,
        gross_amount=top_up.gross_amount,
    )


@transaction.atomic
def top_up_confirm(
    *, top_up: TopUpRequest, operator: User, now: datetime | None = None
) -> tuple[TopUpRequest, bool]:
    """The operator has received the payment: credits the account once, however often confirmed."""
    now = now or clock.now()
    top_up = TopUpRequest.objects.select_for_update().get(pk=top_up.pk)
    if top_up.status == TopUpRequest.Status.PAID:
        return top_up, False
    account = CreditAccount.objects.select_for_update().get(pk=top_up.account_id)
    _post(
        account,
        kind=LedgerEntry.Kind.TOP_UP,
        amount=top_up.credits,
        actor=operator,
        reason=_("Payment received for %(reference)s") % {"reference": top_up.payment_reference},
        reference=f"top-up:{top_up.payment_reference}",
        now=now,
    )
    top_up.status = TopUpRequest.Status.PAID
    top_up.paid_at = now
    top_up.confirmed_by = operator
    top_up.save(update_fields=["status", "paid_at", "confirmed_by"])
    return top_up, True


def _new_voucher_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are typed by hand
    while True:
        body = "".join(secrets.choice(alphabet) for _ in range(12))
        code = f"{body[:4]}-{body[4:8]}-{body[8:]}"
        if not Voucher.objects.filter(code=code).exists():
            return code


def normalize_voucher_code(code: str) -> str:
    return code.strip().upper().replace(" ", "")


@transaction.atomic
def voucher_issue(
    *,
    operator: User | None,
    credits: int,
    code: str = "",
    note: str = "",
    valid_until: date | None = None,
    now: datetime | None = None,
) -> Voucher:
    if credits <= 0:
        raise RuleViolation(
            codes.INVALID_AMOUNT, _("A voucher needs at least 1 credit."), field="credits"
        )
    code = normalize_voucher_code(code) or _new_voucher_code()
    if Voucher.objects.filter(code=code).exists():
        raise RuleViolation(
            codes.VOUCHER_EXISTS, _("This voucher code already exists."), field="code"
        )
    return Voucher.objects.create(
        code=code,
        credits=credits,
        note=note,
        valid_until=valid_until,
        issued_by=operator,
        issued_at=now or clock.now(),
    )


# Guessing voucher codes: after this many unknown codes an organisation waits for the window.
VOUCHER_ATTEMPTS = 10
VOUCHER_WINDOW_SECONDS = 60 * 60


def _voucher_failures_key(organisation: Organisation) -> str:
    return f"billing:voucher-failures:{organisation.pk}"


def voucher_redeem(*, actor: User, code: str, now: datetime | None = None) -> LedgerEntry:
    """Loads a voucher's credits. Unknown codes are counted per organisation, outside the
    redeeming transaction (its refusal rolls it back; the count must stay): after
    VOUCHER_ATTEMPTS of them the organisation waits (BIL-0011, 429). Call it outside any
    transaction, as the view does, so that the count is committed at once."""
    organisation = require_verified_member(actor)
    failures_key = _voucher_failures_key(organisation)
    if counter_get(failures_key, VOUCHER_WINDOW_SECONDS) >= VOUCHER_ATTEMPTS:
        raise RuleViolation(
            codes.VOUCHER_ATTEMPTS,
            _("Too many unknown voucher codes. Please try again in an hour."),
            field="code",
        )
    try:
        return _voucher_redeem(actor=actor, organisation=organisation, code=code, now=now)
    except RuleViolation as violation:
        if violation.code == codes.VOUCHER_UNKNOWN:
            counter_hit(failures_key, VOUCHER_WINDOW_SECONDS)
        raise


@transaction.atomic
def _voucher_redeem(
    *, actor: User, organisation: Organisation, code: str, now: datetime | None
) -> LedgerEntry:
    now = now or clock.now()
    account = _locked_account(organisation)
    _require_may_spend(actor, account)
    voucher = Voucher.objects.select_for_update().filter(code=normalize_voucher_code(code)).first()
    if voucher is None:
        raise RuleViolation(
            codes.VOUCHER_UNKNOWN, _("This voucher code is not known."), field="code"
        )
    if voucher.redeemed_at is not None:
        raise RuleViolation(
            codes.VOUCHER_REDEEMED, _("This voucher has already been redeemed."), field="code"
        )
    if voucher.valid_until and voucher.valid_until < timezone.localdate(now):
        raise RuleViolation(codes.VOUCHER_EXPIRED, _("This voucher has expired."), field="code")
    entry = _post(
        account,
        kind=LedgerEntry.Kind.VOUCHER,
        amount=voucher.credits,
        actor=actor,
        reason=_("Voucher %(code)s") % {"code": voucher.code},
        reference=f"voucher:{voucher.code}",
        now=now,
    )
    voucher.redeemed_at, voucher.redeemed_by, voucher.redeemed_account = now, actor, account
    voucher.save(update_fields=["redeemed_at", "redeemed_by", "redeemed_account"])
    return entry


@transaction.atomic
def credit_correct(
    *,
    operator: User,
    organisation: Organisation,
    amount: int,
    reason: str,
    now: datetime | None = None,
) -> LedgerEntry:
    """A correction by the operator, with a reason; it can take credits away, never below 0."""
    reason = _require_reason(reason)
    if amount == 0 or abs(amount) > MAX_CORRECTION:
        raise RuleViolation(
            codes.INVALID_AMOUNT,
            _("Please enter a whole number of credits between -%(max)d and %(max)d, not 0.")
            % {"max": MAX_CORRECTION},
            field="amount",
        )
    account = _locked_account(organisation)
    return _post(
        account,
        kind=LedgerEntry.Kind.CORRECTION,
        amount=amount,
        actor=operator,
        reason=reason,
        reference=f"correction:{uuid.uuid4().hex}",
        now=now or clock.now(),
    )


def credits_for_old_balance(amount_eur: Decimal) -> int:
    """Rounds up in the customer's favour: 5.34 EUR become 6 credits."""
    return credits_from_euros(amount_eur)


@transaction.atomic
def balance_convert(
    *,
    organisation: Organisation,
    amount_eur: Decimal,
    reference: str,
    actor: User | None = None,
    now: datetime | None = None,
) -> tuple[LedgerEntry | None, bool]:
    """Converts an old money balance once per organisation and reference; (entry, created)."""
    credits = credits_for_old_balance(amount_eur)
    ledger_reference = f"conversion:{organisation.pk}:{reference}"[:80]
    account = _locked_account(organisation)
    existing = LedgerEntry.objects.filter(reference=ledger_reference).first()
    if existing is not None or credits <= 0:
        return existing, False
    entry = _post(
        account,
        kind=LedgerEntry.Kind.CONVERSION,
        amount=credits,
        actor=actor,
        reason=_("Old balance of %(amount)s EUR converted into credits")
        % {"amount": to_cent(amount_eur)},
        reference=ledger_reference,
        now=now or clock.now(),
    )
    return entry, True


# --- tickets ------------------------------------------------------------------------------------


def _check_start(starts_at: datetime, now: datetime) -> None:
    if starts_at < now - timedelta(minutes=5):
        raise RuleViolation(
            codes.START_IN_PAST, _("A ticket cannot start in the past."), field="starts_at"
        )
    if starts_at > now + MAX_BOOKING_AHEAD:
        raise RuleViolation(
            codes.START_TOO_LATE,
            _("A ticket can be booked at most one year ahead."),
            field="starts_at",
        )


def _check_free_start(starts_at: datetime, now: datetime) -> None:
    """A free ticket's start lies within a year of now (0001-01-01 or 9999-12-31 would
    overflow the validity and the database's dates)."""
    try:
        in_range = now - MAX_FREE_BACKDATING <= starts_at <= now + MAX_BOOKING_AHEAD
        if in_range:
            ticket_end(starts_at, "year", 1)  # the longest validity still fits the calendar
    except (OverflowError, ValueError):
        in_range = False
    if not in_range:
        raise RuleViolation(
            codes.START_OUT_OF_RANGE,
            _("A free ticket starts at most one year before or after today."),
            field="starts_at",
        )


def _create_ticket(
    *, organisation: Organisation, product: TicketProduct, starts_at: datetime, **fields: object
) -> Ticket:
    """A ticket valid from `starts_at` for its product's validity."""
    return Ticket.objects.create(
        organisation=organisation,
        product=product,
        starts_at=starts_at,
        ends_at=ticket_end(starts_at, product.validity_unit, product.validity_count),
        **fields,
    )


@transaction.atomic
def ticket_book(
    *,
    actor: User,
    product: TicketProduct,
    starts_at: datetime | None = None,
    now: datetime | None = None,
) -> Ticket:
    """Debits the price of the list in force and creates the ticket, both or neither."""
    now = now or clock.now()
    starts_at = starts_at or now
    organisation = require_verified_member(actor)
    _check_start(starts_at, now)
    price = selectors.price_for(product=product, on=timezone.localdate(now))
    if price is None:
        raise RuleViolation(
            codes.NOT_BOOKABLE, _("This ticket is not on the current price list."), field="product"
        )
    account = _locked_account(organisation)
    _require_may_spend(actor, account)
    debit = _post(
        account,
        kind=LedgerEntry.Kind.BOOKING,
        amount=-price.credits,
        actor=actor,
        reason=_("Ticket %(product)s") % {"product": product.name},
        reference=f"booking:{uuid.uuid4().hex}",
        now=now,
    )
    return _create_ticket(
        organisation=organisation,
        product=product,
        starts_at=starts_at,
        price_credits=price.credits,
        ledger_entry=debit,
        booked_at=now,
        booked_by=actor,
    )


@transaction.atomic
def ticket_grant_free(
    *,
    operator: User | None,
    organisation: Organisation,
    product: TicketProduct,
    reason: str,
    starts_at: datetime | None = None,
    now: datetime | None = None,
) -> Ticket:
    """A ticket without a debit, by the operator (goodwill, tests of a workshop) or the demo."""
    reason = _require_reason(reason)
    now = now or clock.now()
    starts_at = starts_at or now
    _check_free_start(starts_at, now)
    return _create_ticket(
        organisation=organisation,
        product=product,
        starts_at=starts_at,
        price_credits=0,
        booked_at=now,
        booked_by=operator,
        free_reason=reason,
    )


@transaction.atomic
def ticket_refund(
    *, operator: User, ticket: Ticket, reason: str, now: datetime | None = None
) -> Ticket:
    """The operator cancels a ticket and gives its price back, once."""
    reason = _require_reason(reason)
    now = now or clock.now()
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.cancelled_at is not None:
        return ticket
    if ticket.price_credits:
        account = _locked_account(ticket.organisation)
        _post(
            account,
            kind=LedgerEntry.Kind.REFUND,
            amount=ticket.price_credits,
            actor=operator,
            reason=reason,
            reference=f"refund:ticket:{ticket.pk}",
            now=now,
        )
    ticket.cancelled_at = now
    ticket.save(update_fields=["cancelled_at"])
    return ticket
