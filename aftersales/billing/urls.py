from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "billing"

urlpatterns = [
    # My credit has its own path so that the menu does not mark it on /credit/tickets/ as well.
    path("", RedirectView.as_view(pattern_name="billing:my_credit", permanent=False)),
    path("account/", views.my_credit, name="my_credit"),
    path("top-up/", views.top_up, name="top_up"),  # POST
    path("voucher/", views.redeem_voucher, name="redeem_voucher"),  # POST
    path("settings/", views.billing_settings, name="settings"),  # POST
    path("invoices/<int:top_up_id>.pdf", views.invoice, name="invoice"),
    path("tickets/", views.my_tickets, name="my_tickets"),
    path("tickets/<int:ticket_id>/", views.ticket_detail, name="ticket_detail"),
    path("price-list/", views.price_list, name="price_list"),
]
