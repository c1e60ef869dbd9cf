"""Credits, the ledger, top-ups, vouchers, ticket products, price lists and tickets.

Money can never be created, lost or spent twice:
- an account's balance is the sum of its append-only ledger; every ledger row stores the balance
  after it, the account stores the current balance (updated under a row lock, never negative by a
  database constraint), and `selectors.account_consistent` checks that the two agree;
- ledger rows are never edited or deleted (model guards here, a trigger on PostgreSQL);
- every ledger row has a unique reference, so a top-up confirmed twice or a voucher redeemed twice
  credits once.
1 credit = 1 EUR; credits are whole numbers.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.portal.languages import localized


class ImmutableError(Exception):
    """Raised when code tries to edit or delete a ledger row."""


class CreditAccount(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation",
        # An organisation with money on its account is never deleted.
        on_delete=models.PROTECT,
        related_name="credit_account",
        verbose_name=_("organisation"),
    )
    balance = models.IntegerField(_("balance (credits)"), default=0, editable=False)
    booking_admins_only = models.BooleanField(
        _("only administrators may book tickets and load credits"), default=False
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("credit account")
        verbose_name_plural = _("credit accounts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(balance__gte=0), name="credit_account_balance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation.name)


class LedgerQuerySet(models.QuerySet["LedgerEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("Ledger entries are never edited.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Ledger entries are never deleted.")


class LedgerEntry(models.Model):
    class Kind(models.TextChoices):
        TOP_UP = "top_up", _("Top-up")
        VOUCHER = "voucher", _("Voucher")
        BOOKING = "booking", _("Ticket booking")
        REFUND = "refund", _("Refund")
        CORRECTION = "correction", _("Correction by the operator")
        CONVERSION = "conversion", _("Conversion of the old balance")

    account = models.ForeignKey(
        CreditAccount,
        on_delete=models.PROTECT,  # the ledger outlives everything
        related_name="entries",
        verbose_name=_("credit account"),
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    amount = models.IntegerField(_("amount (credits)"))
    balance_after = models.IntegerField(_("balance after (credits)"))
    created_at = models.DateTimeField(_("time"), default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # A user may leave; the transaction stays, with the reason naming the person.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.CharField(_("reason"), max_length=300)
    reference = models.CharField(_("reference"), max_length=80)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Idempotency: one top-up, voucher, booking or conversion is booked once.
            models.UniqueConstraint(fields=["reference"], name="ledger_reference_unique"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_amount_not_zero"),
            models.CheckConstraint(
                condition=models.Q(balance_after__gte=0), name="ledger_balance_after_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["top_up", "voucher", "booking", "refund", "correction", "conversion"]
                ),
                name="ledger_kind_valid",
            ),
            # Credits come in through top-ups, vouchers, refunds, conversions; bookings debit.
            models.CheckConstraint(
                condition=models.Q(kind="booking", amount__lt=0)
                | models.Q(kind__in=["top_up", "voucher", "refund", "conversion"], amount__gt=0)
                | models.Q(kind="correction"),
                name="ledger_amount_sign_matches_kind",
            ),
        ]
        indexes = [
            # My credit: one account's ledger, newest first, filtered by type and dates.
            models.Index(fields=["account", "-created_at"], name="ledger_account_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount:+d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("Ledger entries are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Ledger entries are never deleted.")


class TopUpRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        PAID = "paid", _("Paid")

    account = models.ForeignKey(
        CreditAccount, on_delete=models.PROTECT, related_name="top_ups", verbose_name=_("account")
    )
    credits = models.PositiveIntegerField(_("credits"))
    payment_reference = models.CharField(_("payment reference"), max_length=30)
    net_amount = models.DecimalField(_("net amount (EUR)"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT (EUR)"), max_digits=12, decimal_places=2)
    gross_amount = models.DecimalField(_("total (EUR)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), default=clock.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    paid_at = models.DateTimeField(_("payment received"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("top-up")
        verbose_name_plural = _("top-ups")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["payment_reference"], name="topup_reference_unique"),
            models.CheckConstraint(
                condition=models.Q(credits__gt=0), name="topup_credits_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", paid_at__isnull=True)
                | models.Q(status="paid", paid_at__isnull=False),
                name="topup_paid_has_time",
            ),
        ]
        indexes = [
            # My credit: pending top-ups and invoices of one account; the operator's queue.
            models.Index(fields=["account", "status", "-requested_at"], name="topup_account_idx"),
            models.Index(fields=["status", "requested_at"], name="topup_status_idx"),
        ]

    def __str__(self) -> str:
        return self.payment_reference


class Voucher(models.Model):
    code = models.CharField(_("code"), max_length=30)
    credits = models.PositiveIntegerField(_("credits"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=clock.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    redeemed_at = models.DateTimeField(_("redeemed"), null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("redeemed by"),
    )
    redeemed_account = models.ForeignKey(
        CreditAccount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vouchers",
        verbose_name=_("redeemed for"),
    )

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["-issued_at"]
        constraints = [
            # Redemption looks a voucher up by its code.
            models.UniqueConstraint(fields=["code"], name="voucher_code_unique"),
            models.CheckConstraint(
                condition=models.Q(credits__gt=0), name="voucher_credits_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ValidityUnit(models.TextChoices):
    HOUR = "hour", _("hour")
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class TicketProduct(models.Model):
    name = models.CharField(_("name (English)"), max_length=120)
    name_da = models.CharField(_("name (Danish)"), max_length=120, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=120, blank=True)
    applications = models.ManyToManyField(
        "catalogue.Application", related_name="ticket_products", verbose_name=_("applications")
    )
    validity_unit = models.CharField(_("validity unit"), max_length=5, choices=ValidityUnit.choices)
    validity_count = models.PositiveSmallIntegerField(_("validity (number of units)"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("can be booked"), default=True)

    class Meta:
        verbose_name = _("ticket product")
        verbose_name_plural = _("ticket products")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validity_count__gt=0), name="product_validity_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        """The Danish or German name in that language when there is one; else English."""
        return localized(self, "name")

    @property
    def validity_label(self) -> str:
        from .validity import validity_label

        return validity_label(self.validity_unit, self.validity_count)


class PriceList(models.Model):
    name = models.CharField(_("name"), max_length=120)
    valid_from = models.DateField(_("valid from"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        ordering = ["-valid_from"]
        constraints = [
            # The list in force is the latest valid_from <= today: one list per date.
            models.UniqueConstraint(fields=["valid_from"], name="pricelist_valid_from_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%Y-%m-%d})"


class Price(models.Model):
    price_list = models.ForeignKey(
        PriceList, on_delete=models.CASCADE, related_name="prices", verbose_name=_("price list")
    )
    product = models.ForeignKey(
        TicketProduct, on_delete=models.PROTECT, related_name="prices", verbose_name=_("product")
    )
    credits = models.PositiveIntegerField(_("price (credits)"))

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        ordering = ["product__position", "product__name"]
        constraints = [
            models.UniqueConstraint(fields=["price_list", "product"], name="price_unique"),
            models.CheckConstraint(condition=models.Q(credits__gt=0), name="price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product}: {self.credits}"


class Ticket(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("organisation"),
    )
    product = models.ForeignKey(
        TicketProduct, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("product")
    )
    starts_at = models.DateTimeField(_("valid from"))
    ends_at = models.DateTimeField(_("valid until"))
    price_credits = models.PositiveIntegerField(_("price (credits)"))
    ledger_entry = models.OneToOneField(
        LedgerEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("ledger entry"),
    )
    booked_at = models.DateTimeField(_("booked"), default=clock.now)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    free_reason = models.CharField(_("reason for a free ticket"), max_length=200, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled and refunded"), null=True, blank=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="ticket_ends_after_start",
            ),
            # A paid ticket has its debit; a free one has none and says why.
            models.CheckConstraint(
                condition=models.Q(price_credits__gt=0, ledger_entry__isnull=False)
                | models.Q(price_credits=0, ledger_entry__isnull=True),
                name="ticket_paid_has_debit",
            ),
        ]
        indexes = [
            # application_access on every request: an organisation's tickets valid at a time.
            models.Index(
                fields=["organisation", "ends_at", "starts_at"], name="ticket_org_time_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_free(self) -> bool:
        return self.price_credits == 0

    @property
    def time_left(self) -> str:
        """What is left of the ticket from now on, as My tickets shows it ('3 days 4 hours')."""
        from .validity import time_left_label

        return time_left_label((self.ends_at - clock.now()).total_seconds())


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("Issued invoices are never edited.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Issued invoices are never deleted.")


class InvoiceSequence(models.Model):
    """The last invoice number of a year; its row is locked while a number is drawn, so that
    the numbers of a year run without gaps or doubles (services.invoice_issue)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice number sequence")
        verbose_name_plural = _("invoice number sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Invoice(models.Model):
    """An invoice as issued: its number, the seller's data from the settings and the buyer's
    data at the time of issue, and the amounts. Never changed afterwards (model guards here,
    a trigger on PostgreSQL): a workshop that moves keeps its old invoices as they were."""

    top_up = models.OneToOneField(
        TopUpRequest, on_delete=models.PROTECT, related_name="invoice", verbose_name=_("top-up")
    )
    number = models.CharField(_("invoice number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    issued_at = models.DateTimeField(_("issued"))
    seller_name = models.CharField(_("seller"), max_length=200)
    seller_address = models.TextField(_("seller's address"))
    seller_vat_number = models.CharField(_("seller's VAT number"), max_length=30)
    seller_bank = models.TextField(_("seller's bank details"))
    seller_email = models.CharField(_("seller's e-mail"), max_length=200, blank=True)
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_street = models.CharField(_("street"), max_length=200, blank=True)
    buyer_postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    buyer_city = models.CharField(_("city"), max_length=100, blank=True)
    buyer_country = models.CharField(_("country"), max_length=2, blank=True)
    buyer_vat_number = models.CharField(_("buyer's VAT number"), max_length=30, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=30)
    credits = models.PositiveIntegerField(_("credits"))
    net_amount = models.DecimalField(_("net amount (EUR)"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT (EUR)"), max_digits=12, decimal_places=2)
    gross_amount = models.DecimalField(_("total (EUR)"), max_digits=12, decimal_places=2)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "-sequence"]
        constraints = [
            # The invoice PDF and the back office look an invoice up by its number.
            models.UniqueConstraint(fields=["number"], name="invoice_number_unique"),
            models.UniqueConstraint(fields=["year", "sequence"], name="invoice_year_sequence"),
            models.CheckConstraint(condition=models.Q(sequence__gt=0), name="invoice_seq_positive"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("Issued invoices are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Issued invoices are never deleted.")

    @property
    def seller_address_lines(self) -> list[str]:
        return [line for line in self.seller_address.splitlines() if line.strip()]

    @property
    def seller_bank_lines(self) -> list[str]:
        return [line for line in self.seller_bank.splitlines() if line.strip()]
