"""Reads of the accounts app; the scoping helper every view uses to reach a user by id."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Organisation, User


def is_organisation_admin(actor: User, organisation: Organisation) -> bool:
    """An active administrator of this very organisation."""
    return actor.is_active and actor.is_org_admin and actor.organisation_id == organisation.pk


def email_taken(email: str) -> bool:
    """E-mail addresses are logins: one user per address, whatever its case."""
    return User.objects.filter(email__iexact=email.strip()).exists()


def organisation_users(*, actor: User) -> QuerySet[User]:
    """The users an actor may see: those of their own organisation, nobody else."""
    if actor.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=actor.organisation_id).order_by("email")


def organisation_user_get(*, actor: User, user_id: int) -> User:
    """Another organisation's user is a 404, never a 403: ids must not leak."""
    return get_object_or_404(organisation_users(actor=actor), pk=user_id)
