from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register_done"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("my-data/e-mail/", views.email_change, name="email_change"),
    path(
        "my-data/e-mail/confirm/<str:token>/",
        views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("my-organisation/", views.my_organisation, name="my_organisation"),
    path("my-organisation/users/invite/", views.user_invite, name="user_invite"),
    path("my-organisation/users/<int:user_id>/", views.user_change, name="user_change"),
    path("language/", views.switch_language, name="switch_language"),
]
