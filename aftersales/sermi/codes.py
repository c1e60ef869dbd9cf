"""The problem codes of security-related authorisations (services.py raises them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

PERIOD_INVALID = register(
    "SERMI-0001",
    status=422,
    title="Validity period invalid",
    meaning=_("An authorisation's end date lies before its start date."),
)
WITHDRAWAL_REASON_REQUIRED = register(
    "SERMI-0002",
    status=422,
    title="Withdrawal reason missing",
    meaning=_("Withdrawing an authorisation needs a reason."),
)
ALREADY_WITHDRAWN = register(
    "SERMI-0003",
    status=409,
    title="Already withdrawn",
    meaning=_("The authorisation has been withdrawn already."),
)
EVIDENCE_REQUIRED = register(
    "SERMI-0004",
    status=422,
    title="Evidence missing",
    meaning=_("An authorisation is recorded only with the evidence the operator checked."),
)
