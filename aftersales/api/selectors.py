"""Reads of the api app: a user's tokens (the one scoping helper) and token authentication."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from aftersales import clock
from aftersales.accounts.models import User

from .models import ApiToken

TOKEN_RE = re.compile(r"^as_(?P<prefix>[0-9a-f]{12})_(?P<secret>[A-Za-z0-9_\-]{20,100})$")


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def user_tokens(*, actor: User) -> QuerySet[ApiToken]:
    """The tokens an actor may see and revoke: their own, nobody else's (api_token_user_created_idx).
    A tool session's token is the session's, not listed here (the tool's sessions page shows it)."""
    return (
        ApiToken.objects.filter(user=actor)
        .exclude(scope=ApiToken.Scope.TOOL)
        .order_by("-created_at", "-pk")
    )


def user_token_get(*, actor: User, token_id: int) -> ApiToken:
    """Another user's token is a 404, never a 403: ids must not leak."""
    return get_object_or_404(user_tokens(actor=actor), pk=token_id)


def token_for_secret(*, raw: str) -> ApiToken | None:
    """The active token of an active user that this secret belongs to, or None.

    One query by the unique prefix; the hash is compared in constant time.
    """
    match = TOKEN_RE.match(raw.strip())
    if match is None:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(prefix=match["prefix"])
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, token_hash(raw.strip())):
        return None
    if token.revoked_at is not None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= clock.now():
        return None
    return token
