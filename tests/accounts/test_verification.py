"""The operator's verification in the back office."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from aftersales.accounts.models import Organisation, User
from tests.conftest import make_organisation, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_organisation_changelist")


@pytest.fixture
def pending() -> Organisation:
    organisation = make_organisation(
        "Neu GmbH", "DE136695976", country="DE", status=Organisation.Status.PENDING
    )
    make_user("admin@neu.example", organisation, is_org_admin=True)
    return organisation


def test_it_lists_the_verification_queue(client_for, operator: User, pending: Organisation) -> None:
    page = client_for(operator).get(CHANGELIST + "?status__exact=pending").content.decode()
    assert "Neu GmbH" in page


def test_it_verifies_and_tells_the_administrator(
    client_for, operator: User, pending: Organisation, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client_for(operator).post(
            CHANGELIST, {"action": "verify", "_selected_action": [pending.pk]}
        )
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.VERIFIED
    assert pending.status_changed_by == operator
    assert mail.outbox[-1].to == ["admin@neu.example"]
    assert "activated" in mail.outbox[-1].subject


def test_it_asks_for_a_reason_before_rejecting(
    client_for, operator: User, pending: Organisation
) -> None:
    response = client_for(operator).post(
        CHANGELIST, {"action": "reject", "_selected_action": [pending.pk]}
    )
    assert "Reason for the rejection" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


def test_it_rejects_with_the_reason(
    client_for, operator: User, pending: Organisation, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client_for(operator).post(
            CHANGELIST,
            {
                "action": "reject",
                "_selected_action": [pending.pk],
                "apply": "1",
                "reason": "The trade licence is missing.",
            },
        )
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.REJECTED
    assert "The trade licence is missing." in mail.outbox[-1].body


def test_it_hands_the_trade_licence_to_the_operator_as_a_download(
    client_for, operator: User, pending: Organisation
) -> None:
    # A file stored before the upload checked its content is never rendered in the back office.
    pending.trade_licence.save("licence.html", ContentFile(b"<script>alert(1)</script>"))
    url = reverse("admin:accounts_organisation_trade_licence", args=[pending.pk])
    response = client_for(operator).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "html" not in response["Content-Type"]


def test_it_keeps_the_trade_licence_from_workshop_users(
    client_for, outsider: User, pending: Organisation
) -> None:
    pending.trade_licence.save("licence.pdf", ContentFile(b"%PDF-1.4 licence"))
    url = reverse("admin:accounts_organisation_trade_licence", args=[pending.pk])
    response = client_for(outsider).get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_keeps_the_back_office_from_workshop_users(client_for, owner: User) -> None:
    response = client_for(owner).get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_it_keeps_an_outsider_from_verifying(
    client_for, outsider: User, pending: Organisation
) -> None:
    response = client_for(outsider).post(
        CHANGELIST, {"action": "verify", "_selected_action": [pending.pk]}
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
