"""The QR code of a certificate: its verify page's address, as an SVG data URI (segno)."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse

from .models import Certificate


def verify_url(certificate: Certificate) -> str:
    """The absolute address of the certificate's public verify page."""
    path = reverse("certificates:verify", kwargs={"code": certificate.display_code})
    return f"{settings.SITE_URL}{path}"


def qr_data_uri(certificate: Certificate, *, scale: int = 4) -> str:
    return str(segno.make(verify_url(certificate), error="m").svg_data_uri(scale=scale, border=2))
