"""The problem codes of the trust app (services.py raises them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

ANCHOR_BROKEN = register(
    "TRUST-0001",
    status=409,
    title="Anchor does not verify",
    meaning=_(
        "The stored links no longer give the anchor's root: it is not published, and the "
        "verification reports the break."
    ),
)
