"""The scheduler's record (schedule.py); the module also makes migrate send this app
post_migrate (the cache table, cache.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledJob(models.Model):
    """One row per periodic job: the last slot enqueued (never twice, schedule.py)."""

    name = models.CharField(_("job"), max_length=80)
    last_due_at = models.DateTimeField(_("last due"), null=True, blank=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    last_task_id = models.CharField(_("last task"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]
        constraints = [
            # job_enqueue_if_due(): the job's row by name (get_or_create, the compare-and-set).
            models.UniqueConstraint(fields=["name"], name="scheduled_job_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
