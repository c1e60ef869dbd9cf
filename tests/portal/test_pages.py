import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from aftersales.accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_shows_the_landing_page(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "Welcome to Aftersales" in page
    assert "Register now" in page and "Already registered? Login now" in page


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("technical-requirements", "Technical requirements"),
        ("conditions-of-use", "Conditions of use"),
        ("imprint", "Imprint"),
        ("privacy", "Privacy"),
    ],
)
def test_it_shows_the_legal_pages(client: Client, name: str, heading: str) -> None:
    response = client.get(reverse(f"portal:{name}"))
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_it_switches_the_language_for_a_visitor(client: Client) -> None:
    client.post(reverse("accounts:switch_language"), {"language": "da", "next": "/"})
    assert "Velkommen til Aftersales" in client.get("/").content.decode()


def test_it_switches_the_language_to_german(client: Client) -> None:
    client.post(reverse("accounts:switch_language"), {"language": "de", "next": "/"})
    page = client.get("/").content.decode()
    assert "Willkommen bei Aftersales" in page and '<html lang="de"' in page


def test_it_offers_german_in_the_language_switch(client: Client) -> None:
    assert 'name="language" value="de"' in client.get("/").content.decode()


def test_it_remembers_the_language_of_a_logged_in_user(client_for, owner: User) -> None:
    client = client_for(owner)
    client.post(reverse("accounts:switch_language"), {"language": "da", "next": "/overview/"})
    owner.refresh_from_db()
    assert owner.language == "da"
    fresh = client_for(owner)  # another browser: no cookie, the user's language still wins
    assert "Oversigt" in fresh.get(reverse("portal:overview")).content.decode()


def test_it_ignores_a_foreign_next_url(client: Client) -> None:
    response = client.post(
        reverse("accounts:switch_language"), {"language": "da", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_it_loads_the_demo_data_idempotently() -> None:
    call_command("load_demo_data")
    counts = {m: m.objects.count() for m in _demo_models()}
    call_command("load_demo_data")
    assert {m: m.objects.count() for m in _demo_models()} == counts
    assert User.objects.filter(email="motorhj@mail.dk", organisation__status="verified").exists()


def _demo_models() -> list:  # type: ignore[type-arg]
    from django.apps import apps

    return [m for m in apps.get_models() if m.__module__.startswith("aftersales.")]


def test_it_sends_a_content_security_policy(client: Client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_it_has_no_inline_script_that_the_policy_would_block() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "aftersales"
    inline = [
        f"{path.relative_to(root)}: {tag}"
        for path in root.glob("*/templates/**/*.html")
        for tag in re.findall(r"<script\b[^>]*>", path.read_text())
        if "src=" not in tag and "application/json" not in tag
    ]
    assert inline == []


@pytest.mark.parametrize("next_url", ["abc", "accounts:login", "javascript:alert(1)", "//evil"])
def test_it_sends_a_next_that_is_no_local_path_to_the_start(client: Client, next_url: str) -> None:
    response = client.post(
        reverse("accounts:switch_language"), {"language": "da", "next": next_url}
    )
    assert (response.status_code, response["Location"]) == (302, "/")


def test_it_sets_the_language_cookie_secure_when_told(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post(reverse("accounts:switch_language"), {"language": "da", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] is True and cookie["samesite"] == "Lax"


def test_it_sets_the_language_cookie_of_my_data_secure_when_told(
    client_for, owner: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client_for(owner).post(
        reverse("accounts:my_data"), {"full_name": "Olga", "language": "da"}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"] is True
