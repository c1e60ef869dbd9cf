"""Writes of the accounts app: registration, verification, users of an organisation.

A refused write raises RuleViolation with a code of codes.py (ACC-xxxx), as in every app.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation

from . import codes, emails, selectors
from .models import Organisation, User

# What the operator checked at verification: only the operator changes these afterwards.
VERIFIED_FIELDS = ("name", "vat_number", "country")


def verified_field_message() -> str:
    return _("The operator has verified this data. Please contact support to change it.")


# What a workshop gives when it registers; its administrator later also sets the labour rate.
ORGANISATION_DATA_FIELDS = (
    "name",
    "street",
    "postcode",
    "city",
    "country",
    "vat_number",
    "phone",
    "contact_email",
    "brands",
)
ORGANISATION_EDITABLE_FIELDS = (
    *ORGANISATION_DATA_FIELDS,
    "labour_rate_per_hour",
    "require_second_factor",
)


@transaction.atomic
def organisation_register(
    *,
    organisation_data: dict[str, Any],
    trade_licence: UploadedFile | None,
    admin_email: str,
    admin_full_name: str,
    admin_password: str,
    language: str,
) -> User | None:
    """Creates a pending organisation and its administrator; the operator verifies it by hand.

    An address that already has an account gets no second one: its owner is told by e-mail
    and None comes back, so that the page answers the same either way (nobody learns from the
    form which addresses have accounts)."""
    email = admin_email.strip().lower()
    existing = User.objects.filter(email=email).first()
    if existing is None:
        organisation = Organisation(status=Organisation.Status.PENDING, **organisation_data)
        if trade_licence is not None:
            organisation.trade_licence = trade_licence
        organisation.full_clean()
        try:
            with transaction.atomic():
                organisation.save()
                admin = User.objects.create_user(
                    email=email,
                    password=admin_password,
                    full_name=admin_full_name,
                    language=language,
                    organisation=organisation,
                    is_org_admin=True,
                )
        except IntegrityError:  # the same address registered a moment ago
            existing = User.objects.filter(email=email).first()
            if existing is None:
                raise
    if existing is not None:
        emails.send_registration_with_existing_address(existing)
        return None
    emails.send_registration_received(admin)
    emails.send_new_registration_to_operators(organisation)
    return admin


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, operator: User, now: datetime | None = None
) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status == Organisation.Status.VERIFIED:
        return organisation
    organisation.status = Organisation.Status.VERIFIED
    organisation.rejection_reason = ""
    organisation.status_changed_at = now or clock.now()
    organisation.status_changed_by = operator
    organisation.save()
    emails.send_organisation_decision(organisation)
    return organisation


@transaction.atomic
def organisation_reject(
    *, organisation: Organisation, operator: User, reason: str, now: datetime | None = None
) -> Organisation:
    if not reason.strip():
        raise RuleViolation(
            codes.REJECTION_REASON_REQUIRED,
            _("Please give a reason for the rejection."),
            field="rejection_reason",
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.status = Organisation.Status.REJECTED
    organisation.rejection_reason = reason.strip()
    organisation.status_changed_at = now or clock.now()
    organisation.status_changed_by = operator
    organisation.save()
    emails.send_organisation_decision(organisation)
    return organisation


def require_org_admin(actor: User, organisation: Organisation | None) -> Organisation:
    """Pages and services alike: only an administrator of the organisation may change it."""
    if organisation is None or not selectors.is_organisation_admin(actor, organisation):
        raise RuleViolation(
            codes.ADMIN_ONLY, _("Only an administrator of this organisation may do this.")
        )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, data: dict[str, Any]
) -> Organisation:
    require_org_admin(actor, organisation)
    if organisation.is_verified:
        for field in VERIFIED_FIELDS:
            if field in data and data[field] != getattr(organisation, field):
                raise RuleViolation(codes.VERIFIED_DATA, verified_field_message(), field=field)
    for field in ORGANISATION_EDITABLE_FIELDS:
        if field in data:
            setattr(organisation, field, data[field])
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def user_invite(
    *, actor: User, email: str, full_name: str, is_org_admin: bool, language: str
) -> User:
    """An organisation administrator adds a user, who sets a password from the invitation link."""
    organisation = require_org_admin(actor, actor.organisation)
    if selectors.email_taken(email):
        raise RuleViolation(
            codes.EMAIL_TAKEN, _("A user with this e-mail address already exists."), field="email"
        )
    user = User.objects.create_user(
        email=email,
        password=None,
        full_name=full_name,
        organisation=organisation,
        is_org_admin=is_org_admin,
        language=language,
    )
    emails.send_invitation(user, invited_by=actor)
    return user


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> User:
    require_org_admin(actor, user.organisation)
    if user.pk == actor.pk and not active:
        raise RuleViolation(codes.DEACTIVATE_SELF, _("You cannot deactivate yourself."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_set_org_admin(*, actor: User, user: User, is_org_admin: bool) -> User:
    require_org_admin(actor, user.organisation)
    if user.pk == actor.pk and not is_org_admin:
        raise RuleViolation(
            codes.OWN_ADMIN_RIGHTS, _("You cannot remove your own administrator rights.")
        )
    user.is_org_admin = is_org_admin
    user.save(update_fields=["is_org_admin"])
    return user


@transaction.atomic
def user_confirm_email(*, user: User) -> User:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = clock.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, language: str) -> User:
    user.full_name = full_name
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "language"])
    return user


def user_email_change_request(*, user: User, new_email: str) -> None:
    """Sends the link that confirms `new_email` to it; the account keeps its address until the
    link is opened. An address that has an account is told so by e-mail, and the asking user
    sees the same answer as for any other address."""
    new_email = new_email.strip().lower()
    if new_email == user.email:
        raise RuleViolation(
            codes.EMAIL_UNCHANGED,
            _("This is already your e-mail address."),
            field="new_email",
        )
    if selectors.email_taken(new_email):
        emails.send_email_change_to_taken_address(user, new_email)
        return
    emails.send_email_change_confirm(user, new_email)


EMAIL_CHANGE_MAX_AGE = 60 * 60 * 24  # seconds a link confirming a new address stays valid


def _email_change_link_invalid() -> RuleViolation:
    return RuleViolation(
        codes.EMAIL_CHANGE_LINK,
        _("This link is invalid, has expired or has already been used."),
    )


def email_change_link_read(*, user: User, token: str) -> str:
    """The new address of a link that confirms one: the link must be this user's, made for
    the address the account has now (so it works once), and at most EMAIL_CHANGE_MAX_AGE old."""
    try:
        data = signing.loads(token, salt=emails.EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
        user_id, old_email, new_email = data["user"], data["old"], data["new"]
    except (signing.BadSignature, KeyError, TypeError):
        raise _email_change_link_invalid() from None
    if user_id != user.pk or old_email != user.email or not isinstance(new_email, str):
        raise _email_change_link_invalid()
    return new_email


@transaction.atomic
def user_email_change_confirm(*, user: User, token: str) -> User:
    """Moves the account to the address the link was sent to and tells the old address."""
    user = User.objects.select_for_update().get(pk=user.pk)
    new_email = email_change_link_read(user=user, token=token)
    old_email = user.email
    if selectors.email_taken(new_email):
        raise RuleViolation(codes.EMAIL_TAKEN, _("A user with this e-mail address already exists."))
    user.email = new_email
    user.email_confirmed_at = clock.now()
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "email_confirmed_at"])
    except IntegrityError:  # the address was taken a moment ago
        raise RuleViolation(
            codes.EMAIL_TAKEN, _("A user with this e-mail address already exists.")
        ) from None
    emails.send_email_changed(user, old_email)
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """The language of the header's switch, remembered for the user's pages and e-mails."""
    user.language = language
    user.save(update_fields=["language"])
    return user
