"""Demo organisations and users (the README lists the log-ins)."""

from decimal import Decimal

from aftersales import clock

from .models import Brand, Organisation, User

DEMO_PASSWORD = "Aftersales-demo-2026"

WORKSHOP = {
    "name": "Motorhjørnet ApS",
    "street": "Industrivej 12",
    "postcode": "7100",
    "city": "Vejle",
    "country": "DK",
    "phone": "+45 75 82 12 34",
    "contact_email": "motorhj@mail.dk",
    "brands": [Brand.BMW, Brand.BMW_MOTORRAD, Brand.MINI],
    "labour_rate_per_hour": Decimal("105.00"),
    "status": Organisation.Status.VERIFIED,
}
PENDING = {
    "name": "Werkstatt Müller GmbH",
    "street": "Hauptstraße 5",
    "postcode": "80331",
    "city": "München",
    "country": "DE",
    "phone": "+49 89 123456",
    "contact_email": "info@werkstatt-mueller.de",
    "brands": [Brand.BMW],
    "status": Organisation.Status.PENDING,
}


def _user(email: str, **fields: object) -> User:
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load() -> str:
    now = clock.now()
    workshop, _ = Organisation.objects.get_or_create(vat_number="DK13585628", defaults=WORKSHOP)
    pending, _ = Organisation.objects.get_or_create(vat_number="DE136695976", defaults=PENDING)
    operator = _user(
        "operator@aftersales.local",
        full_name="Operator",
        is_staff=True,
        is_superuser=True,
        email_confirmed_at=now,
    )
    if workshop.status_changed_by is None:
        workshop.status_changed_by, workshop.status_changed_at = operator, now
        workshop.save(update_fields=["status_changed_by", "status_changed_at"])
    _user(
        "motorhj@mail.dk",
        full_name="Jens Motorhjørnet",
        organisation=workshop,
        is_org_admin=True,
        language="da",
        email_confirmed_at=now,
    )
    _user(
        "mekaniker@mail.dk",
        full_name="Ole Mekaniker",
        organisation=workshop,
        language="da",
        email_confirmed_at=now,
    )
    _user(
        "anna@werkstatt-mueller.de",
        full_name="Anna Müller",
        organisation=pending,
        is_org_admin=True,
        language="de",
    )
    return f"{User.objects.count()} users, {Organisation.objects.count()} organisations"
