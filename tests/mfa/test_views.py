"""My data → Two-factor log-on: enrol, list, remove; the recent second factor."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.models import User
from aftersales.api.models import ApiToken
from aftersales.mfa.flow import VERIFIED_AT_KEY
from aftersales.mfa.models import RecoveryCode, WebAuthnDevice

from .conftest import code_for

pytestmark = pytest.mark.django_db

SECURITY = reverse("mfa:security")


def _stale(client: Client) -> None:
    session = client.session
    session[VERIFIED_AT_KEY] = time.time() - 3600
    session.save()


def test_it_adds_an_authenticator_app_with_its_first_code(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    page = client.get(reverse("mfa:totp_add")).content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page
    device = TOTPDevice.objects.get(user=owner, confirmed=False)
    response = client.post(reverse("mfa:totp_add"), {"code": code_for(device), "name": "Phone"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed and device.name == "Phone"
    assert RecoveryCode.objects.filter(device__user=owner).count() == 10


def test_it_refuses_a_wrong_first_code(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    client.get(reverse("mfa:totp_add"))
    response = client.post(reverse("mfa:totp_add"), {"code": "123456", "name": "Phone"})
    assert response.status_code == 422 and "MFA-0001" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=owner, confirmed=True).exists()


def test_it_lists_the_factors(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    TOTPDevice.objects.create(user=owner, name="Workshop phone", confirmed=True)
    WebAuthnDevice.objects.create(user=owner, name="YubiKey", credential_id="abc", public_key=b"k")
    page = client_for(owner).get(SECURITY).content.decode()
    assert "Workshop phone" in page and "YubiKey" in page


def test_it_removes_a_factor(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    device = TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    client = client_for(owner)
    response = client.post(reverse("mfa:factor_remove", args=["totp", device.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_it_refuses_to_remove_the_last_factor_where_one_is_required(
    client_for, operator: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(operator)
    device = TOTPDevice.objects.get(user=operator)
    response = client.post(reverse("mfa:factor_remove", args=["totp", device.pk]), follow=True)
    assert "MFA-0003" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_it_asks_for_a_recent_factor_before_removing_one(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    client = client_for(owner)
    _stale(client)
    device = TOTPDevice.objects.get(user=owner)
    response = client.post(reverse("mfa:factor_remove", args=["totp", device.pk]))
    assert response["Location"].startswith(reverse("mfa:confirm"))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_it_asks_for_a_recent_factor_before_creating_an_api_token(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    client = client_for(owner)
    _stale(client)
    response = client.post(reverse("api:tokens"), {"name": "DMS", "scope": "read"})
    assert response["Location"].startswith(reverse("mfa:confirm"))
    assert not ApiToken.objects.filter(user=owner).exists()


def test_it_asks_for_a_recent_factor_before_changing_the_password(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    client = client_for(owner)
    _stale(client)
    response = client.get(reverse("accounts:password_change"))
    assert response["Location"].startswith(reverse("mfa:confirm"))


def test_it_confirms_a_recent_factor_and_returns(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    device = TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    client = client_for(owner)
    _stale(client)
    asked = reverse("accounts:password_change")
    response = client.post(
        f"{reverse('mfa:confirm')}?next={asked}", {"method": "totp", "code": code_for(device)}
    )
    assert response["Location"] == asked
    assert client.get(asked).status_code == 200


def test_it_keeps_api_tokens_working_for_a_user_with_a_factor(
    client_for, owner: User, applications
) -> None:  # type: ignore[no-untyped-def]
    from aftersales.api.services import token_create

    TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    _token, raw = token_create(actor=owner, name="DMS", scope="read")
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_it_makes_new_recovery_codes_and_voids_the_old(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    from aftersales.mfa import services

    TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    old = services.recovery_codes_create(user=owner)
    client = client_for(owner)
    response = client.post(reverse("mfa:recovery_codes"))
    assert response.status_code == 302
    page = client.get(SECURITY).content.decode()
    assert "Your recovery codes" in page and old[0] not in page
    assert RecoveryCode.objects.filter(device__user=owner).count() == 10


def test_it_hides_another_users_factor(client_for, owner: User, outsider: User) -> None:  # type: ignore[no-untyped-def]
    theirs = TOTPDevice.objects.create(user=outsider, name="Theirs", confirmed=True)
    response = client_for(owner).post(reverse("mfa:factor_remove", args=["totp", theirs.pk]))
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_it_lets_an_organisation_administrator_require_it(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    from aftersales.accounts.services import ORGANISATION_EDITABLE_FIELDS

    assert "require_second_factor" in ORGANISATION_EDITABLE_FIELDS
    page = client_for(owner).get(reverse("accounts:my_organisation")).content.decode()
    assert "Second factor required for all users" in page
