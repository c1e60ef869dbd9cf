"""Periodic: the day's anchor, then the verification of every chain (scheduled in apps.py)."""

from django_tasks import task

from .services import anchor_record, verification_run


@task()
def anchor_chains_task() -> str:
    return anchor_record().root


@task()
def verify_chains_task() -> int:
    """The full check (links and entries); the run is recorded, breaks show in the back office."""
    return verification_run(records=True).broken
