from django.urls import path

from aftersales.tools import views

app_name = "programming"
APPLICATION_SLUG = "programming"

urlpatterns = [
    path("", views.launch_view(APPLICATION_SLUG), name="launch"),
    path("sessions/", views.sessions_view(APPLICATION_SLUG), name="sessions"),
    path(
        "releases/<int:release_id>/download/",
        views.download_view(APPLICATION_SLUG),
        name="download",
    ),
]
