"""A demo key technician of the demo workshop with a security-related authorisation (README:
Demo log-ins). Holding one, he logs on with a second factor: the demo authenticator key."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales import clock
from aftersales.accounts.demo import DEMO_PASSWORD
from aftersales.accounts.models import Organisation, User
from aftersales.mfa.demo import DEMO_TOTP_KEY
from aftersales.portal.pdf import render_pdf

from . import services
from .models import SecurityAuthorisation

TECHNICIAN = "noegle@mail.dk"
APPROVAL = "SERMI-DK-2026-0117"


def load() -> str:
    workshop = Organisation.objects.filter(vat_number="DK13585628").first()
    if workshop is None:
        return "no demo workshop"
    technician, created = User.objects.get_or_create(
        email=TECHNICIAN,
        defaults={
            "full_name": "Kim Nøglesen",
            "organisation": workshop,
            "language": "da",
            "email_confirmed_at": clock.now(),
        },
    )
    if created:
        technician.set_password(DEMO_PASSWORD)
        technician.save()
    TOTPDevice.objects.get_or_create(
        user=technician,
        name="Demo authenticator",
        defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
    )
    if not SecurityAuthorisation.objects.filter(approval_number=APPROVAL).exists():
        evidence = render_pdf(
            "<html><body><h1>SERMI approval (demo)</h1>"
            f"<p>{APPROVAL}: Kim Nøglesen, Motorhjørnet ApS, Vejle.</p></body></html>"
        )
        operator = User.objects.filter(is_superuser=True).order_by("pk").first()
        services.authorisation_record(
            operator=operator,
            user=technician,
            approval_number=APPROVAL,
            issuing_body="Nordic Conformity CAB (demo)",
            valid_from=date(2026, 1, 1),
            valid_until=date(2030, 12, 31),
            evidence=ContentFile(evidence, name="sermi-approval-demo.pdf"),
        )
    return f"{SecurityAuthorisation.objects.count()} security-related authorisations"
