from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    name = "aftersales.equipment"
    label = "equipment"
    verbose_name = _("Workshop equipment")

    def ready(self) -> None:
        from django.urls import reverse

        from aftersales.documents.links import link_url_register
        from aftersales.orders.selectors import order_panel_register

        from .order_panel import special_tools_panel

        order_panel_register(special_tools_panel)
        link_url_register("tool", lambda key: reverse("equipment:tool", args=[key]))
