from django.apps import AppConfig


class VehiclesConfig(AppConfig):
    name = "aftersales.vehicles"
    label = "vehicles"

    def ready(self) -> None:
        from aftersales.portal.text import url_parameter_rule_register

        from .mileage_notices import mileage_candidates, mileage_notices
        from .notices import vehicle_notice_register
        from .selectors import vin_validate

        vehicle_notice_register(mileage_notices, candidates=mileage_candidates)
        # A VIN in a path or a query string with a control character: VIN-0001, as typed.
        url_parameter_rule_register("vin", vin_validate)
