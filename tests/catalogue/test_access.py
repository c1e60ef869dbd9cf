import pytest

from aftersales.accounts.models import Organisation, User
from aftersales.catalogue.access import application_access
from aftersales.catalogue.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_history(applications) -> Application:  # type: ignore[no-untyped-def]
    return Application.objects.get(slug="service-history")


def test_it_allows_a_user_of_a_verified_organisation(
    owner: User, service_history: Application
) -> None:
    assert application_access(user=owner, application=service_history).allowed


def test_it_refuses_a_pending_organisation(owner: User, service_history: Application) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    owner.refresh_from_db()
    decision = application_access(user=owner, application=service_history)
    assert not decision.allowed and decision.code == "ACCESS-0003"
    assert "two working days" in decision.reason


def test_it_refuses_a_rejected_organisation(owner: User, service_history: Application) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="rejected")
    owner.refresh_from_db()
    assert not application_access(user=owner, application=service_history).allowed


def test_it_refuses_an_operator_without_organisation(
    operator: User, service_history: Application
) -> None:
    decision = application_access(user=operator, application=service_history)
    assert decision.code == "ACCESS-0002"


def test_it_refuses_a_deactivated_user(teammate: User, service_history: Application) -> None:
    teammate.is_active = False
    assert not application_access(user=teammate, application=service_history).allowed
