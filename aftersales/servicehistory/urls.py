from django.urls import path

from .views import entries, order, vehicle

app_name = "servicehistory"

urlpatterns = [
    path("", vehicle.vin_entry, name="vin_entry"),
    path("vehicle/<str:vin>/", vehicle.central_data, name="central_data"),
    path("vehicle/<str:vin>/history/", vehicle.history, name="history"),
    path("vehicle/<str:vin>/vehicle-data/", vehicle.vehicle_data, name="vehicle_data"),
    path("vehicle/<str:vin>/vehicle-data.pdf", vehicle.vehicle_pdf, name="vehicle_pdf"),
    path("vehicle/<str:vin>/options/", vehicle.options, name="options"),
    path("vehicle/<str:vin>/service-data/", order.service_data, name="service_data"),
    path("vehicle/<str:vin>/order-base/", order.order_base, name="order_base"),
    path(
        "vehicle/<str:vin>/order-base/comment/",
        order.order_base_comment,
        name="order_base_comment",
    ),
    path("entries/<int:entry_id>/service-sheet.pdf", entries.service_sheet, name="service_sheet"),
    path("entries/<int:entry_id>/correct/", entries.entry_correct, name="entry_correct"),
    path("entries/<int:entry_id>/cancel/", entries.entry_cancel, name="entry_cancel"),
]
