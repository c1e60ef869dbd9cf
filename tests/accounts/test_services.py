"""The writes of the accounts app refuse with RuleViolation and an ACC-xxxx code."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from aftersales.accounts import services
from aftersales.accounts.models import Organisation, User
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db


def test_it_refuses_an_invitation_by_a_teammate_with_acc_0001(teammate: User) -> None:
    with pytest.raises(RuleViolation) as error:
        services.user_invite(
            actor=teammate,
            email="new@example.com",
            full_name="N",
            is_org_admin=False,
            language="da",
        )
    assert (error.value.code, error.value.status) == ("ACC-0001", 403)


def test_it_refuses_an_invitation_by_a_user_without_organisation_with_acc_0001(
    operator: User,
) -> None:
    with pytest.raises(RuleViolation) as error:
        services.user_invite(
            actor=operator,
            email="new@example.com",
            full_name="N",
            is_org_admin=False,
            language="en",
        )
    assert error.value.code == "ACC-0001"


def test_it_refuses_to_invite_a_taken_address_naming_the_field(owner: User, outsider: User) -> None:
    with pytest.raises(RuleViolation) as error:
        services.user_invite(
            actor=owner, email=outsider.email, full_name="N", is_org_admin=False, language="da"
        )
    assert (error.value.code, error.value.field) == ("ACC-0020", "email")


def test_it_refuses_a_rejection_without_reason(owner: User, operator: User) -> None:
    organisation = owner.organisation
    assert organisation is not None
    with pytest.raises(RuleViolation) as error:
        services.organisation_reject(organisation=organisation, operator=operator, reason=" ")
    assert (error.value.code, error.value.field) == ("ACC-0010", "rejection_reason")
    assert Organisation.objects.get(pk=organisation.pk).status == Organisation.Status.VERIFIED


def test_it_refuses_to_let_an_administrator_deactivate_themselves(owner: User) -> None:
    with pytest.raises(RuleViolation) as error:
        services.user_set_active(actor=owner, user=owner, active=False)
    assert error.value.code == "ACC-0021"


def test_it_refuses_to_let_an_administrator_drop_their_own_rights(owner: User) -> None:
    with pytest.raises(RuleViolation) as error:
        services.user_set_org_admin(actor=owner, user=owner, is_org_admin=False)
    assert error.value.code == "ACC-0022"


def test_it_remembers_the_language_switched_in_the_header(
    client_for: Callable[[User], Client], teammate: User
) -> None:
    client_for(teammate).post(reverse("accounts:switch_language"), {"language": "da"})
    teammate.refresh_from_db()
    assert teammate.language == "da"
