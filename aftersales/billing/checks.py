"""`manage.py check --deploy`: a production portal issues invoices, so it needs the seller."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

SELLER_SETTINGS = (
    "INVOICE_SELLER_NAME",
    "INVOICE_SELLER_ADDRESS",
    "INVOICE_SELLER_VAT_NUMBER",
    "INVOICE_SELLER_BANK",
)


@checks.register(checks.Tags.compatibility, deploy=True)
def invoice_seller_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    missing = [name for name in SELLER_SETTINGS if not str(getattr(settings, name, "")).strip()]
    if not missing:
        return []
    return [
        checks.Error(
            f"{', '.join(missing)} not set: every invoice names the seller (see .env.example).",
            id="billing.E001",
        )
    ]
