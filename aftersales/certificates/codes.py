"""The problem codes of certificates (services.py and the public verification raise them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

NOT_FOUND = register(
    "CERT-0001",
    status=404,
    title="Certificate not found",
    meaning=_("No certificate has this verification code (check it for typos)."),
)
ALREADY_REVOKED = register(
    "CERT-0002",
    status=409,
    title="Certificate already revoked",
    meaning=_("The certificate was revoked before; it stays revoked."),
)
REASON_MISSING = register(
    "CERT-0003",
    status=422,
    title="Reason missing",
    meaning=_("A certificate is revoked only with a reason, which the verify page shows."),
)
ISSUER_REQUIRED = register(
    "CERT-0004",
    status=403,
    title="Only a workshop issues certificates",
    meaning=_("Certificates are issued and revoked by a user of a workshop organisation."),
)
TOO_MANY_CHECKS = register(
    "CERT-0429",
    status=429,
    title="Too many verifications",
    meaning=_(
        "This address checked too many certificates in a short time; `retry_after` says how "
        "many seconds to wait."
    ),
)
