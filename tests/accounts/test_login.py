import pytest
from django.test import Client
from django.urls import reverse

from aftersales.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("accounts:login")


def test_it_shows_the_walkthrough_elements(client: Client) -> None:
    page = client.get(URL).content.decode()
    for text in [
        "Logon",
        "E-mail address",
        "Password",
        "register here free of charge",
        "reset your password",
        "Have you forgotten your e-mail address?",
        "hasn't it been activated yet?",
        "Do not save this page in your bookmarks/favourites.",
    ]:
        assert text in page


def test_it_logs_on_and_lands_on_the_page_first_asked_for(client: Client, owner: User) -> None:
    asked = reverse("accounts:my_organisation")
    response = client.get(asked)
    assert response.status_code == 302 and response["Location"].startswith(URL)
    response = client.post(
        f"{URL}?next={asked}", {"username": owner.email, "password": PASSWORD, "next": asked}
    )
    assert response.status_code == 302
    assert response["Location"] == asked


def test_it_lands_on_the_overview_by_default(client: Client, owner: User) -> None:
    response = client.post(URL, {"username": "OWNER@example.com", "password": PASSWORD})
    assert response["Location"] == reverse("portal:overview")


def test_it_says_why_a_login_failed(client: Client, owner: User) -> None:
    response = client.post(URL, {"username": owner.email, "password": "wrong"})
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in response.content.decode()
    assert f'value="{owner.email}"' in response.content.decode()


def test_it_locks_the_address_after_repeated_failures(client: Client, owner: User) -> None:
    for _ in range(5):
        client.post(URL, {"username": owner.email, "password": "wrong"})
    response = client.post(URL, {"username": owner.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logon attempts" in response.content.decode()


def test_it_locks_the_address_whatever_its_case(client: Client, owner: User) -> None:
    # Log-in ignores case, so the lockout must too: else every spelling gets its own attempts.
    for variant in [
        "owner@example.com",
        "OWNER@example.com",
        "Owner@Example.com",
        "oWnEr@example.COM",
        "OWNER@EXAMPLE.COM",
    ]:
        client.post(URL, {"username": variant, "password": "wrong"})
    response = client.post(URL, {"username": "owNER@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logon attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_does_not_lock_other_addresses(client: Client, owner: User, teammate: User) -> None:
    for _ in range(5):
        client.post(URL, {"username": owner.email, "password": "wrong"})
    response = client.post(URL, {"username": teammate.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("portal:overview")
    assert client.session["_auth_user_id"] == str(teammate.pk)


def test_it_refuses_a_deactivated_user(client: Client, teammate: User) -> None:
    teammate.is_active = False
    teammate.save()
    response = client.post(URL, {"username": teammate.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_logs_out(client_for, owner: User) -> None:
    client = client_for(owner)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:landing")
    response = client.get(reverse("portal:overview"))
    assert response.status_code == 302 and response["Location"].startswith(URL)
