from django.apps import AppConfig


class MfaConfig(AppConfig):
    """Multi-factor log-in: TOTP (django-otp), passkeys (py_webauthn) and recovery codes; the
    second step after the password, enrolment under My data, and the recent second factor that
    sensitive changes ask for (README.md)."""

    name = "aftersales.mfa"
    label = "mfa"

    def ready(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from aftersales.accounts.models import Organisation, User
        from aftersales.portal.shared_cache import invalidate_on

        from .models import WebAuthnDevice

        # selectors.second_factor_state keeps its answer in the shared cache.
        invalidate_on("factors", TOTPDevice, WebAuthnDevice, User, Organisation)
