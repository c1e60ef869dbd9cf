"""Reads of the accounts app; the scoping helper every view uses to reach a user by id."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import User


def organisation_users(*, actor: User) -> QuerySet[User]:
    """The users an actor may see: those of their own organisation, nobody else."""
    if actor.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=actor.organisation_id).order_by("email")


def organisation_user_get(*, actor: User, user_id: int) -> User:
    """Another organisation's user is a 404, never a 403: ids must not leak."""
    return get_object_or_404(organisation_users(actor=actor), pk=user_id)
