"""Reads of security-related authorisations."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from aftersales.accounts.models import User

from .models import SecurityAccess, SecurityAuthorisation


def valid_authorisation(*, user: User, day: date) -> SecurityAuthorisation | None:
    """The user's authorisation valid on `day` (not withdrawn), the longest-running first."""
    found: SecurityAuthorisation | None = (
        SecurityAuthorisation.objects.filter(
            user=user, withdrawn_at__isnull=True, valid_from__lte=day, valid_until__gte=day
        )
        .order_by("-valid_until")
        .first()
    )
    return found


def holds_authorisation(*, user: User, day: date) -> bool:
    """Whether the user holds an authorisation that is or will be valid (not withdrawn)."""
    return bool(
        SecurityAuthorisation.objects.filter(
            user=user, withdrawn_at__isnull=True, valid_until__gte=day
        ).exists()
    )


def access_log() -> QuerySet[SecurityAccess]:
    return SecurityAccess.objects.select_related("user", "organisation", "authorisation")
