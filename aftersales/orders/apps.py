from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "aftersales.orders"
    label = "orders"
