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
