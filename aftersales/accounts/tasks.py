from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email_task(*, to: list[str], subject: str, body: str) -> None:
    send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
