import re

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from aftersales.accounts.models import OutgoingEmail, User

pytestmark = pytest.mark.django_db


def test_it_sends_a_reset_link_and_sets_a_new_password(
    client: Client, owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": owner.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+)", mail.outbox[0].body)
    assert link is not None
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Neue-Bremse-2026", "new_password2": "Neue-Bremse-2026"}
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password("Neue-Bremse-2026")


def test_it_does_not_reveal_unknown_addresses(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_it_sends_the_reset_link_after_the_request_through_the_queue(
    client: Client, owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accounts:password_reset"), {"email": owner.email})
    assert mail.outbox == []  # nothing sent inside the request
    email = OutgoingEmail.objects.get()
    assert email.to == [owner.email] and email.status == OutgoingEmail.Status.QUEUED
    assert len(callbacks) == 1


def test_it_shows_a_failed_reset_link_to_the_operator(
    client: Client, owner: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "tests.accounts.test_password_reset.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": owner.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    email = OutgoingEmail.objects.get()
    assert email.status in {OutgoingEmail.Status.RETRYING, OutgoingEmail.Status.FAILED}
    assert "Connection refused" in email.last_error


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("Connection refused")
