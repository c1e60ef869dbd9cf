"""E-mails of the accounts app, each rendered in its recipient's language and sent after commit."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Organisation, User
from .tasks import email_queue

EMAIL_CONFIRM_SALT = "accounts.email-confirm"
EMAIL_CHANGE_SALT = "accounts.email-change"


def _send(*, to: list[str], language: str, template: str, context: dict[str, object]) -> None:
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "support": settings.SUPPORT_EMAIL}
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{template}.txt", context)
    email_queue(to=to, subject=subject, body=body)


def email_confirm_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=EMAIL_CONFIRM_SALT)


def send_registration_received(user: User) -> None:
    link = reverse("accounts:confirm_email", args=[email_confirm_token(user)])
    _send(
        to=[user.email],
        language=user.language,
        template="registration_received",
        context={"user": user, "organisation": user.organisation, "confirm_path": link},
    )


def send_registration_with_existing_address(user: User) -> None:
    """Someone registered an organisation with an address that already has an account."""
    _send(
        to=[user.email],
        language=user.language,
        template="registration_existing",
        context={
            "user": user,
            "login_path": reverse("accounts:login"),
            "reset_path": reverse("accounts:password_reset"),
        },
    )


def send_new_registration_to_operators(organisation: Organisation) -> None:
    operators = list(
        User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True)
    )
    if operators:
        _send(
            to=operators,
            language=settings.LANGUAGE_CODE,
            template="operator_new_registration",
            context={
                "organisation": organisation,
                "admin_path": reverse("admin:accounts_organisation_change", args=[organisation.pk]),
            },
        )


def send_organisation_decision(organisation: Organisation) -> None:
    template = "organisation_verified" if organisation.is_verified else "organisation_rejected"
    for user in organisation.users.filter(is_org_admin=True, is_active=True):
        _send(
            to=[user.email],
            language=user.language,
            template=template,
            context={"user": user, "organisation": organisation},
        )


def send_invitation(user: User, invited_by: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    _send(
        to=[user.email],
        language=user.language,
        template="invitation",
        context={
            "user": user,
            "invited_by": invited_by,
            "organisation": user.organisation,
            "accept_path": reverse("accounts:invitation_accept", args=[uid, token]),
        },
    )


def email_change_token(user: User, new_email: str) -> str:
    """Signed: the user, the address the account has now (so that the link is void once the
    address has changed: used once) and the new one."""
    return signing.dumps(
        {"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
    )


def send_email_change_confirm(user: User, new_email: str) -> None:
    """To the new address: the link that proves the user reads it."""
    _send(
        to=[new_email],
        language=user.language,
        template="email_change_confirm",
        context={
            "user": user,
            "new_email": new_email,
            "confirm_path": reverse(
                "accounts:email_change_confirm", args=[email_change_token(user, new_email)]
            ),
        },
    )


def send_email_change_to_taken_address(user: User, new_email: str) -> None:
    """To an address that already has an account: the page answered as for any address, so
    that it does not tell the asking user which addresses have accounts."""
    _send(
        to=[new_email],
        language=user.language,
        template="email_change_taken",
        context={"new_email": new_email},
    )


def send_email_changed(user: User, old_email: str) -> None:
    """To the old address, once the account has moved away from it."""
    _send(
        to=[old_email],
        language=user.language,
        template="email_changed",
        context={"user": user, "old_email": old_email, "new_email": user.email},
    )
