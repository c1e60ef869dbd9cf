from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("tickets/", views.my_tickets, name="my_tickets"),
    path("", views.my_credit, name="my_credit"),
    path("price-list/", views.price_list, name="price_list"),
]
