from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "aftersales.portal"
    label = "portal"

    def ready(self) -> None:
        from . import problems

        problems.autodiscover()
