from django.urls import path

from . import views

app_name = "faultcodes"

urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("codes/<str:code>/", views.code_detail, name="code"),
    path("vehicle/<str:vin>/", views.vehicle_reports, name="vehicle"),
    path("vehicle/<str:vin>/reports/new/", views.report_create, name="report_create"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
]
