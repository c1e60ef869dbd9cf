from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aftersales.accounts.vat import clean_vat_number, vat_amount, vat_rate


def test_it_accepts_a_danish_number_with_or_without_prefix() -> None:
    assert clean_vat_number("DK", "13585628") == "DK13585628"
    assert clean_vat_number("DK", "dk 13 58 56 28") == "DK13585628"


def test_it_accepts_a_german_number() -> None:
    assert clean_vat_number("DE", "DE136695976") == "DE136695976"


def test_it_refuses_a_wrong_check_digit() -> None:
    with pytest.raises(ValidationError) as error:
        clean_vat_number("DK", "13585629")
    assert "Denmark" in error.value.messages[0]


def test_it_refuses_a_number_of_another_country_format() -> None:
    with pytest.raises(ValidationError):
        clean_vat_number("DE", "13585628")


def test_it_writes_el_for_greece() -> None:
    assert clean_vat_number("GR", "094259216").startswith("EL")


def test_it_rounds_the_vat_half_up_to_the_cent() -> None:
    assert vat_amount(Decimal("0.10"), vat_rate("dk")) == Decimal("0.03")


def test_it_has_no_vat_rate_for_a_country_the_portal_does_not_serve() -> None:
    assert vat_rate("US") == Decimal("0")


def test_it_names_the_countries_in_the_users_language() -> None:
    from django.utils import translation

    from aftersales.accounts.vat import country_choices

    with translation.override("da"):
        assert dict(country_choices())["DK"] == "Danmark"
    with translation.override("en"):
        assert dict(country_choices())["DK"] == "Denmark"


def test_it_refuses_a_german_number_with_a_wrong_check_digit() -> None:
    with pytest.raises(ValidationError):
        clean_vat_number("DE", "DE136695977")


def test_it_names_the_countries_in_german() -> None:
    from django.utils import translation

    from aftersales.accounts.vat import country_choices

    with translation.override("de"):
        assert dict(country_choices())["DE"] == "Deutschland"
