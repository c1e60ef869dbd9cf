from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "aftersales.billing"
    label = "billing"
