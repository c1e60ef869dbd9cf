"""Back office: the portal's outgoing e-mails, failed ones first, with "Send again"."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin

from .models import OutgoingEmail
from .tasks import email_send_again


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipients", "subject", "status", "attempts", "last_error"]
    list_filter = ["status"]
    search_fields = ["subject"]
    readonly_fields = [
        "created_at",
        "to",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    ]
    actions = ["send_again"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutgoingEmail]:
        # What needs the operator (failed, then retrying) comes first.
        urgency = Case(
            When(status=OutgoingEmail.Status.FAILED, then=Value(0)),
            When(status=OutgoingEmail.Status.RETRYING, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return super().get_queryset(request).order_by(urgency, "-created_at")

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("recipients"))
    def recipients(self, obj: OutgoingEmail) -> str:
        return ", ".join(obj.to)

    @admin.action(description=gettext_lazy("Send the selected e-mails again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        emails = [email for email in queryset if email.status != OutgoingEmail.Status.SENT]
        for email in emails:
            email_send_again(email=email)
        self.message_user(request, _("%(n)d e-mail(s) queued again.") % {"n": len(emails)})
