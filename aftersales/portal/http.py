"""Typed requests for views behind `login_required` (as healthchecks' AuthenticatedHttpRequest).

`HttpRequest.user` is `User | AnonymousUser` to the type checker; a view that only runs for a
logged-in user annotates its request with `AuthenticatedHttpRequest` and reads `request.user`
as our `User` without a cast or an ignore.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from aftersales.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address as the server saw it (audit logs); the TLS proxy sets REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR") or None


def authenticated_user(request: HttpRequest) -> User:
    """`request.user` where the signature is Django's and cannot say `AuthenticatedHttpRequest`
    (an overridden method such as `ModelAdmin.save_model`); an anonymous user is refused."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
