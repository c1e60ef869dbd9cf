from django.urls import path

from . import views

app_name = "parts"

urlpatterns = [
    path("", views.vin_entry, name="vin_entry"),
    path("vehicle/<str:vin>/", views.vehicle, name="vehicle"),
    path("vehicle/<str:vin>/subgroup/<int:subgroup_id>/", views.subgroup, name="subgroup"),
    path(
        "vehicle/<str:vin>/illustration/<int:illustration_id>/",
        views.illustration,
        name="illustration",
    ),
    path("vehicle/<str:vin>/search/", views.search, name="search"),
    path("vehicle/<str:vin>/order/", views.order, name="order"),
    path("vehicle/<str:vin>/order/remove/", views.order_remove, name="order_remove"),
    path(
        "illustrations/<int:illustration_id>/image/",
        views.illustration_image,
        name="illustration_image",
    ),
]
