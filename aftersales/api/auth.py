"""Who calls: the bearer token, its scope, the user's application access, the rate limit."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from aftersales.accounts.models import User
from aftersales.catalogue.access import (
    application_access,
    security_access,
    security_access_record,
)
from aftersales.catalogue.selectors import application_find
from aftersales.portal.counters import counter_hit, seconds_left
from aftersales.portal.errors import RuleViolation

from . import codes, services
from .models import ApiToken
from .selectors import token_for_secret


class TokenAuth(HttpBearer):
    """`Authorization: Bearer as_<prefix>_<secret>`; the token acts as its user.

    With `write=True` the operation also needs a token with the write scope (403 otherwise,
    checked before the body is read). A key-reader device's token is accepted only where
    `device=True` (sending key reads), and there only such a token (API-0013).
    """

    openapi_description = (
        "An API token created under My data → API tokens. Read tokens may call every GET "
        "operation; writes need a token with the scope 'write'. A key reader sends key reads "
        "with its device token (KeyReader → Key readers), which may do nothing else."
    )
    openapi_bearerFormat = "as_<prefix>_<secret>"

    def __init__(self, *, write: bool = False, device: bool = False) -> None:
        self.write = write
        self.device = device
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = token_for_secret(raw=token)
        if api_token is None:
            return None
        if api_token.is_device != self.device:
            raise RuleViolation(
                codes.TOKEN_KIND,
                _("This operation needs a key-reader device token.")
                if self.device
                else _("A key-reader device token may only send key reads."),
            )
        if self.write and not api_token.can_write:
            raise RuleViolation(
                codes.WRITE_SCOPE_REQUIRED,
                _("This token may only read. Create a token with the scope 'Read and write'."),
            )
        request.user = api_token.user
        if "HTTP_ACCEPT_LANGUAGE" not in request.META and api_token.user.language:
            translation.activate(api_token.user.language)
            request.LANGUAGE_CODE = api_token.user.language
        services.token_mark_used(token=api_token)
        return api_token


def api_token(request: HttpRequest) -> ApiToken:
    """The token `TokenAuth` accepted for the request (ninja keeps it as `request.auth`)."""
    token = getattr(request, "auth", None)
    if not isinstance(token, ApiToken):  # an operation without TokenAuth
        raise AuthenticationError
    return token


def api_user(request: HttpRequest) -> User:
    return api_token(request).user


def require_application(request: HttpRequest, slug: str) -> User:
    """The caller's user, if `application_access` lets them start the application (else 403
    with the decision's ACCESS-xxxx code)."""
    user = api_user(request)
    application = application_find(slug=slug)
    if application is None:
        raise RuleViolation(
            codes.APPLICATION_UNAVAILABLE, _("The application is not available in this portal.")
        )
    decision = application_access(user=user, application=application)
    if not decision.allowed:
        extra: dict[str, object] = {"application": slug}
        book_url = getattr(decision, "book_url", "")
        if book_url:
            extra["book_url"] = f"{settings.SITE_URL}{book_url}"
        # The decision's code is a registered ACCESS-xxxx code (403), as on the pages.
        raise RuleViolation(
            decision.code, decision.reason or _("You may not use this application."), extra=extra
        )
    if application.security_related:
        match = request.resolver_match
        vin = str(match.kwargs.get("vin", "")) if match is not None else ""
        security_access_record(user=user, what=application.name, vin=vin, application=application)
    return user


def require_security_access(user: User, *, what: str, slug: str, vin: str = "") -> None:
    """Content marked security-related (a document): 403 with ACCESS-0007/0008 unless the one
    access function admits the person; an allowed access is logged there. An API token carries
    no second factor, so today the API refuses it (ACCESS-0008)."""
    decision = security_access(
        user=user, what=what, vin=vin, application=application_find(slug=slug)
    )
    if not decision.allowed:
        raise RuleViolation(decision.code, decision.reason)


class TokenRateThrottle(SimpleRateThrottle):
    """settings.API_RATE_LIMIT requests per token and period ("120/min"), in fixed windows,
    counted with one atomic statement (aftersales/portal/counters.py: Redis INCR when
    REDIS_URL is set, else an upsert of a database row) so that parallel requests cannot
    slip through; the rate is read per request so tests may change it."""

    scope = "api-token"

    def __init__(self) -> None:  # the rate is read per request, not once at start-up
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        self._local.wait = None
        if token is None:
            return True
        limit, duration = self.parse_rate(settings.API_RATE_LIMIT)
        if limit is None or duration is None:
            return True
        if counter_hit(f"api-rate:{token.pk}", duration) > limit:
            self._local.wait = seconds_left(duration)
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
