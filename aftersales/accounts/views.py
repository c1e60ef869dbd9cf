from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales.mfa.decorators import recent_second_factor_required
from aftersales.mfa.flow import password_accepted
from aftersales.portal.counters import counter_get, counter_hit
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest, client_ip

from . import services
from .emails import EMAIL_CONFIRM_SALT
from .forms import (
    EmailChangeForm,
    InviteUserForm,
    LoginForm,
    OrganisationForm,
    ProfileForm,
    QueuedPasswordResetForm,
    RegistrationForm,
)
from .models import Organisation, User
from .selectors import organisation_user_get, organisation_users


class LoginView(auth_views.LoginView):
    """Log-in; django-axes locks an address for the client that failed five times for it, and
    a client that fails for many addresses waits here (settings.LOGIN_CLIENT_FAILURE_LIMIT)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def _client_key(self) -> str:
        return f"login-client:{client_ip(self.request)}"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        window = int(settings.AXES_COOLOFF_TIME.total_seconds())
        if counter_get(self._client_key(), window) >= settings.LOGIN_CLIENT_FAILURE_LIMIT:
            return render(request, "accounts/locked_out.html", {"client": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        """A user with a second factor goes on to it; the others are logged in (and led to
        enrol one if they must have one: aftersales.mfa.middleware)."""
        return password_accepted(self.request, form.get_user(), self.get_success_url())

    def form_invalid(self, form: Any) -> HttpResponse:
        if self.request.POST.get("username") and self.request.POST.get("password"):
            window = int(settings.AXES_COOLOFF_TIME.total_seconds())
            counter_hit(self._client_key(), window)
        return super().form_invalid(form)


class AdminLoginView(LoginView):
    """The back office's log-on page, with the portal's lockout and second factor."""

    template_name = "admin/login.html"
    authentication_form = AdminAuthenticationForm  # type: ignore[assignment]

    def get_default_redirect_url(self) -> str:
        return reverse("admin:index")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            admin.site.each_context(self.request),
            title=_("Log in"),
            subtitle=None,
            app_path=self.request.get_full_path(),
        )
        return context


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    response = AdminLoginView.as_view()(request)
    assert isinstance(response, HttpResponse)
    return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation link: the invited user chooses a password, which also confirms the address."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:login")
    extra_context = {"invitation": True}

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        services.user_confirm_email(user=form.user)
        messages.success(self.request, _("Your password is set. You can log on now."))
        return super().form_valid(form)


@method_decorator(recent_second_factor_required(), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:my_data")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def register(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = RegistrationForm(request.POST, request.FILES)
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in RegistrationForm.Meta.fields}
            services.organisation_register(
                organisation_data=data,
                trade_licence=form.cleaned_data.get("trade_licence"),
                admin_email=form.cleaned_data["admin_email"],
                admin_full_name=form.cleaned_data["admin_full_name"],
                admin_password=form.cleaned_data["password1"],
                language=translation.get_language() or "en",
            )
            # No log-in here: the answer must not differ for an address that has an account.
            return redirect("accounts:register_done")
    else:
        form = RegistrationForm()
    return render(request, "accounts/register.html", {"form": form})


def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register_done.html")


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = signing.loads(token, salt=EMAIL_CONFIRM_SALT, max_age=60 * 60 * 24 * 14)
        user = User.objects.get(pk=data["user"], email=data["email"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError):
        return render(request, "accounts/confirm_email.html", {"ok": False}, status=400)
    services.user_confirm_email(user=user)
    return render(request, "accounts/confirm_email.html", {"ok": True})


@login_required
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
        translation.activate(user.language)
        messages.success(request, _("Your data has been saved."))
        response = redirect("accounts:my_data")
        language_cookie_set(response, user.language)
        return response
    return render(request, "accounts/my_data.html", {"form": form})


@login_required
@recent_second_factor_required()
def email_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new e-mail address, confirmed by a link sent to it before the account moves."""
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["new_email"]
        try:
            services.user_email_change_request(user=request.user, new_email=new_email)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(
                request,
                _("We have sent a link to %(email)s. Your e-mail address changes when you open it.")
                % {"email": new_email},
            )
            return redirect("accounts:my_data")
    return render(request, "accounts/email_change.html", {"form": form})


@login_required
def email_change_confirm(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """The link of the e-mail: a page with a button (a mail program that opens links to look
    at them changes nothing); the button moves the account to the new address."""
    if request.method == "POST":
        try:
            user = services.user_email_change_confirm(user=request.user, token=token)
        except RuleViolation as violation:
            return render(
                request,
                "accounts/email_change_confirm.html",
                {"error": str(violation)},
                status=violation.status,
            )
        messages.success(
            request, _("Your e-mail address is now %(email)s.") % {"email": user.email}
        )
        return redirect("accounts:my_data")
    try:
        new_email = services.email_change_link_read(user=request.user, token=token)
    except RuleViolation as violation:
        return render(
            request,
            "accounts/email_change_confirm.html",
            {"error": str(violation)},
            status=violation.status,
        )
    return render(request, "accounts/email_change_confirm.html", {"new_email": new_email})


def _organisation_of(request: AuthenticatedHttpRequest) -> Organisation:
    organisation = request.user.organisation
    if organisation is None:
        raise PermissionDenied(_("Your account does not belong to an organisation."))
    return organisation


def _forbidden(violation: RuleViolation) -> PermissionDenied:
    """A page refused by a 403 rule (e.g. ACC-0001) answers with Django's 403 page."""
    return PermissionDenied(str(violation))


def _require_org_admin(user: User, organisation: Organisation) -> None:
    try:
        services.require_org_admin(user, organisation)
    except RuleViolation as violation:
        raise _forbidden(violation) from None


@login_required
def my_organisation(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    organisation = _organisation_of(request)
    form = OrganisationForm(instance=organisation) if user.is_org_admin else None
    if request.method == "POST":
        _require_org_admin(user, organisation)
        form = OrganisationForm(request.POST, instance=organisation)
        if form.is_valid():
            try:
                services.organisation_update(
                    actor=user, organisation=organisation, data=form.cleaned_data
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                messages.success(request, _("The organisation data has been saved."))
                return redirect("accounts:my_organisation")
        organisation.refresh_from_db()
    return render(
        request,
        "accounts/my_organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "users": organisation_users(actor=user),
            "invite_form": InviteUserForm(initial={"language": user.language}),
        },
    )


@login_required
@require_POST
def user_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    organisation = _organisation_of(request)
    _require_org_admin(user, organisation)
    form = InviteUserForm(request.POST)
    if form.is_valid():
        try:
            services.user_invite(actor=user, **form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(
                request,
                _("%(email)s has been invited by e-mail.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:my_organisation")
    return render(
        request,
        "accounts/my_organisation.html",
        {
            "organisation": organisation,
            "form": OrganisationForm(instance=organisation),
            "users": organisation_users(actor=user),
            "invite_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def user_change(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    actor = request.user
    target = organisation_user_get(actor=actor, user_id=user_id)
    action = request.POST.get("action")
    try:
        if action in ("activate", "deactivate"):
            services.user_set_active(actor=actor, user=target, active=action == "activate")
        elif action in ("make_admin", "revoke_admin"):
            services.user_set_org_admin(
                actor=actor, user=target, is_org_admin=action == "make_admin"
            )
        else:
            messages.error(request, _("Unknown action."))
            return redirect("accounts:my_organisation")
    except RuleViolation as violation:
        if violation.status == 403:
            raise _forbidden(violation) from None
        messages.error(request, str(violation))
    else:
        messages.success(request, _("%(email)s has been changed.") % {"email": target.email})
    return redirect("accounts:my_organisation")


def language_cookie_set(response: HttpResponse, language: str) -> None:
    """The language cookie with Django's LANGUAGE_COOKIE_* settings (Secure in production)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )


def _local_path(url: str, request: HttpRequest) -> str:
    """`url` if it is a path of this site ("/overview/"), else "/": never a view name or a
    relative or foreign address (redirect() would try to reverse "abc" and fail)."""
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/"
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return "/"
    return url


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """The language switch of the header; remembered on the user when logged in."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_local_path(request.POST.get("next") or "/", request))
    if language in dict(settings.LANGUAGES):
        if isinstance(request.user, User):
            services.user_set_language(user=request.user, language=language)
        language_cookie_set(response, language)
    return response
