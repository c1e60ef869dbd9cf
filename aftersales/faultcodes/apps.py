from django.apps import AppConfig


class FaultcodesConfig(AppConfig):
    name = "aftersales.faultcodes"
    label = "faultcodes"
    verbose_name = "Emission-relevant fault codes"

    def ready(self) -> None:
        from aftersales.vehicles.notices import vehicle_notice_register

        from .notices import fault_report_candidates, fault_report_notices

        vehicle_notice_register(fault_report_notices, candidates=fault_report_candidates)
