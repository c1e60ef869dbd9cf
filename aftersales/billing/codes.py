"""The problem codes of credits, vouchers and tickets (services.py raises them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

# Credits
INVALID_AMOUNT = register(
    "BIL-0001",
    status=422,
    title="Invalid number of credits",
    meaning=_(
        "The number of credits is zero, negative or above the limit (a correction by the "
        "operator: between -1,000,000 and 1,000,000)."
    ),
)
INSUFFICIENT_CREDIT = register(
    "BIL-0002",
    status=422,
    title="Not enough credits",
    meaning=_("The organisation's balance does not cover the price."),
)
BOOKING_ADMINS_ONLY = register(
    "BIL-0003",
    status=403,
    title="Only administrators may spend credits",
    meaning=_("In this organisation only administrators may book tickets and load credits."),
)
REASON_REQUIRED = register(
    "BIL-0004",
    status=422,
    title="Reason missing",
    meaning=_("A correction, a free ticket or a refund by the operator needs a reason."),
)
# Vouchers
VOUCHER_EXISTS = register(
    "BIL-0010",
    status=422,
    title="Voucher code exists",
    meaning=_("A voucher with this code already exists."),
)
VOUCHER_ATTEMPTS = register(
    "BIL-0011",
    status=429,
    title="Too many unknown voucher codes",
    meaning=_("The organisation entered too many unknown voucher codes and waits an hour."),
)
VOUCHER_UNKNOWN = register(
    "BIL-0012",
    status=422,
    title="Unknown voucher code",
    meaning=_("No voucher has this code."),
)
VOUCHER_REDEEMED = register(
    "BIL-0013",
    status=422,
    title="Voucher already redeemed",
    meaning=_("The voucher has already been redeemed."),
)
VOUCHER_EXPIRED = register(
    "BIL-0014", status=422, title="Voucher expired", meaning=_("The voucher has expired.")
)
# Tickets
START_IN_PAST = register(
    "BIL-0020",
    status=422,
    title="Ticket starts in the past",
    meaning=_("A ticket cannot start in the past."),
)
START_TOO_LATE = register(
    "BIL-0021",
    status=422,
    title="Ticket starts too late",
    meaning=_("A ticket can be booked at most one year ahead."),
)
NOT_BOOKABLE = register(
    "BIL-0022",
    status=422,
    title="Ticket not bookable",
    meaning=_("The ticket is not on the price list in force."),
)
START_OUT_OF_RANGE = register(
    "BIL-0023",
    status=422,
    title="Free ticket starts too far from today",
    meaning=_(
        "A free ticket granted by the operator starts at most one year before or after today."
    ),
)
