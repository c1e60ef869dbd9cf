from django.apps import AppConfig


class MfaConfig(AppConfig):
    """Multi-factor log-in: TOTP (django-otp), passkeys (py_webauthn) and recovery codes; the
    second step after the password, enrolment under My data, and the recent second factor that
    sensitive changes ask for (README.md)."""

    name = "aftersales.mfa"
    label = "mfa"
