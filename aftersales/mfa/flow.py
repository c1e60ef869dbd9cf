"""The log-in with a second factor, step by step, kept in the session.

1. The password is right (accounts' LoginView): a user with a factor is *not* logged in yet;
   the session remembers who, with which backend, since when and the page first asked for.
2. The second step (views.second_step) verifies a code, a passkey or a recovery code; then the
   user is logged in, the session is marked verified by that device (django-otp) and
   "recently verified", and the browser lands on the page first asked for.
A user without a factor is logged in after the password; if they must have one,
`SecondFactorMiddleware` leads them to enrol before anything else.

Failures of the second step count as failed log-ins for django-axes (address and client
together), so the password's lockout covers the second step as well.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp.models import Device

from aftersales.accounts.models import User
from aftersales.portal.counters import counter_get, counter_hit
from aftersales.portal.http import client_ip

from .selectors import user_has_factor

PENDING_KEY = "mfa_pending"
VERIFIED_AT_KEY = "mfa_verified_at"


def safe_next(request: HttpRequest, url: str | None, default: str = "") -> str:
    """`url` when it is a path of this site, else `default` (or the Overview)."""
    fallback = default or reverse(settings.LOGIN_REDIRECT_URL)
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return fallback
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return fallback
    return url


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def password_accepted(request: HttpRequest, user: User, redirect_to: str) -> HttpResponse:
    """After a right password: the second step for a user with a factor, else the log-in."""
    if user_has_factor(user=user):
        request.session.cycle_key()
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
            "next": redirect_to,
            "at": time.time(),
        }
        return HttpResponseRedirect(reverse("mfa:second_step"))
    auth_login(request, user)
    return HttpResponseRedirect(redirect_to)


def pending_user(request: HttpRequest) -> User | None:
    """The user between password and second factor, while the password step is recent."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > settings.MFA_PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None
    return User.objects.select_related("organisation").filter(pk=user_id, is_active=True).first()


def pending_drop(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def second_factor_passed(request: HttpRequest, user: User, device: Device) -> HttpResponse:
    """Logs the pending user in, verified by `device`, and goes to the page first asked for."""
    pending = request.session.pop(PENDING_KEY, {}) or {}
    auth_login(request, user, backend=pending.get("backend"))
    otp_login(request, device)
    mark_recent(request)
    return HttpResponseRedirect(safe_next(request, pending.get("next")))


def passkey_logged_in(request: HttpRequest, user: User, device: Device, next_url: str = "") -> None:
    """Log-in with a passkey alone (it verified its user: two factors in one)."""
    pending_drop(request)
    auth_login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    otp_login(request, device)
    mark_recent(request)


def mark_recent(request: HttpRequest) -> None:
    request.session[VERIFIED_AT_KEY] = time.time()


def is_recent(request: HttpRequest) -> bool:
    at = request.session.get(VERIFIED_AT_KEY)
    return isinstance(at, int | float) and time.time() - at <= settings.MFA_RECENT_SECONDS


# --- Throttling: the log-in's lockout (axes) and the client's failure counter ------------------


def _client_key(request: HttpRequest) -> str:
    return f"login-client:{client_ip(request)}"


def client_blocked(request: HttpRequest) -> bool:
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return counter_get(_client_key(request), window) >= settings.LOGIN_CLIENT_FAILURE_LIMIT


def user_locked(request: HttpRequest, user: User) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return bool(AxesProxyHandler.is_locked(request, credentials={"username": user.email}))


def client_failure(request: HttpRequest) -> None:
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    counter_hit(_client_key(request), window)


def failure_count(request: HttpRequest, user: User) -> None:
    """A wrong second factor: counted by axes for the address and client like a wrong password
    (it answers with the lockout page once the limit is reached), and for the client."""
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    counter_hit(_client_key(request), window)
    user_login_failed.send(sender=__name__, credentials={"username": user.email}, request=request)
