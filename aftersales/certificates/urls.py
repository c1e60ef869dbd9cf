from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    # Public, without an account.
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    # The issuing workshop.
    path("certificates/vehicle/<str:vin>/", views.issue, name="issue"),
    path("certificates/<int:certificate_id>/", views.detail, name="detail"),
    path("certificates/<int:certificate_id>/certificate.pdf", views.pdf, name="pdf"),
    path("certificates/<int:certificate_id>/revoke/", views.revoke, name="revoke"),
]
