"""My data → Change e-mail address: a recent second factor and the password, a signed link to
the new address before the account moves, the old address told, one account per address."""

from __future__ import annotations

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.emails import EMAIL_CHANGE_SALT
from aftersales.accounts.models import OutgoingEmail, User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

CHANGE = reverse("accounts:email_change")


def ask(client: Client, new_email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(CHANGE, {"new_email": new_email, "password": password})


def mails_to(address: str) -> list[OutgoingEmail]:
    return [e for e in OutgoingEmail.objects.order_by("pk") if address in e.to]


def confirm_path(address: str) -> str:
    (email,) = mails_to(address)
    match = re.search(r"/accounts/my-data/e-mail/confirm/[^/\s]+/", email.body)
    assert match is not None, email.body
    return match.group(0)


def test_it_sends_a_link_to_the_new_address(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = ask(client_for(owner), "new@example.com")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:my_data")
    assert confirm_path("new@example.com")


def test_it_keeps_the_old_address_until_the_link_is_opened(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    ask(client_for(owner), "new@example.com")
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"


def test_it_moves_the_account_when_the_link_is_confirmed(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    ask(client, "New@Example.com")
    response = client.post(confirm_path("new@example.com"))
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.email == "new@example.com"


def test_it_lets_the_user_log_on_with_the_new_address(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    ask(client, "new@example.com")
    client.post(confirm_path("new@example.com"))
    response = Client().post(
        reverse("accounts:login"), {"username": "new@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_it_tells_the_old_address(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    ask(client, "new@example.com")
    client.post(confirm_path("new@example.com"))
    (told,) = mails_to("owner@example.com")
    assert "new@example.com" in told.body


def test_it_changes_nothing_when_the_link_is_only_opened(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    ask(client, "new@example.com")
    response = client.get(confirm_path("new@example.com"))
    assert response.status_code == 200 and b"new@example.com" in response.content
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"


def test_it_refuses_a_wrong_password(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = ask(client_for(owner), "new@example.com", password="wrong")
    assert response.status_code == 200 and "password" in response.context["form"].errors
    assert not mails_to("new@example.com")


def test_it_refuses_the_address_the_account_has(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = ask(client_for(owner), "Owner@example.com")
    assert "ACC-0023" in str(response.context["form"].errors["new_email"])


def test_it_refuses_a_line_break_in_the_address(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = ask(client_for(owner), "new@example.com\r\nBcc: x@example.com")
    assert response.status_code == 200 and "new_email" in response.context["form"].errors
    assert OutgoingEmail.objects.count() == 0


def test_it_answers_a_taken_address_as_any_other(client_for, owner: User, teammate: User) -> None:  # type: ignore[no-untyped-def]
    response = ask(client_for(owner), teammate.email)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:my_data")


def test_it_tells_a_taken_address_instead_of_sending_a_link(
    client_for, owner: User, teammate: User
) -> None:  # type: ignore[no-untyped-def]
    ask(client_for(owner), teammate.email)
    (told,) = mails_to(teammate.email)
    assert "/confirm/" not in told.body and "already has an account" in told.body


def test_it_refuses_an_address_taken_after_the_link_was_sent(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    ask(client, "new@example.com")
    make_user("new@example.com", None)
    response = client.post(confirm_path("new@example.com"))
    assert response.status_code == 422 and b"ACC-0020" in response.content
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"


def test_it_refuses_another_users_link(client_for, owner: User, outsider: User) -> None:  # type: ignore[no-untyped-def]
    ask(client_for(owner), "new@example.com")
    response = client_for(outsider).post(confirm_path("new@example.com"))
    assert response.status_code == 400 and b"ACC-0024" in response.content
    outsider.refresh_from_db()
    owner.refresh_from_db()
    assert (outsider.email, owner.email) == ("outsider@example.com", "owner@example.com")


def test_it_refuses_a_teammates_link(client_for, owner: User, teammate: User) -> None:  # type: ignore[no-untyped-def]
    ask(client_for(owner), "new@example.com")
    response = client_for(teammate).post(confirm_path("new@example.com"))
    assert response.status_code == 400
    teammate.refresh_from_db()
    assert teammate.email == "teammate@example.com"


def test_it_asks_a_visitor_to_log_on_before_confirming(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    ask(client_for(owner), "new@example.com")
    response = Client().post(confirm_path("new@example.com"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"


def test_it_uses_a_link_once(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    ask(client, "first@example.com")
    ask(client, "second@example.com")
    client.post(confirm_path("first@example.com"))
    response = client.post(confirm_path("second@example.com"))
    assert response.status_code == 400
    owner.refresh_from_db()
    assert owner.email == "first@example.com"


def test_it_refuses_a_forged_link(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    forged = signing.dumps(
        {"user": owner.pk, "old": owner.email, "new": "x@example.com"}, salt="another-salt"
    )
    response = client_for(owner).post(reverse("accounts:email_change_confirm", args=[forged]))
    assert response.status_code == 400
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"


def test_it_refuses_an_expired_link(client_for, owner: User, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    signed_at = time.time() - 25 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: signed_at)
    token = signing.dumps(
        {"user": owner.pk, "old": owner.email, "new": "x@example.com"}, salt=EMAIL_CHANGE_SALT
    )
    monkeypatch.undo()
    response = client_for(owner).post(reverse("accounts:email_change_confirm", args=[token]))
    assert response.status_code == 400


def test_it_asks_for_a_recent_second_factor(owner: User) -> None:
    TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    client = Client()
    client.force_login(owner)
    response = ask(client, "new@example.com")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa:confirm"))
    assert not mails_to("new@example.com")


def test_it_shows_the_page_in_german(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    owner.language = "de"
    owner.save()
    client = client_for(owner)
    client.cookies["django_language"] = "de"
    response = client.get(CHANGE)
    assert "E-Mail-Adresse ändern" in response.content.decode()
