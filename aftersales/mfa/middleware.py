"""A logged-in session that is not verified by a second factor, of a user who has one or must
have one, reaches nothing but the second factor's own pages, log-out and the language switch:
the user with a factor confirms it, the user who must have one and has none enrols first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from aftersales.accounts.models import User

from .flow import with_next
from .selectors import second_factor_state

OPEN_VIEWS = {"accounts:logout", "accounts:switch_language", "accounts:login"}


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not isinstance(user, User) or user.is_verified():  # type: ignore[attr-defined]
            return None
        match = request.resolver_match
        if match is None or match.namespace == "mfa" or match.view_name in OPEN_VIEWS:
            return None
        if match.namespace.startswith("api:v1"):
            return None  # the API authenticates by token, never by this session
        has_factor, required = second_factor_state(user=user)
        if not has_factor and not required:
            return None
        next_url = request.get_full_path() if request.method == "GET" else "/"
        if has_factor:
            return HttpResponseRedirect(with_next("mfa:confirm", next_url))
        return HttpResponseRedirect(with_next("mfa:security", next_url))
