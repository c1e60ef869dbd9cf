from django.urls import path

from . import views

app_name = "servicedata"

urlpatterns = [
    path("", views.vin_entry, name="vin_entry"),
    path("vehicle/<str:vin>/", views.vehicle_operations, name="vehicle"),
    path("vehicle/<str:vin>/operations/<int:pk>/", views.operation_detail, name="operation"),
    path("vehicle/<str:vin>/operations/<int:pk>/add/", views.operation_add, name="operation_add"),
    path("vehicle/<str:vin>/packages/<str:number>/", views.package_detail, name="package"),
    path("vehicle/<str:vin>/packages/<str:number>/add/", views.package_add, name="package_add"),
    path("vehicle/<str:vin>/remove/", views.item_remove, name="item_remove"),
]
