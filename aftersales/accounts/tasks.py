"""Sending the portal's e-mails: each is an OutgoingEmail row, sent by this task and retried
after a failure (1, 5, 25 and 125 minutes later); the fifth failure leaves it failed, for the
operator to see and send again in the back office (Outgoing e-mails)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from aftersales import clock

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=5 ** (attempts - 1))


def one_line(subject: str) -> str:
    """A subject is one header line: a line break in data (an organisation's name) must not
    make the send fail (BadHeaderError) or add a header."""
    return " ".join(subject.split())


@task()
def send_email_task(*, email_id: int) -> None:
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status == OutgoingEmail.Status.SENT:
        return
    try:
        send_mail(
            subject=one_line(email.subject),
            message=email.body,
            from_email=None,
            recipient_list=list(email.to),
        )
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
        email_send_failed(email=email, error=error)
        return
    email.status, email.sent_at = OutgoingEmail.Status.SENT, clock.now()
    email.attempts += 1
    email.save(update_fields=["status", "sent_at", "attempts"])


def email_send_failed(*, email: OutgoingEmail, error: Exception) -> None:
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    retry = email.attempts < MAX_ATTEMPTS and send_email_task.get_backend().supports_defer
    email.status = OutgoingEmail.Status.RETRYING if retry else OutgoingEmail.Status.FAILED
    email.save(update_fields=["attempts", "last_error", "status"])
    logger.error(
        "E-mail %s to %s failed (attempt %d): %s", email.pk, email.to, email.attempts, error
    )
    if retry:
        run_after = clock.now() + retry_delay(email.attempts)
        send_email_task.using(run_after=run_after).enqueue(email_id=email.pk)


def email_queue(*, to: list[str], subject: str, body: str) -> OutgoingEmail:
    """Keeps the e-mail and sends it once the current transaction has committed."""
    email = OutgoingEmail.objects.create(to=to, subject=one_line(subject)[:300], body=body)
    transaction.on_commit(lambda: send_email_task.enqueue(email_id=email.pk))
    return email


def email_send_again(*, email: OutgoingEmail) -> None:
    """The operator's "Send again": a fresh round of attempts."""
    if email.status == OutgoingEmail.Status.SENT:
        return
    email.status, email.attempts = OutgoingEmail.Status.QUEUED, 0
    email.save(update_fields=["status", "attempts"])
    transaction.on_commit(lambda: send_email_task.enqueue(email_id=email.pk))
