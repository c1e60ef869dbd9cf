"""E-mails are kept until sent: a failure is retried and shown to the operator."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from aftersales.accounts.models import User
from aftersales.accounts.tasks import email_queue

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def broken_mail(settings):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"


def test_it_sends_a_queued_email_and_marks_it_sent(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to=["a@example.com"], subject="Hello", body="Text")
    email.refresh_from_db()
    assert email.status == "sent" and email.sent_at is not None
    assert mail.outbox[0].subject == "Hello"


def test_it_keeps_a_failed_email_with_its_error(
    broken_mail, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to=["a@example.com"], subject="Hello", body="Text")
    email.refresh_from_db()
    assert email.status == "failed" and email.attempts == 1
    assert "mail server down" in email.last_error


def test_it_retries_a_failed_email_later(
    broken_mail, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from aftersales.accounts.tasks import send_email_task

    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to=["a@example.com"], subject="Hello", body="Text")
    send_email_task.call(email_id=email.pk)  # the worker runs it: the server is down
    email.refresh_from_db()
    assert email.status == "retrying" and email.attempts == 1
    retries = [r for r in default_task_backend.results if r.task.run_after is not None]
    assert (
        len(retries) == 1 and retries[0].args == [] and retries[0].kwargs == {"email_id": email.pk}
    )


def test_it_sends_a_subject_of_one_line(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email_queue(to=["a@example.com"], subject="New: Evil\r\nBcc: x@y.z", body="Text")
    assert mail.outbox[0].subject == "New: Evil Bcc: x@y.z"
    assert mail.outbox[0].bcc == []


def test_it_shows_failed_emails_to_the_operator_and_sends_them_again(
    broken_mail, client_for, operator: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to=["a@example.com"], subject="Registration", body="Text")
    client = client_for(operator)
    url = reverse("admin:accounts_outgoingemail_changelist")
    page = client.get(url, {"status": "failed"}).content.decode()
    assert "Registration" in page and "mail server down" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send_again", "_selected_action": [email.pk]})
    email.refresh_from_db()
    assert email.status == "sent" and mail.outbox[0].subject == "Registration"


def test_it_keeps_the_outgoing_emails_from_workshop_users(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(reverse("admin:accounts_outgoingemail_changelist"))
    assert response.status_code == 302
