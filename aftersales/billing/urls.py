from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("", views.my_credit, name="my_credit"),
    path("top-up/", views.top_up, name="top_up"),  # POST
    path("voucher/", views.redeem_voucher, name="redeem_voucher"),  # POST
    path("settings/", views.billing_settings, name="settings"),  # POST
    path("invoices/<int:top_up_id>.pdf", views.invoice, name="invoice"),
    path("tickets/", views.my_tickets, name="my_tickets"),
    path("tickets/<int:ticket_id>/", views.ticket_detail, name="ticket_detail"),
    path("price-list/", views.price_list, name="price_list"),
]
