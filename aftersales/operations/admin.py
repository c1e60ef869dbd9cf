"""The operator's view of the scheduler: each periodic job with the last slot it was enqueued
for (the worker's result is under Tasks)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from aftersales.operations.schedule import jobs
from aftersales.portal.admin import ReadOnlyAdmin

from .models import ScheduledJob


@admin.register(ScheduledJob)
class ScheduledJobAdmin(ReadOnlyAdmin):
    list_display = ["name", "schedule", "last_due_at", "last_enqueued_at", "last_task_id"]

    @admin.display(description=_("schedule"))
    def schedule(self, obj: ScheduledJob) -> str:
        found = {job.name: job.when for job in jobs()}
        return found.get(obj.name, "–")
