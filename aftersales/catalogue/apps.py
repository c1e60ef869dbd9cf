from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "aftersales.catalogue"
    label = "catalogue"
