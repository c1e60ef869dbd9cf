from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartsConfig(AppConfig):
    name = "aftersales.parts"
    label = "parts"
    verbose_name = _("Electronic Parts Catalogue")

    def ready(self) -> None:
        from aftersales.orders.lines import LineKind
        from aftersales.orders.selectors import line_source_register

        from .order_lines import part_lines

        line_source_register(LineKind.PART, part_lines)
