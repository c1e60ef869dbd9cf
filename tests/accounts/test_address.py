"""Postcodes and phone numbers are checked against the format of the organisation's country."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from aftersales.accounts.address import clean_phone, clean_postcode
from aftersales.accounts.models import Organisation
from aftersales.accounts.vat import COUNTRIES


@pytest.mark.parametrize(
    ("country", "postcode", "stored"),
    [
        ("DK", "7100", "7100"),
        ("DE", " 80331 ", "80331"),
        ("NL", "1012 ab", "1012 AB"),
        ("GB", "sw1a 1aa", "SW1A 1AA"),
        ("PL", "00-950", "00-950"),
        ("SE", "114 55", "114 55"),
        ("PT", "1000-001", "1000-001"),
        ("IE", "D02 X285", "D02 X285"),
        ("MT", "VLT 1117", "VLT 1117"),
        ("LV", "LV-1050", "LV-1050"),
    ],
)
def test_it_accepts_the_postcodes_of_a_country(country: str, postcode: str, stored: str) -> None:
    assert clean_postcode(country, postcode) == stored


@pytest.mark.parametrize(
    ("country", "postcode"),
    [("DK", "71000"), ("DE", "8033"), ("NL", "AB 1012"), ("GB", "12345"), ("DK", "ABCD")],
)
def test_it_refuses_a_postcode_of_another_format(country: str, postcode: str) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_postcode(country, postcode)
    assert "ACC-0012" in str(refused.value)


def test_it_knows_the_postcodes_of_every_country_served() -> None:
    from aftersales.accounts.address import PHONE_PLANS, POSTCODE_FORMATS

    assert set(POSTCODE_FORMATS) == set(COUNTRIES) == set(PHONE_PLANS)


@pytest.mark.parametrize(
    ("country", "phone"),
    [
        ("DK", "+45 11 22 33 44"),
        ("DK", "11223344"),
        ("DK", "0045 11 22 33 44"),
        ("DE", "+49 89 123456"),
        ("DE", "089 123456"),
        ("GB", "+44 (0)20 7946 0018"),
        ("FR", "01 23 45 67 89"),
        ("NL", "+31 20 123 4567"),
    ],
)
def test_it_accepts_the_phone_numbers_of_a_country(country: str, phone: str) -> None:
    assert clean_phone(country, phone) == phone.strip()


@pytest.mark.parametrize(
    ("country", "phone"),
    [
        ("DK", "+45 11 22 33"),  # too short
        ("DK", "+49 89 123456"),  # another country's calling code
        ("DE", "12"),
        ("DK", "call us"),
        ("DK", "+45 11 22 33 44 ext. 5"),
    ],
)
def test_it_refuses_a_phone_number_of_another_format(country: str, phone: str) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_phone(country, phone)
    assert "ACC-0013" in str(refused.value)


@pytest.mark.django_db
def test_it_refuses_a_postcode_and_phone_of_another_country_at_registration(
    client: Client,
) -> None:
    from tests.accounts.test_registration import form_data

    response = client.post(
        reverse("accounts:register"), form_data(postcode="80331", phone="+49 89 123456")
    )
    page = response.content.decode()
    assert "ACC-0012" in page and "ACC-0013" in page and 'value="80331"' in page
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_it_explains_a_german_postcode_in_german_at_registration(client: Client) -> None:
    from tests.accounts.test_registration import form_data

    client.cookies["django_language"] = "de"
    data = form_data(country="DE", vat_number="DE136695976", postcode="8033", phone="+49 89 123456")
    page = client.post(reverse("accounts:register"), data).content.decode()
    assert "ACC-0012" in page and "keine Postleitzahl des Landes Deutschland" in page
    assert "ACC-0013" not in page


@pytest.mark.django_db
def test_it_registers_a_german_workshop(client: Client) -> None:
    from tests.accounts.test_registration import form_data

    data = form_data(
        country="DE", vat_number="de 136 695 976", postcode="80331", phone="089 123456"
    )
    client.post(reverse("accounts:register"), data)
    organisation = Organisation.objects.get()
    assert (organisation.vat_number, organisation.postcode) == ("DE136695976", "80331")
