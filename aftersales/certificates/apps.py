from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Certificates anyone can verify at /verify/<code> (a portal feature, not an application of
    the catalogue). Each kind of certificate registers how it is checked (kinds.py); the
    service history certificate is the first."""

    name = "aftersales.certificates"
    label = "certificates"

    def ready(self) -> None:
        from .kinds import certificate_kind_register
        from .service_history import SERVICE_HISTORY

        certificate_kind_register(SERVICE_HISTORY)
