"""The back office's list of authenticator apps: never the key nor its QR code (django-otp's
views answer 403 for any id, also one that does not exist, instead of 500)."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_app(owner: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)


def test_it_hides_a_users_key_on_the_change_page(client_for, operator, owner_app) -> None:  # type: ignore[no-untyped-def]
    response = client_for(operator).get(f"/back-office/otp_totp/totpdevice/{owner_app.pk}/change/")
    assert response.status_code == 200 and owner_app.key not in response.content.decode()


@pytest.mark.parametrize("view", ["config", "qrcode"])
def test_it_refuses_the_key_views(client_for, operator, owner_app, view) -> None:  # type: ignore[no-untyped-def]
    response = client_for(operator).get(f"/back-office/otp_totp/totpdevice/{owner_app.pk}/{view}/")
    assert response.status_code == 403


@pytest.mark.parametrize("pk", ["0", "4711", str(2**63)])
def test_it_answers_403_not_500_for_an_unknown_device(client_for, operator, pk) -> None:  # type: ignore[no-untyped-def]
    response = client_for(operator).get(f"/back-office/otp_totp/totpdevice/{pk}/qrcode/")
    assert response.status_code == 403


def test_it_refuses_the_key_views_to_a_workshop_user(client_for, owner, owner_app) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(f"/back-office/otp_totp/totpdevice/{owner_app.pk}/config/")
    assert response.status_code == 302 and "/login/" in response["Location"]
