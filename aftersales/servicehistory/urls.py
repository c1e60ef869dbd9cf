from django.urls import path

from . import views, views_order

app_name = "servicehistory"

urlpatterns = [
    path("", views.vin_entry, name="vin_entry"),
    path("vehicle/<str:vin>/", views.central_data, name="central_data"),
    path("vehicle/<str:vin>/history/", views.history, name="history"),
    path("vehicle/<str:vin>/vehicle-data/", views.vehicle_data, name="vehicle_data"),
    path("vehicle/<str:vin>/vehicle-data.pdf", views.vehicle_pdf, name="vehicle_pdf"),
    path("vehicle/<str:vin>/options/", views.options, name="options"),
    path("vehicle/<str:vin>/service-data/", views_order.service_data, name="service_data"),
    path("vehicle/<str:vin>/order-base/", views_order.order_base, name="order_base"),
    path(
        "vehicle/<str:vin>/order-base/comment/",
        views_order.order_base_comment,
        name="order_base_comment",
    ),
    path("vehicle/<str:vin>/order-base.pdf", views_order.order_base_pdf, name="order_base_pdf"),
    path(
        "entries/<int:entry_id>/service-sheet.pdf", views_order.service_sheet, name="service_sheet"
    ),
    path("entries/<int:entry_id>/correct/", views_order.entry_correct, name="entry_correct"),
    path("entries/<int:entry_id>/cancel/", views_order.entry_cancel, name="entry_cancel"),
]
