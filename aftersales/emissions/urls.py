from django.urls import path

from . import views

app_name = "emissions"

urlpatterns = [
    path("", views.vin_entry, name="vin_entry"),
    path("vehicle/<str:vin>/", views.vehicle, name="vehicle"),
    path("vehicle/<str:vin>/print/", views.values_pdf, name="values_pdf"),
    path("vehicle/<str:vin>/tests/new/", views.test_create, name="test_create"),
    path("tests/<int:test_id>/", views.test_detail, name="test"),
    path("tests/<int:test_id>/certificate.pdf", views.certificate, name="certificate"),
]
