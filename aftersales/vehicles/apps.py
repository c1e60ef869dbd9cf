from django.apps import AppConfig


class VehiclesConfig(AppConfig):
    name = "aftersales.vehicles"
    label = "vehicles"
