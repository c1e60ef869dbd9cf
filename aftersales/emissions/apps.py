from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmissionsConfig(AppConfig):
    name = "aftersales.emissions"
    label = "emissions"
    verbose_name = _("Emissions test nominal values")
