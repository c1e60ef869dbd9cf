"""The operator's back office: chain verifications (last run first, with its breaks), daily
anchors (publish), chain links read-only. Nothing here changes a link or an anchor."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.admin import ReadOnlyAdmin
from aftersales.portal.errors import RuleViolation
from aftersales.portal.http import authenticated_user

from .models import ChainAnchor, ChainLink, VerificationRun
from .services import anchor_publish


@admin.register(VerificationRun)
class VerificationRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "result", "vehicles", "links", "entries", "anchors", "rate"]
    fields = readonly_fields = (
        "started_at",
        "finished_at",
        "result",
        "vehicles",
        "links",
        "entries",
        "anchors",
        "records_checked",
        "breaks_table",
    )

    @admin.display(description=gettext_lazy("result"))
    def result(self, run: VerificationRun) -> str:
        if run.ok:
            return _("OK")
        return _("%(count)s broken") % {"count": run.broken}

    @admin.display(description=gettext_lazy("links per second"))
    def rate(self, run: VerificationRun) -> str:
        return f"{run.links / run.seconds:,.0f}" if run.seconds else "–"

    @admin.display(description=gettext_lazy("what is broken"))
    def breaks_table(self, run: VerificationRun) -> str:
        if not run.breaks:
            return "–"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    item.get("anchor") or item.get("vin", ""),
                    item.get("sequence") or "–",
                    item.get("entry", ""),
                    item.get("reason", ""),
                )
                for item in run.breaks
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("vehicle / anchor"),
            _("first bad link"),
            _("entry version"),
            _("reason"),
            rows,
        )


@admin.register(ChainAnchor)
class ChainAnchorAdmin(ReadOnlyAdmin):
    list_display = ["day", "root", "vehicles", "links", "published"]
    actions = ["publish"]

    @admin.display(description=gettext_lazy("published"), boolean=True)
    def published(self, anchor: ChainAnchor) -> bool:
        return hasattr(anchor, "publication")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ChainAnchor]:
        return super().get_queryset(request).select_related("publication")

    @admin.action(description=gettext_lazy("Publish the selected anchors on the public page"))
    def publish(self, request: HttpRequest, queryset: QuerySet[ChainAnchor]) -> None:
        operator = authenticated_user(request)
        for anchor in queryset:
            try:
                anchor_publish(anchor=anchor, operator=operator)
            except RuleViolation as violation:
                self.message_user(request, f"{violation.code} {violation.message}", messages.ERROR)
            else:
                self.message_user(request, _("Anchor of %(day)s published.") % {"day": anchor.day})


@admin.register(ChainLink)
class ChainLinkAdmin(ReadOnlyAdmin):
    list_display = ["vehicle", "sequence", "kind", "entry", "hash", "created_at"]
    list_select_related = ["vehicle", "entry", "entry__original"]
    search_fields = ["=vehicle__vin", "=vehicle__vin7", "=hash"]
    show_full_result_count = False
