"""The problem codes of running the portal: a part it depends on is down."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

DATABASE_UNAVAILABLE = register(
    "OPS-0001",
    status=503,
    title="Service temporarily unavailable",
    meaning=_(
        "The portal cannot reach its database at the moment. Nothing was changed; please try "
        "again after the number of seconds in the Retry-After header."
    ),
)
