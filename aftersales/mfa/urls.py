from django.urls import path

from . import views

app_name = "mfa"

urlpatterns = [
    path("two-factor/", views.second_step, name="second_step"),
    path("two-factor/confirm/", views.confirm, name="confirm"),
    path("two-factor/passkey/", views.passkey_login, name="passkey_login"),
    path("my-data/two-factor/", views.security, name="security"),
    path("my-data/two-factor/app/", views.totp_add, name="totp_add"),
    path("my-data/two-factor/passkey/", views.passkey_add, name="passkey_add"),
    path("my-data/two-factor/recovery-codes/", views.recovery_codes_new, name="recovery_codes"),
    path(
        "my-data/two-factor/<str:kind>/<int:factor_id>/remove/",
        views.factor_remove,
        name="factor_remove",
    ),
]
