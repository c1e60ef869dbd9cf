"""Periodic: forget the Idempotency-Key answers past their retention (scheduled in apps.py)."""

from django_tasks import task

from .services import idempotency_records_purge


@task()
def purge_idempotency_records_task() -> int:
    return idempotency_records_purge()
