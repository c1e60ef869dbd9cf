from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.vin_entry, name="vin_entry"),
    path("vehicle/<str:vin>/", views.vehicle_campaigns, name="vehicle"),
    path("vehicle/<str:vin>/<str:number>/", views.vehicle_campaign, name="vehicle_campaign"),
    path("vehicle/<str:vin>/<str:number>/carry-out/", views.carry_out, name="carry_out"),
    path("campaigns/<str:number>/", views.campaign_detail, name="detail"),
]
