from django.apps import AppConfig


class TrustConfig(AppConfig):
    """Trust of the record: the chain of service entry versions per vehicle, its verification
    and daily anchors, and the odometer readings of service entries (receivers.py)."""

    name = "aftersales.trust"
    label = "trust"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()

        from datetime import time

        from aftersales.operations.schedule import Job, job_register

        from .tasks import anchor_chains_task, verify_chains_task

        # The anchor first; the verification then checks it with the published ones.
        job_register(Job("trust.anchor_chains", anchor_chains_task, daily_at=time(2, 30)))
        job_register(Job("trust.verify_chains", verify_chains_task, daily_at=time(2, 45)))
