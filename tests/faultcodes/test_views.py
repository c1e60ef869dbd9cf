"""The pages: access, the lookup (normalised codes, coded messages), search in both languages,
a code's page, escaping."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from aftersales.faultcodes.models import FaultCode

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"faultcodes:{name}", kwargs=kwargs)


@pytest.fixture
def client(owner, client_for, access, pack):  # type: ignore[no-untyped-def]
    return client_for(owner)


def test_it_sends_anonymous_users_to_the_login(applications) -> None:
    response = Client().get(url("lookup"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_needs_a_ticket(owner, client_for, applications) -> None:
    response = client_for(owner).get(url("lookup"))
    assert response.status_code == 403
    assert "ticket" in response.content.decode().lower()


def test_it_is_started_from_the_catalogue(client) -> None:
    response = client.post(
        reverse("catalogue:start", kwargs={"slug": "emission-relevant-fault-codes"})
    )
    assert response.status_code == 302 and response["Location"] == url("lookup")


@pytest.mark.parametrize("typed", ["p0301", "P0301 ", "0301"])
def test_it_opens_the_normalised_code(client, typed: str) -> None:
    response = client.get(url("lookup"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == url("code", code="P0301")


def test_it_names_the_broken_rule_and_keeps_the_input(client) -> None:
    response = client.get(url("lookup"), {"code": "P4X01"})
    page = response.content.decode()
    assert "FC-0001 The second character must be a digit 0-3, not “4”." in page
    assert 'value="P4X01"' in page


def test_it_says_when_a_well_formed_code_is_not_in_the_catalogue(client) -> None:
    page = client.get(url("lookup"), {"code": "P1A23"}).content.decode()
    assert "FC-0002 P1A23 is a well-formed manufacturer-specific code" in page


def test_it_shows_a_codes_meaning_causes_and_scope(client) -> None:
    response = client.get(url("code", code="P0420"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Catalytic converter efficiency below the threshold (bank 1)" in page
    assert "Generic (ISO/SAE)" in page and "Auxiliary emission controls" in page
    assert "Emission-relevant" in page and "Catalytic converter aged or damaged" in page


def test_it_redirects_a_code_address_to_the_normalised_code(client) -> None:
    response = client.get(url("code", code="p0420"))
    assert response.status_code == 302 and response["Location"] == url("code", code="P0420")


def test_it_answers_404_for_a_code_without_entries(client) -> None:
    response = client.get(url("code", code="P1A23"))
    assert response.status_code == 404
    assert "FC-0002 P1A23 is well-formed" in response.content.decode()


def test_it_finds_descriptions_by_english_words(client) -> None:
    page = client.get(url("lookup"), {"search": "catalytic bank 2"}).content.decode()
    assert "P0430" in page and "P0420" not in page


def test_it_finds_descriptions_by_danish_words(client) -> None:
    page = client.get(url("lookup"), {"search": "fejltænding cylinder 3"}).content.decode()
    assert url("code", code="P0303") in page


def test_it_shows_danish_descriptions_to_a_danish_user(owner, client) -> None:
    owner.language = "da"
    owner.save(update_fields=["language"])
    page = client.get(url("code", code="P0301")).content.decode()
    assert "Fejltænding i cylinder 1" in page


def test_it_asks_for_a_word_when_the_search_is_empty(client) -> None:
    page = client.get(url("lookup"), {"search": " a "}).content.decode()
    assert "FC-0008 Please enter a word of at least 2 characters" in page


def test_it_escapes_html_in_descriptions(client) -> None:
    FaultCode.objects.create(code="P1A00", brand="bmw", description="<b>bold</b> & more")
    page = client.get(url("code", code="P1A00")).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page and "<b>bold</b>" not in page


def test_it_goes_from_a_vin_to_the_vehicles_reports(client, vehicle) -> None:
    response = client.get(url("lookup"), {"vin": "a193748"})
    assert response.status_code == 302
    assert response["Location"] == url("vehicle", vin="WBAUV71070A193748")


def test_it_refuses_the_outsider_without_a_ticket(outsider, client_for, applications) -> None:
    assert client_for(outsider).get(url("code", code="P0420")).status_code == 403


def test_it_sends_a_malformed_code_address_back_to_the_lookup_with_the_rule(client) -> None:
    response = client.get(url("code", code="Q0301"), follow=True)
    assert response.redirect_chain == [(url("lookup"), 302)]
    assert "FC-0001 The first character must be P, B, C or U, not “Q”." in response.content.decode()
