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


# --- lockout by address and client together (issue 15, finding 9) ---------------------------


def _fail(client: Client, email: str, times: int = 5, **extra: str) -> None:
    for _ in range(times):
        client.post(URL, {"username": email, "password": "wrong"}, **extra)


def test_it_keeps_a_user_able_to_log_on_while_someone_elsewhere_fails(owner: User) -> None:
    _fail(Client(), owner.email, REMOTE_ADDR="203.0.113.9")
    response = Client().post(
        URL, {"username": owner.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:overview")


def test_it_keeps_brute_force_from_one_client_locked(owner: User) -> None:
    _fail(Client(), owner.email, REMOTE_ADDR="203.0.113.9")
    response = Client().post(
        URL, {"username": owner.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429


def test_it_tells_clients_apart_behind_the_trusted_proxy(owner: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.2"]
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    _fail(Client(), owner.email, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    user = Client().post(
        URL,
        {"username": owner.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert user.status_code == 302
    attacker = Client().post(
        URL,
        {"username": owner.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **proxy,
    )
    assert attacker.status_code == 429


def test_it_ignores_a_forwarded_address_from_an_untrusted_client(owner: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.2"]
    for spoofed in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        Client().post(
            URL,
            {"username": owner.email, "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=spoofed,
        )
    response = Client().post(
        URL, {"username": owner.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429


def test_it_throttles_a_client_that_tries_many_addresses(teammate: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_CLIENT_FAILURE_LIMIT = 8
    client = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(8):
        client.post(URL, {"username": f"guess{number}@example.com", "password": "wrong"})
    response = client.post(URL, {"username": teammate.email, "password": PASSWORD})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(URL, {"username": teammate.email, "password": PASSWORD}).status_code == 302
