from django.db import models


class RateCounter(models.Model):
    """One fixed window of a rate limit (aftersales/portal/counters.py), when no Redis is set."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)  # the clean-up deletes the windows gone by

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
