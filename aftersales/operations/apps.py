from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the portal for real: health checks, answers while the database is down, trusted
    proxy headers, the production start (`manage.py serve`) and the reference data a portal
    needs without demo data (`manage.py load_reference_data`). See docs/operations.md."""

    name = "aftersales.operations"
    label = "operations"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .cache import create_cache_tables

        # A plain `migrate` also creates the database cache's table (the API's rate limits
        # and the sessions' lockout counters fail without it).
        post_migrate.connect(create_cache_tables, sender=self)

        from datetime import time

        from .schedule import Job, job_register
        from .tasks import housekeeping_task

        job_register(Job("operations.housekeeping", housekeeping_task, daily_at=time(4, 0)))
