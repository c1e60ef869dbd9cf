from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedataConfig(AppConfig):
    name = "aftersales.servicedata"
    label = "servicedata"
    verbose_name = _("Commercial Service Data")

    def ready(self) -> None:
        from aftersales.orders.lines import LineKind
        from aftersales.orders.selectors import line_source_register

        from .order_lines import labour_lines

        line_source_register(LineKind.LABOUR, labour_lines)
