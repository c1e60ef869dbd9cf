from django.apps import AppConfig


class VehiclesConfig(AppConfig):
    name = "aftersales.vehicles"
    label = "vehicles"

    def ready(self) -> None:
        from .mileage_notices import mileage_notices
        from .notices import vehicle_notice_register

        vehicle_notice_register(mileage_notices)
