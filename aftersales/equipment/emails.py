"""E-mails of Workshop equipment, each in its recipient's language, queued after the request
or its change has been committed (accounts.tasks: retried, failures visible to the operator)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from aftersales.accounts.models import User
from aftersales.accounts.tasks import email_queue

from .models import ToolRequest


def _send(*, to: list[str], language: str, template: str, context: dict[str, object]) -> None:
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "support": settings.SUPPORT_EMAIL}
        subject = render_to_string(f"equipment/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"equipment/email/{template}.txt", context)
    email_queue(to=to, subject=subject, body=body)


def _request(request_id: int) -> ToolRequest | None:
    return (
        ToolRequest.objects.select_related("organisation", "requested_by")
        .prefetch_related("lines__tool")
        .filter(pk=request_id)
        .first()
    )


def _workshop_recipients(request: ToolRequest) -> list[User]:
    """The user who asked; when that user is gone, the organisation's administrators."""
    user = request.requested_by
    if user is not None and user.is_active:
        return [user]
    return list(request.organisation.users.filter(is_org_admin=True, is_active=True))


def send_request_received(request_id: int) -> None:
    request = _request(request_id)
    if request is None:
        return
    context = {
        "request": request,
        "lines": list(request.lines.all()),
        "path": reverse("equipment:request", args=[request.pk]),
    }
    for user in _workshop_recipients(request):
        _send(to=[user.email], language=user.language, template="request_received", context=context)
    operators = list(
        User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True)
    )
    if operators:
        admin_path = reverse("admin:equipment_toolrequest_change", args=[request.pk])
        _send(
            to=operators,
            language=settings.LANGUAGE_CODE,
            template="operator_new_request",
            context={**context, "admin_path": admin_path},
        )


def send_request_changed(request_id: int) -> None:
    request = _request(request_id)
    if request is None:
        return
    context = {
        "request": request,
        "lines": list(request.lines.all()),
        "path": reverse("equipment:request", args=[request.pk]),
    }
    for user in _workshop_recipients(request):
        with translation.override(user.language):
            status = str(request.get_status_display())
        _send(
            to=[user.email],
            language=user.language,
            template="request_changed",
            context={**context, "status": status},
        )
