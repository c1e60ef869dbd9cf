"""The second step of the log-in, the confirmation of a second factor in a running session,
and My data → Two-factor log-in (enrol, list, remove; recovery codes)."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest

from . import codes, flow, passkeys, services
from .decorators import needs_recent_factor, recent_factor_redirect, recent_second_factor_required
from .forms import CodeForm, PasskeyAnswerForm, PasskeyForm, RecoveryCodeForm, TotpConfirmForm
from .rules import second_factor_reason
from .selectors import (
    recovery_code_set,
    recovery_codes_left,
    user_factor_get,
    user_has_factor,
    user_passkeys,
    user_totp_devices,
)

NEW_CODES_KEY = "mfa_new_recovery_codes"
TOTP_SETUP_KEY = "mfa_totp_setup"


def _throttled(user: User) -> bool:
    devices: list[Any] = [*user_totp_devices(user=user)]
    recovery = recovery_code_set(user=user)
    if recovery is not None:
        devices.append(recovery)
    return any(not device.verify_is_allowed()[0] for device in devices)


def _verify(request: HttpRequest, user: User) -> tuple[Device | None, dict[str, Any]]:  # noqa: C901
    """Checks what the user sent (code, recovery code or passkey); the device that accepted it,
    and the page's forms with the errors."""
    method = request.POST.get("method")
    code_form = CodeForm(request.POST if method == "totp" else None)
    recovery_form = RecoveryCodeForm(request.POST if method == "recovery" else None)
    passkey_form = PasskeyAnswerForm(request.POST if method == "passkey" else None)
    forms: dict[str, Any] = {
        "code_form": code_form,
        "recovery_form": recovery_form,
        "passkey_form": passkey_form,
    }
    device: Device | None = None
    failed_form: Any = None
    throttled = method in ("totp", "recovery") and _throttled(user)
    if method == "totp" and code_form.is_valid():
        code = code_form.cleaned_data["code"].replace(" ", "")
        for totp in user_totp_devices(user=user):
            device = verify_token(user, totp.persistent_id, code)
            if device is not None:
                break
        failed_form = code_form
    elif method == "recovery" and recovery_form.is_valid():
        recovery = recovery_code_set(user=user)
        if recovery is not None:
            device = verify_token(user, recovery.persistent_id, recovery_form.cleaned_data["code"])
        failed_form = recovery_form
    elif method == "passkey" and passkey_form.is_valid():
        try:
            device = passkeys.authentication_verify(
                request, credential=passkey_form.cleaned_data["credential"], user=user
            )
        except RuleViolation as violation:
            add_violation(passkey_form, violation)
            failed_form = None
        forms["passkey_failed"] = device is None
    if device is None and method in ("totp", "recovery", "passkey"):
        flow.failure_count(request, user)
        if failed_form is not None:
            if throttled:
                refusal = RuleViolation(
                    codes.TOO_MANY_ATTEMPTS,
                    _(
                        "Too many wrong codes. Wait a little, then enter the code the app shows now."
                    ),
                    field="code",
                )
            else:
                refusal = RuleViolation(
                    codes.WRONG_CODE, _("The code is not valid. Please try again."), field="code"
                )
            add_violation(failed_form, refusal)
    return device, forms


def _verify_context(request: HttpRequest, user: User, forms: dict[str, Any]) -> dict[str, Any]:
    has_passkey = bool(user_passkeys(user=user))
    return {
        **forms,
        "has_totp": bool(user_totp_devices(user=user)),
        "has_passkey": has_passkey,
        "has_recovery": recovery_codes_left(user=user) > 0,
        "passkey_options": passkeys.authentication_options(request, user) if has_passkey else "",
    }


def _locked(request: HttpRequest, *, client: bool) -> HttpResponse:
    return render(request, "accounts/locked_out.html", {"client": client}, status=429)


@never_cache
def second_step(request: HttpRequest) -> HttpResponse:
    """After the password: a code, a passkey or a recovery code; then the page first asked for."""
    user = flow.pending_user(request)
    if user is None:
        messages.info(request, _("Please log on again."))
        return redirect("accounts:login")
    if flow.client_blocked(request) or flow.user_locked(request, user):
        flow.pending_drop(request)
        return _locked(request, client=flow.client_blocked(request))
    device, forms = _verify(request, user) if request.method == "POST" else (None, {})
    if device is not None:
        return flow.second_factor_passed(request, user, device)
    if getattr(request, "axes_locked_out", False):
        flow.pending_drop(request)  # axes answers with the lock-out page
    status = 422 if request.method == "POST" else 200
    forms = forms or {
        "code_form": CodeForm(),
        "recovery_form": RecoveryCodeForm(),
        "passkey_form": PasskeyAnswerForm(),
    }
    context = {**_verify_context(request, user, forms), "pending_email": user.email}
    return render(request, "mfa/second_step.html", context, status=status)


@never_cache
def passkey_login(request: HttpRequest) -> HttpResponse:
    """Log-on with a passkey alone: GET gives the browser the options (JSON), POST checks the
    signed answer. The passkey must have verified its user (PIN, fingerprint): two factors in
    one. Failures count for the client like failed passwords."""
    if request.method != "POST":
        return HttpResponse(
            passkeys.authentication_options(request, None), content_type="application/json"
        )
    if flow.client_blocked(request):
        return _locked(request, client=True)
    form = PasskeyAnswerForm(request.POST)
    next_url = flow.safe_next(request, request.POST.get("next"))
    if form.is_valid():
        try:
            device = passkeys.authentication_verify(
                request, credential=form.cleaned_data["credential"], user=None
            )
        except RuleViolation as violation:
            flow.client_failure(request)
            messages.error(request, str(violation))
        else:
            user = device.user
            if user.is_active:
                flow.passkey_logged_in(request, user, device, next_url)
                return HttpResponseRedirect(next_url)
    return HttpResponseRedirect(flow.with_next("accounts:login", next_url))


@never_cache
@login_required
def confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A second factor again in a running session: for a session not yet verified by one, and
    before changes that need a recent one."""
    user = request.user
    next_url = flow.safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if not user_has_factor(user=user):
        return HttpResponseRedirect(flow.with_next("mfa:security", next_url))
    if flow.client_blocked(request) or flow.user_locked(request, user):
        logout(request)
        return _locked(request, client=False)
    device, forms = _verify(request, user) if request.method == "POST" else (None, {})
    if device is not None:
        otp_login(request, device)
        flow.mark_recent(request)
        return HttpResponseRedirect(next_url)
    if getattr(request, "axes_locked_out", False):
        logout(request)
    forms = forms or {
        "code_form": CodeForm(),
        "recovery_form": RecoveryCodeForm(),
        "passkey_form": PasskeyAnswerForm(),
    }
    context = {**_verify_context(request, user, forms), "next": next_url}
    status = 422 if request.method == "POST" else 200
    return render(request, "mfa/confirm.html", context, status=status)


@never_cache
@login_required
def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My data → Two-factor log-in: the factors, the recovery codes, and why one is required."""
    user = request.user
    next_url = request.GET.get("next", "")
    new_codes = request.session.pop(NEW_CODES_KEY, None)
    context = {
        "reason": second_factor_reason(user),
        "totp_devices": user_totp_devices(user=user),
        "passkeys": user_passkeys(user=user),
        "codes_left": recovery_codes_left(user=user),
        "new_codes": new_codes,
        "next": flow.safe_next(request, next_url) if next_url else "",
        "verified": user.is_verified(),  # type: ignore[attr-defined]
    }
    return render(request, "mfa/security.html", context)


def _enrolled(request: AuthenticatedHttpRequest, device: Device) -> HttpResponse:
    """A new factor verifies the session; the first one comes with recovery codes."""
    otp_login(request, device)
    flow.mark_recent(request)
    if recovery_code_set(user=request.user) is None:
        request.session[NEW_CODES_KEY] = services.recovery_codes_create(user=request.user)
    next_url = request.GET.get("next", "")
    target = flow.with_next("mfa:security", next_url) if next_url else reverse("mfa:security")
    return HttpResponseRedirect(target)


def _adding_needs_confirmation(request: AuthenticatedHttpRequest) -> bool:
    return needs_recent_factor(request)


@never_cache
@login_required
def totp_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if _adding_needs_confirmation(request):
        return recent_factor_redirect(request)
    form = TotpConfirmForm(request.POST or None)
    device: TOTPDevice | None = None
    if request.method == "POST":
        device_id = request.session.get(TOTP_SETUP_KEY)
        device = TOTPDevice.objects.filter(user=user, pk=device_id, confirmed=False).first()
        if form.is_valid() and device is not None:
            try:
                confirmed = services.totp_device_confirm(
                    user=user,
                    device_id=device.pk,
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                request.session.pop(TOTP_SETUP_KEY, None)
                messages.success(request, _("The authenticator app has been added."))
                return _enrolled(request, confirmed)
    if device is None:
        device = services.totp_device_start(user=user)
        request.session[TOTP_SETUP_KEY] = device.pk
    secret = device.config_url.split("secret=")[1].split("&")[0]
    context = {
        "form": form,
        "qr": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1d2733"),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "mfa/totp_add.html", context, status=422 if form.errors else 200)


@never_cache
@login_required
def passkey_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if _adding_needs_confirmation(request):
        return recent_factor_redirect(request)
    form = PasskeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = passkeys.registration_verify(
                request,
                user,
                credential=form.cleaned_data["credential"],
                name=form.cleaned_data["name"],
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, _("The passkey has been added."))
            return _enrolled(request, device)
    context = {"form": form, "options": passkeys.registration_options(request, user)}
    return render(request, "mfa/passkey_add.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
@recent_second_factor_required(methods=("POST",))
def recovery_codes_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not user_has_factor(user=request.user):
        return redirect("mfa:security")
    request.session[NEW_CODES_KEY] = services.recovery_codes_create(user=request.user)
    messages.success(request, _("New recovery codes have been made; the old ones are void."))
    return redirect("mfa:security")


@login_required
@require_POST
@recent_second_factor_required(methods=("POST",))
def factor_remove(request: AuthenticatedHttpRequest, kind: str, factor_id: int) -> HttpResponse:
    device = user_factor_get(actor=request.user, kind=kind, factor_id=factor_id)
    try:
        services.factor_remove(actor=request.user, device=device)
    except RuleViolation as violation:
        messages.error(request, str(violation))
    else:
        messages.success(request, _("“%(name)s” has been removed.") % {"name": device.name})
    return redirect("mfa:security")
