from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.catalogue, name="list"),
    path("<slug:slug>/", views.start_page, name="start_page"),
    path("<slug:slug>/status/", views.status, name="status"),
    path("<slug:slug>/start/", views.start, name="start"),  # POST from the status form
    path("<slug:slug>/users-guide.pdf", views.guide, name="guide"),
]
