from django.apps import AppConfig


class ServicehistoryConfig(AppConfig):
    name = "aftersales.servicehistory"
    label = "servicehistory"
