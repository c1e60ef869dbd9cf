import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from aftersales.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db

URL = reverse("accounts:register")


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Nyt Værksted ApS",
        "street": "Vejlevej 3",
        "postcode": "8000",
        "city": "Aarhus",
        "country": "DK",
        "vat_number": "DK 10150817",
        "phone": "+45 86 00 00 00",
        "contact_email": "info@nyt.example",
        "brands": ["bmw", "mini"],
        "admin_full_name": "Nina Ny",
        "admin_email": "Nina@Nyt.example",
        "password1": "Bremseskive-2026",
        "password2": "Bremseskive-2026",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def test_it_shows_the_registration_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert "Register your organisation free of charge" in response.content.decode()


def test_it_creates_a_pending_organisation_with_its_administrator(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())
    assert response.status_code == 302
    organisation = Organisation.objects.get(vat_number="DK10150817")
    assert organisation.status == Organisation.Status.PENDING
    admin = User.objects.get(email="nina@nyt.example")
    assert admin.organisation == organisation and admin.is_org_admin
    assert admin.check_password("Bremseskive-2026")
    assert mail.outbox[0].to == ["nina@nyt.example"]
    assert "/accounts/confirm/" in mail.outbox[0].body


def test_it_tells_the_operators_about_a_new_registration(
    client: Client, operator: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data())
    operator_mails = [m for m in mail.outbox if m.to == [operator.email]]
    assert "Nyt Værksted ApS" in operator_mails[0].subject


def test_it_keeps_a_trade_licence(client: Client) -> None:
    licence = SimpleUploadedFile("licence.pdf", b"%PDF-1.4 licence", content_type="application/pdf")
    client.post(URL, {**form_data(), "trade_licence": licence})
    organisation = Organisation.objects.get(vat_number="DK10150817")
    assert organisation.trade_licence.read() == b"%PDF-1.4 licence"


def test_it_refuses_a_trade_licence_of_another_type(client: Client) -> None:
    upload = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(URL, {**form_data(), "trade_licence": upload})
    assert "Please upload a PDF, JPEG or PNG file." in response.content.decode()


def test_it_refuses_a_web_page_declared_as_a_pdf(client: Client) -> None:
    # The browser's content type is the sender's word: a page with a script must not be stored
    # (the operator opens trade licences in the back office, logged in as a superuser).
    upload = SimpleUploadedFile(
        "licence.html", b"<script>alert(1)</script>", content_type="application/pdf"
    )
    response = client.post(URL, {**form_data(), "trade_licence": upload})
    assert "Please upload a PDF, JPEG or PNG file." in response.content.decode()
    assert not Organisation.objects.exists()


def test_it_refuses_an_invalid_vat_number_and_keeps_what_was_typed(client: Client) -> None:
    response = client.post(URL, form_data(vat_number="DK13585629"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This is not a valid VAT number for Denmark" in page
    assert 'value="Nyt Værksted ApS"' in page and 'value="Vejlevej 3"' in page
    assert not Organisation.objects.exists()


def test_it_refuses_a_duplicate_vat_number(client: Client, organisation: Organisation) -> None:
    response = client.post(URL, form_data(vat_number=organisation.vat_number))
    assert (
        "An organisation with this VAT number is already registered." in response.content.decode()
    )


def _answer(client: Client, **data: object):  # type: ignore[no-untyped-def]
    response = client.post(URL, form_data(**data), follow=True)
    cookies = sorted(name for name, cookie in client.cookies.items() if cookie.value)
    page = re.sub(
        r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", response.content.decode()
    )
    return response.status_code, response.redirect_chain, page, cookies


def test_it_answers_the_same_for_an_address_that_has_an_account(
    owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        taken = _answer(Client(), admin_email=owner.email.upper())
        new = _answer(Client(), admin_email="someone-new@nyt.example", vat_number="DK29403473")
    assert taken == new
    assert "A user with this e-mail address already exists." not in taken[2]


def test_it_tells_the_owner_of_a_taken_address_by_email(
    client: Client, owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(admin_email=owner.email))
    assert [m.to for m in mail.outbox if m.to == [owner.email]] == [[owner.email]]
    message = next(m for m in mail.outbox if m.to == [owner.email])
    assert "already has an account" in message.body and "/accounts/password-reset/" in message.body
    assert not Organisation.objects.filter(vat_number="DK10150817").exists()
    assert User.objects.filter(email=owner.email).count() == 1


def test_it_refuses_a_malformed_email(client: Client) -> None:
    response = client.post(URL, form_data(admin_email="nina-at-nyt"))
    assert "Enter a valid email address." in response.content.decode()


def test_it_refuses_a_weak_password(client: Client) -> None:
    response = client.post(URL, form_data(password1="password", password2="password"))
    page = response.content.decode()
    assert "This password is too short" in page or "This password is too common" in page
    assert not User.objects.exists()


def test_it_names_each_missing_field(client: Client) -> None:
    response = client.post(URL, form_data(name="", city=""))
    assert response.content.decode().count("This field is required.") == 2


def test_it_answers_in_danish(client: Client) -> None:
    client.cookies["django_language"] = "da"
    response = client.post(URL, form_data(vat_number="DK13585629"))
    assert "Ret venligst" in response.content.decode()


def test_it_confirms_the_email_address(client: Client, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data())
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/confirm/" in line)
    response = client.get(link.split("http://127.0.0.1:8000")[-1])
    assert response.status_code == 200
    assert User.objects.get(email="nina@nyt.example").email_confirmed


def test_it_refuses_a_forged_confirmation_link(client: Client) -> None:
    response = client.get(reverse("accounts:confirm_email", args=["forged"]))
    assert response.status_code == 400
    assert "This confirmation link is invalid or has expired." in response.content.decode()
