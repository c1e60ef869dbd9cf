from django.apps import AppConfig


class ServicehistoryConfig(AppConfig):
    name = "aftersales.servicehistory"
    label = "servicehistory"

    def ready(self) -> None:
        from aftersales.orders.lines import LineKind
        from aftersales.orders.selectors import line_source_register

        from .order_lines import srp_lines

        line_source_register(LineKind.SRP, srp_lines)
