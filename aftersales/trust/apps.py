from django.apps import AppConfig


class TrustConfig(AppConfig):
    """Trust of the record: the chain of service entry versions per vehicle, its verification
    and daily anchors, and the odometer readings of service entries (receivers.py)."""

    name = "aftersales.trust"
    label = "trust"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
