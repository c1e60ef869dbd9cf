from django.urls import path

from . import views

app_name = "stateofcharge"

urlpatterns = [
    path("", views.vin_entry, name="vin_entry"),
    path("vehicle/<str:vin>/", views.vehicle, name="vehicle"),
    path("vehicle/<str:vin>/certificate/", views.certificate_issue, name="certificate_issue"),
]
