from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "aftersales.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        from aftersales.accounts.models import Organisation
        from aftersales.portal.shared_cache import invalidate_on

        from .models import Application

        # application_find and application_access keep their answers in the shared cache.
        invalidate_on("applications", Application)
        invalidate_on("access", Application, Organisation)
