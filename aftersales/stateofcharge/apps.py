from django.apps import AppConfig


class StateOfChargeConfig(AppConfig):
    """State of charge: readings of the high-voltage battery (from the diagnosis tool or typed),
    the state of health over time and mileage, and the battery health certificate, verified by
    anyone through aftersales.certificates."""

    name = "aftersales.stateofcharge"
    label = "stateofcharge"

    def ready(self) -> None:
        from aftersales.certificates.kinds import certificate_kind_register

        from .certificate import BATTERY_HEALTH

        certificate_kind_register(BATTERY_HEALTH)
