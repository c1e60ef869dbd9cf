from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmissionsConfig(AppConfig):
    name = "aftersales.emissions"
    label = "emissions"
    verbose_name = _("Emissions test nominal values")

    def ready(self) -> None:
        from aftersales.certificates.kinds import certificate_kind_register

        from .certificate import EMISSIONS_TEST

        certificate_kind_register(EMISSIONS_TEST)
