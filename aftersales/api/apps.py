from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "aftersales.api"
    label = "api"

    def ready(self) -> None:
        from datetime import time

        from aftersales.operations.schedule import Job, job_register

        from .tasks import purge_idempotency_records_task

        job_register(
            Job(
                "api.purge_idempotency_records",
                purge_idempotency_records_task,
                daily_at=time(3, 30),
            )
        )
