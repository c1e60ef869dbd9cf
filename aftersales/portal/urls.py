from django.urls import path

from . import views

app_name = "portal"

LEGAL_PAGES = ["technical-requirements", "conditions-of-use", "imprint", "privacy"]

urlpatterns = [
    path("", views.landing, name="landing"),
    path("overview/", views.overview, name="overview"),
] + [path(f"{page}/", views.legal, {"page": page}, name=page) for page in LEGAL_PAGES]
