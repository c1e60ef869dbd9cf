"""The demo's organisations: the pending workshop is German and its data passes German checks."""

import pytest

from aftersales.accounts import demo
from aftersales.accounts.address import clean_phone, clean_postcode
from aftersales.accounts.models import Organisation, User
from aftersales.accounts.vat import clean_vat_number

pytestmark = pytest.mark.django_db


def test_it_makes_the_pending_workshop_a_german_one() -> None:
    demo.load()
    pending = Organisation.objects.get(status=Organisation.Status.PENDING)
    assert pending.country == "DE"
    assert clean_vat_number("DE", pending.vat_number) == pending.vat_number
    assert clean_postcode("DE", pending.postcode) == pending.postcode
    assert clean_phone("DE", pending.phone) == pending.phone


def test_it_gives_the_german_workshops_administrator_german() -> None:
    demo.load()
    admin = User.objects.get(organisation__country="DE", is_org_admin=True)
    assert admin.language == "de"
