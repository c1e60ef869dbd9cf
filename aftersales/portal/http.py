"""Typed requests for views behind `login_required` (as healthchecks' AuthenticatedHttpRequest),
and the client's address.

`HttpRequest.user` is `User | AnonymousUser` to the type checker; a view that only runs for a
logged-in user annotates its request with `AuthenticatedHttpRequest` and reads `request.user`
as our `User` without a cast or an ignore.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from aftersales.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address (audit logs, log-in lockout): REMOTE_ADDR, or behind a trusted
    TLS proxy (settings.FORWARDED_ALLOW_IPS) the nearest address of X-Forwarded-For that is
    no such proxy. A client's own X-Forwarded-For is never believed."""
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = set(settings.FORWARDED_ALLOW_IPS)
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if address and address not in trusted:
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return remote


def authenticated_user(request: HttpRequest) -> User:
    """`request.user` where the signature is Django's and cannot say `AuthenticatedHttpRequest`
    (an overridden method such as `ModelAdmin.save_model`); an anonymous user is refused."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
