"""Key readers: device tokens made by the organisation administrator (or the operator), shown
once, listed for the organisation, revoked by its administrators; never from My data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aftersales.api.models import ApiToken
from aftersales.api.services import device_token_create, token_create
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db

DEVICES = reverse("keyreader:devices")


def test_it_lets_the_administrator_make_a_device_token_shown_once(
    client_for, owner, tickets
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    page = client.post(DEVICES, {"name": "Reception 1"}, follow=True).content.decode()
    token = ApiToken.objects.get(scope="key-reader")
    assert token.user == owner and token.name == "Reception 1"
    assert f"as_{token.prefix}_" in page and "shown only this once" in page
    assert "shown only this once" not in client.get(DEVICES).content.decode()


def test_it_lets_a_user_who_is_not_administrator_only_look(
    client_for, owner, teammate, tickets
) -> None:  # type: ignore[no-untyped-def]
    device_token_create(actor=owner, administrator=owner, name="Reception 1")
    client = client_for(teammate)
    page = client.get(DEVICES).content.decode()
    assert "Reception 1" in page and "Add a key reader" not in page
    client.post(DEVICES, {"name": "Sneaky"})
    assert ApiToken.objects.filter(scope="key-reader").count() == 1


def test_it_shows_the_outsider_none_of_the_devices(client_for, owner, outsider, tickets) -> None:  # type: ignore[no-untyped-def]
    device_token_create(actor=owner, administrator=owner, name="Reception 1")
    assert "Reception 1" not in client_for(outsider).get(DEVICES).content.decode()


def test_it_answers_404_when_the_outsider_revokes_a_device(
    client_for, owner, outsider, tickets
) -> None:  # type: ignore[no-untyped-def]
    token, _raw = device_token_create(actor=owner, administrator=owner, name="Reception 1")
    response = client_for(outsider).post(reverse("keyreader:device_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_it_lets_another_administrator_of_the_workshop_revoke(client_for, owner, tickets) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_user

    second = make_user("second@example.com", owner.organisation, is_org_admin=True)
    token, _raw = device_token_create(actor=owner, administrator=owner, name="Reception 1")
    client_for(second).post(reverse("keyreader:device_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert not token.is_active


def test_it_refuses_a_device_token_for_a_user_who_is_not_administrator(teammate) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as caught:
        device_token_create(actor=teammate, administrator=teammate, name="Reception")
    assert caught.value.code == "API-0014"


def test_it_refuses_a_device_token_made_for_someone_else(owner, outsider) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation) as caught:
        device_token_create(actor=outsider, administrator=owner, name="Reception")
    assert caught.value.code == "API-0014"


def test_it_keeps_device_tokens_out_of_my_data(client_for, owner) -> None:  # type: ignore[no-untyped-def]
    page = client_for(owner).get(reverse("api:tokens")).content.decode()
    assert 'value="key-reader"' not in page
    with pytest.raises(RuleViolation) as caught:
        token_create(actor=owner, name="Sneaky", scope="key-reader")
    assert caught.value.code == "API-0011"
