"""The verified-member rule: one code and one text for application access and for billing."""

from __future__ import annotations

import pytest

from aftersales.accounts.models import Organisation, User
from aftersales.billing import services as billing
from aftersales.catalogue.access import application_access
from aftersales.catalogue.membership import require_verified_member, verified_member_violation
from aftersales.catalogue.models import Application
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_history(applications) -> Application:  # type: ignore[no-untyped-def]
    return Application.objects.get(slug="service-history")


def test_it_returns_the_organisation_of_a_verified_member(owner: User) -> None:
    assert require_verified_member(owner) == owner.organisation


def test_it_refuses_a_pending_organisation_with_access_0003(owner: User) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    owner.refresh_from_db()
    with pytest.raises(RuleViolation) as error:
        require_verified_member(owner)
    assert (error.value.code, error.value.status) == ("ACCESS-0003", 403)


def test_it_refuses_a_user_without_organisation_with_access_0002(operator: User) -> None:
    violation = verified_member_violation(operator)
    assert violation is not None and violation.code == "ACCESS-0002"


def test_it_refuses_a_deactivated_user_with_access_0001(teammate: User) -> None:
    teammate.is_active = False
    violation = verified_member_violation(teammate)
    assert violation is not None and violation.code == "ACCESS-0001"


def test_it_agrees_with_application_access_on_a_pending_organisation(
    owner: User, service_history: Application
) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    owner.refresh_from_db()
    decision = application_access(user=owner, application=service_history)
    violation = verified_member_violation(owner)
    assert violation is not None
    assert (violation.code, violation.message) == (decision.code, decision.reason)


def test_it_agrees_with_application_access_on_a_user_without_organisation(
    operator: User, service_history: Application
) -> None:
    decision = application_access(user=operator, application=service_history)
    violation = verified_member_violation(operator)
    assert violation is not None
    assert (violation.code, violation.message) == (decision.code, decision.reason)


def test_it_refuses_billing_with_the_text_of_application_access(
    owner: User, service_history: Application
) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    owner.refresh_from_db()
    with pytest.raises(RuleViolation) as error:
        billing.top_up_request(actor=owner, credits=10)
    decision = application_access(user=owner, application=service_history)
    assert (error.value.code, error.value.message) == (decision.code, decision.reason)
