"""`recent_second_factor_required`: changes that an open session alone must not allow (API
tokens, password, e-mail address, factors) ask for a second factor confirmed in the last
settings.MFA_RECENT_SECONDS, when the user has one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from aftersales.accounts.models import User

from .flow import is_recent, with_next
from .selectors import user_has_factor

View = TypeVar("View", bound=Callable[..., HttpResponse])


def needs_recent_factor(request: HttpRequest) -> bool:
    user = request.user
    return isinstance(user, User) and not is_recent(request) and user_has_factor(user=user)


def recent_factor_redirect(request: HttpRequest, next_url: str | None = None) -> HttpResponse:
    messages.info(request, _("Please confirm with your second factor to continue."))
    return HttpResponseRedirect(with_next("mfa:confirm", next_url or request.get_full_path()))


def recent_second_factor_required(
    methods: tuple[str, ...] = ("GET", "POST"),
) -> Callable[[View], View]:
    """For the listed methods only (e.g. ("POST",) where listing is harmless but creating is
    not); a refused POST returns to the page after the confirmation."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods and needs_recent_factor(request):
                return recent_factor_redirect(request, request.path)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # wraps() keeps the signature

    return decorate
